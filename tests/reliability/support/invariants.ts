/**
 * What the schema and the write transactions promise, checked in SQL over the whole database. Each query
 * returns the offending rows; an empty list everywhere means nothing was half-written.
 */
import type { Stack } from "./stack";
import type { Ack } from "./writers";

const CHECKS: Record<string, string> = {
  // saveTaskUpdate and reviewTaskUpdate write the update and its audit row in one transaction.
  "an update without its audit row": `
    SELECT u.id FROM task_update u
     WHERE NOT u."isSample" AND NOT EXISTS (
       SELECT 1 FROM audit_log a
        WHERE a."entityType" = 'task_update'
          AND a.action IN ('task_update.save_draft', 'task_update.submit', 'task_update.approve', 'task_update.return')
          AND (a.after ->> 'id')::int = u.id)`,
  "an audit row whose update does not exist": `
    SELECT a.id FROM audit_log a
     WHERE a."entityType" = 'task_update'
       AND a.action IN ('task_update.save_draft', 'task_update.submit', 'task_update.approve', 'task_update.return')
       AND NOT EXISTS (SELECT 1 FROM task_update u WHERE u.id = (a.after ->> 'id')::int)`,
  // Versions of one report thread are 1, 2, 3 … with no gap (a lost write) and no duplicate.
  "a report thread whose versions have a gap": `
    SELECT "taskId", "periodId", "departmentId" FROM task_update
     GROUP BY "taskId", "periodId", "departmentId"
    HAVING min(version) <> 1 OR max(version) <> count(*) OR count(DISTINCT version) <> count(*)`,
  // Evidence is attached to an update of its own task, never to another's.
  "evidence attached to another task's update": `
    SELECT e.id FROM evidence e JOIN task_update u ON u.id = e."taskUpdateId" WHERE u."taskId" <> e."taskId"`,
  // A review writes a new version copying the submitted one: an approval follows a submission.
  "an approval that does not follow a submission": `
    SELECT u.id FROM task_update u
      JOIN task_update p ON p."taskId" = u."taskId" AND p."periodId" = u."periodId"
                        AND p."departmentId" = u."departmentId" AND p.version = u.version - 1
     WHERE u."reviewState" IN ('APPROVED', 'RETURNED') AND p."reviewState" <> 'SUBMITTED'`,
  // The task's status follows its lead units' latest approved reports — the least advanced of them when
  // there are several (applyApprovedReport, same transaction; the co-lead rule, lib/domain/report-review.ts).
  "a task whose status disagrees with its latest approved lead report": `
    SELECT t.id FROM task t
      JOIN LATERAL (
        SELECT per_unit.status, per_unit.progress FROM (
          SELECT DISTINCT ON (u."departmentId") u.status, u.progress
            FROM task_update u JOIN reporting_period p ON p.id = u."periodId"
           WHERE u."taskId" = t.id AND u.kind = 'LEAD_REPORT' AND u."reviewState" = 'APPROVED'
             AND u."departmentId" IN (SELECT a."departmentId" FROM task_assignment a
                                       WHERE a."taskId" = t.id AND a.role = 'LEAD')
           ORDER BY u."departmentId", p."startDate" DESC, u."createdAt" DESC, u.id DESC) per_unit
         ORDER BY CASE per_unit.status WHEN 'LAGGING' THEN 0 WHEN 'AT_RISK' THEN 1 WHEN 'NOT_STARTED' THEN 2
                    WHEN 'ON_TRACK' THEN 3 WHEN 'ONGOING' THEN 4 ELSE 5 END, per_unit.progress
         LIMIT 1) latest ON true
     WHERE t."currentStatus"::text <> latest.status::text OR t."currentProgress" <> latest.progress`,
  // Every approval of a lead report audits what it did to the task's status (changed or kept), in its
  // own transaction: one task.status / task.status_kept row per approval.
  "an approved lead report without its task.status audit row": `
    SELECT u."taskId" FROM task_update u
     WHERE u.kind = 'LEAD_REPORT' AND u."reviewState" = 'APPROVED' AND NOT u."isSample"
     GROUP BY u."taskId"
    HAVING count(*) <> (SELECT count(*) FROM audit_log a
                         WHERE a."entityType" = 'task' AND a."entityId" = u."taskId"::text
                           AND a.action IN ('task.status', 'task.status_kept'))`,
};

export async function findHalfWrittenRows(stack: Stack): Promise<Record<string, unknown[]>> {
  const found: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(CHECKS)) {
    const rows = await stack.query(sql);
    if (rows.length) found[name] = rows.slice(0, 10);
  }
  return found;
}

/** Acknowledged writes missing from the database or stored differently from what the answer said. */
export async function findMissingAcks(stack: Stack, acks: Ack[]): Promise<string[]> {
  const rows = await stack.query<Ack>(
    `SELECT id, "taskId", version, "reviewState"::text AS "reviewState", status::text AS status, progress,
            "progressText" FROM task_update WHERE id = ANY($1::int[])`,
    [acks.map((a) => a.id)],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing: string[] = [];
  for (const ack of acks) {
    const row = byId.get(ack.id);
    const same =
      row &&
      row.taskId === ack.taskId &&
      row.version === ack.version &&
      row.reviewState === ack.reviewState &&
      row.status === ack.status &&
      row.progress === ack.progress &&
      row.progressText === ack.progressText;
    if (!same) missing.push(`${ack.id} (task ${ack.taskId} v${ack.version}): ${row ? "differs" : "missing"}`);
  }
  return missing;
}
