import "server-only";
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
