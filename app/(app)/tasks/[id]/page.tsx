import { notFound } from "next/navigation";
import { TaskDetail } from "@/components/tasks/task-detail";
import { shanghaiDate } from "@/lib/domain/periods";
import { getTranslator } from "@/lib/i18n/server";
import { idParam } from "@/lib/search-params";
import { getTask } from "@/lib/server/tasks";

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  if (id === null) notFound();
  const [{ locale, t }, task] = await Promise.all([getTranslator(), getTask(id, shanghaiDate(new Date()))]);
  if (!task) notFound();
  return <TaskDetail task={task} locale={locale} t={t} />;
}
