import "server-only";
/** The REST API's task reads (/api/v1/tasks), shaped as lib/api/schemas.ts; filters via task-search.ts. */
import type {
  ApiTaskDetail,
  ApiTaskList,
  ApiTaskListItem,
  ApiTaskUpdate,
  ApiTimelineEntry,
  TaskListQuery,
} from "../api/schemas";
import { escapeLikePattern, type TaskFilters, type UnitRole } from "../domain/task-filters";
import { Prisma } from "../generated/prisma/client";
import { sourceHref } from "../reader/links";
import type { TimelineEntry, UpdateRow } from "../schemas/task-updates";
import { getDb } from "./db";
import { assignmentExists, overdueExists, taskWhere } from "./task-search";
import { CURRENT_REPORT, pastDueSql, taskStateSql } from "./task-state";
import { getTask } from "./tasks";

type Role = "LEAD" | "RESPONSIBLE" | "COOPERATING";
type Units = ApiTaskListItem["units"];

const isoDay = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);
const utcDay = (today: string) => new Date(`${today}T00:00:00Z`);

function groupUnits(rows: { role: Role; department: { id: number; name: string; generic: boolean } }[]): Units {
  const units: Units = { lead: [], responsible: [], cooperating: [] };
  const key = { LEAD: "lead", RESPONSIBLE: "responsible", COOPERATING: "cooperating" } as const;
  for (const row of rows) units[key[row.role]].push({ ...row.department });
  return units;
}

// Each order ends with t.id (appended below) so it is total and pages never overlap or skip a row.
const ORDER: Record<TaskListQuery["sort"], Prisma.Sql> = {
  document: Prisma.sql`t."documentId", t.ordinal`,
  due: Prisma.sql`t."nextDueDate" ASC NULLS LAST, t."documentId", t.ordinal`,
  "-due": Prisma.sql`t."nextDueDate" DESC NULLS LAST, t."documentId", t.ordinal`,
  progress: Prisma.sql`t."currentProgress" ASC, t."documentId", t.ordinal`,
  "-progress": Prisma.sql`t."currentProgress" DESC, t."documentId", t.ordinal`,
  "-updated": Prisma.sql`t."statusUpdatedAt" DESC NULLS LAST, t."documentId", t.ordinal`,
};

const UNIT_ROLE: Record<Role, UnitRole> = { LEAD: "lead", RESPONSIBLE: "responsible", COOPERATING: "cooperating" };

/**
 * The API's query as the task list's filters, so both lists share one WHERE builder (`taskWhere`, with
 * its LIKE escaping). What the API alone offers is added from the same building blocks: a role without a
 * department, "not overdue", and its text search (one phrase over text and title, or the exact number).
 */
export function apiTaskWhere(query: TaskListQuery, today: string): Prisma.Sql {
  const filters: TaskFilters = {
    document: query.document ?? null,
    section: null,
    departmentId: query.department ?? null,
    role: query.role && query.department !== undefined ? UNIT_ROLE[query.role] : "any",
    area: null,
    statuses: query.status ? [query.status] : [],
    overdue: query.overdue === "true",
    dueFrom: null,
    dueTo: null,
    kind: null,
    query: "",
  };
  const where = [taskWhere(filters, today)];
  if (query.role && query.department === undefined) where.push(assignmentExists(null, [query.role]));
  if (query.overdue === "false") where.push(Prisma.sql`NOT ${overdueExists(today)}`);
  if (query.q) {
    const pattern = `%${escapeLikePattern(query.q)}%`;
    where.push(Prisma.sql`(t.text ILIKE ${pattern} ESCAPE '\\' OR coalesce(t.title, '') ILIKE ${pattern} ESCAPE '\\'
      OR t.number = ${query.q})`);
  }
  return Prisma.join(where, " AND ");
}

/**
 * Current (non-retired) tasks matching the filters, one page. Filtering and ordering happen in one SQL
 * statement; the page's rows are then loaded with an explicit select. `today` is the Shanghai calendar
 * date against which milestones are overdue.
 */
