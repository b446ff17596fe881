import "server-only";
import { compareAreas } from "../domain/areas";
import { INDICATOR_STATUSES, type IndicatorStatus } from "../domain/indicator-status";
import { attentionList } from "../domain/indicator-attention";
import { addDays, overviewReferenceDate, type OverviewFilters } from "../domain/overview-filters";
import { periodContaining, periodsOfYears, shanghaiDate, type Period } from "../domain/periods";
import {
  emptyStateCounts,
  rollUpTaskStates,
  type StateCounts,
  type TaskRollUp,
  type TaskState,
} from "../domain/task-state";
import { DEFAULT_STATE, filtersOf, UNASSIGNED_AREA, type TaskFilters } from "../domain/task-filters";
import { Prisma } from "../generated/prisma/client";
import { cachedRead } from "./cache";
import { getDb } from "./db";
import { ACTIVE_INDICATOR, listIndicators, type IndicatorListItem } from "./indicators";
import { findPeriodRow } from "./periods";
import { listReportDuty, totalReportDuty } from "./report-duty";
import { taskWhere } from "./task-search";
import { CURRENT_REPORT, pastDueSql, REPORT_AT, reportAtPeriod, taskStateSql } from "./task-state";

/** Tasks per state (lib/domain/task-state.ts). */
export type StatusCounts = StateCounts;

export interface OverviewGroup {
  /** Document slug or area name; null for tasks whose chapter names no area. */
  key: string | null;
  label: string | null;
  counts: StatusCounts;
  /** Of its 待明确责任单位 tasks, those past their deadline (behind in the roll-up). */
  unassignedPastDue: number;
  rollUp: TaskRollUp;
}

export interface LaggingDepartment {
  id: number;
  name: string;
  /** Tasks it leads in the state 滞后 (reported, or past their deadline unfinished). */
  lagging: number;
  /** Tasks it leads in the state 存在风险. */
  atRisk: number;
  /** Tasks it leads within the filters. */
  leads: number;
}

export interface Overview {
  today: string;
  referenceDate: string;
  period: Period;
  isCurrentPeriod: boolean;
  tasks: { counts: StatusCounts; unassignedPastDue: number; rollUp: TaskRollUp };
  byDocument: OverviewGroup[];
  byArea: OverviewGroup[];
  /** Tasks with an overdue milestone, and tasks whose next milestone falls due within DUE_SOON_DAYS. */
  milestones: { overdue: number; dueSoon: number; dueSoonUntil: string };
  indicators: {
    counts: Record<IndicatorStatus, number>;
    total: number;
    /**
     * Behind or at risk, the largest gap to 序时进度 (or to a past target) first, at most 8, each with its
     * gap (lib/domain/indicator-attention.ts).
     */
    attention: Pick<
      IndicatorListItem,
      "id" | "name" | "status" | "unit" | "latest" | "target" | "targetBasis" | "gap"
    >[];
  };
  /** Lead units (never a group such as 有关部门) by 滞后 tasks, then 存在风险 tasks, then name; at most 10. */
  laggingDepartments: LaggingDepartment[];
  submission: { inScope: number; submitted: number; approved: number; rate: number | null; locked: boolean };
}

export interface OverviewFilterOptions {
  documents: { slug: string; shortTitle: string }[];
  areas: (string | null)[];
  /**
   * The lead units to choose from, or null when there are more than DEPARTMENT_SELECT_LIMIT (the form
   * then offers a search, lib/server/departments.ts searchLeadDepartments, instead of a long list).
   */
  departments: { id: number; name: string }[] | null;
  departmentCount: number;
  /** Most recent first, from the current period back to the earliest document's start. */
  periods: Period[];
}

const LEAD_DEPARTMENT = {
  generic: false,
  mergedIntoId: null, // merged away by institutional reform: its open tasks moved to the survivor
  assignments: { some: { role: "LEAD" as const, task: { retiredAt: null } } },
} satisfies Prisma.DepartmentWhereInput;

