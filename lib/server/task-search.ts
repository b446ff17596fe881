import "server-only";
/**
 * The task list: filtered, sorted, paginated search over tasks, and the same view in full for export.
 *
 * SQL strategy (it must stay fast at 50,000 tasks):
 * - One WHERE clause built from `Prisma.sql` fragments, user input always bound as parameters. Each
 *   filter is a predicate on `task` (documentId, nextDueDate, kind, the state CASE) or a
 *   semi-join (EXISTS) on an indexed child table — task_assignment (departmentId, role), milestone — so
 *   no filter multiplies rows and no DISTINCT is needed.
 * - A page is two statements run in parallel: the rows (ORDER BY … LIMIT/OFFSET) and a plain count
 *   without joins or sorting. A window count would be empty past the last page, when we still need it.
 * - Unit names come from correlated ARRAY(…) subqueries in the select list. PostgreSQL evaluates them
 *   after the sort and limit, so a page costs 20 index lookups on task_assignment(taskId, …), in the same
 *   round trip as the rows: no N+1 and no second query.
 * - Text search is ILIKE over number, title and text with an escaped pattern. At 50k short texts a
 *   sequential scan costs tens of milliseconds; a pg_trgm index would be the next step if it grows.
 * - Status is the task's STATE on the date (lib/domain/task-state.ts, `taskStateSql`): a CASE over the
 *   row's own columns (hasLead, deadline, currentStatus, statusUpdatedAt), so filtering and sorting on
 *   it costs no join. The overview and the dashboards count with the same expression, so a count and
 *   the list it links to agree.
 */
import { Prisma } from "../generated/prisma/client";
import {
  escapeLikePattern,
  searchTerms,
  type SortDirection,
  type TaskFilters,
  UNASSIGNED_AREA,
  type TaskKindValue,
  type TaskListState,
  type TaskSort,
  type TaskStatusValue,
  type UnitRole,
} from "../domain/task-filters";
import { compareAreas } from "../domain/areas";
import { firstClause, taskHeading } from "../domain/task-heading";
import type { TaskStatus } from "../domain/task-status";
import type { TaskExportRow, TaskListRow, TaskSearchResult } from "../schemas/tasks";
import { getDb } from "./db";
import { CURRENT_REPORT, pastDueSql, stateRankSql, taskStateSql } from "./task-state";

export const EXPORT_ROW_LIMIT = 50_000;

const ROLE_VALUES: Record<Exclude<UnitRole, "any">, string[]> = {
  lead: ["LEAD"],
  responsible: ["RESPONSIBLE"],
  cooperating: ["COOPERATING"],
  supporting: ["RESPONSIBLE", "COOPERATING"],
};

/**
 * An open milestone past due on `today` (the Shanghai calendar date): the list's 节点逾期 flag and
 * `overdue` filter. Milestone level — a task can be 滞后 (past its deadline) with no milestones at all.
 */
