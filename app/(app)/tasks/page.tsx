import { redirect } from "next/navigation";
import { TaskExportLinks, TaskFilters } from "@/components/tasks/task-filters";
import { TaskTable } from "@/components/tasks/task-table";
import { PageHeader } from "@/components/ui/page-header";
import { shanghaiDate } from "@/lib/domain/periods";
import { parseTaskListState, serialiseTaskListState, taskListHref } from "@/lib/domain/task-filters";
import { formatNumber } from "@/lib/i18n/catalogue";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { EXPORT_ROW_LIMIT, getTaskFilterOptions, searchTasks } from "@/lib/server/task-search";
import { queryStringOf } from "@/lib/search-params";

export default async function TasksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageActor();
  const raw = await searchParams;
  const state = parseTaskListState(raw);
  // One view, one URL: the GET form's empty fields and invalid values are dropped by a redirect.
  const canonical = serialiseTaskListState(state);
  if (new URLSearchParams(canonical).toString() !== queryStringOf(raw)) {
    redirect(canonical ? `/tasks?${canonical}` : "/tasks");
  }

  const [{ locale, t }, result, options] = await Promise.all([
    getTranslator(),
    searchTasks(state, shanghaiDate(new Date())),
    getTaskFilterOptions(state.document),
  ]);
  // A section left over from another document (the form sends both at once) would match nothing.
  if (state.section && !options.sections.some((s) => s.path === state.section)) {
    redirect(taskListHref(state, { section: null }));
  }
  const count = t("taskList.count", { total: formatNumber(locale, result.total) });
  return (
    <>
      <PageHeader title={t("tasks.title")} intro={t("tasks.intro")} />
      <TaskFilters state={state} options={options} t={t} />
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm font-medium text-slate-800" role="status" data-testid="task-count">
          {count}
        </p>
        {result.total > 0 ? (
          <TaskExportLinks state={state} total={result.total} limit={EXPORT_ROW_LIMIT} locale={locale} t={t} />
        ) : null}
      </div>
      <TaskTable result={result} locale={locale} t={t} caption={count} sorting={{ state, path: "/tasks" }} />
    </>
  );
}
