import "server-only";
import { getDb } from "./db";
import { ACTIVE_INDICATOR } from "./indicators";

export interface OverviewCounts {
  documents: number;
  tasks: number;
  departments: number;
  indicators: number;
}

export async function getOverviewCounts(): Promise<OverviewCounts> {
  const db = getDb();
  const [documents, tasks, departments, indicators] = await Promise.all([
    db.document.count(),
    db.task.count({ where: { retiredAt: null } }),
    db.department.count({ where: { generic: false } }),
    db.indicator.count({ where: ACTIVE_INDICATOR }),
  ]);
  return { documents, tasks, departments, indicators };
}
