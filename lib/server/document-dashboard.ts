import "server-only";
/**
 * A document's dashboard: its tasks by state (lib/domain/task-state.ts, judged on `today`) for the whole
 * document and per section (a section counts its subsections' tasks too), each group rolled up with
 * `rollUpTaskStates` (so a section whose tasks are all past due unfinished is never 符合序时进度), its
 * open milestones, and the indicators it sets targets or baselines for.
 *
 * The counts use the task list's own WHERE clause (`taskWhere` with the document filter) and its rule
 * for sections (a path and every path below it), so a count on the dashboard and the list it links to
 * always agree. Everything is aggregated in SQL: a fixed number of queries, whatever the size.
 */
import { utcDay } from "../domain/dates";
import { selectTarget, type Comparator } from "../domain/indicator-status";
import { toDisplayUnit, unitScaleOf } from "../domain/indicator-units";
import { addDays } from "../domain/overview-filters";
import { DEFAULT_STATE, filtersOf } from "../domain/task-filters";
import { emptyStateCounts, rollUpTaskStates, type TaskRollUp, type TaskState } from "../domain/task-state";
import { Prisma } from "../generated/prisma/client";
import type { DocumentKind, SectionKind } from "../generated/prisma/enums";
import { getDb } from "./db";
import { listIndicators, type IndicatorListItem } from "./indicators";
import { DUE_SOON_DAYS, type StatusCounts } from "./overview";
import { taskWhere } from "./task-search";
import { pastDueSql, taskStateSql } from "./task-state";

/** How many overdue and how many due-soon milestones are listed by name (all are counted). */
export const MILESTONE_LIST_LIMIT = 10;

export interface DashboardSection {
  id: number;
  path: string;
  title: string;
  kind: SectionKind;
  /** 0 for a chapter. */
  depth: number;
  /** Tasks of this section and of all its subsections. */
  counts: StatusCounts;
  /** Of its 待明确责任单位 tasks, those past their deadline (behind in the roll-up). */
  unassignedPastDue: number;
  rollUp: TaskRollUp;
  children: DashboardSection[];
}

export interface DashboardMilestone {
  id: number;
  /** YYYY-MM-DD */
  dueDate: string;
  text: string;
  task: { id: number; number: string };
}

export interface DocumentTarget {
  value: number;
  comparator: Comparator;
  /** YYYY-MM-DD */
  dueDate: string;
  valueAsWritten: string;
  /** 力争 */
  aspirational: boolean;
}

export interface DashboardIndicator {
  id: number;
  key: string;
  name: string;
  /** Display unit; every value below is in it. */
  unit: string;
  area: string;
  status: IndicatorListItem["status"];
  reason: string;
  latest: { value: number; asOf: string } | null;
  /** The target the status is judged against (possibly set by another document). */
  countingTarget: { value: number; comparator: Comparator; dueDate: string } | null;
  /** This document's target that counts today (of its current ones); null when it only gives a baseline. */
  documentTarget: DocumentTarget | null;
  /** This document's latest current baseline, if it gives one. */
  documentBaseline: { value: number; asOf: string; valueAsWritten: string } | null;
  actualShare: number | null;
  expectedShare: number | null;
}

export interface DocumentDashboard {
  today: string;
  document: {
    slug: string;
    title: string;
    shortTitle: string;
    kind: DocumentKind;
    issuer: string | null;
    docNumber: string | null;
    issuedDate: string | null;
    publishedDate: string | null;
    planYear: number | null;
    periodStart: string;
    periodEnd: string;
  };
  tasks: { counts: StatusCounts; unassignedPastDue: number; rollUp: TaskRollUp };
  /** Chapters (top-level sections) in document order, each with its subsections. */
  sections: DashboardSection[];
  milestones: {
    overdue: number;
    dueSoon: number;
    dueSoonUntil: string;
    /** The earliest overdue and the earliest due-soon ones, at most MILESTONE_LIST_LIMIT each. */
    overdueList: DashboardMilestone[];
    dueSoonList: DashboardMilestone[];
  };
  indicators: DashboardIndicator[];
}

