import "server-only";
/**
 * The task state rule of lib/domain/task-state.ts as SQL, for the queries that count, filter and sort
 * thousands of tasks (overview, dashboards, task list, API, department pages, bulletin). Each fragment
 * expects the task table aliased `t`. tests/integration/task-state.test.ts proves that, for every
 * combination of facts, this SQL gives what `taskState` gives.
 *
 * The facts come from the task row: "hasLead" and "deadline" are kept by triggers (migration
 * task_state_columns); the reported status is either the task's current one (latest approved lead
 * report, `CURRENT_REPORT`) or, for a past period, the one at that period (`reportAt`).
 */
import { Prisma } from "../generated/prisma/client";
import type { Period } from "../domain/periods";
import { STATUS_ADVANCEMENT } from "../domain/report-review";

/** Where the reported status comes from: SQL expressions over the query's rows. */
export interface ReportSource {
  /** The reported status as text ('COMPLETED', …), NULL when no report was approved. */
  status: Prisma.Sql;
  /**
   * Whether that status is 已完成 or 常态化推进 (true), or not or no report (false or NULL) — the same
   * as `status IN ('COMPLETED', 'ONGOING')`, which is the default; a source can say it more cheaply.
   */
  finished?: Prisma.Sql;
}

/**
 * The task's latest approved lead report, denormalised on the row (null when never approved). `finished`
 * compares the enum column directly: the state CASE tests it on every row it counts, and turning the
 * enum into text first (a catalogue lookup per call) was most of the cost of counting 50,000 tasks by
 * state (issue 14). `status` converts once, only where the text is the answer.
 */
export const CURRENT_REPORT: ReportSource = {
  status: Prisma.sql`(CASE WHEN t."statusUpdatedAt" IS NULL THEN NULL ELSE t."currentStatus"::text END)`,
  finished: Prisma.sql`(t."statusUpdatedAt" IS NOT NULL AND t."currentStatus" IN ('COMPLETED', 'ONGOING'))`,
};

/**
 * Each task's report at a period: the least advanced (lib/domain/report-review.ts, the co-lead rule) of
 * its lead units' latest approved lead reports of that period or an earlier one — one per unit currently
 * assigned as LEAD, as the review transaction keeps `currentStatus`. Join it as
 * `LEFT JOIN (${reportAtPeriod(p)}) r ON r."taskId" = t.id` and pass `REPORT_AT` as the source.
 */
export function reportAtPeriod(period: Pick<Period, "start">): Prisma.Sql {
  return Prisma.sql`
    SELECT DISTINCT ON (lr."taskId") lr."taskId", lr.status, lr.progress, lr.problems
    FROM (
      SELECT DISTINCT ON (u."taskId", u."departmentId") u."taskId", u.status::text AS status, u.progress, u.problems
      FROM "task_update" u JOIN "reporting_period" p ON p.id = u."periodId"
      WHERE u.kind = 'LEAD_REPORT' AND u."reviewState" = 'APPROVED' AND p."startDate" <= ${period.start}::date
        AND EXISTS (SELECT 1 FROM "task_assignment" a
                    WHERE a."taskId" = u."taskId" AND a."departmentId" = u."departmentId" AND a.role = 'LEAD')
      ORDER BY u."taskId", u."departmentId", p."startDate" DESC, u."createdAt" DESC, u.id DESC
    ) lr
    ORDER BY lr."taskId", ${statusAdvancementSql(Prisma.sql`lr.status`)}, lr.progress`;
}

/** A reported status's rank, least advanced first (`STATUS_ADVANCEMENT`, lib/domain/report-review.ts). */
export function statusAdvancementSql(status: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(CASE ${status} ${Prisma.join(
    STATUS_ADVANCEMENT.map((s, rank) => Prisma.sql`WHEN ${s} THEN ${rank}`),
    " ",
  )} END)`;
}

/** The report joined as `r` (see `reportAtPeriod`). */
export const REPORT_AT: ReportSource = { status: Prisma.sql`r.status` };

const finished = (src: ReportSource) => src.finished ?? Prisma.sql`(${src.status} IN ('COMPLETED', 'ONGOING'))`;

/** Unfinished with its deadline before `date`: 逾期未完成 (`isPastDue`). */
export function pastDueSql(date: string, src: ReportSource = CURRENT_REPORT): Prisma.Sql {
  return Prisma.sql`((t."deadline" < ${date}::date) IS TRUE AND ${finished(src)} IS NOT TRUE)`;
}

/** The task's state on `date` as text ('UNASSIGNED', 'NO_REPORT', …): `taskState`. */
export function taskStateSql(date: string, src: ReportSource = CURRENT_REPORT): Prisma.Sql {
  return Prisma.sql`(CASE
    WHEN ${finished(src)} THEN ${src.status}
    WHEN NOT t."hasLead" THEN 'UNASSIGNED'
    WHEN t."deadline" < ${date}::date THEN 'LAGGING'
    ELSE COALESCE(${src.status}, 'NO_REPORT')
  END)`;
}

/** Worst first (STATE_SEVERITY), for an ascending status sort. */
export function stateRankSql(date: string, src: ReportSource = CURRENT_REPORT): Prisma.Sql {
  return Prisma.sql`(CASE ${taskStateSql(date, src)}
    WHEN 'LAGGING' THEN 0 WHEN 'AT_RISK' THEN 1 WHEN 'UNASSIGNED' THEN 2 WHEN 'NO_REPORT' THEN 3
    WHEN 'NOT_STARTED' THEN 4 WHEN 'ON_TRACK' THEN 5 WHEN 'ONGOING' THEN 6 ELSE 7 END)`;
}

/**
 * Whether the lead unit joined as `dep` (a non-generic LEAD assignment of `t`) owes a report for
 * `period` (`owesReport`). `reportThisPeriod` is a boolean SQL expression (a report thread of that unit
 * exists for the period); `statusBefore` is the reported status at the end of the previous period as
 * text (NULL when none). Needs the document joined as `doc`.
 */
export function owesReportSql(
  period: Pick<Period, "start" | "end">,
  reportThisPeriod: Prisma.Sql,
  statusBefore: Prisma.Sql,
): Prisma.Sql {
  return Prisma.sql`(t."retiredAt" IS NULL AND doc."periodStart" <= ${period.end}::date AND (
    ${reportThisPeriod}
    OR ${statusBefore} IS NULL
    OR ${statusBefore} NOT IN ('COMPLETED', 'ONGOING')
    OR (${statusBefore} = 'ONGOING' AND doc."periodEnd" >= ${period.start}::date)
  ))`;
}
