import Link from "next/link";
import { rollUpReason, RollUpStatus, TaskStateCounts } from "@/components/tasks/task-state-counts";
import { TASK_STATUS_CHART_ORDER, TASK_STATUS_STYLE } from "@/components/tasks/task-status-style";
import { StackedBarChart, type StackedSeries } from "@/components/ui/stacked-bar-chart";
import { StatCard } from "@/components/ui/stat-card";
import { DEFAULT_STATE, taskListHref, type TaskListState } from "@/lib/domain/task-filters";
import { formatDate, formatNumber, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { DocumentDashboard } from "@/lib/server/document-dashboard";
import { DUE_SOON_DAYS } from "@/lib/server/overview";
import { IndicatorTable } from "./indicator-table";
import { percent, sectionLabel } from "./labels";
import { MilestoneLists } from "./milestone-lists";
import { SectionTable } from "./section-table";

export function DocumentDashboardView({
  dashboard,
  locale,
  t,
  canAssign = false,
}: {
  dashboard: DocumentDashboard;
  locale: Locale;
  t: Translate;
  /** Reviewers and administrators: a link to the document's 任务分工表. */
  canAssign?: boolean;
}) {
  const { document: doc, tasks, milestones } = dashboard;
  const scope: TaskListState = { ...DEFAULT_STATE, document: doc.slug };
  const series: StackedSeries[] = TASK_STATUS_CHART_ORDER.map((status) => ({
    key: status,
    label: t(`taskList.status.${status}`),
    color: TASK_STATUS_STYLE[status].fill,
  }));
  const chapters = dashboard.sections.filter((chapter) => chapter.rollUp.total > 0);

  return (
    <div className="space-y-6">
      <header className="rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <div className="text-xs font-medium text-brand-700">
              {t(`documents.kind.${doc.kind}`)} · {t("documentDashboard.title")}
            </div>
            <h1 className="mt-1 text-xl font-bold md:text-2xl">{doc.title}</h1>
          </div>
          <div className="flex shrink-0 flex-wrap gap-2">
            {canAssign ? (
              <Link
                href={`/documents/${doc.slug}/assignments`}
                className="rounded border border-brand-600 px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50"
                data-testid="assignment-table-link"
              >
                {t("assignmentImport.link")}
              </Link>
            ) : null}
            <Link
              href={`/documents/${doc.slug}`}
              className="rounded border border-brand-600 px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50"
              data-testid="back-to-reader"
            >
              {t("documentDashboard.backToReader")}
            </Link>
          </div>
        </div>
        <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-600">
          {doc.issuer ? <Meta term={t("documents.issuer")} value={doc.issuer} /> : null}
          {doc.docNumber ? <Meta term={t("documents.docNumber")} value={doc.docNumber} /> : null}
          {doc.issuedDate ? <Meta term={t("documents.issuedDate")} value={formatDate(locale, doc.issuedDate)} /> : null}
          {doc.publishedDate && doc.publishedDate !== doc.issuedDate ? (
            <Meta term={t("documentDashboard.publishedDate")} value={formatDate(locale, doc.publishedDate)} />
          ) : null}
          {doc.planYear ? <Meta term={t("documentDashboard.planYear")} value={String(doc.planYear)} /> : null}
          <Meta
            term={t("documents.period")}
            value={`${formatDate(locale, doc.periodStart)} – ${formatDate(locale, doc.periodEnd)}`}
          />
        </dl>
        <p className="mt-2 text-xs text-slate-600" data-testid="dashboard-as-of">
          {t("documentDashboard.asOf", { date: formatDate(locale, dashboard.today) })}
        </p>
      </header>

      <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <StatCard
          testId="card-tasks"
          label={t("documentDashboard.cards.tasks")}
          value={formatNumber(locale, tasks.rollUp.total)}
          detail={t("documentDashboard.cards.tasksDetail", {
            status: t(`indicators.statusLabel.${tasks.rollUp.status}`),
            reason: rollUpReason(tasks.rollUp, locale, t),
          })}
          href={taskListHref(scope)}
        />
        <StatCard
          testId="card-completion"
          label={t("documentDashboard.cards.completionRate")}
          value={percent(locale, tasks.rollUp.completionRate)}
          detail={t("documentDashboard.cards.completionDetail", {
            completed: tasks.rollUp.completed,
            total: tasks.rollUp.total,
          })}
          href={taskListHref(scope, { statuses: ["COMPLETED"] })}
        />
        <StatCard
          testId="card-lagging"
          label={t("documentDashboard.cards.lagging")}
          value={formatNumber(locale, tasks.counts.LAGGING + tasks.counts.AT_RISK)}
          detail={t("documentDashboard.cards.laggingDetail", {
            lagging: tasks.counts.LAGGING,
            atRisk: tasks.counts.AT_RISK,
          })}
          href={taskListHref(scope, { statuses: ["LAGGING", "AT_RISK"] })}
          tone={tasks.rollUp.lagging > 0 ? "alert" : "default"}
        />
        <StatCard
          testId="card-overdue"
          label={t("documentDashboard.cards.overdue")}
          value={formatNumber(locale, milestones.overdue)}
          detail={t("documentDashboard.cards.overdueDetail")}
          // The card counts milestones: it points at the milestone list below, not at a task list.
          href="#milestones"
          tone={milestones.overdue > 0 ? "alert" : "default"}
        />
        <StatCard
          testId="card-due-soon"
          label={t("documentDashboard.cards.dueSoon", { days: DUE_SOON_DAYS })}
          value={formatNumber(locale, milestones.dueSoon)}
          detail={t("documentDashboard.cards.dueSoonDetail", { date: formatDate(locale, milestones.dueSoonUntil) })}
          href="#milestones"
        />
      </div>

      <section aria-labelledby="state-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="state-heading" className="font-semibold">
          {t("documentDashboard.states.heading")}
        </h2>
        <p className="mt-1 mb-3 text-sm text-slate-600" data-testid="document-roll-up">
          <RollUpStatus rollUp={tasks.rollUp} locale={locale} t={t} />
          {` ${t("documentDashboard.states.intro")}`}
        </p>
        <TaskStateCounts
          counts={tasks.counts}
          hrefOf={(state) => taskListHref(scope, { statuses: [state] })}
          locale={locale}
          t={t}
        />
      </section>

      {chapters.length > 0 ? (
        <section aria-labelledby="chapter-chart-heading" className="space-y-2">
          <h2 id="chapter-chart-heading" className="font-semibold">
            {t("documentDashboard.chart.heading")}
          </h2>
          <StackedBarChart
            tableLabel={t("common.dataTable")}
            testId="chart-by-chapter"
            title={t("documentDashboard.chart.title")}
            description={t("documentDashboard.chart.description")}
            rows={chapters.map((chapter) => ({ label: sectionLabel(chapter), values: { ...chapter.counts } }))}
            series={series}
            groupHeader={t("documentDashboard.chart.chapter")}
            totalHeader={t("documentDashboard.chart.total")}
          />
        </section>
      ) : null}

      <SectionTable sections={dashboard.sections} scope={scope} locale={locale} t={t} />
      <MilestoneLists milestones={milestones} scope={scope} today={dashboard.today} locale={locale} t={t} />
      <IndicatorTable indicators={dashboard.indicators} locale={locale} t={t} />
    </div>
  );
}

function Meta({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt className="inline">{term}：</dt>
      <dd className="inline">{value}</dd>
    </div>
  );
}
