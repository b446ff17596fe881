import "server-only";
/**
 * Departments at work: how many tasks each unit leads and shares, how many of the tasks it leads lag or
 * are overdue, and one unit's profile (aliases, overdue milestones, indicators, reporting state).
 *
 * Counting is done in PostgreSQL in one statement (conditional aggregates over task_assignment joined to
 * task), not by loading assignments: the list stays one round trip at 50,000 tasks.
 */
import { Prisma } from "../generated/prisma/client";
import { periodContaining } from "../domain/periods";
import { escapeLikePattern } from "../domain/task-filters";
import {
  emptyStateCounts,
  rollUpTaskStates,
  TASK_STATES,
  type StateCounts,
  type TaskRollUp,
  type TaskState,
} from "../domain/task-state";
import type { DepartmentSort } from "../search-params";
import { getDb } from "./db";
import { findPeriodRow } from "./periods";
import { dutyTotalsOf, listReportDutyTasks, type ReportDutyTask, type SubmissionState } from "./report-duty";
import { pastDueSql, taskStateSql } from "./task-state";

export { SUBMISSION_STATES, type SubmissionState } from "./report-duty";

export interface DepartmentWorkload {
  id: number;
  name: string;
  generic: boolean;
  leadCount: number;
  responsibleCount: number;
  cooperatingCount: number;
  /** Tasks it leads whose state today is 滞后 (reported, or past its deadline unfinished) or 存在风险. */
  laggingCount: number;
  /** Tasks it leads with an open milestone past due. */
  overdueCount: number;
  /** Tasks it leads that lag, are overdue, or both (each counted once): the default sort key. */
  attentionCount: number;
}

/** Non-retired tasks with an open, non-retired milestone due before `today` (Shanghai date). */
const overdueTaskIds = (today: string) => Prisma.sql`
  SELECT DISTINCT m."taskId" FROM "milestone" m
  WHERE m."retiredAt" IS NULL AND m."completedDate" IS NULL AND m."dueDate" < ${today}::date`;

const COMPARE: Record<DepartmentSort, (a: DepartmentWorkload, b: DepartmentWorkload) => number> = {
  lag: (a, b) =>
    b.attentionCount - a.attentionCount ||
    b.laggingCount - a.laggingCount ||
    b.overdueCount - a.overdueCount ||
    b.leadCount - a.leadCount,
  lead: (a, b) => b.leadCount - a.leadCount || b.responsibleCount - a.responsibleCount,
  responsible: (a, b) => b.responsibleCount - a.responsibleCount || b.leadCount - a.leadCount,
  name: () => 0,
};

export function sortDepartments(rows: DepartmentWorkload[], sort: DepartmentSort): DepartmentWorkload[] {
  const byName = (a: DepartmentWorkload, b: DepartmentWorkload) => a.name.localeCompare(b.name, "zh-CN");
  return [...rows].sort((a, b) => COMPARE[sort](a, b) || byName(a, b));
}

/**
 * Every unit with its counts over non-retired tasks. Units are split: real units (provincial
 * departments, cities …) and generic pseudo-units (省政府有关部门 …), which no one can be held to.
 */
export async function listDepartmentWorkload(
  sort: DepartmentSort,
  today: string,
): Promise<{ units: DepartmentWorkload[]; generic: DepartmentWorkload[] }> {
  const rows = await getDb().$queryRaw<DepartmentWorkload[]>`
    WITH overdue AS (${overdueTaskIds(today)}),
    live AS (
      SELECT a."departmentId", a.role, ${taskStateSql(today)} AS state, (o."taskId" IS NOT NULL) AS overdue
      FROM "task_assignment" a
      JOIN "task" t ON t.id = a."taskId" AND t."retiredAt" IS NULL
      LEFT JOIN overdue o ON o."taskId" = a."taskId"
    )
    SELECT d.id, d.name, d.generic,
      count(l.role) FILTER (WHERE l.role = 'LEAD')::int AS "leadCount",
      count(l.role) FILTER (WHERE l.role = 'RESPONSIBLE')::int AS "responsibleCount",
      count(l.role) FILTER (WHERE l.role = 'COOPERATING')::int AS "cooperatingCount",
      count(l.role) FILTER (WHERE l.role = 'LEAD' AND l.state IN ('LAGGING', 'AT_RISK'))::int AS "laggingCount",
      count(l.role) FILTER (WHERE l.role = 'LEAD' AND l.overdue)::int AS "overdueCount",
      count(l.role) FILTER (
        WHERE l.role = 'LEAD' AND (l.overdue OR l.state IN ('LAGGING', 'AT_RISK'))
      )::int AS "attentionCount"
    FROM "department" d
    LEFT JOIN live l ON l."departmentId" = d.id
    WHERE d."mergedIntoId" IS NULL -- merged away (机构改革): its page still resolves, the index leaves it out
    GROUP BY d.id`;
  const sorted = sortDepartments(rows, sort);
  return { units: sorted.filter((d) => !d.generic), generic: sorted.filter((d) => d.generic) };
}

