/** The task list's rows as the list, the department profile and the export receive them (lib/server/task-search.ts). */
import type { TaskKindValue, TaskStatusValue } from "../domain/task-filters";

export interface TaskListRow {
  id: number;
  number: string;
  kind: TaskKindValue;
  title: string | null;
  /** The title, or the task text's first clause when it has none. */
  heading: string;
  document: { slug: string; shortTitle: string };
  status: TaskStatusValue;
  progress: number;
  /** YYYY-MM-DD */
  nextDueDate: string | null;
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
