import Link from "next/link";
import { StatCard } from "@/components/ui/stat-card";
import { EmptyState } from "@/components/ui/empty-state";
import { TARGET_CHANGES, type CarriedTask, type TargetComparison } from "@/lib/domain/document-compare";
import { COMPARATOR_SYMBOL } from "@/lib/domain/indicator-status";
import { formatDate, formatNumber, getMessages, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { ComparedTarget, ComparedTask, DocumentComparisonView } from "@/lib/server/document-compare";
import { ChangeBadge } from "./change-badge";
import { CompareCharts } from "./compare-charts";

type Ok = Extract<DocumentComparisonView, { status: "ok" }>;

const sectionHeading = "mb-1 text-lg font-semibold text-slate-900";
const sectionIntro = "mb-3 text-sm text-slate-600";
const sourceLink = "text-sm whitespace-nowrap text-brand-700 underline-offset-2 hover:underline";

export function CompareView({ view, locale, t }: { view: Ok; locale: Locale; t: Translate }) {
  const { comparison, from, to } = view;
  const { summary } = comparison;
  const count = (value: number) => formatNumber(locale, value);
  const titleOf = (slug: string) => (slug === from.slug ? from.shortTitle : to.shortTitle);
  return (
    <>
      <h2 className="mb-3 text-lg font-semibold text-slate-900" data-testid="compare-heading">
        {t("compare.heading", { from: from.shortTitle, to: to.shortTitle })}
      </h2>
      <section aria-label={t("compare.summary.label")} className="mb-6">
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6" data-testid="compare-summary">
          {(
            [
              ["carried", summary.carried, "#carried"],
              ["wordingChanged", summary.wordingChanged, "#carried"],
              ["added", summary.added, "#added"],
              ["dropped", summary.dropped, "#dropped"],
              ["raised", summary.targets.RAISED, "#targets"],
              ["lowered", summary.targets.LOWERED, "#targets"],
            ] as const
          ).map(([key, value, href]) => (
            <li key={key} data-stat={key}>
              <StatCard label={t(`compare.summary.${key}`)} value={count(value)} href={href} />
            </li>
          ))}
        </ul>
      </section>
      <CompareCharts
        byArea={comparison.byArea}
        targetCounts={TARGET_CHANGES.map((change) => ({ change, count: summary.targets[change] }))}
        locale={locale}
        messages={getMessages(locale).compare}
      />
      <CarriedList pairs={comparison.carried} titleOf={titleOf} locale={locale} t={t} />
      <TaskList
        id="added"
        title={t("compare.added.title", { count: count(summary.added) })}
        intro={t("compare.added.intro", { document: to.shortTitle })}
        empty={t("compare.added.empty")}
        tasks={comparison.added}
        documentTitle={to.shortTitle}
        t={t}
      />
      <TaskList
        id="dropped"
        title={t("compare.dropped.title", { count: count(summary.dropped) })}
        intro={t("compare.dropped.intro", { document: from.shortTitle, other: to.shortTitle })}
        empty={t("compare.dropped.empty")}
        tasks={comparison.dropped}
        documentTitle={from.shortTitle}
        t={t}
      />
      <TargetsTable rows={comparison.targets} titleOf={titleOf} locale={locale} t={t} />
    </>
  );
}

function TaskSide({ task, documentTitle, t }: { task: ComparedTask; documentTitle: string; t: Translate }) {
  return (
    <div className="min-w-0 rounded border border-slate-200 bg-slate-50 p-3">
      <div className="mb-1 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <span className="text-sm font-semibold text-slate-900">
          {documentTitle} · {t("compare.carried.number", { number: task.number })}
        </span>
        <Link
          href={task.sourceHref}
          className={sourceLink}
          aria-label={t("compare.carried.sourceOf", { document: documentTitle, number: task.number })}
        >
          {t("compare.carried.source")}
        </Link>
      </div>
      <p className="mb-1 text-sm font-medium break-words text-slate-900" data-testid="task-heading">
        {task.heading}
      </p>
      <p className="text-sm break-words text-slate-800">{task.text}</p>
      <p className="mt-2 text-xs text-slate-600">
        {task.leadUnits.length > 0
          ? t("compare.carried.leadUnits", { units: task.leadUnits.join("、") })
          : t("compare.carried.noLeadUnits")}
      </p>
    </div>
  );
}

function CarriedList({
  pairs,
  titleOf,
  locale,
  t,
}: {
  pairs: CarriedTask<ComparedTask>[];
  titleOf: (slug: string) => string;
  locale: Locale;
  t: Translate;
}) {
  return (
    <section id="carried" aria-labelledby="carried-heading" className="mb-8 scroll-mt-4">
      <h2 id="carried-heading" className={sectionHeading}>
        {t("compare.carried.title", { count: formatNumber(locale, pairs.length) })}
      </h2>
      <p className={sectionIntro}>{t("compare.carried.intro")}</p>
      {pairs.length === 0 ? (
        <EmptyState message={t("compare.carried.empty")} />
      ) : (
        <ol className="space-y-3" data-testid="carried-list">
          {pairs.map((pair) => (
            <li key={`${pair.from.id}-${pair.to.id}`} className="rounded-lg border border-slate-200 bg-white p-3">
              <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
                <span className="font-semibold text-slate-900">
                  {pair.from.number} → {pair.to.number}
                </span>
                <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-800 tabular-nums">
                  {t("compare.carried.similarity", {
                    value: formatNumber(locale, pair.similarity, {
                      maximumFractionDigits: 2,
                      minimumFractionDigits: 2,
                    }),
                  })}
                </span>
                <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-800">
                  {pair.wordingChanged ? t("compare.carried.wordingChanged") : t("compare.carried.wordingSame")}
                </span>
                {pair.leadUnitsChanged ? (
                  <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">
                    {t("compare.carried.leadUnitsChanged")}
                  </span>
                ) : null}
              </div>
              {pair.leadUnitsChanged ? (
                <p className="mb-2 text-xs text-slate-700">
                  {[
                    pair.leadUnitsAdded.length
                      ? t("compare.carried.leadAdded", { units: pair.leadUnitsAdded.join("、") })
                      : null,
                    pair.leadUnitsRemoved.length
                      ? t("compare.carried.leadRemoved", { units: pair.leadUnitsRemoved.join("、") })
                      : null,
                  ]
                    .filter(Boolean)
                    .join("；")}
                </p>
              ) : null}
              <div className="grid gap-2 md:grid-cols-2">
                <TaskSide task={pair.from} documentTitle={titleOf(pair.from.documentSlug)} t={t} />
                <TaskSide task={pair.to} documentTitle={titleOf(pair.to.documentSlug)} t={t} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function TaskList({
  id,
  title,
  intro,
  empty,
  tasks,
  documentTitle,
  t,
}: {
  id: string;
  title: string;
  intro: string;
  empty: string;
  tasks: ComparedTask[];
  documentTitle: string;
  t: Translate;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="mb-8 scroll-mt-4">
      <h2 id={`${id}-heading`} className={sectionHeading}>
        {title}
      </h2>
      <p className={sectionIntro}>{intro}</p>
      {tasks.length === 0 ? (
        <EmptyState message={empty} />
      ) : (
        <ul
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
          data-testid={`${id}-list`}
        >
          {tasks.map((task) => (
            <li key={task.id} className="p-3">
              <div className="mb-1 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                <span className="min-w-0 text-sm font-semibold break-words text-slate-900">
                  {t("compare.carried.number", { number: task.number })}
                  <span className="ml-2" data-testid="task-heading">
                    {task.heading}
                  </span>
                  {task.area ? <span className="ml-2 font-normal text-slate-600">{task.area}</span> : null}
                </span>
                <Link
                  href={task.sourceHref}
                  className={sourceLink}
                  aria-label={t("compare.carried.sourceOf", { document: documentTitle, number: task.number })}
                >
                  {t("compare.carried.source")}
                </Link>
              </div>
              <p className="line-clamp-3 text-sm break-words text-slate-800">{task.text}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TargetCell({
  target,
  titleOf,
  locale,
  t,
}: {
  target: ComparedTarget | null;
  titleOf: (slug: string) => string;
  locale: Locale;
  t: Translate;
}) {
  if (!target) return <span className="text-slate-500">—</span>;
  const documentTitle = titleOf(target.documentSlug);
  return (
    <div className="min-w-36">
      <div className="font-medium text-slate-900">
        <span className="sr-only">{COMPARATOR_SYMBOL[target.comparator]} </span>
        {target.valueAsWritten}
        {target.aspirational ? (
          <span className="ml-1 text-xs text-slate-600">（{t("compare.targets.aspirational")}）</span>
        ) : null}
      </div>
      <div className="text-xs text-slate-600">
        {t("compare.targets.due", { date: formatDate(locale, target.dueDate) })} · {documentTitle}
        {target.taskNumber ? ` · ${t("compare.carried.number", { number: target.taskNumber })}` : ""}
      </div>
      <Link
        href={target.sourceHref}
        className="text-xs text-brand-700 hover:underline"
        aria-label={`${documentTitle} ${target.valueAsWritten} ${t("compare.targets.source")}`}
      >
        {t("compare.targets.source")}
      </Link>
    </div>
  );
}

function TargetsTable({
  rows,
  titleOf,
  locale,
  t,
}: {
  rows: TargetComparison<ComparedTarget>[];
  titleOf: (slug: string) => string;
  locale: Locale;
  t: Translate;
}) {
  const title = t("compare.targets.title", { count: formatNumber(locale, rows.length) });
  // Pairs say what moved; targets named by one document only are many, so they wait behind a toggle.
  const paired = rows.filter((row) => row.from && row.to);
  const oneSided = rows.filter((row) => !(row.from && row.to));
  return (
    <section id="targets" aria-labelledby="targets-heading" className="mb-8 scroll-mt-4">
      <h2 id="targets-heading" className={sectionHeading}>
        {title}
      </h2>
      <p className={sectionIntro}>{t("compare.targets.intro")}</p>
      {rows.length === 0 ? (
        <EmptyState message={t("compare.targets.empty")} />
      ) : (
        <>
          {paired.length === 0 ? (
            <EmptyState message={t("compare.targets.noPairs")} />
          ) : (
            <TargetRows
              rows={paired}
              caption={t("compare.targets.pairedCaption", { count: formatNumber(locale, paired.length) })}
              testId="targets-table"
              titleOf={titleOf}
              locale={locale}
              t={t}
            />
          )}
          {oneSided.length > 0 ? (
            <details className="mt-3" data-testid="targets-one-sided">
              <summary className="cursor-pointer text-sm font-medium text-brand-700">
                {t("compare.targets.oneSided", { count: formatNumber(locale, oneSided.length) })}
              </summary>
              <div className="mt-2">
                <TargetRows
                  rows={oneSided}
                  caption={t("compare.targets.oneSided", { count: formatNumber(locale, oneSided.length) })}
                  testId="targets-one-sided-table"
                  titleOf={titleOf}
                  locale={locale}
                  t={t}
                />
              </div>
            </details>
          ) : null}
        </>
      )}
    </section>
  );
}

function TargetRows({
  rows,
  caption,
  testId,
  titleOf,
  locale,
  t,
}: {
  rows: TargetComparison<ComparedTarget>[];
  caption: string;
  testId: string;
  titleOf: (slug: string) => string;
  locale: Locale;
  t: Translate;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-left text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("compare.targets.indicator")}
            </th>
            {/* The change comes second so a phone shows it without scrolling sideways. */}
            <th scope="col" className="px-3 py-2">
              {t("compare.targets.change")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("compare.targets.old")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("compare.targets.new")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((row) => (
            <tr
              key={`${row.indicatorKey}-${row.basis}-${row.from?.id ?? "none"}-${row.to?.id ?? "none"}`}
              data-indicator={row.indicatorKey}
              data-change={row.change}
            >
              <th scope="row" className="min-w-32 px-3 py-2 text-left align-top font-normal">
                <Link
                  href={`/indicators/${(row.to ?? row.from)!.indicatorId}`}
                  className="text-brand-700 hover:underline"
                >
                  {row.indicatorName}
                </Link>
                <div className="text-xs text-slate-600">{t(`compare.targets.basisLabel.${row.basis}`)}</div>
              </th>
              <td className="px-3 py-2 align-top">
                <ChangeBadge change={row.change} label={t(`compare.targets.changeLabel.${row.change}`)} />
                {row.change === "DUE_DATE_CHANGED" && row.valueChange ? (
                  <div className="mt-1 text-xs text-slate-600">{t(`compare.targets.valueNote.${row.valueChange}`)}</div>
                ) : null}
              </td>
              <td className="px-3 py-2 align-top">
                <TargetCell target={row.from} titleOf={titleOf} locale={locale} t={t} />
              </td>
              <td className="px-3 py-2 align-top">
                <TargetCell target={row.to} titleOf={titleOf} locale={locale} t={t} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
