import "server-only";
import { getDb } from "./db";

export interface DepartmentListItem {
  id: number;
  name: string;
  generic: boolean;
  leadCount: number;
  responsibleCount: number;
}

export async function listDepartments(): Promise<DepartmentListItem[]> {
  const db = getDb();
  const [departments, counts] = await Promise.all([
    db.department.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, generic: true } }),
    db.taskAssignment.groupBy({ by: ["departmentId", "role"], _count: { _all: true } }),
  ]);
  const byDepartment = new Map<number, { lead: number; responsible: number }>();
  for (const row of counts) {
    const entry = byDepartment.get(row.departmentId) ?? { lead: 0, responsible: 0 };
    if (row.role === "LEAD") entry.lead += row._count._all;
    else entry.responsible += row._count._all;
    byDepartment.set(row.departmentId, entry);
  }
  return departments
    .map((d) => ({
      ...d,
      leadCount: byDepartment.get(d.id)?.lead ?? 0,
      responsibleCount: byDepartment.get(d.id)?.responsible ?? 0,
    }))
    .sort((a, b) => b.leadCount + b.responsibleCount - (a.leadCount + a.responsibleCount));
}
