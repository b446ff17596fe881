-- Data migration (no schema change): the co-lead rule (lib/domain/report-review.ts). A task with several
-- lead units takes the status and progress of the least advanced of its lead units' latest approved lead
-- reports; until now the report approved last set it. Recompute the tasks this changes, and record each
-- change in the audit log as the review transaction does (action task.status, actor "migration").
-- Order, least advanced first: LAGGING, AT_RISK, NOT_STARTED, ON_TRACK, ONGOING, COMPLETED.
WITH per_unit AS (
  SELECT DISTINCT ON (u."taskId", u."departmentId") u."taskId", u."departmentId", u.status, u.progress
  FROM "task_update" u JOIN "reporting_period" p ON p.id = u."periodId"
  WHERE u.kind = 'LEAD_REPORT' AND u."reviewState" = 'APPROVED'
    AND EXISTS (SELECT 1 FROM "task_assignment" a
                WHERE a."taskId" = u."taskId" AND a."departmentId" = u."departmentId" AND a.role = 'LEAD')
  ORDER BY u."taskId", u."departmentId", p."startDate" DESC, u."createdAt" DESC, u.id DESC
),
least AS (
  SELECT DISTINCT ON (x."taskId") x."taskId", x.status, x.progress
  FROM per_unit x
  WHERE x."taskId" IN (SELECT "taskId" FROM per_unit GROUP BY "taskId" HAVING count(*) > 1)
  ORDER BY x."taskId",
    CASE x.status WHEN 'LAGGING' THEN 0 WHEN 'AT_RISK' THEN 1 WHEN 'NOT_STARTED' THEN 2
                  WHEN 'ON_TRACK' THEN 3 WHEN 'ONGOING' THEN 4 ELSE 5 END,
    x.progress
),
changed AS (
  UPDATE "task" t SET "currentStatus" = l.status, "currentProgress" = l.progress
  FROM least l, "task" old
  WHERE t.id = l."taskId" AND old.id = t.id
    AND (t."currentStatus" IS DISTINCT FROM l.status OR t."currentProgress" IS DISTINCT FROM l.progress)
  RETURNING t.id, old."currentStatus" AS before_status, old."currentProgress" AS before_progress,
            t."currentStatus" AS after_status, t."currentProgress" AS after_progress
)
INSERT INTO "audit_log" ("actorLabel", "action", "entityType", "entityId", "before", "after")
SELECT 'migration', 'task.status', 'task', c.id::text,
       jsonb_build_object('status', c.before_status, 'progress', c.before_progress),
       jsonb_build_object('status', c.after_status, 'progress', c.after_progress, 'reason', 'co-lead rule: least advanced lead report')
FROM changed c;
