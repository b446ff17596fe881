import "server-only";
/**
 * Who owes a report for a period, and how many they filed — the one count behind `/review`'s 督办 list,
 * the department pages, the overview's submission rate and the bulletin's 未报送单位 (the rule is
 * `owesReport` in lib/domain/task-state.ts, its SQL `owesReportSql` in lib/server/task-state.ts).
 *
 * Per lead unit (a LEAD assignment to a department that is not a generic group such as 有关部门):
 *   - in scope: the tasks it leads that owe a report for the period — a report thread it opened for the
 *     period always counts; otherwise a task completed before the period owes nothing, a 常态化推进 one
 *     owes a report only while its document is in force, and an unfinished one owes a report (also after
 *     its document's period, until it is finished);
 *   - submitted: of those, the ones whose LATEST version for the period is submitted or approved (a
 *     returned report owes a resubmission, a draft is not a report);
 *   - approved: of those, the ones whose latest version is approved;
 *   - missing = in scope − submitted.
 * "Before the period" is the task's reported status at the end of the previous period (its latest approved
 * lead report of that period or an earlier one), so a past period is judged as it stood, not by today.
 */
import { periodContaining, previousPeriod, type Period } from "../domain/periods";
import { DEFAULT_STATE, filtersOf } from "../domain/task-filters";
import { taskHeading } from "../domain/task-heading";
import { Prisma } from "../generated/prisma/client";
import { getDb } from "./db";
import { findPeriodRow } from "./periods";
import { taskWhere } from "./task-search";
import { CURRENT_REPORT, owesReportSql } from "./task-state";

type Db = Prisma.TransactionClient;

export interface ReportDutyFilters {
  /** Only this lead unit. */
  departmentId?: number | null;
  /** Document slug. */
  document?: string | null;
  /** Task area, or UNASSIGNED_AREA (lib/domain/task-filters.ts) for tasks without one. */
  area?: string | null;
}

export interface ReportDutyRow {
  departmentId: number;
  departmentName: string;
  tasksInScope: number;
  submitted: number;
  approved: number;
  missing: number;
}

/**
 * The (lead unit, task) pairs owing a report for `period`, as FROM … WHERE over `a` (the LEAD assignment),
 * `t`, `doc`, `dep` and `l` (the latest version of the unit's report thread for the period, if any). Both
 * the per-unit counts and the department page's task list are read through it, so they cannot disagree.
 */
async function dutyPairs(db: Db, period: Period, filters: ReportDutyFilters): Promise<Prisma.Sql> {
  // No period row means no report was ever opened for it: nothing filed, everything owed.
  const periodId = (await findPeriodRow(db, period))?.id ?? -1;
  const scope = taskWhere(
    { ...filtersOf(DEFAULT_STATE), document: filters.document ?? null, area: filters.area ?? null },
    period.end,
  );
  const unit =
    filters.departmentId === null || filters.departmentId === undefined
      ? Prisma.empty
      : Prisma.sql`AND a."departmentId" = ${filters.departmentId}`;
  return Prisma.sql`
    FROM "task_assignment" a
    JOIN "task" t ON t.id = a."taskId"
    JOIN "document" doc ON doc.id = t."documentId"
    -- A unit merged away (机构改革) owes nothing: its open tasks moved to the unit it was merged into.
    JOIN "department" dep ON dep.id = a."departmentId" AND NOT dep.generic AND dep."mergedIntoId" IS NULL
    -- Only the latest version of each report thread counts: a returned report owes a resubmission.
    LEFT JOIN LATERAL (
      SELECT u."taskId", u."reviewState"::text AS "reviewState", u.version, u."reviewComment", u."createdAt"
      FROM "task_update" u
      WHERE u."periodId" = ${periodId} AND u.kind = 'LEAD_REPORT' AND u."taskId" = t.id AND u."departmentId" = dep.id
      ORDER BY u.version DESC LIMIT 1
    ) l ON true
    WHERE a.role = 'LEAD' ${unit} AND ${scope}
      AND ${owesReportSql(period, Prisma.sql`(l."taskId" IS NOT NULL)`, statusBefore(period, periodId))}`;
}

