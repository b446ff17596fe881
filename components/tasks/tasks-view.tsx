import { TaskExportLinks, TaskFilters } from "@/components/tasks/task-filters";
import { TaskTable } from "@/components/tasks/task-table";
import { PageHeader } from "@/components/ui/page-header";
import type { TaskListState } from "@/lib/domain/task-filters";
import { formatNumber, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { TaskSearchResult } from "@/lib/schemas/tasks";
import type { TaskFilterOptions } from "@/lib/server/task-search";

/** The task list: filters in the URL, the count with the export links, then one sortable page. */
export function TasksView({
  state,
  result,
  options,
  exportLimit,
  locale,
  t,
}: {
  state: TaskListState;
  result: TaskSearchResult;
  options: TaskFilterOptions;
  /** The most rows an export holds. */
  exportLimit: number;
  locale: Locale;
  t: Translate;
}) {
  const count = t("taskList.count", { total: formatNumber(locale, result.total) });
  return (
    <>
      <PageHeader title={t("tasks.title")} intro={t("tasks.intro")} />
      <TaskFilters state={state} options={options} t={t} />
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <p
          className="text-sm font-medium text-slate-800"
          role="status"
          data-testid="task-count"
          data-total={result.total}
        >
          {count}
        </p>
        {result.total > 0 ? (
          <TaskExportLinks state={state} total={result.total} limit={exportLimit} locale={locale} t={t} />
        ) : null}
      </div>
      <TaskTable result={result} locale={locale} t={t} caption={count} sorting={{ state, path: "/tasks" }} />
    </>
  );
}