export function overdueExists(today: string): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "milestone" m
    WHERE m."taskId" = t.id AND m."retiredAt" IS NULL AND m."completedDate" IS NULL AND m."dueDate" < ${today}::date
  )`;
}

/** The task is assigned to the department (any, when null) in one of the roles (any, when null). */
export function assignmentExists(departmentId: number | null, roles: string[] | null): Prisma.Sql {
  return Prisma.sql`EXISTS (
      SELECT 1 FROM "task_assignment" a
      WHERE a."taskId" = t.id
      ${departmentId !== null ? Prisma.sql`AND a."departmentId" = ${departmentId}` : Prisma.empty}
      ${roles ? Prisma.sql`AND a.role = ANY(${roles}::"AssignmentRole"[])` : Prisma.empty}
    )`;
}

/** `date` is the reference date of the state filter and the overdue filter (today for the list). */
export function taskWhere(filters: TaskFilters, date: string): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`t."retiredAt" IS NULL`];
  if (filters.document) {
    conditions.push(Prisma.sql`t."documentId" = (SELECT id FROM "document" WHERE slug = ${filters.document})`);
    if (filters.section) {
      // A section includes its subsections: paths nest with "/" (三/（一）/1).
      const below = `${escapeLikePattern(filters.section)}/%`;
      conditions.push(Prisma.sql`t."sectionId" IN (
        SELECT s.id FROM "section" s
        WHERE s."documentId" = t."documentId" AND (s.path = ${filters.section} OR s.path LIKE ${below})
      )`);
    }
  }
  if (filters.departmentId !== null) {
    conditions.push(assignmentExists(filters.departmentId, filters.role === "any" ? null : ROLE_VALUES[filters.role]));
  }
  if (filters.area === UNASSIGNED_AREA) conditions.push(Prisma.sql`t.area IS NULL`);
  else if (filters.area) conditions.push(Prisma.sql`t.area = ${filters.area}`);
  if (filters.statuses.length) {
    conditions.push(Prisma.sql`${taskStateSql(date)} = ANY(${[...filters.statuses]}::text[])`);
  }
  if (filters.overdue) conditions.push(overdueExists(date));
  if (filters.dueFrom) conditions.push(Prisma.sql`t."nextDueDate" >= ${filters.dueFrom}::date`);
  if (filters.dueTo) conditions.push(Prisma.sql`t."nextDueDate" <= ${filters.dueTo}::date`);
  if (filters.kind) conditions.push(Prisma.sql`t.kind = ${filters.kind}::"TaskKind"`);
  for (const term of searchTerms(filters.query)) {
    const pattern = `%${escapeLikePattern(term)}%`;
    conditions.push(Prisma.sql`(
      t.number ILIKE ${pattern} ESCAPE '\\' OR t.title ILIKE ${pattern} ESCAPE '\\' OR t.text ILIKE ${pattern} ESCAPE '\\'
    )`);
  }
  return Prisma.join(conditions, " AND ");
}

export function taskOrder(sort: TaskSort, direction: SortDirection, today: string): Prisma.Sql {
  // Safe: the direction is one of two literals, never user text.
  const dir = Prisma.raw(direction === "desc" ? "DESC" : "ASC");
  const documentOrder = Prisma.sql`t."documentId" ${dir}, t.ordinal ${dir}`;
  const keys: Record<TaskSort, Prisma.Sql> = {
    document: documentOrder,
    // Work-point numbers are integers (12 before 100); the plan's (三.（一）.1, 专栏3-2) sort as text.
    number: Prisma.sql`(CASE WHEN t.number ~ '^[0-9]{1,9}$' THEN t.number::int END) ${dir} NULLS LAST,
      t.number ${dir}, t."documentId", t.ordinal`,
    due: Prisma.sql`t."nextDueDate" ${dir} NULLS LAST, t."documentId", t.ordinal`,
    // Worst state first, so an ascending status sort puts the tasks that need attention on top.
    status: Prisma.sql`${stateRankSql(today)} ${dir}, t."documentId", t.ordinal`,
    updated: Prisma.sql`t."statusUpdatedAt" ${dir} NULLS LAST, t."documentId", t.ordinal`,
  };
  // The id last makes every order total, so pages never overlap or skip a row.
  return Prisma.sql`${keys[sort]}, t.id`;
}

function unitNames(role: "LEAD" | "RESPONSIBLE" | "COOPERATING"): Prisma.Sql {
  return Prisma.sql`ARRAY(
    SELECT dp.name FROM "task_assignment" a JOIN "department" dp ON dp.id = a."departmentId"
    WHERE a."taskId" = t.id AND a.role = ${role}::"AssignmentRole" ORDER BY a.ordinal
  )`;
}

interface RawRow {
  id: number;
  number: string;
  kind: TaskKindValue;
  title: string | null;
  text: string;
  slug: string;
  shortTitle: string;
  status: TaskStatusValue;
  reportedStatus: TaskStatus | null;
  pastDue: boolean;
  deadline: string | null;
  progress: number;
  nextDueDate: string | null;
  overdue: boolean;
  leadUnits: string[];
}

interface RawExportRow extends RawRow {
  sectionPath: string | null;
  sectionTitle: string | null;
  responsibleUnits: string[];
  cooperatingUnits: string[];
}

// The headline rule lives in lib/domain/task-heading.ts (shared with the bulletin and the comparison).
export { firstClause };

function toListRow(row: RawRow): TaskListRow {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    title: row.title,
    heading: taskHeading(row),
    document: { slug: row.slug, shortTitle: row.shortTitle },
    status: row.status,
    reportedStatus: row.reportedStatus,
    pastDue: row.pastDue,
    deadline: row.deadline,
    progress: row.progress,
    nextDueDate: row.nextDueDate,
    overdue: row.overdue,
    leadUnits: row.leadUnits,
  };
}

const baseColumns = (today: string) => Prisma.sql`
  t.id, t.number, t.kind::text AS kind, t.title, t.text, d.slug, d."shortTitle",
  ${taskStateSql(today)} AS status, ${CURRENT_REPORT.status} AS "reportedStatus",
  ${pastDueSql(today)} AS "pastDue", to_char(t."deadline", 'YYYY-MM-DD') AS deadline,
  t."currentProgress" AS progress,
  to_char(t."nextDueDate", 'YYYY-MM-DD') AS "nextDueDate",
  ${overdueExists(today)} AS overdue,
  ${unitNames("LEAD")} AS "leadUnits"`;

async function countTasks(where: Prisma.Sql): Promise<number> {
  const [row] = await getDb().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "task" t WHERE ${where}`;
  return row?.n ?? 0;
}

