import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import type { Period } from "@/lib/domain/periods";
import { createTranslator, formatDate, getMessages, interpolate, type Locale } from "@/lib/i18n/catalogue";
import { periodLabel } from "@/lib/i18n/periods";
import { bulletinTitle } from "@/lib/reports/bulletin";
import { composeBulletin } from "@/lib/reports/bulletin-document";
import type { BulletinView as BulletinData } from "@/lib/server/bulletins";
import { BulletinLayoutForm, LockOffer, PublishButton, RegenerateButton } from "./bulletin-actions";
import { BulletinDownloads } from "./bulletin-downloads";
import { BulletinStateBadge } from "./bulletin-state-badge";
import { BulletinView } from "./bulletin-view";

/** /reports/[period]: one version of a period's bulletin, its versions, downloads and (for reviewers) actions. */
export function BulletinPreview({
  locale,
  period,
  bulletin,
  reviewer,
  justPublished = false,
}: {
  locale: Locale;
  period: Period;
  bulletin: BulletinData | null;
  reviewer: boolean;
  /** Opened right after publishing: offer to lock the period when it is still open. */
  justPublished?: boolean;
}) {
  const m = getMessages(locale).bulletin;
  const t = createTranslator(locale);
  const back = (
    <Link href="/reports" className="text-sm text-brand-700 hover:underline">
      ← {m.page.back}
    </Link>
  );
  if (!bulletin) {
    return (
      <>
        <PageHeader title={bulletinTitle(period).title} intro={periodLabel(period, locale, t)} actions={back} />
        <div className="space-y-4">
          <EmptyState message={m.page.notGenerated} />
          {reviewer ? <RegenerateButton period={period.code} label={m.generate.submit} m={m} /> : null}
        </div>
      </>
    );
  }
  const latest = bulletin.versions[0]!;
  const versionLabel = interpolate(m.versionLabel, { version: bulletin.version });
  return (
    <>
      <PageHeader title={bulletin.title} intro={periodLabel(period, locale, t)} actions={back} />
      <div className="mb-6 space-y-4">
        <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="bulletin-status">
          <BulletinStateBadge state={bulletin.state} label={m.state[bulletin.state]} />
          <span>{interpolate(m.page.viewing, { version: bulletin.version, state: m.state[bulletin.state] })}</span>
          {bulletin.publishedAt ? (
            <span className="text-slate-600">
              {interpolate(m.publishedOn, { date: formatDate(locale, bulletin.publishedAt) })}
            </span>
          ) : null}
        </div>
        {bulletin.state === "DRAFT" ? (
          <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">{m.page.draftNotice}</p>
        ) : null}
        <section aria-label={m.downloads} className="space-y-1">
          <h2 className="text-sm font-semibold">{m.downloads}</h2>
          <BulletinDownloads bulletinId={bulletin.id} formats={bulletin.formats} label={versionLabel} m={m} />
        </section>
        {reviewer && justPublished && bulletin.state === "PUBLISHED" && bulletin.periodState === "OPEN" ? (
          <LockOffer period={period.code} label={periodLabel(period, locale, t)} m={m} />
        ) : null}
        {reviewer && bulletin.id === latest.id ? (
          <div className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-3">
            {bulletin.state === "DRAFT" ? (
              <BulletinLayoutForm
                bulletinId={bulletin.id}
                official={Boolean(bulletin.meta.official)}
                docNumber={bulletin.meta.official?.docNumber ?? ""}
                suggestedDocNumber={bulletin.suggestedDocNumber}
                m={m}
              />
            ) : null}
            {bulletin.state === "DRAFT" ? (
              <PublishButton
                bulletinId={bulletin.id}
                issueLabel={bulletin.issueLabel}
                version={bulletin.version}
                files={bulletin.formats.map((f) => m.formats[f])}
                m={m}
              />
            ) : null}
            <RegenerateButton
              period={period.code}
              label={bulletin.state === "DRAFT" ? m.generate.refresh : m.generate.newVersion}
              m={m}
            />
          </div>
        ) : null}
        {bulletin.versions.length > 1 ? (
          <nav aria-label={m.page.versions} className="text-sm">
            <span className="mr-2 font-semibold">{m.page.versions}:</span>
            <ul className="inline-flex flex-wrap gap-2">
              {bulletin.versions.map((v) => (
                <li key={v.id}>
                  <Link
                    href={`/reports/${period.code}?version=${v.version}`}
                    aria-current={v.id === bulletin.id ? "page" : undefined}
                    className={`rounded px-2 py-0.5 ${v.id === bulletin.id ? "bg-brand-600 text-white" : "text-brand-700 hover:underline"}`}
                  >
                    {interpolate(m.versionLabel, { version: v.version })} · {m.state[v.state]}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </div>
      <BulletinView blocks={composeBulletin(bulletin.snapshot, bulletin.meta, t, locale)} />
    </>
  );
}
