/**
 * The bimonthly progress bulletin (进展通报): its frozen content (the snapshot) and the pure rules that
 * shape it. lib/server/bulletins.ts gathers the figures with aggregate SQL; the exporters
 * (bulletin-docx.ts, bulletin-pdf.ts, bulletin-sheets.ts) render a snapshot into files. Nothing here does I/O.
 *
 * Rules, so a reader of the bulletin can check every figure:
 * - **A task's status at a period** is its state (lib/domain/task-state.ts) on the period's last day — or
 *   on the day the bulletin was generated, when that is earlier — with its reported status taken from
 *   its latest APPROVED lead report (LEAD_REPORT) whose period is the bulletin's period or an earlier one,
 *   ordered by period, then by when it was written. So: 已完成 / 常态化推进 as reported; 待明确责任单位
 *   when no unit that can report leads it; 滞后 when its deadline has passed unfinished; otherwise as
 *   reported; 未报送 when nothing was ever approved. The denormalised `task.currentStatus` is NOT used:
 *   it describes today, and a bulletin describes the end of its period. Reports approved after the period
 *   ended still count for their own period (a late approval completes that period's picture) until a
 *   bulletin is published, which freezes it.
 * - **Scope**: non-retired tasks of documents in force by the period's end (`periodStart ≤ end`).
 *   Unfinished tasks stay in scope after their document's period ends (they remain under supervision).
 * - **Change since the previous period (较上期)**: the same rule applied to the previous period on its last
 *   day, from the report history — whether or not a bulletin was published then. When no lead report had
 *   been approved for any period up to the previous one (the first period of the data), there is nothing
 *   to compare with: every 较上期 figure reads 无上期数据 (`previousByStatus` is null).
 * - **Newly completed (本期新完成)**: 已完成 at this period, and at the previous period reported in a status
 *   other than 已完成 (an approved report existed). A task whose FIRST approved report already says 已完成
 *   was not seen to complete in this period — it may have been done long before — so it is not counted as
 *   newly completed; the bulletin states how many such tasks there are (首次报告即已完成).
 * - **Lagging list (滞后任务清单)**: tasks whose status at the period is 滞后 or 存在风险, with their lead
 *   units and the problems (存在问题) of the report that set the status.
 * - **Did not submit (未报送)**: the one rule of who owes a report (lib/server/report-duty.ts, the same as
 *   /review's 督办 list, the department pages and the overview): a department (not a generic
 *   pseudo-unit) with at least one task owing a report for the period for which the latest version of
 *   its lead report is neither submitted nor approved (missing, draft or returned).
 * - **Notable narratives (典型进展)**: the approved lead reports of this period (latest approved version
 *   per task), ranked: newly completed tasks (as above) first, then lagging, then at risk, then the rest; within a
 *   group, longer 工作进展 first (a longer account usually says more), then document order. At most
 *   NARRATIVE_LIMIT, each text cut at NARRATIVE_MAX_CHARS.
 * - **Indicators**: each indicator's status by 序时进度 as of the period's last day (lib/domain/indicator-status.ts),
 *   listed in attention order (lib/domain/indicator-attention.ts): the largest gap to 序时进度 or to a past
 *   target first, whatever the status; unmeasurable gaps, then achieved ones, then no data last.
 */
import type { IndicatorStatus, Comparator } from "../domain/indicator-status";
import { INDICATOR_STATUSES } from "../domain/indicator-status";
import { rankByAttention } from "../domain/indicator-attention";
import type { Period } from "../domain/periods";
import {
  emptyStateCounts,
  rollUpTaskStates,
  TASK_STATES,
  type RollUpReason,
  type StateCounts,
  type TaskRollUp,
  type TaskState,
} from "../domain/task-state";
import type { TaskStatus } from "../domain/task-status";

/**
 * Version 2: task states (待明确责任单位, 未报送, 逾期 = 滞后), 较上期 from history (null when there is no
 * previous data), roll-ups, 首次报告即已完成. Version 1 snapshots are upgraded on read (`upgradeSnapshot`).
 */
export const BULLETIN_SCHEMA_VERSION = 2;
export const NARRATIVE_LIMIT = 12;
export const NARRATIVE_MAX_CHARS = 400;
/** The unit that issues the bulletin: the office of the leading group, hosted by 省大数据局. */
export const BULLETIN_ISSUER = "山东省数字强省建设领导小组办公室";
export const BULLETIN_SERIES = "数字强省建设工作进展通报";
/** Tasks whose area the documents do not state. */
export const NO_AREA = "";