/** The dashboard of the document `slug` on `today` (a Shanghai calendar date), or null if there is none. */
export async function getDocumentDashboard(slug: string, today: string): Promise<DocumentDashboard | null> {
  const db = getDb();
  const doc = await db.document.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      shortTitle: true,
      kind: true,
      issuer: true,
      docNumber: true,
      issuedDate: true,
      publishedDate: true,
      planYear: true,
      periodStart: true,
      periodEnd: true,
    },
  });
  if (!doc) return null;

  const where = taskWhere({ ...filtersOf(DEFAULT_STATE), document: slug }, today);
  const state = taskStateSql(today);
  const unassignedPastDue = Prisma.sql`(count(*) FILTER (WHERE NOT t."hasLead" AND ${pastDueSql(today)}))::int`;
  const dueSoonUntil = addDays(today, DUE_SOON_DAYS);

  const [sections, documentCounts, sectionCounts, milestoneRows, targets, baselines, catalogue] = await Promise.all([
    db.section.findMany({
      where: { documentId: doc.id },
      orderBy: [{ startOffset: "asc" }, { ordinal: "asc" }, { id: "asc" }],
      select: { id: true, parentId: true, path: true, title: true, kind: true },
    }),
    db.$queryRaw<StateRow[]>`
      SELECT ${state} AS status, count(*)::int AS n, ${unassignedPastDue} AS "unassignedPastDue"
      FROM "task" t WHERE ${where}
      GROUP BY 1`,
    // Each task counts for its own section and every ancestor: the ancestors are the sections whose
    // path is the task's section path or a prefix of it ending at a "/" (the task list's rule).
    db.$queryRaw<(StateRow & { sectionId: number })[]>`
      SELECT s.id AS "sectionId", ${state} AS status, count(*)::int AS n, ${unassignedPastDue} AS "unassignedPastDue"
      FROM "task" t
      JOIN "section" own ON own.id = t."sectionId"
      JOIN "section" s ON s."documentId" = own."documentId"
        AND (s.path = own.path OR starts_with(own.path, s.path || '/'))
      WHERE ${where}
      GROUP BY 1, 2`,
    // Open on `today` (same rule as the overview); the window functions give each group's full count
    // alongside its first rows, in one statement.
    db.$queryRaw<
      { id: number; dueDate: Date; text: string; taskId: number; number: string; overdue: boolean; total: number }[]
    >`
      SELECT id, "dueDate", text, "taskId", number, overdue, total FROM (
        SELECT m.id, m."dueDate", m.text, t.id AS "taskId", t.number,
               (m."dueDate" < ${today}::date) AS overdue,
               count(*) OVER (PARTITION BY m."dueDate" < ${today}::date)::int AS total,
               row_number() OVER (PARTITION BY m."dueDate" < ${today}::date
                                  ORDER BY m."dueDate", t.ordinal, m.ordinal, m.id) AS rank
        FROM "milestone" m JOIN "task" t ON t.id = m."taskId"
        WHERE m."retiredAt" IS NULL
          AND (m."completedDate" IS NULL OR m."completedDate" > ${today}::date)
          AND m."dueDate" <= ${dueSoonUntil}::date
          AND ${where}
      ) ranked
      WHERE rank <= ${MILESTONE_LIST_LIMIT}
      ORDER BY "dueDate", rank`,
    db.indicatorTarget.findMany({
      where: { documentId: doc.id, retiredAt: null, indicator: { mergedIntoId: null } },
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
      select: {
        indicatorId: true,
        normalizedValue: true,
        comparator: true,
        dueDate: true,
        valueAsWritten: true,
        aspirational: true,
        indicator: { select: { unitScale: true, direction: true } },
      },
    }),
    db.indicatorBaseline.findMany({
      where: { documentId: doc.id, retiredAt: null, indicator: { mergedIntoId: null } },
      orderBy: [{ asOf: "asc" }, { id: "asc" }],
      select: {
        indicatorId: true,
        normalizedValue: true,
        asOf: true,
        valueAsWritten: true,
        indicator: { select: { unitScale: true } },
      },
    }),
    // Only the indicators the document sets a current target or baseline for (documentIndicators' rule).
    listIndicators(today, {
      where: {
        OR: [
          { targets: { some: { documentId: doc.id, retiredAt: null } } },
          { baselines: { some: { documentId: doc.id, retiredAt: null } } },
        ],
      },
    }),
  ]);

  const total = emptyTally();
  for (const row of documentCounts) addTo(total, row);
  const countsBySection = new Map<number, Tally>();
  for (const row of sectionCounts) {
    countsBySection.set(row.sectionId, addTo(countsBySection.get(row.sectionId) ?? emptyTally(), row));
  }

  return {
    today,
    document: {
      slug: doc.slug,
      title: doc.title,
      shortTitle: doc.shortTitle,
      kind: doc.kind,
      issuer: doc.issuer,
      docNumber: doc.docNumber,
      issuedDate: doc.issuedDate ? utcDay(doc.issuedDate) : null,
      publishedDate: doc.publishedDate ? utcDay(doc.publishedDate) : null,
      planYear: doc.planYear,
      periodStart: utcDay(doc.periodStart),
      periodEnd: utcDay(doc.periodEnd),
    },
    tasks: { ...total, rollUp: rollUpTaskStates(total.counts, total.unassignedPastDue) },
    sections: sectionTree(sections, countsBySection),
    milestones: milestoneSummary(milestoneRows, dueSoonUntil),
    indicators: documentIndicators(catalogue, targets, baselines, today),
  };
}

interface StateRow {
  status: TaskState;
  n: number;
  unassignedPastDue: number;
}
interface Tally {
  counts: StatusCounts;
  unassignedPastDue: number;
}
const emptyTally = (): Tally => ({ counts: emptyStateCounts(), unassignedPastDue: 0 });
function addTo(tally: Tally, row: StateRow): Tally {
  tally.counts[row.status] += row.n;
  tally.unassignedPastDue += row.unassignedPastDue;
  return tally;
}

