import { TaskDetail } from "@/components/tasks/task-detail";
import { CommentForm } from "@/components/updates/comment-form";
import { ReviewPanel } from "@/components/updates/review-panel";
import { Timeline } from "@/components/updates/timeline";
import { UpdateForm } from "@/components/updates/update-form";
import { awaitingReview } from "@/lib/domain/task-updates";
import { getMessages, type Locale, type Translate } from "@/lib/i18n/catalogue";
import { periodLabel } from "@/lib/i18n/periods";
import type { TimelineEntry } from "@/lib/schemas/task-updates";
import type { EditorState } from "@/lib/server/task-updates";
import type { TaskDetail as Task } from "@/lib/server/tasks";

/**
 * A task with its update cycle: the department's report form (when it may edit), a review panel per
 * report awaiting review (for reviewers), and the timeline with the comment form.
 */
export function TaskView({
  task,
  timeline,
  editor,
  reviewer,
  departmentName,
  uploadMaxBytes,
  assignment,
  locale,
  t,
}: {
  task: Task;
  timeline: TimelineEntry[];
  /** The signed-in department's editing state, or null when it may not report on this task. */
  editor: EditorState | null;
  reviewer: boolean;
  departmentName: string | null;
  uploadMaxBytes: number;
  /** The 原文 / 分工 section with history and, for reviewers, the editor. */
  assignment?: React.ReactNode;
  locale: Locale;
  t: Translate;
}) {
  const m = getMessages(locale).updates;
  const updates = timeline.flatMap((e) => (e.update ? [e.update] : []));
  const canComment = reviewer || editor !== null;
  return (
    <TaskDetail task={task} locale={locale} t={t} assignment={assignment}>
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
          departmentName={departmentName ?? ""}
          periodLabel={periodLabel(editor.period, locale, t)}
          maxUploadMb={Math.round(uploadMaxBytes / 1024 / 1024)}
          m={m}
        />
      ) : null}
      {reviewer ? awaitingReview(updates).map((u) => <ReviewPanel key={u.id} update={u} m={m} />) : null}
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