export interface DepartmentProfile {
  id: number;
  name: string;
  shortName: string | null;
  kind: "PROVINCIAL" | "CITY" | "CENTRAL" | "ENTERPRISE" | "GENERIC";
  generic: boolean;
  aliases: string[];
  /** Set when institutional reform merged the unit into another: the page says so and links there. */
  mergedInto: { id: number; name: string; on: string } | null;
  /** Every open milestone past due that the unit answers for; `overdueMilestones` holds the earliest. */
  overdueTotal: number;
  overdueMilestones: {
    id: number;
    taskId: number;
    taskNumber: string;
    documentShortTitle: string;
    role: "LEAD" | "RESPONSIBLE";
    dueDate: string;
    text: string;
  }[];
  indicators: { id: number; name: string; unit: string; taskCount: number }[];
  /** The tasks it leads by their state today (lib/domain/task-state.ts), and how they roll up. */
  states: { counts: StateCounts; unassignedPastDue: number; rollUp: TaskRollUp };
  /**
   * This period's reports: the tasks it owes a report for (lib/server/report-duty.ts — the same figures
   * as /review's 督办 list), by the state of its report.
   */
  submissions: {
    period: { code: string; year: number; index: number; start: string; end: string; state: "OPEN" | "LOCKED" };
    tasksInScope: number;
    submitted: number;
    missing: number;
    counts: Record<SubmissionState, number>;
    /** The tasks needing action first (not reported, returned, draft), then the rest; at most SHOWN. */
    tasks: ReportDutyTask[];
  };
}

/**
 * How many rows of each list the unit's page shows. A provincial unit may answer for hundreds of tasks
 * at scale; the counts stay complete, and the task list (linked from the page) has every row.
 */
export const PROFILE_LIST_LIMIT = 20;