function sectionTree(
  rows: { id: number; parentId: number | null; path: string; title: string; kind: SectionKind }[],
  counts: Map<number, Tally>,
): DashboardSection[] {
  const nodes = new Map<number, DashboardSection>();
  for (const row of rows) {
    const tally = counts.get(row.id) ?? emptyTally();
    nodes.set(row.id, {
      id: row.id,
      path: row.path,
      title: row.title,
      kind: row.kind,
      depth: 0,
      counts: tally.counts,
      unassignedPastDue: tally.unassignedPastDue,
      rollUp: rollUpTaskStates(tally.counts, tally.unassignedPastDue),
      children: [],
    });
  }
  const roots: DashboardSection[] = [];
  // Rows come in document order, so children are appended in order too.
  for (const row of rows) {
    const node = nodes.get(row.id)!;
    const parent = row.parentId === null ? undefined : nodes.get(row.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const setDepth = (node: DashboardSection, depth: number) => {
    node.depth = depth;
    for (const child of node.children) setDepth(child, depth + 1);
  };
  for (const root of roots) setDepth(root, 0);
  return roots;
}

function milestoneSummary(
  rows: { id: number; dueDate: Date; text: string; taskId: number; number: string; overdue: boolean; total: number }[],
  dueSoonUntil: string,
): DocumentDashboard["milestones"] {
  const toItem = (row: (typeof rows)[number]): DashboardMilestone => ({
    id: row.id,
    dueDate: utcDay(row.dueDate),
    text: row.text,
    task: { id: row.taskId, number: row.number },
  });
  const overdue = rows.filter((r) => r.overdue);
  const dueSoon = rows.filter((r) => !r.overdue);
  return {
    overdue: overdue[0]?.total ?? 0,
    dueSoon: dueSoon[0]?.total ?? 0,
    dueSoonUntil,
    overdueList: overdue.map(toItem),
    dueSoonList: dueSoon.map(toItem),
  };
}

type Decimalish = { toString(): string };

function documentIndicators(
  catalogue: IndicatorListItem[],
  targets: {
    indicatorId: number;
    normalizedValue: Decimalish;
    comparator: Comparator;
    dueDate: Date;
    valueAsWritten: string;
    aspirational: boolean;
    indicator: { unitScale: Decimalish; direction: "HIGHER_IS_BETTER" | "LOWER_IS_BETTER" };
  }[],
  baselines: {
    indicatorId: number;
    normalizedValue: Decimalish;
    asOf: Date;
    valueAsWritten: string;
    indicator: { unitScale: Decimalish };
  }[],
  today: string,
): DashboardIndicator[] {
  // Values are stored normalised (万/亿 expanded); shown in the indicator's unit.
  const scaleOf = new Map<number, number>();
  const directionOf = new Map<number, "HIGHER_IS_BETTER" | "LOWER_IS_BETTER">();
  const targetsBy = new Map<number, DocumentTarget[]>();
  for (const t of targets) {
    const scale = unitScaleOf(t.indicator.unitScale);
    scaleOf.set(t.indicatorId, scale);
    directionOf.set(t.indicatorId, t.indicator.direction);
    targetsBy.set(t.indicatorId, [
      ...(targetsBy.get(t.indicatorId) ?? []),
      {
        value: toDisplayUnit(Number(t.normalizedValue.toString()), scale),
        comparator: t.comparator,
        dueDate: utcDay(t.dueDate),
        valueAsWritten: t.valueAsWritten,
        aspirational: t.aspirational,
      },
    ]);
  }
  const baselineBy = new Map<number, NonNullable<DashboardIndicator["documentBaseline"]>>();
  for (const b of baselines) {
    const scale = unitScaleOf(b.indicator.unitScale);
    scaleOf.set(b.indicatorId, scale);
    // Ordered by date: the last one wins.
    baselineBy.set(b.indicatorId, {
      value: toDisplayUnit(Number(b.normalizedValue.toString()), scale),
      asOf: utcDay(b.asOf),
      valueAsWritten: b.valueAsWritten,
    });
  }
  return catalogue
    .filter((i) => targetsBy.has(i.id) || baselineBy.has(i.id))
    .map((i) => {
      // listIndicators already gives latest and target in the indicator's unit.
      return {
        id: i.id,
        key: i.key,
        name: i.name,
        unit: i.unit,
        area: i.area,
        status: i.status,
        reason: i.reason,
        latest: i.latest,
        countingTarget: i.target,
        documentTarget: selectTarget(targetsBy.get(i.id) ?? [], today, directionOf.get(i.id) ?? "HIGHER_IS_BETTER"),
        documentBaseline: baselineBy.get(i.id) ?? null,
        actualShare: i.actualShare,
        expectedShare: i.expectedShare,
      };
    });
}
