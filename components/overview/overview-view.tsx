import Link from "next/link";
import { IndicatorStatusBadge, INDICATOR_STATUS_FILL } from "@/components/indicators/indicator-status-badge";
import { gapText } from "@/components/indicators/indicator-gap";
import { RollUpStatus, TaskStateCounts } from "@/components/tasks/task-state-counts";
import { TASK_STATUS_CHART_ORDER, TASK_STATUS_STYLE } from "@/components/tasks/task-status-style";
import { CategoryBarChart } from "@/components/ui/category-bar-chart";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { StackedBarChart, type StackedSeries } from "@/components/ui/stacked-bar-chart";
import { StatCard } from "@/components/ui/stat-card";
import { COMPARATOR_SYMBOL, INDICATOR_STATUSES } from "@/lib/domain/indicator-status";
import type { OverviewFilters } from "@/lib/domain/overview-filters";
import { DEFAULT_STATE, taskListHref, UNASSIGNED_AREA, type TaskListState } from "@/lib/domain/task-filters";
import { formatDate, formatNumber, formatQuantity, type Locale, type Translate } from "@/lib/i18n/catalogue";
import { DUE_SOON_DAYS, type Overview, type OverviewGroup } from "@/lib/server/overview";
import { periodLabel } from "@/lib/i18n/periods";

const percent = (locale: Locale, share: number) =>
  formatNumber(locale, share, { style: "percent", maximumFractionDigits: 1 });

const section = "rounded-lg border border-slate-200 bg-white p-4";

