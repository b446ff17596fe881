/** The task list's rows as the list, the department profile and the export receive them (lib/server/task-search.ts). */
import type { TaskKindValue, TaskStatusValue } from "../domain/task-filters";
import type { TaskStatus } from "../domain/task-status";

export interface TaskListRow {
  id: number;
  number: string;
  kind: TaskKindValue;
  title: string | null;
  /** The title, or the task text's first clause when it has none. */
  heading: string;
  document: { slug: string; shortTitle: string };
  /** The task's state today (lib/domain/task-state.ts), not merely its last report. */
  status: TaskStatusValue;
  /** Its latest approved lead report's status; null when none was approved. */
  reportedStatus: TaskStatus | null;
  /** Unfinished past its deadline (逾期未完成). */
  pastDue: boolean;
  /** YYYY-MM-DD: its last milestone's due date, else its document's period end. */
  deadline: string | null;
  progress: number;
  /** YYYY-MM-DD */
  nextDueDate: string | null;
  /** Has an open milestone past due (milestone level). */
  overdue: boolean;
  leadUnits: string[];
}

export interface TaskSearchResult {
  rows: TaskListRow[];
  total: number;
  /** The page shown: a page past the end shows the last one. */
  page: number;
  pageSize: number;
  pages: number;
}

export interface TaskExportRow extends TaskListRow {
  text: string;
  section: { path: string; title: string } | null;
  responsibleUnits: string[];
  cooperatingUnits: string[];
}