/**
 * One page: the inner query picks the page's rows (filter, sort, LIMIT/OFFSET over `task` alone); the
 * outer one computes the per-row columns for those rows only, in the same order. Written as one flat
 * SELECT, PostgreSQL costs the select list's EXISTS (milestone) for every matching row, ignoring the
 * LIMIT, and picks a hashed subplan: a scan of every open milestone (~15 ms at 50,000 tasks) for a page
 * of 50. Over the inner LIMIT it knows there are at most `limit` rows and probes the milestone index per
 * row (issue 14: 22 ms → 2 ms for a page). Same rows, same order as the flat query (proved by
 * the "query shapes" tests of tests/integration/task-search.test.ts).
 */
async function selectPage(where: Prisma.Sql, order: Prisma.Sql, today: string, limit: number, offset: number) {
  return getDb().$queryRaw<RawRow[]>`
    SELECT ${baseColumns(today)}
    FROM (
      SELECT t.* FROM "task" t
      WHERE ${where}
      ORDER BY ${order}
      LIMIT ${limit} OFFSET ${offset}
    ) t
    JOIN "document" d ON d.id = t."documentId"
    ORDER BY ${order}`;
}

/** One page of the task list for a view; `today` is the Shanghai calendar date (YYYY-MM-DD). */
export async function searchTasks(state: TaskListState, today: string): Promise<TaskSearchResult> {
  const where = taskWhere(state, today);
  const order = taskOrder(state.sort, state.direction, today);
  const pageSize = state.pageSize;
  const [total, firstTry] = await Promise.all([
    countTasks(where),
    selectPage(where, order, today, pageSize, (state.page - 1) * pageSize),
  ]);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  let page = state.page;
  let rows = firstTry;
  // Past the end (a stale link after the data changed): show the last page rather than nothing.
  if (page > pages) {
    page = pages;
    rows = total === 0 ? [] : await selectPage(where, order, today, pageSize, (page - 1) * pageSize);
  }
  return { rows: rows.map(toListRow), total, page, pageSize, pages };
}

/**
 * Every row of a view (same filters and sort, all pages) for export, up to `limit`; `total` says how
 * many matched, so the caller can tell the user the file was cut off.
 */
