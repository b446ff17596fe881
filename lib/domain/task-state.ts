/**
 * What a task's status IS on a date, and how a group of tasks rolls up — written once, here, and used by
 * every page, the API and the bulletin (the SQL form in lib/server/task-state.ts is proven equal to this
 * one by tests/integration/task-state.test.ts). Pure: worked examples in tests/unit/task-state.test.ts.
 *
 * A department reports a status (未启动 / 按计划推进 / 存在风险 / 滞后 / 已完成 / 常态化推进); a reviewer
 * approves it. But a report is only one of the facts: a task nobody owns cannot report, a task nobody has
 * reported on is not "on track", and a task whose deadline has passed unfinished is late whatever its last
 * report said. The **state** of a task on a date (the reference date: today, or a past period's last day),
 * first rule that applies:
 *
 *  1. 已完成 COMPLETED, 常态化推进 ONGOING — its latest approved lead report says so. A finished task is
 *     never late.
 *  2. 待明确责任单位 UNASSIGNED — it has no lead unit that can report: none is named, or only a group such
 *     as 有关部门 / 各市人民政府. It is never counted as on pace; past its deadline it counts as behind in
 *     roll-ups (see `rollUpTaskStates`), while its own label stays 待明确责任单位 because what it needs
 *     first is a unit.
 *  3. 滞后 LAGGING — its deadline has passed and it is unfinished (逾期未完成), whatever its last report
 *     said. The deadline is its last milestone's due date; without milestones, its document's period end.
 *  4. 存在风险 AT_RISK, 滞后 LAGGING, 按计划推进 ON_TRACK, 未启动 NOT_STARTED — as its latest approved
 *     lead report says.
 *  5. 未报送 NO_REPORT — it has a lead unit but no approved report yet.
 *
 * Worked examples (reference date 2026-12-07):
 *  - a 2023 work-points task, 牵头 省大数据局, due 2023-12-31, last report 按计划推进 40 % → 滞后 (overdue);
 *  - the same task with an approved 已完成 report → 已完成;
 *  - a plan task with no unit in the text, due 2025-12-31 → 待明确责任单位 (and behind in its roll-up);
 *  - a task led by 省工业和信息化厅, due 2027-06-30, never reported → 未报送.
 */
import type { IndicatorStatus } from "./indicator-status";
import type { TaskStatus } from "./task-status";

export const TASK_STATES = [
  "UNASSIGNED",
  "NO_REPORT",
  "NOT_STARTED",
  "ON_TRACK",
  "AT_RISK",
  "LAGGING",
  "COMPLETED",
  "ONGOING",
] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** Reported statuses that end a task's deadline: done, or turned into routine work. */
export const FINISHED_STATUSES: readonly TaskStatus[] = ["COMPLETED", "ONGOING"];

/** The states the dashboards call lagging (滞后 and 存在风险). */
export const TROUBLED_STATES: readonly TaskState[] = ["LAGGING", "AT_RISK"];

/** Worst first: the order of a status sort, legends and tables. */
export const STATE_SEVERITY: readonly TaskState[] = [
  "LAGGING",
  "AT_RISK",
  "UNASSIGNED",
  "NO_REPORT",
  "NOT_STARTED",
  "ON_TRACK",
  "ONGOING",
  "COMPLETED",
];

export interface TaskFacts {
  /** The status of its latest approved lead report, or null when none was ever approved. */
  reportedStatus: TaskStatus | null;
  /** A LEAD assignment to a unit that can report (not a generic group). */
  hasLead: boolean;
  /** YYYY-MM-DD: its last milestone's due date, else its document's period end; null if unknown. */
  deadline: string | null;
}

export function isFinished(facts: Pick<TaskFacts, "reportedStatus">): boolean {
  return facts.reportedStatus !== null && FINISHED_STATUSES.includes(facts.reportedStatus);
}

/** Unfinished with its deadline before `date` (YYYY-MM-DD): 逾期未完成. */
export function isPastDue(facts: TaskFacts, date: string): boolean {
  return !isFinished(facts) && facts.deadline !== null && facts.deadline < date;
}

/** The task's state on `date` (the rules at the top of this file). */
export function taskState(facts: TaskFacts, date: string): TaskState {
  if (isFinished(facts)) return facts.reportedStatus as TaskState;
  if (!facts.hasLead) return "UNASSIGNED";
  if (isPastDue(facts, date)) return "LAGGING";
  return facts.reportedStatus ?? "NO_REPORT";
}

// ───────────────────────────── roll-ups ─────────────────────────────

export type StateCounts = Record<TaskState, number>;

export const emptyStateCounts = (): StateCounts => Object.fromEntries(TASK_STATES.map((s) => [s, 0])) as StateCounts;

