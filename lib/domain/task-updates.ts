/** Pure rules over a task's report versions (the rows come from lib/server/task-updates). */

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