export function OverviewView({
  overview,
  filters,
  locale,
  t,
}: {
  overview: Overview;
  filters: OverviewFilters;
  locale: Locale;
  t: Translate;
}) {
  // Drill-down links carry the same document, area and department into the task list.
  const scope: TaskListState = {
    ...DEFAULT_STATE,
    document: filters.document,
    area: filters.area,
    departmentId: filters.departmentId,
  };
  const { tasks, milestones, submission, indicators } = overview;
  // A count links to the task list only when the list reproduces it: the list judges states on today
  // from the latest reports, so a past period's counts (judged on its last day from the reports of
  // then, like its bulletin) are shown without links.
  const listHref = (change: Partial<TaskListState>) =>
    overview.isCurrentPeriod ? taskListHref(scope, change) : undefined;
  const laggingColumns: Column<Overview["laggingDepartments"][number]>[] = [
    {
      key: "department",
      header: t("overview.table.department"),
      headerClassName: "py-2 pr-3",
      rowHeader: true,
      className: "py-2 pr-3 text-left font-normal",
      cell: (d) => (
        <Link href={`/departments/${d.id}`} className="text-brand-700 hover:underline">
          {d.name}
        </Link>
      ),
    },
    {
      key: "lagging",
      header: t("overview.table.lagging"),
      headerClassName: "px-2 py-2 text-right",
      className: "px-2 py-2 text-right tabular-nums",
      cell: (d) => (
        <CountLink href={listHref({ departmentId: d.id, role: "lead", statuses: ["LAGGING"] })} value={d.lagging} />
      ),
    },
    {
      key: "atRisk",
      header: t("overview.table.atRisk"),
      headerClassName: "px-2 py-2 text-right",
      className: "px-2 py-2 text-right tabular-nums",
      cell: (d) => (
        <CountLink href={listHref({ departmentId: d.id, role: "lead", statuses: ["AT_RISK"] })} value={d.atRisk} />
      ),
    },
    {
      key: "leads",
      header: t("overview.table.leads"),
      headerClassName: "py-2 pl-2 text-right",
      className: "py-2 pl-2 text-right tabular-nums",
      cell: (d) => <CountLink href={listHref({ departmentId: d.id, role: "lead" })} value={d.leads} />,
    },
  ];
  const total = tasks.rollUp.total;
  const troubled = tasks.counts.LAGGING + tasks.counts.AT_RISK;
  const series: StackedSeries[] = TASK_STATUS_CHART_ORDER.map((status) => ({
    key: status,
    label: t(`taskList.status.${status}`),
    color: TASK_STATUS_STYLE[status].fill,
  }));
  const rows = (groups: OverviewGroup[]) =>
    groups.map((g) => ({ label: g.label ?? t("overview.filters.noArea"), values: { ...g.counts } }));

  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600" data-testid="overview-as-of">
        {t("overview.asOf", {
          date: formatDate(locale, overview.referenceDate),
          period: periodLabel(overview.period, locale, t),
        })}
        {overview.isCurrentPeriod ? null : ` ${t("overview.pastPeriodNote")}`}
      </p>

      <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <StatCard
          testId="card-tasks"
          label={t("overview.cards.tasks")}
          value={formatNumber(locale, total)}
          detail={t("overview.cards.completionRate", { rate: percent(locale, tasks.rollUp.completionRate) })}
          href={taskListHref(scope)}
        />
        <StatCard
          testId="card-lagging"
          label={t("overview.cards.lagging")}
          value={formatNumber(locale, troubled)}
          detail={t("overview.cards.laggingDetail", { lagging: tasks.counts.LAGGING, atRisk: tasks.counts.AT_RISK })}
          href={listHref({ statuses: ["LAGGING", "AT_RISK"] })}
          tone={troubled > 0 ? "alert" : "default"}
        />
        <StatCard
          testId="card-overdue"
          label={t("overview.cards.overdue")}
          value={formatNumber(locale, milestones.overdue)}
          href={overview.isCurrentPeriod ? taskListHref(scope, { overdue: true }) : undefined}
          tone={milestones.overdue > 0 ? "alert" : "default"}
        />
        <StatCard
          testId="card-due-soon"
          label={t("overview.cards.dueSoon", { days: DUE_SOON_DAYS })}
          value={formatNumber(locale, milestones.dueSoon)}
          detail={t("overview.cards.dueSoonDetail", { date: formatDate(locale, milestones.dueSoonUntil) })}
          href={
            overview.isCurrentPeriod
              ? taskListHref(scope, { dueFrom: overview.referenceDate, dueTo: milestones.dueSoonUntil })
              : undefined
          }
        />
        <StatCard
          testId="card-submission"
          label={`${t("overview.cards.submission")}${submission.locked ? ` · ${t("overview.cards.locked")}` : ""}`}
          value={submission.rate === null ? "—" : percent(locale, submission.rate)}
          detail={
            submission.rate === null
              ? t("overview.cards.submissionNone")
              : t("overview.cards.submissionDetail", {
                  submitted: submission.submitted,
                  inScope: submission.inScope,
                  approved: submission.approved,
                })
          }
          href="/review"
        />
      </div>

      <section aria-labelledby="task-status-heading" className={section}>
        <h2 id="task-status-heading" className="mb-1 font-semibold">
          {t("overview.sections.taskStatus")}
        </h2>
        <p className="mb-3 text-sm text-slate-600" data-testid="task-roll-up">
          <RollUpStatus rollUp={tasks.rollUp} locale={locale} t={t} />
        </p>
        <TaskStateCounts
          counts={tasks.counts}
          hrefOf={overview.isCurrentPeriod ? (state) => taskListHref(scope, { statuses: [state] }) : null}
          locale={locale}
          t={t}
        />
      </section>

      {total === 0 ? (
        <EmptyState message={t("common.empty")} />
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {(
            [
              { kind: "document", groups: overview.byDocument, header: t("overview.filters.document") },
              { kind: "area", groups: overview.byArea, header: t("overview.filters.area") },
            ] as const
          ).map(({ kind, groups, header }) => {
            const key = kind === "document" ? "byDocument" : "byArea";
            return (
              <section key={kind} aria-labelledby={`by-${kind}-heading`} className="space-y-2">
                <h2 id={`by-${kind}-heading`} className="font-semibold">
                  {t(`overview.sections.${key}`)}
                </h2>
                <StackedBarChart
                  tableLabel={t("common.dataTable")}
                  testId={`chart-by-${kind}`}
                  title={t(`overview.charts.${key}`)}
                  description={t(`overview.charts.${key}Description`)}
                  rows={rows(groups)}
                  series={series}
                  groupHeader={header}
                  totalHeader={t("overview.table.total")}
                />
                <GroupLinks groups={groups} scope={scope} kind={kind} locale={locale} t={t} />
              </section>
            );
          })}
        </div>
      )}

      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="indicator-status-heading" className="space-y-2">
          <h2 id="indicator-status-heading" className="font-semibold">
            {t("overview.sections.indicatorStatus")}
          </h2>
          <CategoryBarChart
            tableLabel={t("common.dataTable")}
            testId="chart-indicators"
            title={t("overview.charts.indicators")}
            description={t("overview.charts.indicatorsDescription")}
            categoryHeader={t("overview.table.status")}
            valueHeader={t("overview.charts.count")}
            bars={INDICATOR_STATUSES.map((status) => ({
              key: status,
              label: t(`indicators.statusLabel.${status}`),
              value: indicators.counts[status],
              color: INDICATOR_STATUS_FILL[status],
            }))}
          />
          <ul className="flex flex-wrap gap-2 text-sm">
            {INDICATOR_STATUSES.map((status) => (
              <li key={status}>
                <Link
                  href={`/indicators?${new URLSearchParams({
                    status: status.toLowerCase(),
                    ...(filters.area && filters.area !== UNASSIGNED_AREA ? { area: filters.area } : {}),
                  }).toString()}`}
                  data-testid={`indicator-status-${status}`}
                  className="inline-flex items-center gap-1 hover:underline"
                >
                  <IndicatorStatusBadge status={status} label={t(`indicators.statusLabel.${status}`)} />
                  <span className="tabular-nums" data-value>
                    {formatNumber(locale, indicators.counts[status])}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="attention-heading" className={section}>
          <h2 id="attention-heading" className="mb-2 font-semibold">
            {t("overview.sections.attention")}
          </h2>
          {indicators.attention.length === 0 ? (
            <p className="text-sm text-slate-600">{t("overview.sections.noAttention")}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {indicators.attention.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span>
                    <Link href={`/indicators/${i.id}`} className="text-brand-700 hover:underline">
                      {i.name}
                    </Link>
                    <span className="block text-xs text-slate-600" data-testid="attention-gap">
                      {gapText(i.gap, locale, t)}
                    </span>
                  </span>
                  <span className="flex items-center gap-2 text-xs text-slate-600">
                    <span className="tabular-nums">
                      {i.latest ? formatQuantity(locale, i.latest.value, i.unit) : "—"}
                      {i.target
                        ? ` / ${COMPARATOR_SYMBOL[i.target.comparator]}${formatQuantity(locale, i.target.value, i.unit)}`
                        : ""}
                      {i.targetBasis === "DERIVED_LEVEL" ? `（${t("indicatorChart.derived")}）` : ""}
                    </span>
                    <IndicatorStatusBadge status={i.status} label={t(`indicators.statusLabel.${i.status}`)} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="lagging-departments-heading" className={section}>
        <h2 id="lagging-departments-heading" className="font-semibold">
          {t("overview.sections.laggingDepartments")}
        </h2>
        <p className="mb-2 text-xs text-slate-600">{t("overview.sections.laggingDepartmentsSort")}</p>
        {overview.laggingDepartments.length === 0 ? (
          <p className="text-sm text-slate-600">{t("overview.sections.noLagging")}</p>
        ) : (
          <DataTable
            columns={laggingColumns}
            rows={overview.laggingDepartments}
            rowKey={(d) => d.id}
            testId="lagging-departments"
            look="ruled"
          />
        )}
      </section>
    </div>
  );
}

/** A count that links to the list reproducing it, or plain text when none does. */
function CountLink({ href, value }: { href: string | undefined; value: number }) {
  return href ? (
    <Link href={href} className="hover:underline">
      {value}
    </Link>
  ) : (
    <>{value}</>
  );
}

/** Each group's completion rate, linking to its tasks (the chart's numbers stay in its data table). */
function GroupLinks({
  groups,
  scope,
  kind,
  locale,
  t,
}: {
  groups: OverviewGroup[];
  scope: TaskListState;
  kind: "document" | "area";
  locale: Locale;
  t: Translate;
}) {
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white px-3 text-sm">
      {groups.map((g) => {
        const href =
          kind === "document"
            ? `/documents/${g.key}/dashboard`
            : taskListHref(scope, { area: g.key ?? UNASSIGNED_AREA });
        return (
          <li key={g.key ?? UNASSIGNED_AREA} className="flex justify-between gap-2 py-1.5">
            <Link href={href} className="truncate text-brand-700 hover:underline">
              {g.label ?? t("overview.filters.noArea")}
            </Link>
            <span className="flex flex-wrap items-center justify-end gap-2 text-slate-600 tabular-nums">
              {`${t("overview.table.completionRate")} ${percent(locale, g.rollUp.completionRate)} · ${g.rollUp.total}`}
              <IndicatorStatusBadge status={g.rollUp.status} label={t(`indicators.statusLabel.${g.rollUp.status}`)} />
            </span>
          </li>
        );
      })}
    </ul>
  );
}