export type RollUpReason =
  "NO_TASKS" | "ALL_COMPLETED" | "MANY_BEHIND" | "SOME_BEHIND" | "TOO_FEW_REPORTS" | "REPORTED_ON_PACE";

export interface TaskRollUp {
  total: number;
  completed: number;
  /** completed / total; 0 when there are no tasks. */
  completionRate: number;
  /** 滞后 + 存在风险 + 待明确责任单位 past their deadline. */
  lagging: number;
  /** lagging / total; 0 when there are no tasks. */
  laggingRate: number;
  /** Unfinished tasks whose state says nothing about progress: 未报送, and 待明确责任单位 not yet due. */
  unknown: number;
  status: IndicatorStatus;
  reason: RollUpReason;
}

/** Share of lagging tasks from which a group is BEHIND (滞后). */
export const DEFAULT_ROLL_UP_BEHIND_RATE = 0.2;

/**
 * Rolls the states of a group of tasks (section, document, area, department) onto the indicator status
 * scale. First rule that applies:
 *   no tasks                                               → 无数据 NO_DATA
 *   every task 已完成                                       → 已完成 ACHIEVED
 *   lagging ≥ 20 % of the tasks (滞后 + 存在风险 + unassigned past due) → 滞后 BEHIND
 *   any lagging task                                       → 存在风险 AT_RISK
 *   more than half of the unfinished tasks unknown         → 无数据 NO_DATA (too little is reported to say)
 *   otherwise                                              → 符合序时进度 ON_PACE
 * A group whose tasks are all past due and unfinished is therefore never on pace: each of them is
 * lagging (滞后 by rule 3, or unassigned past due).
 *
 * @param unassignedPastDue how many of the UNASSIGNED tasks are past their deadline.
 */
export function rollUpTaskStates(
  counts: Partial<StateCounts>,
  unassignedPastDue = 0,
  behindRate: number = DEFAULT_ROLL_UP_BEHIND_RATE,
): TaskRollUp {
  const n = (state: TaskState) => Math.max(0, counts[state] ?? 0);
  const total = TASK_STATES.reduce((sum, s) => sum + n(s), 0);
  const completed = n("COMPLETED");
  const overdueUnassigned = Math.min(Math.max(0, unassignedPastDue), n("UNASSIGNED"));
  const lagging = n("LAGGING") + n("AT_RISK") + overdueUnassigned;
  const unknown = n("NO_REPORT") + n("UNASSIGNED") - overdueUnassigned;
  const unfinished = total - completed - n("ONGOING");
  const laggingRate = total === 0 ? 0 : lagging / total;
  const result = (status: IndicatorStatus, reason: RollUpReason): TaskRollUp => ({
    total,
    completed,
    completionRate: total === 0 ? 0 : completed / total,
    lagging,
    laggingRate,
    unknown,
    status,
    reason,
  });
  if (total === 0) return result("NO_DATA", "NO_TASKS");
  if (completed === total) return result("ACHIEVED", "ALL_COMPLETED");
  if (lagging > 0 && laggingRate >= behindRate - 1e-12) return result("BEHIND", "MANY_BEHIND");
  if (lagging > 0) return result("AT_RISK", "SOME_BEHIND");
  if (unknown * 2 > unfinished) return result("NO_DATA", "TOO_FEW_REPORTS");
  return result("ON_PACE", "REPORTED_ON_PACE");
}

// ───────────────────────────── who owes a report ─────────────────────────────

export interface ReportDutyFacts {
  /** Its reported status at the end of the previous period (null: none approved by then). */
  statusBefore: TaskStatus | null;
  /** The department already has a report (any version) for this period. */
  hasReportThisPeriod: boolean;
  /** YYYY-MM-DD */
  documentStart: string;
  /** YYYY-MM-DD */
  documentEnd: string;
  retired: boolean;
}

/**
 * Whether a task's lead unit owes a report for a period (`start`–`end`, YYYY-MM-DD) — the one
 * definition behind the department page, `/review`'s 督办 list, the overview's submission rate and the
 * bulletin. The caller passes only tasks the department leads as a unit that can report (not a group).
 *   - a report filed this period always counts (it is in scope, and submitted);
 *   - a retired task, or one whose document has not started by the period's end, owes nothing;
 *   - 已完成 before the period: owes nothing (the completion is on record);
 *   - 常态化推进 before the period: owes a report while its document is in force, not after;
 *   - otherwise (unfinished): owes a report — in force, or after its document's period until finished.
 */
export function owesReport(facts: ReportDutyFacts, period: { start: string; end: string }): boolean {
  if (facts.retired) return false;
  if (facts.documentStart > period.end) return false;
  if (facts.hasReportThisPeriod) return true;
  if (facts.statusBefore === "COMPLETED") return false;
  if (facts.statusBefore === "ONGOING") return facts.documentEnd >= period.start;
  return true;
}
