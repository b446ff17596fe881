/**
 * Which indicators need attention first: ranked by the size of the gap between where an indicator
 * should be by now and where it is, never by its group or name. One rule for the overview's 需要关注的
 * 指标 and the bulletin's indicator table. Pure.
 *
 * The gap, as a share of the whole path from the baseline to the target that counts (0.4 = 40
 * percentage points):
 *   - PACE      target still ahead:     序时进度 − actual share (expected − actual);
 *   - PAST_DUE  target past and not met: its remaining distance, 1 − actual share (序时进度 is 100 %
 *               then, so it is the same subtraction);
 *   - PAST_DUE_FROM_ZERO  target past, not met, and no baseline: the remaining distance as a share of
 *               the target, |target − latest| ÷ |target| (the path counted from zero — it understates
 *               the gap a baseline would show, it never hides it);
 *   - UNKNOWN   no baseline and the target still ahead (the pace cannot be measured), or a target of 0.
 *
 * The order (`compareByAttention`): indicators not yet achieved with a known gap, largest gap first,
 * whatever their status (a 存在风险 indicator 14 points behind ranks above a 滞后 one 2 % short of a
 * past target); then those whose gap is unknown (滞后 before 存在风险); then achieved ones; no data
 * last. Ties (gaps within 1e-9) by name, then id, so the order is stable.
 */
import type { Comparator, IndicatorStatus } from "./indicator-status";

export type GapKind = "PACE" | "PAST_DUE" | "PAST_DUE_FROM_ZERO" | "UNKNOWN";

export interface IndicatorGap {
  kind: GapKind;
  /** Share of the path behind (> 0) or ahead (< 0); null when unknown. */
  gap: number | null;
}

/** What the rule reads of an indicator: the catalogue row and the bulletin row both have it. */
export interface GapSubject {
  id: number;
  name: string;
  status: IndicatorStatus;
  expectedShare: number | null;
  actualShare: number | null;
  latest: { value: number } | null;
  target: { value: number; comparator: Comparator; dueDate: string } | null;
}

/** The gap of an indicator judged on `today` (YYYY-MM-DD, the date its status describes). */
export function indicatorGap(subject: GapSubject, today: string): IndicatorGap {
  const { target, latest, expectedShare, actualShare } = subject;
  if (!target || !latest) return { kind: "UNKNOWN", gap: null };
  const past = target.dueDate < today;
  if (actualShare !== null && (past || expectedShare !== null)) {
    return past ? { kind: "PAST_DUE", gap: 1 - actualShare } : { kind: "PACE", gap: expectedShare! - actualShare };
  }
  if (past && subject.status === "BEHIND" && target.value !== 0) {
    return { kind: "PAST_DUE_FROM_ZERO", gap: Math.abs(target.value - latest.value) / Math.abs(target.value) };
  }
  return { kind: "UNKNOWN", gap: null };
}

const TIE = 1e-9;

/** 0: not achieved, gap known; 1: not achieved, gap unknown; 2: achieved; 3: no data. */
function tier(status: IndicatorStatus, gap: IndicatorGap): number {
  if (status === "NO_DATA") return 3;
  if (status === "ACHIEVED") return 2;
  return gap.gap === null ? 1 : 0;
}

const SEVERITY: Record<IndicatorStatus, number> = { BEHIND: 0, AT_RISK: 1, ON_PACE: 2, ACHIEVED: 3, NO_DATA: 4 };

/** The attention order (see the top of this file) of two indicators judged on `today`. */
export function compareByAttention(a: GapSubject, b: GapSubject, today: string): number {
  const [ga, gb] = [indicatorGap(a, today), indicatorGap(b, today)];
  const [ta, tb] = [tier(a.status, ga), tier(b.status, gb)];
  if (ta !== tb) return ta - tb;
  if (ta === 0 && Math.abs(ga.gap! - gb.gap!) > TIE) return gb.gap! - ga.gap!;
  if (ta === 1 && a.status !== b.status) return SEVERITY[a.status] - SEVERITY[b.status];
  return a.name.localeCompare(b.name, "zh-CN") || a.id - b.id;
}

/** A copy of `items` in attention order. */
export function rankByAttention<T extends GapSubject>(items: readonly T[], today: string): T[] {
  return [...items].sort((a, b) => compareByAttention(a, b, today));
}

/** The overview's list: behind or at risk, in attention order, at most `limit`, each with its gap. */
export function attentionList<T extends GapSubject>(
  items: readonly T[],
  today: string,
  limit = 8,
): (T & { gap: IndicatorGap })[] {
  return rankByAttention(
    items.filter((i) => i.status === "BEHIND" || i.status === "AT_RISK"),
    today,
  )
    .slice(0, limit)
    .map((i) => ({ ...i, gap: indicatorGap(i, today) }));
}
