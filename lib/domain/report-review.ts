/**
 * What a reviewer and an editor compare a report against: the last approved one. Pure: worked examples in
 * tests/unit/report-review.test.ts.
 *
 * **How advanced a reported status is** — written once here, used by the form's warning, the review
 * desk's "got worse" filter and the co-lead rule (lib/server/task-updates.ts `applyApprovedReport`).
 * Least advanced first:
 *
 *     滞后 LAGGING < 存在风险 AT_RISK < 未启动 NOT_STARTED < 按计划推进 ON_TRACK < 常态化推进 ONGOING < 已完成 COMPLETED
 *
 * It is the reported statuses' order in `STATE_SEVERITY` (lib/domain/task-state.ts, worst first), so a
 * sort by status, a legend and this comparison never disagree. 滞后 and 存在风险 come before 未启动 because
 * they are the statuses the dashboards call troubled: a unit that says it is behind plan signals more
 * trouble than one that has not started yet (未启动 is normal for a task whose plan starts later).
 * 常态化推进 comes before 已完成 because routine work is still going on. Between two reports of the same
 * status, the lower progress is the less advanced.
 *
 * **Co-lead units.** When a task has several lead units, its status and progress follow the least
 * advanced of the lead units' latest approved reports (`leastAdvanced`) — whichever unit's report was
 * approved last. A task is finished (已完成) only when every lead unit says so.
 */
import { STATE_SEVERITY } from "./task-state";
import { TASK_STATUSES, type TaskStatus } from "./task-status";

/** Least advanced first (see the file comment). */
export const STATUS_ADVANCEMENT: readonly TaskStatus[] = STATE_SEVERITY.filter((s): s is TaskStatus =>
  (TASK_STATUSES as readonly string[]).includes(s),
);

/** 0 for the least advanced status (滞后) … 5 for 已完成. */
export function statusRank(status: TaskStatus): number {
  return STATUS_ADVANCEMENT.indexOf(status);
}

export interface ReportedState {
  status: TaskStatus;
  progress: number;
}

/** Negative when `a` is less advanced than `b`: status first, then progress. */
export function compareAdvancement(a: ReportedState, b: ReportedState): number {
  return statusRank(a.status) - statusRank(b.status) || a.progress - b.progress;
}

/** The least advanced of several reports (the co-lead rule); the first one on a tie; null when none. */
export function leastAdvanced<T extends ReportedState>(reports: readonly T[]): T | null {
  let least: T | null = null;
  for (const r of reports) if (least === null || compareAdvancement(r, least) < 0) least = r;
  return least;
}

export interface Regression {
  /** The new status is less advanced than the last approved one. */
  status: boolean;
  /** The new progress is lower than the last approved one. */
  progress: boolean;
}

/**
 * How a new report goes backwards from the last approved one: a warning to the editor and a filter on
 * the review desk ("got worse"), never a block. Null when there is nothing to compare with or nothing
 * went backwards.
 */
export function regression(last: ReportedState | null, next: ReportedState): Regression | null {
  if (!last) return null;
  const r = { status: statusRank(next.status) < statusRank(last.status), progress: next.progress < last.progress };
  return r.status || r.progress ? r : null;
}

// ───────────────────────────── text diff ─────────────────────────────

export type DiffOp = "same" | "added" | "removed";
export interface DiffPart {
  op: DiffOp;
  text: string;
}

/**
 * Splits report text into sentences, each keeping its terminator: Chinese has no spaces between words, so
 * words are not a unit; a report is written as a list of facts, one per sentence or clause (。！？；
 * and line breaks, and their ASCII forms).
 */
export function sentences(text: string): string[] {
  return text.match(/[^。！？；!?;\n]*(?:[。！？；!?;]+|\n+|$)/g)?.filter((s) => s.length > 0) ?? [];
}

/** Longest-common-subsequence diff of two token lists. */
function lcsDiff(a: readonly string[], b: readonly string[]): DiffPart[] {
  const n = a.length;
  const m = b.length;
  // suffix LCS lengths, (n+1)×(m+1)
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      table[i * width + j] =
        a[i] === b[j]
          ? table[(i + 1) * width + j + 1]! + 1
          : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
  const parts: DiffPart[] = [];
  const push = (op: DiffOp, text: string) => {
    const last = parts.at(-1);
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push("same", a[i]!);
      i++;
      j++;
    } else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) push("removed", a[i++]!);
    else push("added", b[j++]!);
  }
  while (i < n) push("removed", a[i++]!);
  while (j < m) push("added", b[j++]!);
  return parts;
}

/** A replaced sentence pair this short is refined character by character. */
const CHAR_DIFF_MAX = 200;
/** Beyond this many sentences on a side, the diff is whole-text (a cost bound; reports are far shorter). */
const SENTENCE_DIFF_MAX = 400;

