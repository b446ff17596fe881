import "server-only";
import { isDateInWindow, storedDay, utcDay } from "../domain/dates";
import { isPastDue, taskState, type TaskFacts, type TaskState } from "../domain/task-state";
import type { TaskStatus } from "../domain/task-status";
import { sourceHref } from "../reader/links";
import { getDb } from "./db";

export interface TaskListItem {
  id: number;
  number: string;
  title: string | null;
  text: string;
  document: { slug: string; shortTitle: string };
  leadUnits: string[];
}

export interface TaskPage {
  items: TaskListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export async function listTasks(options: { page: number; pageSize?: number }): Promise<TaskPage> {
  const db = getDb();
  const pageSize = options.pageSize ?? 50;
  const where = { retiredAt: null };
  const [total, rows] = await Promise.all([
    db.task.count({ where }),
    db.task.findMany({
      where,
      orderBy: [{ documentId: "asc" }, { ordinal: "asc" }],
      skip: (options.page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        number: true,
        title: true,
        text: true,
        document: { select: { slug: true, shortTitle: true } },
        assignments: {
          where: { role: "LEAD" },
          orderBy: { ordinal: "asc" },
          select: { department: { select: { name: true } } },
        },
      },
    }),
  ]);
  return {
    total,
    page: options.page,
    pageSize,
    items: rows.map((row) => ({
      id: row.id,
      number: row.number,
      title: row.title,
      text: row.text,
      document: row.document,
      leadUnits: row.assignments.map((a) => a.department.name),
    })),
  };
}

export interface TaskDetail {
  id: number;
  key: string;
  number: string;
  kind: "TASK" | "MEASURE" | "COLUMN_ITEM";
  title: string | null;
  text: string;
  retired: boolean;
  currentStatus: "NOT_STARTED" | "ON_TRACK" | "AT_RISK" | "LAGGING" | "COMPLETED" | "ONGOING";
  currentProgress: number;
  /** Its state today (lib/domain/task-state.ts) and the facts it is judged on. */
  state: TaskState;
  reportedStatus: TaskStatus | null;
  pastDue: boolean;
  /** YYYY-MM-DD */
  deadline: string | null;
  document: { slug: string; title: string; shortTitle: string };
  section: { path: string; title: string } | null;
  sourceHref: string;
  unitsSource: { fileName: string; href: string } | null;
  units: { role: "LEAD" | "RESPONSIBLE" | "COOPERATING"; departmentId: number; name: string; generic: boolean }[];
  milestones: {
    id: number;
    dueDate: string;
    text: string;
    completedDate: string | null;
    overdue: boolean;
    sourceHref: string | null;
  }[];
  indicators: { id: number; name: string; unit: string }[];
}

/** `today` is the Shanghai calendar date (YYYY-MM-DD) against which milestones are overdue. */
export async function getTask(id: number, today: string): Promise<TaskDetail | null> {
  const task = await getDb().task.findUnique({
    where: { id },
    select: {
      id: true,
      key: true,
      number: true,
      kind: true,
      title: true,
      text: true,
      retiredAt: true,
      currentStatus: true,
      currentProgress: true,
      statusUpdatedAt: true,
      hasLead: true,
      deadline: true,
      document: { select: { slug: true, title: true, shortTitle: true } },
      section: { select: { path: true, title: true } },
      sourceFile: { select: { fileName: true } },
      unitsSourceFile: { select: { fileName: true } },
      unitsStartOffset: true,
      assignments: {
        orderBy: [{ role: "asc" }, { ordinal: "asc" }],
        select: { role: true, department: { select: { id: true, name: true, generic: true } } },
      },
      milestones: {
        where: { retiredAt: null },
        orderBy: { ordinal: "asc" },
        select: {
          id: true,
          dueDate: true,
          text: true,
          completedDate: true,
          startOffset: true,
          sourceFile: { select: { fileName: true } },
        },
      },
      indicators: { select: { indicator: { select: { id: true, name: true, unit: true, mergedIntoId: true } } } },
    },
  });
  if (!task) return null;
  const slug = task.document.slug;
  // statusUpdatedAt is set by an approved lead report: without one, currentStatus is only the default.
  const facts: TaskFacts = {
    reportedStatus: task.statusUpdatedAt ? task.currentStatus : null,
    hasLead: task.hasLead,
    deadline: task.deadline ? utcDay(task.deadline) : null,
  };
  return {
    id: task.id,
    key: task.key,
    number: task.number,
    kind: task.kind,
    title: task.title,
    text: task.text,
    retired: task.retiredAt !== null,
    currentStatus: task.currentStatus,
    currentProgress: task.currentProgress,
    state: taskState(facts, today),
    reportedStatus: facts.reportedStatus,
    pastDue: isPastDue(facts, today),
    deadline: facts.deadline,
    document: task.document,
    section: task.section,
    sourceHref: sourceHref(slug, task.sourceFile.fileName, `task-${task.id}`),
    unitsSource:
      task.unitsSourceFile && task.unitsStartOffset !== null
        ? {
            fileName: task.unitsSourceFile.fileName,
            href: sourceHref(slug, task.unitsSourceFile.fileName, `units-${task.id}`),
          }
        : null,
    units: task.assignments.map((a) => ({
      role: a.role,
      departmentId: a.department.id,
      name: a.department.name,
      generic: a.department.generic,
    })),
    milestones: task.milestones.map((m) => {
      const dueDate = utcDay(m.dueDate);
      // A completion date outside the plausible window (stored before the rule of lib/domain/dates.ts, or
      // one JavaScript cannot even hold) counts as none: the next approved report may record it again.
      const recorded = m.completedDate ? storedDay(m.completedDate) : null;
      const completedDate = recorded !== null && isDateInWindow(recorded, today) ? recorded : null;
      return {
        id: m.id,
        dueDate,
        text: m.text,
        completedDate,
        overdue: completedDate === null && dueDate < today,
        sourceHref:
          m.sourceFile && m.startOffset !== null ? sourceHref(slug, m.sourceFile.fileName, `milestone-${m.id}`) : null,
      };
    }),
    indicators: task.indicators
      .map((link) => link.indicator)
      .map((i) => ({ id: i.mergedIntoId ?? i.id, name: i.name, unit: i.unit })),
  };
}
