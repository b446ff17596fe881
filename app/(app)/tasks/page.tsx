import { TaskTable } from "@/components/tasks/task-table";
import { PageHeader } from "@/components/ui/page-header";
import { getTranslator } from "@/lib/i18n/server";
import { listTasks } from "@/lib/server/tasks";
import { pageParam } from "@/lib/search-params";

export default async function TasksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const page = pageParam((await searchParams).page);
  const [{ t }, tasks] = await Promise.all([getTranslator(), listTasks({ page })]);
  return (
    <>
      <PageHeader title={t("tasks.title")} intro={t("tasks.intro")} />
      <TaskTable page={tasks} t={t} />
    </>
  );
}
