/**
 * A task's headline, the same everywhere a task is listed (task list, bulletin, document comparison):
 * its own title when the document gives one (2022 work points: "优化智慧养老服务"), else the first clause
 * of its own text — never its section's heading.
 */
const CLAUSE_END = /[。；;！？]/;
const HEADING_MAX = 80;

/** The text up to its first full stop or semicolon, shortened for a list row. */
export function firstClause(text: string): string {
  const end = text.search(CLAUSE_END);
  const clause = (end === -1 ? text : text.slice(0, end)).trim();
  return clause.length > HEADING_MAX ? `${clause.slice(0, HEADING_MAX)}…` : clause;
}

export function taskHeading(task: { title: string | null; text: string }): string {
  return task.title?.trim() || firstClause(task.text);
}
