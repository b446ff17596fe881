import Link from "next/link";
import { IndicatorStatusBadge } from "@/components/indicators/indicator-status-badge";
import { DataTable, Panel, type Column } from "@/components/ui/data-table";
import { taskListHref, type TaskListState } from "@/lib/domain/task-filters";
import type { TaskState } from "@/lib/domain/task-state";
import { formatNumber, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { DashboardSection } from "@/lib/server/document-dashboard";
import { rollUpReason } from "@/components/tasks/task-state-counts";
import { percent, sectionLabel } from "./labels";

/**
 * Chapters always, and below them the sections that hold tasks (the plan's 发展目标 and 基本原则
 * subsections hold none and would only add empty rows).
 */
function visibleRows(sections: DashboardSection[]): DashboardSection[] {
  return sections.flatMap((section) => [
    section,
    ...visibleRows(section.children.filter((child) => child.rollUp.total > 0)),
  ]);
}

const cell = "px-2 py-2 text-right tabular-nums whitespace-nowrap";

export function SectionTable({
  sections,
  scope,
  locale,
  t,
}: {
  sections: DashboardSection[];
  scope: TaskListState;
  locale: Locale;
  t: Translate;
}) {
  const rows = visibleRows(sections);
  const countLink = (section: DashboardSection, statuses: TaskState[], tone: string) => {
    const n = statuses.reduce((sum, state) => sum + section.counts[state], 0);
    return n > 0 ? (
      <Link href={taskListHref(scope, { section: section.path, statuses })} className={`${tone} hover:underline`}>
        {formatNumber(locale, n)}
      </Link>
    ) : (
      "0"
    );
  };
  const columns: Column<DashboardSection>[] = [
    {
      key: "section",
      header: t("documentDashboard.sections.section"),
      headerClassName: "py-2 pr-3",
      rowHeader: true,
      cellProps: (section) => ({
        className: `min-w-48 py-2 pr-3 text-left ${section.depth === 0 ? "font-semibold" : "font-normal"}`,
        style: { paddingLeft: `${section.depth * 1.25}rem` },
      }),
      cell: (section) => sectionLabel(section),
    },
    {
      key: "total",
      header: t("documentDashboard.sections.total"),
      headerClassName: "px-2 py-2 text-right",
      className: cell,
      cell: (section) =>
        section.rollUp.total > 0 ? (
          <Link
            href={taskListHref(scope, { section: section.path })}
            aria-label={t("documentDashboard.sections.openTasks", {
              title: section.title,
              count: section.rollUp.total,
            })}
            className="font-medium text-brand-700 underline-offset-2 hover:underline"
            data-testid="section-tasks-link"
          >
            {formatNumber(locale, section.rollUp.total)}
          </Link>
        ) : (
          "0"
        ),
    },
    {
      key: "completed",
      header: t("documentDashboard.sections.completed"),
      headerClassName: "px-2 py-2 text-right",
      className: cell,
      cell: (section) => formatNumber(locale, section.rollUp.completed),
    },
    {
      key: "lagging",
      header: t("documentDashboard.sections.lagging"),
      headerClassName: "px-2 py-2 text-right",
      className: cell,
      // The states 滞后 + 存在风险: exactly what the linked list shows (the roll-up's own count also holds
      // unassigned tasks past due, shown in the next column).
      cell: (section) => countLink(section, ["LAGGING", "AT_RISK"], "text-red-700"),
    },
    {
      key: "unassigned",
      header: t("taskList.status.UNASSIGNED"),
      headerClassName: "px-2 py-2 text-right",
      className: cell,
      cell: (section) => countLink(section, ["UNASSIGNED"], "text-violet-800"),
    },
    {
      key: "noReport",
      header: t("taskList.status.NO_REPORT"),
      headerClassName: "px-2 py-2 text-right",
      className: cell,
      cell: (section) => countLink(section, ["NO_REPORT"], "text-fuchsia-800"),
    },
    {
      key: "completionRate",
      header: t("documentDashboard.sections.completionRate"),
      headerClassName: "px-2 py-2 text-right",
      className: cell,
      cell: (section) => (section.rollUp.total > 0 ? percent(locale, section.rollUp.completionRate) : "—"),
    },
    {
      key: "status",
      header: t("documentDashboard.sections.status"),
      headerClassName: "py-2 pl-2",
      className: "min-w-40 py-2 pl-2",
      cell: (section) => (
        <>
          <IndicatorStatusBadge
            status={section.rollUp.status}
            label={t(`indicators.statusLabel.${section.rollUp.status}`)}
          />
          <span className="mt-0.5 block text-xs text-slate-600" data-testid="roll-up-reason">
            {rollUpReason(section.rollUp, locale, t)}
          </span>
        </>
      ),
    },
  ];
  return (
    <Panel
      headingId="section-table-heading"
      title={t("documentDashboard.sections.heading")}
      intro={t("documentDashboard.sections.intro")}
    >
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(section) => section.id}
        empty={t("documentDashboard.sections.empty")}
        testId="section-table"
        look="ruled"
        rowClassName={(section) => `border-b border-slate-100 ${section.depth === 0 ? "bg-slate-50" : ""}`}
        rowProps={(section) => ({ "data-section": section.path, "data-total": section.rollUp.total })}
      />
    </Panel>
  );
}