/**
 * The task's reported status at the end of the period before `period`, as an SQL expression over `t`.
 * Looked up per task (an index scan of its own reports), never by reading every approved report:
 * - for the current period (no later report can exist), the task's current report stands unless a
 *   report of this very period was approved — only then is the earlier one looked up;
 * - for a past period, always the latest approved lead report of an earlier period.
 */
function statusBefore(period: Period, periodId: number): Prisma.Sql {
  const previous = previousPeriod(period);
  const earlier = Prisma.sql`(
    SELECT u.status::text FROM "task_update" u JOIN "reporting_period" p ON p.id = u."periodId"
    WHERE u."taskId" = t.id AND u.kind = 'LEAD_REPORT' AND u."reviewState" = 'APPROVED'
      AND p."startDate" <= ${previous.start}::date
    ORDER BY p."startDate" DESC, u."createdAt" DESC, u.id DESC LIMIT 1)`;
  if (period.code !== periodContaining(new Date()).code) return earlier;
  return Prisma.sql`(CASE WHEN EXISTS (
      SELECT 1 FROM "task_update" u
      WHERE u."taskId" = t.id AND u."periodId" = ${periodId} AND u.kind = 'LEAD_REPORT' AND u."reviewState" = 'APPROVED')
    THEN ${earlier} ELSE ${CURRENT_REPORT.status} END)`;
}

/**
 * Every lead unit with at least one task owing a report for `period`, most missing first (then by name).
 * `db` lets the bulletin read it inside its own snapshot transaction.
 */
export async function listReportDuty(
  period: Period,
  filters: ReportDutyFilters = {},
  db: Db = getDb(),
): Promise<ReportDutyRow[]> {
  const rows = await db.$queryRaw<Omit<ReportDutyRow, "missing">[]>`
    SELECT dep.id AS "departmentId", dep.name AS "departmentName",
           count(*)::int AS "tasksInScope",
           (count(*) FILTER (WHERE l."reviewState" IN ('SUBMITTED', 'APPROVED')))::int AS submitted,
           (count(*) FILTER (WHERE l."reviewState" = 'APPROVED'))::int AS approved
    ${await dutyPairs(db, period, filters)}
    GROUP BY dep.id, dep.name`;
  return rows
    .map((r) => ({ ...r, missing: r.tasksInScope - r.submitted }))
    .sort(
      (a, b) =>
        b.missing - a.missing ||
        a.departmentName.localeCompare(b.departmentName, "zh-CN") ||
        a.departmentId - b.departmentId,
    );
}

/** Report state of a task's thread for the period: NONE when the unit has not opened one. */
export type SubmissionState = "NONE" | "DRAFT" | "SUBMITTED" | "RETURNED" | "APPROVED";
export const SUBMISSION_STATES: readonly SubmissionState[] = ["NONE", "DRAFT", "SUBMITTED", "RETURNED", "APPROVED"];

export interface ReportDutyTask {
  taskId: number;
  number: string;
  documentShortTitle: string;
  state: SubmissionState;
  version: number | null;
}

/**
 * One unit's tasks owing a report for `period` (the pairs `listReportDuty` counts): how many in each
 * report state over all of them, and the first `limit` — not reported, returned and drafts first.
 */
export async function listReportDutyTasks(
  period: Period,
  departmentId: number,
  limit: number,
  db: Db = getDb(),
): Promise<{ counts: Record<SubmissionState, number>; tasks: ReportDutyTask[] }> {
  const rows = await db.$queryRaw<(ReportDutyTask & { n: number })[]>`
    SELECT t.id AS "taskId", t.number, doc."shortTitle" AS "documentShortTitle",
           COALESCE(l."reviewState", 'NONE') AS state, l.version,
           -- Per state, over every task: the counts stay whole when the list is cut.
           (count(*) OVER (PARTITION BY COALESCE(l."reviewState", 'NONE')))::int AS n
    ${await dutyPairs(db, period, { departmentId })}
    ORDER BY array_position(ARRAY['NONE', 'RETURNED', 'DRAFT', 'SUBMITTED', 'APPROVED'], COALESCE(l."reviewState", 'NONE')),
             t."documentId", t.ordinal, t.id`;
  const counts = Object.fromEntries(SUBMISSION_STATES.map((s) => [s, 0])) as Record<SubmissionState, number>;
  for (const row of rows) counts[row.state] = row.n;
  return { counts, tasks: rows.slice(0, limit).map(({ n: _n, ...task }) => task) };
}

