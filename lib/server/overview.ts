import "server-only";
import { compareAreas } from "../domain/areas";
import {
  INDICATOR_STATUSES,
  rollUpTaskStatuses,
  type IndicatorStatus,
  type TaskRollUp,
} from "../domain/indicator-status";
import { addDays, overviewReferenceDate, type OverviewFilters } from "../domain/overview-filters";
import { periodContaining, periodsOfYears, shanghaiDate, type Period } from "../domain/periods";
import { TASK_STATUSES, type TaskStatus } from "../domain/task-status";
import { DEFAULT_STATE, filtersOf, UNASSIGNED_AREA, type TaskFilters } from "../domain/task-filters";
import { Prisma } from "../generated/prisma/client";
import { cachedRead } from "./cache";
import { getDb } from "./db";
import { ACTIVE_INDICATOR, listIndicators, type IndicatorListItem } from "./indicators";
import { findPeriodRow } from "./periods";
import { listReportDuty, totalReportDuty } from "./report-duty";
import { taskWhere } from "./task-search";

export type StatusCounts = Record<TaskStatus, number>;

export interface OverviewGroup {
  /** Document slug or area name; null for tasks whose chapter names no area. */
  key: string | null;
  label: string | null;
  counts: StatusCounts;
  rollUp: TaskRollUp;
}

export interface LaggingDepartment {
  id: number;
  name: string;
  lagging: number;
  atRisk: number;
  /** Tasks it leads within the filters. */
  leads: number;
}

export interface Overview {
  today: string;
  referenceDate: string;
  period: Period;
  isCurrentPeriod: boolean;
  tasks: { counts: StatusCounts; rollUp: TaskRollUp };
  byDocument: OverviewGroup[];
  byArea: OverviewGroup[];
  /** Tasks with an overdue milestone, and tasks whose next milestone falls due within DUE_SOON_DAYS. */
  milestones: { overdue: number; dueSoon: number; dueSoonUntil: string };
  indicators: {
    counts: Record<IndicatorStatus, number>;
    total: number;
    /** Behind or at risk, worst first (at most 8). */
    attention: Pick<IndicatorListItem, "id" | "name" | "status" | "unit" | "latest" | "target">[];
  };
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
  assignments: { some: { role: "LEAD" as const, task: { retiredAt: null } } },
} satisfies Prisma.DepartmentWhereInput;

/**
 * Up to this many lead units the filter is a plain list; a province has about 70, a country thousands.
 * The app passes OVERVIEW_UNIT_LIST_LIMIT (lib/env.ts), which defaults to this.
 */
export const DEPARTMENT_SELECT_LIMIT = 300;

/** Days ahead the "due soon" card looks. */
export const DUE_SOON_DAYS = 60;

const emptyCounts = (): StatusCounts => Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as StatusCounts;

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

  const [groups, milestoneRows, lagging, periodRow, documents, indicators, indicatorScope] = await Promise.all([
    db.$queryRaw<{ documentId: number; area: string | null; status: TaskStatus; n: number }[]>`
      SELECT t."documentId" AS "documentId", t.area, t."currentStatus"::text AS status, count(*)::int AS n
      FROM "task" t WHERE ${where}
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
    db.$queryRaw<LaggingDepartment[]>`
      SELECT d.id, d.name,
             (count(*) FILTER (WHERE t."currentStatus" = 'LAGGING'))::int AS lagging,
             (count(*) FILTER (WHERE t."currentStatus" = 'AT_RISK'))::int AS "atRisk",
             count(*)::int AS leads
      FROM "task_assignment" a
      JOIN "task" t ON t.id = a."taskId"
      JOIN "department" d ON d.id = a."departmentId" AND NOT d.generic
      WHERE a.role = 'LEAD' ${leadOf} AND ${where}
      GROUP BY d.id, d.name
      HAVING count(*) FILTER (WHERE t."currentStatus" IN ('LAGGING', 'AT_RISK')) > 0
      ORDER BY count(*) FILTER (WHERE t."currentStatus" IN ('LAGGING', 'AT_RISK')) DESC,
               count(*) FILTER (WHERE t."currentStatus" = 'LAGGING') DESC, d.name
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

  const total = emptyCounts();
  const byDocument = new Map<number, StatusCounts>();
  const byArea = new Map<string | null, StatusCounts>();
  for (const g of groups) {
    total[g.status] += g.n;
    const doc = byDocument.get(g.documentId) ?? emptyCounts();
    doc[g.status] += g.n;
    byDocument.set(g.documentId, doc);
    const area = byArea.get(g.area) ?? emptyCounts();
    area[g.status] += g.n;
    byArea.set(g.area, area);
  }

  const scoped = indicators.filter(
    (i) => (indicatorScope === null || indicatorScope.has(i.id)) && areaMatches(i.area, filters.area),
  );
  const indicatorCounts = Object.fromEntries(INDICATOR_STATUSES.map((s) => [s, 0])) as Record<IndicatorStatus, number>;
  for (const i of scoped) indicatorCounts[i.status] += 1;
  const severity: Partial<Record<IndicatorStatus, number>> = { BEHIND: 0, AT_RISK: 1 };
  const attention = scoped
    .filter((i) => severity[i.status] !== undefined)
    .sort((a, b) => severity[a.status]! - severity[b.status]! || (a.actualShare ?? 0) - (b.actualShare ?? 0))
    .slice(0, 8)
    .map(({ id, name, status, unit, latest, target }) => ({ id, name, status, unit, latest, target }));

  const inScope = submission.tasksInScope;
  return {
    today,
    referenceDate,
    period,
    isCurrentPeriod: period.code === current.code,
    tasks: { counts: total, rollUp: rollUpTaskStatuses(total) },
    byDocument: documents
      .filter((d) => byDocument.has(d.id))
      .map((d) => {
        const counts = byDocument.get(d.id)!;
        return { key: d.slug, label: d.shortTitle, counts, rollUp: rollUpTaskStatuses(counts) };
      }),
    byArea: [...byArea.entries()]
      .sort(([a], [b]) => compareAreas(a, b))
      .map(([area, counts]) => ({ key: area, label: area, counts, rollUp: rollUpTaskStatuses(counts) })),
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