export type StatusCounts = StateCounts;
export type IndicatorStatusCounts = Record<IndicatorStatus, number>;

export interface CompletionRow {
  key: string;
  label: string;
  total: number;
  completed: number;
  lagging: number;
  atRisk: number;
  /** completed / total, 0..1 (0 when there are no tasks). */
  completionRate: number;
  /** The group's roll-up (rollUpTaskStates); absent in version 1 snapshots. */
  rollUp?: { status: IndicatorStatus; reason: RollUpReason };
}

export interface BulletinTask {
  taskId: number;
  number: string;
  document: string;
  heading: string;
  status: TaskState;
  progress: number;
  previousStatus: TaskState;
  leadUnits: string[];
  /** 存在问题 from the report that set the status. */
  problems: string;
}

export interface BulletinDepartment {
  departmentId: number;
  name: string;
  /** Tasks it leads that owe a report for the period (lib/server/report-duty.ts). */
  tasksInScope: number;
  /** Of those, how many lack a submitted or approved lead report for the period. */
  missing: number;
}

export interface BulletinIndicator {
  id: number;
  name: string;
  unit: string;
  area: string;
  status: IndicatorStatus;
  latest: { value: number; asOf: string } | null;
  target: { value: number; comparator: Comparator; dueDate: string } | null;
  /** 序时进度 (expected share of the way at the period's end), 0..1. */
  expectedShare: number | null;
  /** Share of the way achieved, 0..1+. */
  actualShare: number | null;
}

export type NarrativeReason = "COMPLETED" | "LAGGING" | "AT_RISK" | "DETAILED";
export const NARRATIVE_REASONS: readonly NarrativeReason[] = ["COMPLETED", "LAGGING", "AT_RISK", "DETAILED"];

export interface BulletinNarrative {
  taskId: number;
  number: string;
  document: string;
  heading: string;
  department: string;
  status: TaskStatus;
  progress: number;
  reason: NarrativeReason;
  progressText: string;
  truncated: boolean;
}

export interface BulletinSnapshot {
  schemaVersion: number;
  period: { year: number; index: number; code: string; start: string; end: string };
  previousPeriodCode: string;
  /** ISO instant the figures were read. */
  generatedAt: string;
  summary: {
    totalTasks: number;
    /** YYYY-MM-DD the states were judged on: the period's last day, or the generation day if earlier. */
    asOf?: string;
    byStatus: StatusCounts;
    /** At the previous period's end; null when there is no previous data (the first period of the data). */
    previousByStatus: StatusCounts | null;
    /** Every task in scope rolled up; absent in version 1 snapshots. */
    rollUp?: TaskRollUp;
    /** Tasks 已完成 at the period whose first approved report said so (not counted as newly completed). */
    firstReportCompleted?: number;
    byDocument: CompletionRow[];
    byArea: CompletionRow[];
    indicatorsByStatus: IndicatorStatusCounts;
    reports: { submitted: number; approved: number; returned: number; draft: number };
    departmentsInScope: number;
    departmentsNotSubmitted: number;
  };
  laggingTasks: BulletinTask[];
  newlyCompleted: BulletinTask[];
  /** Tasks 待明确责任单位 at the period (issue 15); absent in snapshots made before the section existed. */
  unassignedTasks?: BulletinTask[];
  departmentsNotSubmitted: BulletinDepartment[];
  indicators: BulletinIndicator[];
  narratives: BulletinNarrative[];
}

/** What a rendered file prints in its head: fixed when the bulletin is published. */
export interface BulletinMeta {
  title: string;
  issueLabel: string;
  issuer: string;
  version: number;
  /** YYYY-MM-DD: the publication date (a draft shows the day it was rendered). */
  issuedOn: string;
  draft: boolean;
}

/**
 * The bulletin's indicators in the order its table lists them (attention order, judged on the period's
 * last day). Applied when rendering, so a bulletin frozen before this order existed is listed the same way.
 */
export function indicatorsInAttentionOrder(
  snapshot: Pick<BulletinSnapshot, "indicators" | "period">,
): BulletinIndicator[] {
  return rankByAttention(snapshot.indicators, snapshot.period.end);
}

export function emptyStatusCounts(): StatusCounts {
  return emptyStateCounts();
}

/**
 * A stored snapshot in the current shape, or null when it is not a bulletin snapshot. Version 1 (task
 * statuses, every task without a report counted 未启动) is read as it was published: its counts gain the
 * two states it did not have, at 0, and the figures it never had (roll-ups, 首次报告即已完成) stay absent.
 */