/**
 * Up to this many lead units the filter is a plain list; a province has about 70, a country thousands.
 * The app passes OVERVIEW_UNIT_LIST_LIMIT (lib/env.ts), which defaults to this.
 */
export const DEPARTMENT_SELECT_LIMIT = 300;

/** Days ahead the "due soon" card looks. */
export const DUE_SOON_DAYS = 60;

function taskFilters(filters: OverviewFilters): TaskFilters {
  return {
    ...filtersOf(DEFAULT_STATE),
    document: filters.document,
    area: filters.area,
    departmentId: filters.departmentId,
  };
}

export function getOverviewFilterOptions(
  now = new Date(),
  selectLimit = DEPARTMENT_SELECT_LIMIT,
): Promise<OverviewFilterOptions> {
  return cachedRead("overview-options", ["tasks", "indicators"], [shanghaiDate(now), selectLimit], () =>
    computeFilterOptions(now, selectLimit),
  );
}

async function computeFilterOptions(now: Date, selectLimit: number): Promise<OverviewFilterOptions> {
  const db = getDb();
  const [documents, taskAreas, indicatorAreas, departments, firstStart] = await Promise.all([
    db.document.findMany({ orderBy: { id: "asc" }, select: { slug: true, shortTitle: true } }),
    db.task.findMany({ where: { retiredAt: null }, distinct: ["area"], select: { area: true } }),
    db.indicator.findMany({ where: ACTIVE_INDICATOR, distinct: ["area"], select: { area: true } }),
    // One more than the limit tells whether the list is too long, without reading thousands of rows.
    db.department.findMany({
      where: LEAD_DEPARTMENT,
      orderBy: { name: "asc" },
      select: { id: true, name: true },
      take: selectLimit + 1,
    }),
    db.document.aggregate({ _min: { periodStart: true } }),
  ]);
  const areas = [...new Set([...taskAreas.map((a) => a.area), ...indicatorAreas.map((a) => a.area)])].sort(
    compareAreas,
  );
  const current = periodContaining(now);
  const fromYear = firstStart._min.periodStart?.getUTCFullYear() ?? current.year;
  const periods = periodsOfYears(Math.min(fromYear, current.year), current.year)
    .filter((p) => p.start <= current.start)
    .reverse();
  const departmentCount =
    departments.length > selectLimit ? await db.department.count({ where: LEAD_DEPARTMENT }) : departments.length;
  return {
    documents,
    areas,
    departments: departments.length > selectLimit ? null : departments,
    departmentCount,
    periods,
  };
}

/**
 * Everything the overview shows, for the filters (see lib/domain/overview-filters.ts for what each
 * filter narrows). Six aggregate queries plus the indicator catalogue, whatever the number of tasks.
 */
export function getOverview(filters: OverviewFilters, now = new Date()): Promise<Overview> {
  // A dozen aggregates over every task at scale: computed once per data change, date and filter set
  // (lib/server/cache.ts), since every official opens this page.
  return cachedRead("overview", ["tasks", "indicators"], { filters, today: shanghaiDate(now) }, () =>
    computeOverview(filters, now),
  );
}