/** One unit's page; null for an unknown id. `today` is the Shanghai calendar date (YYYY-MM-DD). */
export async function getDepartmentProfile(id: number, today: string): Promise<DepartmentProfile | null> {
  const db = getDb();
  const current = periodContaining(new Date(`${today}T12:00:00+08:00`));
  const [department, overdueMilestones, indicators, period, states, dutyTasks] = await Promise.all([
    db.department.findUnique({
      where: { id },
      select: {
        id: true,
        name: true,
        shortName: true,
        kind: true,
        generic: true,
        mergedOn: true,
        mergedInto: { select: { id: true, name: true } },
        aliases: { orderBy: { alias: "asc" }, select: { alias: true } },
      },
    }),
    // The milestones it answers for: as lead, or as responsible unit (tasks without a lead name only
    // responsible units, who then carry the task).
    db.$queryRaw<(DepartmentProfile["overdueMilestones"][number] & { total: number })[]>`
      SELECT m.id, t.id AS "taskId", t.number AS "taskNumber", d."shortTitle" AS "documentShortTitle",
        a.role::text AS role, to_char(m."dueDate", 'YYYY-MM-DD') AS "dueDate", m.text,
        (count(*) OVER ())::int AS total
      FROM "task_assignment" a
      JOIN "task" t ON t.id = a."taskId" AND t."retiredAt" IS NULL
      JOIN "document" d ON d.id = t."documentId"
      JOIN "milestone" m ON m."taskId" = t.id
      WHERE a."departmentId" = ${id} AND a.role IN ('LEAD', 'RESPONSIBLE')
        AND m."retiredAt" IS NULL AND m."completedDate" IS NULL AND m."dueDate" < ${today}::date
      ORDER BY m."dueDate", t."documentId", t.ordinal, m.ordinal
      LIMIT ${PROFILE_LIST_LIMIT}`,
    // Indicators of the tasks it leads; a merged indicator shows as the one it was merged into.
    db.$queryRaw<DepartmentProfile["indicators"]>`
      SELECT i.id, i.name, i.unit, count(DISTINCT ti."taskId")::int AS "taskCount"
      FROM "task_assignment" a
      JOIN "task" t ON t.id = a."taskId" AND t."retiredAt" IS NULL
      JOIN "task_indicator" ti ON ti."taskId" = t.id
      JOIN "indicator" src ON src.id = ti."indicatorId"
      JOIN "indicator" i ON i.id = COALESCE(src."mergedIntoId", src.id)
      WHERE a."departmentId" = ${id} AND a.role = 'LEAD'
      GROUP BY i.id, i.name, i.unit
      ORDER BY i.name`,
    findPeriodRow(db, current),
    db.$queryRaw<{ state: TaskState; n: number; pastDue: number }[]>`
      SELECT ${taskStateSql(today)} AS state, count(*)::int AS n,
             (count(*) FILTER (WHERE ${pastDueSql(today)}))::int AS "pastDue"
      FROM "task" t
      WHERE t."retiredAt" IS NULL
        AND EXISTS (SELECT 1 FROM "task_assignment" a WHERE a."taskId" = t.id AND a."departmentId" = ${id} AND a.role = 'LEAD')
      GROUP BY 1`,
    // The unit's 督办 figures (listReportDuty's row) are the totals of these per-state counts.
    listReportDutyTasks(current, id, PROFILE_LIST_LIMIT),
  ]);
  if (!department) return null;
  const stateCounts = emptyStateCounts();
  let unassignedPastDue = 0;
  for (const row of states) {
    if (!TASK_STATES.includes(row.state)) continue;
    stateCounts[row.state] = row.n;
    if (row.state === "UNASSIGNED") unassignedPastDue = row.pastDue;
  }
  const duty = dutyTotalsOf(dutyTasks.counts);

  return {
    id: department.id,
    name: department.name,
    shortName: department.shortName,
    kind: department.kind,
    generic: department.generic,
    aliases: department.aliases.map((a) => a.alias),
    mergedInto:
      department.mergedInto && department.mergedOn
        ? { ...department.mergedInto, on: department.mergedOn.toISOString().slice(0, 10) }
        : null,
    overdueTotal: overdueMilestones[0]?.total ?? 0,
    overdueMilestones: overdueMilestones.map(({ total: _total, ...m }) => m),
    indicators,
    states: { counts: stateCounts, unassignedPastDue, rollUp: rollUpTaskStates(stateCounts, unassignedPastDue) },
    submissions: {
      period: {
        code: current.code,
        year: current.year,
        index: current.index,
        start: current.start,
        end: current.end,
        // A period without a row has had no report yet, and is open.
        state: period?.state ?? "OPEN",
      },
      tasksInScope: duty.tasksInScope,
      submitted: duty.submitted,
      missing: duty.missing,
      counts: dutyTasks.counts,
      tasks: dutyTasks.tasks,
    },
  };
}

/**
 * Lead units (not generic, leading a current task) whose name or alias contains `q`, by name: the
 * overview's department search when there are too many units for a list. At most `limit`.
 */
export async function searchLeadDepartments(q: string, limit: number): Promise<{ id: number; name: string }[]> {
  const pattern = `%${escapeLikePattern(q)}%`;
  return getDb().$queryRaw<{ id: number; name: string }[]>`
    SELECT d.id, d.name FROM "department" d
    WHERE NOT d.generic AND d."mergedIntoId" IS NULL
      AND (d.name ILIKE ${pattern} ESCAPE '\\'
           OR EXISTS (SELECT 1 FROM "department_alias" x WHERE x."departmentId" = d.id AND x.alias ILIKE ${pattern} ESCAPE '\\'))
      AND EXISTS (SELECT 1 FROM "task_assignment" a JOIN "task" t ON t.id = a."taskId" AND t."retiredAt" IS NULL
                  WHERE a."departmentId" = d.id AND a.role = 'LEAD')
    ORDER BY position(lower(${q}) IN lower(d.name)), d.name
    LIMIT ${limit}`;
}

/**
 * The registry as every picker reads it (the assignment combobox, the 分工表's resolution, user forms):
 * units not merged away (机构改革), with their aliases — a merged unit's names are aliases of the unit it
 * was merged into, so they resolve there. Real units first, groups (有关部门 …) last.
 */
export async function listActiveDepartments(): Promise<
  { id: number; name: string; shortName: string | null; generic: boolean; aliases: string[] }[]
> {
  const rows = await getDb().department.findMany({
    where: { mergedIntoId: null },
    orderBy: [{ generic: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      shortName: true,
      generic: true,
      aliases: { orderBy: { alias: "asc" }, select: { alias: true } },
    },
  });
  return rows.map((r) => ({ ...r, aliases: r.aliases.map((a) => a.alias) }));
}

/** A department's name, or null. */
export async function getDepartmentName(id: number): Promise<string | null> {
  const row = await getDb().department.findUnique({ where: { id }, select: { name: true } });
  return row?.name ?? null;
}