export async function listApiTasks(query: TaskListQuery, today: string): Promise<ApiTaskList> {
  const db = getDb();
  const condition = apiTaskWhere(query, today);
  const offset = (query.page - 1) * query.pageSize;
  const [counted, page] = await Promise.all([
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "task" t WHERE ${condition}`,
    // The state with the ids, from the same SQL the filter uses, so an item's status always matches ?status=.
    db.$queryRaw<StateRow[]>`
      SELECT t.id, ${taskStateSql(today)} AS status, ${CURRENT_REPORT.status} AS "reportedStatus",
             ${pastDueSql(today)} AS "pastDue", to_char(t."deadline", 'YYYY-MM-DD') AS deadline
      FROM "task" t WHERE ${condition}
      ORDER BY ${ORDER[query.sort]}, t.id LIMIT ${query.pageSize} OFFSET ${offset}`,
  ]);
  const ids = page.map((row) => row.id);
  const rows = ids.length ? await db.task.findMany({ where: { id: { in: ids } }, select: listSelect(today) }) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const states = new Map(page.map((row) => [row.id, row]));
  return {
    items: ids.flatMap((taskId) => {
      const row = byId.get(taskId);
      return row ? [toListItem(row, states.get(taskId)!)] : [];
    }),
    page: query.page,
    pageSize: query.pageSize,
    total: counted[0]?.total ?? 0,
  };
}

const listSelect = (today: string) =>
  ({
    id: true,
    key: true,
    number: true,
    kind: true,
    title: true,
    text: true,
    currentProgress: true,
    nextDueDate: true,
    document: { select: { slug: true, shortTitle: true } },
    assignments: {
      orderBy: [{ role: "asc" }, { ordinal: "asc" }],
      select: { role: true, department: { select: { id: true, name: true, generic: true } } },
    },
    milestones: {
      where: { retiredAt: null, completedDate: null, dueDate: { lt: utcDay(today) } },
      select: { id: true },
      take: 1,
    },
  }) satisfies Prisma.TaskSelect;

type ListRow = Prisma.TaskGetPayload<{ select: ReturnType<typeof listSelect> }>;
type StateRow = Pick<ApiTaskListItem, "id" | "status" | "reportedStatus" | "pastDue" | "deadline">;

function toListItem(row: ListRow, state: StateRow): ApiTaskListItem {
  return {
    id: row.id,
    key: row.key,
    number: row.number,
    kind: row.kind,
    title: row.title,
    text: row.text,
    document: row.document,
    status: state.status,
    reportedStatus: state.reportedStatus,
    pastDue: state.pastDue,
    deadline: state.deadline,
    progress: row.currentProgress,
    nextDueDate: isoDay(row.nextDueDate),
    overdue: row.milestones.length > 0,
    units: groupUnits(row.assignments),
  };
}

/**
 * One task as the task page shows it (`getTask`), plus what an API client needs to trace it: its state
 * and the character offsets of the task, its unit list and its milestones in their source files.
 */
export async function getApiTask(id: number, today: string): Promise<ApiTaskDetail | null> {
  const [task, extra] = await Promise.all([
    getTask(id, today),
    getDb().task.findUnique({
      where: { id },
      select: {
        currentProgress: true,
        statusUpdatedAt: true,
        nextDueDate: true,
        startOffset: true,
        endOffset: true,
        sourceFile: { select: { fileName: true } },
        unitsStartOffset: true,
        unitsEndOffset: true,
        unitsSourceFile: { select: { fileName: true } },
        milestones: {
          where: { retiredAt: null },
          select: { id: true, startOffset: true, endOffset: true, sourceFile: { select: { fileName: true } } },
        },
      },
    }),
  ]);
  if (!task || !extra) return null;
  const slug = task.document.slug;
  const offsets = new Map(extra.milestones.map((m) => [m.id, m]));
  const byRole = (role: Role) =>
    task.units.filter((u) => u.role === role).map((u) => ({ id: u.departmentId, name: u.name, generic: u.generic }));
  return {
    id: task.id,
    key: task.key,
    number: task.number,
    kind: task.kind,
    title: task.title,
    text: task.text,
    retired: task.retired,
    document: task.document,
    section: task.section,
    status: task.state,
    reportedStatus: task.reportedStatus,
    pastDue: task.pastDue,
    deadline: task.deadline,
    progress: extra.currentProgress,
    statusUpdatedAt: extra.statusUpdatedAt?.toISOString() ?? null,
    nextDueDate: isoDay(extra.nextDueDate),
    overdue: task.milestones.some((m) => m.overdue),
    source: {
      fileName: extra.sourceFile.fileName,
      startOffset: extra.startOffset,
      endOffset: extra.endOffset,
      href: task.sourceHref,
    },
    unitsSource:
      task.unitsSource && extra.unitsStartOffset !== null && extra.unitsEndOffset !== null
        ? {
            fileName: task.unitsSource.fileName,
            startOffset: extra.unitsStartOffset,
            endOffset: extra.unitsEndOffset,
            href: task.unitsSource.href,
          }
        : null,
    units: { lead: byRole("LEAD"), responsible: byRole("RESPONSIBLE"), cooperating: byRole("COOPERATING") },
    milestones: task.milestones.map((m) => {
      const at = offsets.get(m.id);
      return {
        id: m.id,
        dueDate: m.dueDate,
        text: m.text,
        completedDate: m.completedDate,
        overdue: m.overdue,
        source:
          at?.sourceFile && at.startOffset !== null && at.endOffset !== null
            ? {
                fileName: at.sourceFile.fileName,
                startOffset: at.startOffset,
                endOffset: at.endOffset,
                href: sourceHref(slug, at.sourceFile.fileName, `milestone-${m.id}`),
              }
            : null,
      };
    }),
    indicators: task.indicators,
  };
}

export async function taskExists(id: number): Promise<boolean> {
  return (await getDb().task.findUnique({ where: { id }, select: { id: true } })) !== null;
}

/** The update cycle's row as the API publishes it: fields picked explicitly, so additions never leak. */
export function toApiUpdate(row: UpdateRow): ApiTaskUpdate {
  return {
    id: row.id,
    taskId: row.taskId,
    periodId: row.periodId,
    periodCode: row.periodCode,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    kind: row.kind,
    version: row.version,
    reviewState: row.reviewState,
    status: row.status,
    progress: row.progress,
    progressText: row.progressText,
    problems: row.problems,
    nextSteps: row.nextSteps,
    milestoneDates: row.milestoneDates.map((m) => ({ milestoneId: m.milestoneId, completedDate: m.completedDate })),
    reviewComment: row.reviewComment,
    author: row.author,
    createdAt: row.createdAt,
  };
}

export function toApiTimeline(entries: TimelineEntry[]): ApiTimelineEntry[] {
  return entries.flatMap((entry): ApiTimelineEntry[] => {
    if (entry.type === "update" && entry.update) {
      return [{ type: "update", at: entry.at, update: toApiUpdate(entry.update) }];
    }
    if (entry.type === "comment" && entry.comment) {
      const { id, author, body } = entry.comment;
      return [{ type: "comment", at: entry.at, comment: { id, author, body } }];
    }
    return [];
  });
}