async function computeOverview(filters: OverviewFilters, now: Date): Promise<Overview> {
  const db = getDb();
  const today = shanghaiDate(now);
  const current = periodContaining(now);
  const period = filters.period ?? current;
  const referenceDate = overviewReferenceDate(filters, today);
  const dueSoonUntil = addDays(referenceDate, DUE_SOON_DAYS);
  const where = taskWhere(taskFilters(filters), referenceDate);
  const leadOf =
    filters.departmentId === null ? Prisma.empty : Prisma.sql`AND a."departmentId" = ${filters.departmentId}`;
  // Task states on the reference date: the current period from each task's latest approved report, a
  // past one from the reports approved up to that period (the task history), judged on its last day —
  // so a past period's overview says what that period's bulletin says.
  const pastPeriod = filters.period !== null && filters.period.code !== current.code;
  const src = pastPeriod ? REPORT_AT : CURRENT_REPORT;
  const reports = pastPeriod ? Prisma.sql`LEFT JOIN (${reportAtPeriod(period)}) r ON r."taskId" = t.id` : Prisma.empty;
  const state = taskStateSql(referenceDate, src);
  const unassignedPastDue = Prisma.sql`(NOT t."hasLead" AND ${pastDueSql(referenceDate, src)})`;

  const [groups, milestoneRows, lagging, periodRow, documents, indicators, indicatorScope] = await Promise.all([
    db.$queryRaw<
      { documentId: number; area: string | null; status: TaskState; n: number; unassignedPastDue: number }[]
    >`
      SELECT t."documentId" AS "documentId", t.area, ${state} AS status, count(*)::int AS n,
             (count(*) FILTER (WHERE ${unassignedPastDue}))::int AS "unassignedPastDue"
      FROM "task" t ${reports} WHERE ${where}
      GROUP BY 1, 2, 3`,
    // Per task, its milestones still open on the reference date (one completed later was open then):
    // a task is overdue when one of them is past due, and "due soon" when the next one falls due
    // within the window — the same sets the task list's `overdue` and next-due filters give.
    db.$queryRaw<{ overdue: number; dueSoon: number }[]>`
      WITH open AS (
        SELECT m."taskId", min(m."dueDate") AS "nextDue"
        FROM "milestone" m JOIN "task" t ON t.id = m."taskId"
        WHERE m."retiredAt" IS NULL
          AND (m."completedDate" IS NULL OR m."completedDate" > ${referenceDate}::date)
          AND ${where}
        GROUP BY m."taskId"
      )
      SELECT (count(*) FILTER (WHERE "nextDue" < ${referenceDate}::date))::int AS overdue,
             (count(*) FILTER (WHERE "nextDue" >= ${referenceDate}::date
                                 AND "nextDue" <= ${dueSoonUntil}::date))::int AS "dueSoon"
      FROM open`,
    // Ranked by 滞后 first, then 存在风险 (a unit with 2 lagging tasks is above one with 1 lagging and 3 at
    // risk), then name; the table's headers say so. Groups (有关部门…) are not units and never ranked.
    db.$queryRaw<LaggingDepartment[]>`
      SELECT id, name, lagging, "atRisk", leads FROM (
        SELECT d.id, d.name,
               (count(*) FILTER (WHERE ${state} = 'LAGGING'))::int AS lagging,
               (count(*) FILTER (WHERE ${state} = 'AT_RISK'))::int AS "atRisk",
               count(*)::int AS leads
        FROM "task_assignment" a
        JOIN "task" t ON t.id = a."taskId"
        JOIN "department" d ON d.id = a."departmentId" AND NOT d.generic AND d."mergedIntoId" IS NULL
        ${reports}
        WHERE a.role = 'LEAD' ${leadOf} AND ${where}
        GROUP BY d.id, d.name
      ) ranked
      WHERE lagging + "atRisk" > 0
      ORDER BY lagging DESC, "atRisk" DESC, name, id
      LIMIT 10`,
    findPeriodRow(db, period),
    db.document.findMany({ select: { id: true, slug: true, shortTitle: true }, orderBy: { id: "asc" } }),
    listIndicators(referenceDate),
    indicatorIdsInScope(filters),
  ]);

  // The one "owes a report" rule (lib/server/report-duty.ts), as on /review's 督办 list, the department
  // pages and the bulletin.
  const submission = totalReportDuty(
    await listReportDuty(period, {
      departmentId: filters.departmentId,
      document: filters.document,
      area: filters.area,
    }),
  );

  const total = emptyTally();
  const byDocument = new Map<number, Tally>();
  const byArea = new Map<string | null, Tally>();
  for (const g of groups) {
    addTo(total, g);
    byDocument.set(g.documentId, addTo(byDocument.get(g.documentId) ?? emptyTally(), g));
    byArea.set(g.area, addTo(byArea.get(g.area) ?? emptyTally(), g));
  }

  const scoped = indicators.filter(
    (i) => (indicatorScope === null || indicatorScope.has(i.id)) && areaMatches(i.area, filters.area),
  );
  const indicatorCounts = Object.fromEntries(INDICATOR_STATUSES.map((s) => [s, 0])) as Record<IndicatorStatus, number>;
  for (const i of scoped) indicatorCounts[i.status] += 1;
  const attention = attentionList(scoped, referenceDate).map(
    ({ id, name, status, unit, latest, target, targetBasis, gap }) => ({
      id,
      name,
      status,
      unit,
      latest,
      target,
      targetBasis,
      gap,
    }),
  );

  const inScope = submission.tasksInScope;
  return {
    today,
    referenceDate,
    period,
    isCurrentPeriod: period.code === current.code,
    tasks: withRollUp(total),
    byDocument: documents
      .filter((d) => byDocument.has(d.id))
      .map((d) => ({ key: d.slug, label: d.shortTitle, ...withRollUp(byDocument.get(d.id)!) })),
    byArea: [...byArea.entries()]
      .sort(([a], [b]) => compareAreas(a, b))
      .map(([area, tally]) => ({ key: area, label: area, ...withRollUp(tally) })),
    milestones: {
      overdue: milestoneRows[0]?.overdue ?? 0,
      dueSoon: milestoneRows[0]?.dueSoon ?? 0,
      dueSoonUntil,
    },
    indicators: { counts: indicatorCounts, total: scoped.length, attention },
    laggingDepartments: lagging,
    submission: {
      inScope,
      submitted: submission.submitted,
      approved: submission.approved,
      rate: inScope === 0 ? null : submission.submitted / inScope,
      locked: periodRow?.state === "LOCKED",
    },
  };
}

