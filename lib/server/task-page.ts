import "server-only";
import { shanghaiDate } from "@/lib/domain/periods";
import { getTaskAssignments, listAssignableDepartments } from "@/lib/server/assignments";
import { isReviewer, type Actor } from "@/lib/server/auth/actor";
import { isFollowing } from "@/lib/server/follows";
import { getEditorState, listLeadUnitReports, listTaskTimeline } from "@/lib/server/task-updates";
import { getTask } from "@/lib/server/tasks";

/**
 * Everything the task page shows for one signed-in user, read in parallel: the task at today's date, its
 * update timeline, the user's report form state, the assignment (原文 / 分工 / history) with the registry
 * for reviewers and admins who may assign, each lead unit's latest approved report, and the 关注 flag.
 * Null when the task does not exist.
 */
export async function getTaskPage(actor: Actor, id: number) {
  const today = shanghaiDate(new Date());
  const [task, timeline, editor, assignments, options, leadReports, following] = await Promise.all([
    getTask(id, today),
    listTaskTimeline(id),
    getEditorState(actor, id),
    getTaskAssignments(id),
    isReviewer(actor) ? listAssignableDepartments() : null,
    listLeadUnitReports(id),
    isFollowing(actor.id, "task", id),
  ]);
  if (!task || !assignments) return null;
  return { today, task, timeline, editor, assignments, options: task.retired ? null : options, leadReports, following };
}