/**
 * What changed from `before` to `after`: a diff by sentence (see `sentences`), in which a removed
 * sentence followed by an added one — an edited sentence — is refined by character, so a changed figure
 * ("完成 40%" → "完成 48%") shows as such, not as a whole new sentence. Sentence first keeps the result
 * readable (a character diff of two rewritten paragraphs is confetti) and the cost bounded (the
 * character pass only runs on short sentence pairs). Concatenating the "same" and "added" parts gives
 * `after`; the "same" and "removed" parts give `before`.
 */
export function textDiff(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ op: "same", text: before }] : [];
  const a = sentences(before);
  const b = sentences(after);
  if (a.length > SENTENCE_DIFF_MAX || b.length > SENTENCE_DIFF_MAX) {
    return [
      ...(before ? [{ op: "removed" as const, text: before }] : []),
      ...(after ? [{ op: "added" as const, text: after }] : []),
    ];
  }
  const coarse = lcsDiff(a, b);
  const parts: DiffPart[] = [];
  const push = (part: DiffPart) => {
    const last = parts.at(-1);
    if (last && last.op === part.op) last.text += part.text;
    else parts.push({ ...part });
  };
  for (let k = 0; k < coarse.length; k++) {
    const part = coarse[k]!;
    const next = coarse[k + 1];
    if (
      part.op === "removed" &&
      next?.op === "added" &&
      part.text.length <= CHAR_DIFF_MAX &&
      next.text.length <= CHAR_DIFF_MAX
    ) {
      lcsDiff([...part.text], [...next.text]).forEach(push);
      k++;
    } else push(part);
  }
  return parts;
}

/** Whether a diff has any change. */
export const hasChanges = (parts: readonly DiffPart[]) => parts.some((p) => p.op !== "same");

// ───────────────────────────── the form's starting point ─────────────────────────────

export interface ReportContent extends ReportedState {
  progressText: string;
  problems: string;
  nextSteps: string;
  milestoneDates: { milestoneId: number; completedDate: string }[];
}

export type PrefillSource = "thread" | "lastApproved" | "task" | "none";

/**
 * Where the report form starts, first that applies:
 *  - this period's report already has a version (a draft, a returned or approved report): all of it;
 *  - the department's last approved report: its status, progress and milestone dates — the texts start
 *    empty (the form shows last period's texts beside them; this period's words are new);
 *  - the task's current status and progress (approved before, e.g. from another lead unit);
 *  - nothing reported: 按计划推进 0 %.
 */
export function reportPrefill(
  thread: ReportContent | null,
  lastApproved: ReportContent | null,
  current: ReportedState | null,
): ReportContent & { source: PrefillSource } {
  const empty = { progressText: "", problems: "", nextSteps: "", milestoneDates: [] };
  if (thread) {
    const { status, progress, progressText, problems, nextSteps, milestoneDates } = thread;
    return { status, progress, progressText, problems, nextSteps, milestoneDates, source: "thread" };
  }
  if (lastApproved) {
    const { status, progress, milestoneDates } = lastApproved;
    return { ...empty, status, progress, milestoneDates, source: "lastApproved" };
  }
  if (current) return { ...empty, status: current.status, progress: current.progress, source: "task" };
  return { ...empty, status: "ON_TRACK", progress: 0, source: "none" };
}

// ───────────────────────────── the review desk's filters ─────────────────────────────

export interface ReviewFilters {
  /** A department id, or null for every unit. */
  unit: number | null;
  /** A document id, or null for every document. */
  document: number | null;
  /** Only reports whose status or progress is lower than their unit's last approved one. */
  worse: boolean;
}

const positiveId = (value: string | string[] | undefined): number | null => {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text || !/^[1-9]\d{0,9}$/.test(text)) return null;
  const n = Number(text);
  return n <= 2_147_483_647 ? n : null;
};

/** The desk's filters from the URL (?unit=, ?document=, ?worse=1); anything unparsable means "all". */
export function reviewFiltersOf(params: Record<string, string | string[] | undefined>): ReviewFilters {
  const worse = Array.isArray(params.worse) ? params.worse[0] : params.worse;
  return { unit: positiveId(params.unit), document: positiveId(params.document), worse: worse === "1" };
}

export function filterReviewQueue<T extends { departmentId: number; documentId: number; worse: Regression | null }>(
  items: readonly T[],
  filters: ReviewFilters,
): T[] {
  return items.filter(
    (item) =>
      (filters.unit === null || item.departmentId === filters.unit) &&
      (filters.document === null || item.documentId === filters.document) &&
      (!filters.worse || item.worse !== null),
  );
}