interface Tally {
  counts: StatusCounts;
  unassignedPastDue: number;
}
const emptyTally = (): Tally => ({ counts: emptyStateCounts(), unassignedPastDue: 0 });
function addTo(tally: Tally, row: { status: TaskState; n: number; unassignedPastDue: number }): Tally {
  tally.counts[row.status] += row.n;
  tally.unassignedPastDue += row.unassignedPastDue;
  return tally;
}
const withRollUp = (tally: Tally) => ({ ...tally, rollUp: rollUpTaskStates(tally.counts, tally.unassignedPastDue) });

function areaMatches(indicatorArea: string, area: string | null): boolean {
  if (area === null) return true;
  // Every indicator has an area; "no area" selects none of them.
  return area !== UNASSIGNED_AREA && indicatorArea === area;
}

/**
 * Indicators the document and department filters keep (null = no such filter): those with a current
 * target or baseline in the document; those linked to a task the department leads.
 */
async function indicatorIdsInScope(filters: OverviewFilters): Promise<Set<number> | null> {
  if (filters.document === null && filters.departmentId === null) return null;
  const db = getDb();
  const conditions: Prisma.IndicatorWhereInput[] = [];
  if (filters.document !== null) {
    const slug = filters.document;
    conditions.push({
      OR: [
        { targets: { some: { retiredAt: null, document: { slug } } } },
        { baselines: { some: { retiredAt: null, document: { slug } } } },
      ],
    });
  }
  if (filters.departmentId !== null) {
    const departmentId = filters.departmentId;
    conditions.push({
      OR: [
        { tasks: { some: { task: { retiredAt: null, assignments: { some: { role: "LEAD", departmentId } } } } } },
        {
          targets: {
            some: { retiredAt: null, task: { assignments: { some: { role: "LEAD", departmentId } } } },
          },
        },
      ],
    });
  }
  const rows = await db.indicator.findMany({ where: { AND: conditions }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}