export function upgradeSnapshot(value: unknown): BulletinSnapshot | null {
  if (!value || typeof value !== "object") return null;
  const snapshot = value as BulletinSnapshot;
  if (snapshot.schemaVersion === BULLETIN_SCHEMA_VERSION) return snapshot;
  if (snapshot.schemaVersion !== 1) return null;
  const counts = (c: Partial<StatusCounts> | null | undefined): StatusCounts => ({ ...emptyStateCounts(), ...c });
  return {
    ...snapshot,
    schemaVersion: BULLETIN_SCHEMA_VERSION,
    summary: {
      ...snapshot.summary,
      byStatus: counts(snapshot.summary.byStatus),
      previousByStatus: counts(snapshot.summary.previousByStatus),
    },
  };
}

export function emptyIndicatorCounts(): IndicatorStatusCounts {
  return Object.fromEntries(INDICATOR_STATUSES.map((s) => [s, 0])) as IndicatorStatusCounts;
}

/** 2023年第3期 and 数字强省建设工作进展通报（2023年第3期）. */
export function bulletinTitle(period: Pick<Period, "year" | "index">): { title: string; issueLabel: string } {
  const issueLabel = `${period.year}年第${period.index}期`;
  return { issueLabel, title: `${BULLETIN_SERIES}（${issueLabel}）` };
}

/** One aggregate row from the database: how many tasks of a document and area had a status pair. */
export interface StatusGroup {
  documentKey: string;
  documentLabel: string;
  documentOrder: number;
  area: string | null;
  status: TaskState;
  previousStatus: TaskState;
  /** Unfinished with its deadline before the day the states are judged on. */
  pastDue: boolean;
  count: number;
}

export const completionRate = (completed: number, total: number) => (total > 0 ? completed / total : 0);

interface Tally extends CompletionRow {
  states: StatusCounts;
  unassignedPastDue: number;
}

/**
 * Folds the per-(document, area, state, previous state, past due) counts into the bulletin's summary
 * tables, each group rolled up with `rollUpTaskStates`. `hasPrevious` false: no previous data.
 */
export function summariseStatusGroups(groups: readonly StatusGroup[], noAreaLabel: string, hasPrevious = true) {
  const byStatus = emptyStatusCounts();
  const previousByStatus = emptyStatusCounts();
  let unassignedPastDue = 0;
  const documents = new Map<string, Tally & { order: number }>();
  const areas = new Map<string, Tally>();
  const bump = (row: Tally, g: StatusGroup) => {
    row.total += g.count;
    row.states[g.status] += g.count;
    if (g.status === "UNASSIGNED" && g.pastDue) row.unassignedPastDue += g.count;
    if (g.status === "COMPLETED") row.completed += g.count;
    if (g.status === "LAGGING") row.lagging += g.count;
    if (g.status === "AT_RISK") row.atRisk += g.count;
  };
  const blank = (key: string, label: string): Tally => ({
    key,
    label,
    total: 0,
    completed: 0,
    lagging: 0,
    atRisk: 0,
    completionRate: 0,
    states: emptyStatusCounts(),
    unassignedPastDue: 0,
  });
  let totalTasks = 0;
  for (const g of groups) {
    totalTasks += g.count;
    byStatus[g.status] += g.count;
    previousByStatus[g.previousStatus] += g.count;
    if (g.status === "UNASSIGNED" && g.pastDue) unassignedPastDue += g.count;
    const doc = documents.get(g.documentKey) ?? {
      ...blank(g.documentKey, g.documentLabel),
      order: g.documentOrder,
    };
    bump(doc, g);
    documents.set(g.documentKey, doc);
    const areaKey = g.area ?? NO_AREA;
    const area = areas.get(areaKey) ?? blank(areaKey, areaKey === NO_AREA ? noAreaLabel : areaKey);
    bump(area, g);
    areas.set(areaKey, area);
  }
  const finish = (row: Tally): CompletionRow => {
    const rollUp = rollUpTaskStates(row.states, row.unassignedPastDue);
    return {
      key: row.key,
      label: row.label,
      total: row.total,
      completed: row.completed,
      lagging: row.lagging,
      atRisk: row.atRisk,
      completionRate: completionRate(row.completed, row.total),
      rollUp: { status: rollUp.status, reason: rollUp.reason },
    };
  };
  return {
    totalTasks,
    byStatus,
    previousByStatus: hasPrevious ? previousByStatus : null,
    rollUp: rollUpTaskStates(byStatus, unassignedPastDue),
    byDocument: [...documents.values()].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key)).map(finish),
    // Named areas alphabetically (zh collation), the unstated area last.
    byArea: [...areas.values()]
      .sort((a, b) => Number(a.key === NO_AREA) - Number(b.key === NO_AREA) || a.key.localeCompare(b.key, "zh-CN"))
      .map(finish),
  };
}

