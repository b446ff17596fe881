/**
 * Rules of the bimonthly task-update cycle, pure so they can be tested with worked examples.
 *
 * A department's report on a task for a period is a thread of immutable rows (versions). The latest
 * row's review state decides what may happen next:
 *   none / DRAFT / RETURNED / APPROVED → the department may save a draft or submit (after approval, a
 *                                         new submission is a correction that goes to review again);
 *   SUBMITTED                          → only a reviewer may act: approve or return (with a comment).
 */
export const TASK_STATUSES = ["NOT_STARTED", "ON_TRACK", "AT_RISK", "LAGGING", "COMPLETED", "ONGOING"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const REVIEW_STATES = ["DRAFT", "SUBMITTED", "RETURNED", "APPROVED"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export type UpdateIntent = "draft" | "submit";
export type ReviewDecision = "approve" | "return";

export const TEXT_LIMITS = { progressText: 4000, problems: 2000, nextSteps: 2000, comment: 2000 } as const;

export function canEdit(latest: ReviewState | null): boolean {
  return latest !== "SUBMITTED";
}

export function canReview(latest: ReviewState | null): boolean {
  return latest === "SUBMITTED";
}

export function nextReviewState(intent: UpdateIntent): ReviewState {
  return intent === "submit" ? "SUBMITTED" : "DRAFT";
}

export interface UpdateContent {
  status: TaskStatus;
  progress: number;
  progressText: string;
}

export type ContentProblem =
  "COMPLETED_NEEDS_EVIDENCE" | "COMPLETED_NEEDS_FULL_PROGRESS" | "SUBMIT_NEEDS_PROGRESS_TEXT";

/**
 * What stops a submission (drafts may be incomplete): 已完成 needs evidence and 100 %, and a
 * submitted report says what was done (工作进展).
 */
export function submissionProblems(content: UpdateContent, evidenceCount: number): ContentProblem[] {
  const problems: ContentProblem[] = [];
  if (content.status === "COMPLETED" && evidenceCount === 0) problems.push("COMPLETED_NEEDS_EVIDENCE");
  if (content.status === "COMPLETED" && content.progress !== 100) problems.push("COMPLETED_NEEDS_FULL_PROGRESS");
  if (content.progressText.trim().length === 0) problems.push("SUBMIT_NEEDS_PROGRESS_TEXT");
  return problems;
}

/** A milestone is overdue when its due date has passed (Shanghai calendar) and it is not completed. */
export function isMilestoneOverdue(dueDate: string, completedDate: string | null, today: string): boolean {
  return completedDate === null && dueDate < today;
}
