import { serialiseTaskListState, taskListHref, type TaskListState } from "./task-filters";

/**
 * One view, one URL: where to redirect a task-list request whose query string (`requested`, without "?")
 * is not the canonical form of the view it parsed to — the GET form's empty fields and invalid values
 * are dropped. Null when the request is already canonical.
 */
export function canonicalTaskListRedirect(state: TaskListState, requested: string): string | null {
  const canonical = serialiseTaskListState(state);
  if (new URLSearchParams(canonical).toString() === requested) return null;
  return canonical ? `/tasks?${canonical}` : "/tasks";
}

/**
 * A section left over from another document (the form sends both at once) would match nothing: where to
 * redirect without it, or null when the section belongs to the chosen document (or none is chosen).
 */
export function staleSectionRedirect(state: TaskListState, sections: readonly { path: string }[]): string | null {
  if (!state.section || sections.some((s) => s.path === state.section)) return null;
  return taskListHref(state, { section: null });
}
