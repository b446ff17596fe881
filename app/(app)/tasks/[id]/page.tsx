import { notFound } from "next/navigation";
import { TaskView } from "@/components/tasks/task-view";
import { shanghaiDate } from "@/lib/domain/periods";
import { getEnv } from "@/lib/env";
import { getTranslator } from "@/lib/i18n/server";
import { idParam } from "@/lib/search-params";
import { isReviewer } from "@/lib/server/auth/actor";
import { requirePageActor } from "@/lib/server/auth/session";
import { isFollowing } from "@/lib/server/follows";
import { getEditorState, listTaskTimeline } from "@/lib/server/task-updates";
import { getTask } from "@/lib/server/tasks";

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  if (id === null) notFound();
  const actor = await requirePageActor();
  const [{ locale, t }, task, timeline, editor, following] = await Promise.all([
    getTranslator(),
    getTask(id, shanghaiDate(new Date())),
    listTaskTimeline(id),
    getEditorState(actor, id),
    isFollowing(actor.id, "task", id),
  ]);
  if (!task) notFound();
  return (
    <TaskView
      task={task}
      timeline={timeline}
      editor={editor}
      reviewer={isReviewer(actor)}
      following={following}
      editorRole={actor.role === "DEPARTMENT_EDITOR"}
      departmentName={actor.departmentName}
      uploadMaxBytes={getEnv().UPLOAD_MAX_BYTES}
      locale={locale}
      t={t}
    />
  );
}