/**
 * One unit's row of `listReportDuty` from the per-state counts `listReportDutyTasks` returns for it: the
 * same pairs, so the same figures (tests/integration/report-duty.test.ts checks every unit). The
 * department page reads both from one query instead of running the duty query twice.
 */
export function dutyTotalsOf(
  counts: Record<SubmissionState, number>,
): Omit<ReportDutyRow, "departmentId" | "departmentName"> {
  const tasksInScope = SUBMISSION_STATES.reduce((sum, state) => sum + counts[state], 0);
  const submitted = counts.SUBMITTED + counts.APPROVED;
  return { tasksInScope, submitted, approved: counts.APPROVED, missing: tasksInScope - submitted };
}

/** A task of the unit that still needs its report this period: not filed, returned, or a draft. */
export interface OpenDutyTask {
  taskId: number;
  number: string;
  heading: string;
  documentShortTitle: string;
  state: "NONE" | "RETURNED" | "DRAFT";
  version: number | null;
  /** The reviewer's comment on a returned report. */
  reviewComment: string | null;
  /** When the latest version was written (returned, or the draft saved); null when nothing was filed. */
  at: string | null;
}

/**
 * 我的待办 for an editor: one unit's duty for `period` (the pairs `listReportDuty` counts), how many in
 * each report state over all of them, and the first `limit` of each state that still needs the unit's
 * work (not filed, returned, drafts) — one scan of the pairs, whatever the unit's size.
 */
export async function listOpenReportDuty(
  period: Period,
  departmentId: number,
  limit: number,
  db: Db = getDb(),
): Promise<{ counts: Record<SubmissionState, number>; open: OpenDutyTask[] }> {
  type Row = Omit<OpenDutyTask, "heading" | "at"> & { title: string | null; text: string; n: number; at: Date | null };
  const rows = await db.$queryRaw<Row[]>`
    SELECT x."taskId", x.number, x.title, x.text, x."documentShortTitle", x.state, x.version, x."reviewComment", x.at, x.n
    FROM (
      SELECT t.id AS "taskId", t.number, t.title, t.text,
             doc."shortTitle" AS "documentShortTitle", COALESCE(l."reviewState", 'NONE') AS state, l.version,
             l."reviewComment", l."createdAt" AS at,
             (count(*) OVER (PARTITION BY COALESCE(l."reviewState", 'NONE')))::int AS n,
             row_number() OVER (PARTITION BY COALESCE(l."reviewState", 'NONE')
                                ORDER BY t."documentId", t.ordinal, t.id) AS rn
      ${await dutyPairs(db, period, { departmentId })}
    ) x
    -- The open states up to the limit, and one row of every other state for its count.
    WHERE (x.state IN ('NONE', 'RETURNED', 'DRAFT') AND x.rn <= ${limit}) OR x.rn = 1
    ORDER BY array_position(ARRAY['RETURNED', 'NONE', 'DRAFT'], x.state), x.rn`;
  const counts = Object.fromEntries(SUBMISSION_STATES.map((s) => [s, 0])) as Record<SubmissionState, number>;
  for (const row of rows) counts[row.state] = row.n;
  return {
    counts,
    open: rows
      .filter((row) => row.state === "NONE" || row.state === "RETURNED" || row.state === "DRAFT")
      .map(({ n: _n, at, title, text, ...row }) => ({
        ...row,
        heading: taskHeading({ title, text }),
        at: at ? at.toISOString() : null,
      })),
  };
}

/** The totals over `listReportDuty`'s rows: the overview's submission rate. */
export function totalReportDuty(
  rows: readonly ReportDutyRow[],
): Omit<ReportDutyRow, "departmentId" | "departmentName"> {
  return rows.reduce(
    (sum, r) => ({
      tasksInScope: sum.tasksInScope + r.tasksInScope,
      submitted: sum.submitted + r.submitted,
      approved: sum.approved + r.approved,
      missing: sum.missing + r.missing,
    }),
    { tasksInScope: 0, submitted: 0, approved: 0, missing: 0 },
  );
}
