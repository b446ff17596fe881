import { notFound } from "next/navigation";
import { TaskAssignmentSection } from "@/components/tasks/task-assignment";
import { TaskView } from "@/components/tasks/task-view";
import { getEnv } from "@/lib/env";
import { getTranslator } from "@/lib/i18n/server";
import { idParam } from "@/lib/search-params";
import { isReviewer } from "@/lib/server/auth/actor";
import { requirePageActor } from "@/lib/server/auth/session";
import { getTaskPage } from "@/lib/server/task-page";

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  if (id === null) notFound();
  const actor = await requirePageActor();
  const [{ locale, t }, data] = await Promise.all([getTranslator(), getTaskPage(actor, id)]);
  if (!data) notFound();
  const { task, assignments, options, today, ...view } = data;
  return (
    <TaskView
      {...view}
      task={task}
      reviewer={isReviewer(actor)}
      editorRole={actor.role === "DEPARTMENT_EDITOR"}
      departmentName={actor.departmentName}
      uploadMaxBytes={getEnv().UPLOAD_MAX_BYTES}
      assignment={
        <TaskAssignmentSection
          data={assignments}
          unitsSource={task.unitsSource}
          options={options}
          today={today}
          locale={locale}
          t={t}
        />
      }
      locale={locale}
      t={t}
    />
  );
}
