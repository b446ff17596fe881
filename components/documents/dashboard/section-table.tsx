import Link from "next/link";
import { IndicatorStatusBadge } from "@/components/indicators/indicator-status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { taskListHref, type TaskListState } from "@/lib/domain/task-filters";
import { formatNumber, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { DashboardSection } from "@/lib/server/document-dashboard";
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
  return (
    <section aria-labelledby="section-table-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="section-table-heading" className="font-semibold">
        {t("documentDashboard.sections.heading")}
      </h2>
      <p className="mt-1 mb-3 text-sm text-slate-600">{t("documentDashboard.sections.intro")}</p>
      {rows.length === 0 ? (
        <EmptyState message={t("documentDashboard.sections.empty")} />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="section-table">
            <thead className="text-left text-slate-700">
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-2 pr-3">
                  {t("documentDashboard.sections.section")}
                </th>
                <th scope="col" className="px-2 py-2 text-right">
                  {t("documentDashboard.sections.total")}
                </th>
                <th scope="col" className="px-2 py-2 text-right">
                  {t("documentDashboard.sections.completed")}
                </th>
                <th scope="col" className="px-2 py-2 text-right">
                  {t("documentDashboard.sections.lagging")}
                </th>
                <th scope="col" className="px-2 py-2 text-right">
                  {t("documentDashboard.sections.completionRate")}
                </th>
                <th scope="col" className="py-2 pl-2">
                  {t("documentDashboard.sections.status")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((section) => {
                const { rollUp } = section;
                const chapter = section.depth === 0;
                return (
                  <tr
                    key={section.id}
                    className={`border-b border-slate-100 ${chapter ? "bg-slate-50" : ""}`}
                    data-section={section.path}
                    data-total={rollUp.total}
                  >
                    <th
                      scope="row"
                      className={`min-w-48 py-2 pr-3 text-left ${chapter ? "font-semibold" : "font-normal"}`}
                      style={{ paddingLeft: `${section.depth * 1.25}rem` }}
                    >
                      {sectionLabel(section)}
                    </th>
                    <td className={cell}>
                      {rollUp.total > 0 ? (
                        <Link
                          href={taskListHref(scope, { section: section.path })}
                          aria-label={t("documentDashboard.sections.openTasks", {
                            title: section.title,
                            count: rollUp.total,
                          })}
                          className="font-medium text-brand-700 underline-offset-2 hover:underline"
                          data-testid="section-tasks-link"
                        >
                          {formatNumber(locale, rollUp.total)}
                        </Link>
                      ) : (
                        "0"
                      )}
                    </td>
                    <td className={cell}>{formatNumber(locale, rollUp.completed)}</td>
                    <td className={cell}>
                      {rollUp.lagging > 0 ? (
                        <Link
                          href={taskListHref(scope, { section: section.path, statuses: ["AT_RISK", "LAGGING"] })}
                          className="text-red-700 hover:underline"
                        >
                          {formatNumber(locale, rollUp.lagging)}
                        </Link>
                      ) : (
                        "0"
                      )}
                    </td>
                    <td className={cell}>{rollUp.total > 0 ? percent(locale, rollUp.completionRate) : "—"}</td>
                    <td className="py-2 pl-2 whitespace-nowrap">
                      <IndicatorStatusBadge
                        status={rollUp.status}
                        label={t(`indicators.statusLabel.${rollUp.status}`)}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
