import { redirect } from "next/navigation";
import { TasksView } from "@/components/tasks/tasks-view";
import { shanghaiDate } from "@/lib/domain/periods";
import { parseTaskListState } from "@/lib/domain/task-filters";
import { canonicalTaskListRedirect, staleSectionRedirect } from "@/lib/domain/task-list-url";
import type { QueryParams } from "@/lib/domain/query-params";
import { getTranslator } from "@/lib/i18n/server";
import { queryStringOf } from "@/lib/search-params";
import { requirePageActor } from "@/lib/server/auth/session";
import { EXPORT_ROW_LIMIT, getTaskFilterOptions, searchTasks } from "@/lib/server/task-search";

export default async function TasksPage({ searchParams }: { searchParams: Promise<QueryParams> }) {
  await requirePageActor();
  const raw = await searchParams;
  const state = parseTaskListState(raw);
  const canonical = canonicalTaskListRedirect(state, queryStringOf(raw));
  if (canonical) redirect(canonical);
  const [{ locale, t }, result, options] = await Promise.all([
    getTranslator(),
    searchTasks(state, shanghaiDate(new Date())),
    getTaskFilterOptions(state.document),
  ]);
  const withoutStaleSection = staleSectionRedirect(state, options.sections);
  if (withoutStaleSection) redirect(withoutStaleSection);
  return (
    <TasksView state={state} result={result} options={options} exportLimit={EXPORT_ROW_LIMIT} locale={locale} t={t} />
  );
}
