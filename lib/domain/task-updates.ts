/** Pure rules over a task's report versions (the rows come from lib/server/task-updates). */
import type { ReviewState } from "./task-status";

type ReportVersion = { periodId: number; departmentId: number; version: number; reviewState: string };

/** The latest version of each (period, department) thread that awaits review, in first-seen order. */
export function awaitingReview<T extends ReportVersion>(updates: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const u of updates) {
    const key = `${u.periodId}:${u.departmentId}`;
    const seen = latest.get(key);
    if (!seen || seen.version < u.version) latest.set(key, u);
  }
  return [...latest.values()].filter((u) => u.reviewState === "SUBMITTED");
}

/** 督办: only the departments that still owe at least one report for the period. */
export function departmentsMissingReports<T extends { missing: number }>(rows: readonly T[]): T[] {
  return rows.filter((row) => row.missing > 0);
}

/**
 * What each version of a report thread was, at that version — its own review state, never its thread's
 * latest or first: 草稿, 已提交 (a submission a later version reviewed), 已提交待审核 (the thread's latest
 * version, still awaiting review), 已退回, 已通过. Keyed by the version row's id.
 */
export type HistoryState = "DRAFT" | "SUBMITTED" | "AWAITING_REVIEW" | "RETURNED" | "APPROVED";

export function historyStates<T extends ReportVersion & { id: number; reviewState: ReviewState }>(
  updates: readonly T[],
): Map<number, HistoryState> {
  const pending = new Set(awaitingReview(updates).map((u) => u.id));
  return new Map(updates.map((u) => [u.id, pending.has(u.id) ? "AWAITING_REVIEW" : u.reviewState]));
}
