import Link from "next/link";
import { column, DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate, getMessages, interpolate, createTranslator, type Locale } from "@/lib/i18n/catalogue";
import { periodLabel } from "@/lib/i18n/periods";
import type { BulletinSummary } from "@/lib/server/bulletins";
import type { PeriodOverviewRow } from "@/lib/server/periods";
import { GenerateBulletinForm, PeriodLockButton } from "./bulletin-actions";
import { BulletinDownloads } from "./bulletin-downloads";
import { BulletinStateBadge } from "./bulletin-state-badge";

/** /reports: the archive for everyone; drafts, generation and period locking for reviewers and admins. */
export function ReportsArchive({
  locale,
  bulletins,
  periods,
  reviewer,
}: {
  locale: Locale;
  bulletins: BulletinSummary[];
  periods: PeriodOverviewRow[];
  reviewer: boolean;
}) {
  const m = getMessages(locale).bulletin;
  const t = createTranslator(locale);
  const published = bulletins.filter((b) => b.state !== "DRAFT");
  const drafts = bulletins.filter((b) => b.state === "DRAFT");
  const label = (code: string) => {
    const [year, index] = code.split("-P").map(Number) as [number, number];
    return periodLabel({ year, index }, locale, t);
  };
  const item = (b: BulletinSummary) => (
    <li key={b.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <Link
          href={`/reports/${b.periodCode}?version=${b.version}`}
          className="font-medium text-brand-700 hover:underline"
        >
          {b.title}
        </Link>
        <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
          <BulletinStateBadge state={b.state} label={m.state[b.state]} />
          <span>{interpolate(m.versionLabel, { version: b.version })}</span>
          <span>
            {b.publishedAt
              ? interpolate(m.publishedOn, { date: formatDate(locale, b.publishedAt) })
              : interpolate(m.generatedOn, { date: formatDate(locale, b.createdAt) })}
          </span>
        </div>
      </div>
      <BulletinDownloads
        bulletinId={b.id}
        formats={b.formats}
        label={`${b.title} ${interpolate(m.versionLabel, { version: b.version })}`}
        m={m}
      />
    </li>
  );
  // The current period and those before it: all have started, so all can be reported on and locked.
  const started = periods;
  const cell = "px-3 py-2";
  const periodColumns: Column<PeriodOverviewRow>[] = [
    column(
      "period",
      m.periods.period,
      (p) => (
        <>
          {label(p.code)}
          {p.current ? <span className="ml-1 text-xs text-slate-600">（{m.periods.current}）</span> : null}
        </>
      ),
      `${cell} whitespace-nowrap`,
      cell,
    ),
    column(
      "state",
      m.periods.state,
      (p) => (
        <>
          <span data-testid="period-state">{m.periods[p.state]}</span>
          {/* Every period listed has started; one that is not current has ended. */}
          {p.state === "OPEN" && !p.current ? (
            <div data-testid="period-open-past-end" className="text-xs text-amber-800">
              {m.periods.openPastEnd}
            </div>
          ) : null}
          {p.lockedAt && p.lockedBy ? (
            <div className="text-xs text-slate-600">
              {interpolate(m.periods.lockedBy, { name: p.lockedBy, date: formatDate(locale, p.lockedAt) })}
            </div>
          ) : null}
        </>
      ),
      cell,
    ),
    column(
      "bulletin",
      m.periods.bulletin,
      (p) =>
        p.bulletin ? (
          <Link href={`/reports/${p.code}`} className="text-brand-700 hover:underline">
            {m.state[p.bulletin.state]} · {interpolate(m.versionLabel, { version: p.bulletin.version })}
          </Link>
        ) : (
          "—"
        ),
      `${cell} whitespace-nowrap`,
      cell,
    ),
    column(
      "lock",
      <span className="sr-only">{m.periods.lock}</span>,
      (p) => <PeriodLockButton period={p.code} state={p.state} label={label(p.code)} m={m} />,
      cell,
    ),
  ];

  return (
    <div className="space-y-8">
      {reviewer ? (
        <section aria-labelledby="generate-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="generate-heading" className="text-lg font-semibold">
            {m.generate.heading}
          </h2>
          <p className="mb-3 text-sm text-slate-600">{m.generate.intro}</p>
          <GenerateBulletinForm
            periods={started.map((p) => ({ code: p.code, label: label(p.code) }))}
            // The period just ended is the one usually reported on.
            defaultPeriod={(started[1] ?? started[0])?.code ?? ""}
            m={m}
          />
        </section>
      ) : null}

      {reviewer ? (
        <section aria-labelledby="drafts-heading">
          <h2 id="drafts-heading" className="mb-2 text-lg font-semibold">
            {m.drafts}
          </h2>
          {drafts.length === 0 ? (
            <EmptyState message={m.noDrafts} />
          ) : (
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
              {drafts.map(item)}
            </ul>
          )}
        </section>
      ) : null}

      <section aria-labelledby="archive-heading">
        <h2 id="archive-heading" className="mb-2 text-lg font-semibold">
          {m.archiveTitle}
        </h2>
        {published.length === 0 ? (
          <EmptyState message={t("reports.none")} />
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {published.map(item)}
          </ul>
        )}
      </section>

      {reviewer ? (
        <section aria-labelledby="periods-heading">
          <h2 id="periods-heading" className="text-lg font-semibold">
            {m.periods.heading}
          </h2>
          <p className="mb-2 text-sm text-slate-600">{m.periods.intro}</p>
          <DataTable
            columns={periodColumns}
            rows={started}
            rowKey={(p) => p.code}
            className="min-w-full text-sm"
            look="boxed"
            headClassName="bg-slate-50 text-left"
            bodyClassName="divide-y divide-slate-100"
            rowProps={(p) => ({ "data-testid": `period-${p.code}` })}
          />
        </section>
      ) : null}
    </div>
  );
}