export async function listTasksForExport(
  state: TaskListState,
  today: string,
  limit = EXPORT_ROW_LIMIT,
): Promise<{ rows: TaskExportRow[]; total: number; truncated: boolean }> {
  const where = taskWhere(state, today);
  const order = taskOrder(state.sort, state.direction, today);
  const [total, rows] = await Promise.all([
    countTasks(where),
    getDb().$queryRaw<RawExportRow[]>`
      SELECT ${baseColumns(today)},
        s.path AS "sectionPath", s.title AS "sectionTitle",
        ${unitNames("RESPONSIBLE")} AS "responsibleUnits",
        ${unitNames("COOPERATING")} AS "cooperatingUnits"
      FROM "task" t
      JOIN "document" d ON d.id = t."documentId"
      LEFT JOIN "section" s ON s.id = t."sectionId"
      WHERE ${where}
      ORDER BY ${order}
      LIMIT ${limit}`,
  ]);
  return {
    total,
    truncated: total > rows.length,
    rows: rows.map((row) => ({
      ...toListRow(row),
      text: row.text,
      section: row.sectionPath !== null ? { path: row.sectionPath, title: row.sectionTitle ?? "" } : null,
      responsibleUnits: row.responsibleUnits,
      cooperatingUnits: row.cooperatingUnits,
    })),
  };
}

export interface TaskFilterOptions {
  documents: { slug: string; shortTitle: string }[];
  /** Sections of the chosen document, in document order; empty without one. */
  sections: { path: string; title: string; depth: number }[];
  departments: { id: number; name: string; generic: boolean }[];
  /** Areas that current tasks belong to, in strategy order; null = tasks whose chapter names none. */
  areas: (string | null)[];
}

/**
 * The distinct areas of current tasks (null included when some task has none). A loose index scan over
 * task(area): one index probe per distinct area (a handful) instead of reading 50,000 rows. Prisma's
 * `findMany({ distinct })` is not SQL DISTINCT — it fetched every current task's (id, area) and
 * de-duplicated in JavaScript, which was the task list's largest cost at scale (issue 14).
 */
async function currentAreas(db: ReturnType<typeof getDb>): Promise<{ area: string | null }[]> {
  return db.$queryRaw<{ area: string | null }[]>`
    WITH RECURSIVE areas AS (
      (SELECT t.area FROM "task" t WHERE t.area IS NOT NULL AND t."retiredAt" IS NULL ORDER BY t.area LIMIT 1)
      UNION ALL
      SELECT (SELECT t.area FROM "task" t WHERE t.area > areas.area AND t."retiredAt" IS NULL ORDER BY t.area LIMIT 1)
      FROM areas WHERE areas.area IS NOT NULL
    )
    SELECT area FROM areas WHERE area IS NOT NULL
    UNION ALL
    SELECT NULL WHERE EXISTS (SELECT 1 FROM "task" t WHERE t.area IS NULL AND t."retiredAt" IS NULL)`;
}

/** The choices the filter form offers. */
export async function getTaskFilterOptions(documentSlug: string | null): Promise<TaskFilterOptions> {
  const db = getDb();
  const [documents, sections, departments, areas] = await Promise.all([
    db.document.findMany({ orderBy: { id: "asc" }, select: { slug: true, shortTitle: true } }),
    documentSlug
      ? db.section.findMany({
          where: { document: { slug: documentSlug } },
          orderBy: { ordinal: "asc" },
          select: { path: true, title: true },
        })
      : Promise.resolve([]),
    // Only units that have tasks: an empty choice would only ever show an empty list.
    db.department.findMany({
      where: { mergedIntoId: null, assignments: { some: { task: { retiredAt: null } } } },
      orderBy: [{ generic: "asc" }, { name: "asc" }],
      select: { id: true, name: true, generic: true },
    }),
    currentAreas(db),
  ]);
  return {
    documents,
    sections: sections.map((s) => ({ path: s.path, title: s.title, depth: s.path.split("/").length - 1 })),
    departments,
    areas: areas.map((a) => a.area).sort(compareAreas),
  };
}
