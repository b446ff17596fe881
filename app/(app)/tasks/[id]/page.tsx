import { notFound } from "next/navigation";
import { TaskDetail } from "@/components/tasks/task-detail";
import { CommentForm } from "@/components/updates/comment-form";
import { ReviewPanel } from "@/components/updates/review-panel";
import { Timeline } from "@/components/updates/timeline";
import { UpdateForm } from "@/components/updates/update-form";
import { shanghaiDate } from "@/lib/domain/periods";
import { getEnv } from "@/lib/env";
import { getMessages } from "@/lib/i18n/catalogue";
import { periodLabel } from "@/lib/i18n/periods";
import { getTranslator } from "@/lib/i18n/server";
import { idParam } from "@/lib/search-params";
import { isReviewer } from "@/lib/server/auth/actor";
import { requirePageActor } from "@/lib/server/auth/session";
import { getEditorState, listTaskTimeline, type UpdateRow } from "@/lib/server/task-updates";
import { getTask } from "@/lib/server/tasks";

/** The latest version of each (period, department) thread that awaits review. */
function awaitingReview(updates: UpdateRow[]): UpdateRow[] {
  const latest = new Map<string, UpdateRow>();
  for (const u of updates) {
    const key = `${u.periodId}:${u.departmentId}`;
    const seen = latest.get(key);
    if (!seen || seen.version < u.version) latest.set(key, u);
  }
  return [...latest.values()].filter((u) => u.reviewState === "SUBMITTED");
}

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  if (id === null) notFound();
  const actor = await requirePageActor();
  const [{ locale, t }, task, timeline, editor] = await Promise.all([
    getTranslator(),
    getTask(id, shanghaiDate(new Date())),
    listTaskTimeline(id),
    getEditorState(actor, id),
  ]);
  if (!task) notFound();
  const m = getMessages(locale).updates;
  const updates = timeline.flatMap((e) => (e.update ? [e.update] : []));
  const canComment = isReviewer(actor) || editor !== null;
  return (
    <TaskDetail task={task} locale={locale} t={t}>
      {editor ? (
        <UpdateForm
          taskId={task.id}
          state={editor}
          milestones={task.milestones.map((ms) => ({
            id: ms.id,
            dueDate: ms.dueDate,
            text: ms.text,
            completedDate: ms.completedDate,
          }))}
          departmentName={actor.departmentName ?? ""}
          periodLabel={periodLabel(editor.period, locale, t)}
          maxUploadMb={Math.round(getEnv().UPLOAD_MAX_BYTES / 1024 / 1024)}
          m={m}
        />
      ) : null}
      {isReviewer(actor) ? awaitingReview(updates).map((u) => <ReviewPanel key={u.id} update={u} m={m} />) : null}
      <section aria-labelledby="timeline-title" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="timeline-title" className="mb-2 font-semibold">
          {t("updates.timeline.title")}
        </h2>
        <Timeline entries={timeline} locale={locale} t={t} />
        {canComment ? <CommentForm taskId={task.id} m={m.comments} /> : null}
      </section>
    </TaskDetail>
  );
}