/**
 * Change of each state count since the previous period (positive = more tasks in that state now); null
 * when there is no previous data to compare with.
 */
export function statusDelta(now: StatusCounts, before: StatusCounts | null): StatusCounts | null {
  if (before === null) return null;
  return Object.fromEntries(TASK_STATES.map((s) => [s, now[s] - before[s]])) as StatusCounts;
}

export interface NarrativeCandidate {
  taskId: number;
  status: TaskState;
  /** Completed in this period (see "Newly completed" above). */
  newlyCompleted: boolean;
  textLength: number;
  /** Document order, then task order: the tie-breaker that keeps the ranking stable. */
  order: number;
}

export function narrativeReason(c: Pick<NarrativeCandidate, "status" | "newlyCompleted">): NarrativeReason {
  if (c.newlyCompleted) return "COMPLETED";
  if (c.status === "LAGGING") return "LAGGING";
  if (c.status === "AT_RISK") return "AT_RISK";
  return "DETAILED";
}

/** Picks the notable narratives (see the rules above); candidates with an empty text are skipped. */
export function rankNarratives(
  candidates: readonly NarrativeCandidate[],
  limit = NARRATIVE_LIMIT,
): (NarrativeCandidate & { reason: NarrativeReason })[] {
  return candidates
    .filter((c) => c.textLength > 0)
    .map((c) => ({ ...c, reason: narrativeReason(c) }))
    .sort(
      (a, b) =>
        NARRATIVE_REASONS.indexOf(a.reason) - NARRATIVE_REASONS.indexOf(b.reason) ||
        b.textLength - a.textLength ||
        a.order - b.order,
    )
    .slice(0, limit);
}

/** Cuts a narrative at a sentence end when one is near the limit, else at the limit, with an ellipsis. */
export function truncateNarrative(text: string, max = NARRATIVE_MAX_CHARS): { text: string; truncated: boolean } {
  const chars = [...text.trim()];
  if (chars.length <= max) return { text: chars.join(""), truncated: false };
  const head = chars.slice(0, max).join("");
  const lastStop = Math.max(head.lastIndexOf("。"), head.lastIndexOf("；"), head.lastIndexOf("！"));
  const cut = lastStop >= max * 0.6 ? head.slice(0, lastStop + 1) : head;
  return { text: `${cut}……`, truncated: true };
}

/** A percentage for print: 0.4567 → "45.7%". */
export function formatShare(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return "—";
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

/**
 * Whether a task completed in the period: 已完成 now, and an approved report before this period said
 * something else (`previousReport` is the reported status at the previous period, null when none).
 */
export function isNewlyCompleted(status: TaskState, previousReport: TaskStatus | null): boolean {
  return status === "COMPLETED" && previousReport !== null && previousReport !== "COMPLETED";
}

/** Signed change for print: +3, −2, 0. */
export function formatDelta(delta: number): string {
  if (delta > 0) return `+${delta}`;
  if (delta < 0) return `−${Math.abs(delta)}`;
  return "0";
}

/** A figure as the documents write it: up to 4 decimals, no trailing zeros, grouped thousands. */
export function formatFigure(value: number): string {
  return new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 4 }).format(value);
}

export type BulletinFileFormat = "docx" | "pdf" | "xlsx" | "csv";
export const BULLETIN_FILE_FORMATS: readonly BulletinFileFormat[] = ["docx", "pdf", "xlsx", "csv"];

export const BULLETIN_CONTENT_TYPES: Record<BulletinFileFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

/** 数字强省建设工作进展通报（2023年第3期）.docx; a correction adds 第2版. ASCII fallback for old clients. */
export function bulletinFileName(
  meta: Pick<BulletinMeta, "title" | "version" | "draft">,
  periodCode: string,
  format: BulletinFileFormat,
): { name: string; ascii: string } {
  const suffix = `${meta.version > 1 ? `（第${meta.version}版）` : ""}${meta.draft ? "（草稿）" : ""}`;
  return {
    name: `${meta.title}${suffix}.${format}`,
    ascii: `bulletin-${periodCode}-v${meta.version}${meta.draft ? "-draft" : ""}.${format}`,
  };
}
