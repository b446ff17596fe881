import { notFound } from "next/navigation";
import { TaskAssignmentSection } from "@/components/tasks/task-assignment";
import { TaskView } from "@/components/tasks/task-view";
import { shanghaiDate } from "@/lib/domain/periods";
import { getEnv } from "@/lib/env";
import { getTranslator } from "@/lib/i18n/server";
import { idParam } from "@/lib/search-params";
import { getTaskAssignments, listAssignableDepartments } from "@/lib/server/assignments";
import { isReviewer } from "@/lib/server/auth/actor";
import { requirePageActor } from "@/lib/server/auth/session";
import { getEditorState, listTaskTimeline } from "@/lib/server/task-updates";
import { getTask } from "@/lib/server/tasks";

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  if (id === null) notFound();
  const actor = await requirePageActor();
  const today = shanghaiDate(new Date());
  const mayAssign = isReviewer(actor);
  const [{ locale, t }, task, timeline, editor, assignments, options] = await Promise.all([
    getTranslator(),
    getTask(id, today),
    listTaskTimeline(id),
    getEditorState(actor, id),
    getTaskAssignments(id),
    mayAssign ? listAssignableDepartments() : null,
  ]);
  if (!task || !assignments) notFound();
  return (
    <TaskView
      task={task}
      timeline={timeline}
      editor={editor}
      reviewer={isReviewer(actor)}
      departmentName={actor.departmentName}
      uploadMaxBytes={getEnv().UPLOAD_MAX_BYTES}
      assignment={
        <TaskAssignmentSection
          data={assignments}
          unitsSource={task.unitsSource}
          options={task.retired ? null : options}
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
