/**
 * Status rules for indicators, judged by 序时进度 (expected progress to date). Pure: plain data in,
 * plain data out, no I/O, so every rule can be shown with a worked example.
 *
 * Inputs are ISO calendar dates (YYYY-MM-DD) and numbers in the indicator's normalised unit (万/亿
 * already expanded). All values of one call must be on the same basis: a cumulative level
 * ("累计建成") is compared with cumulative levels; an annual count ("年内新建N") is turned into a
 * level by lib/domain/indicator-targets.ts (previous year-end + N, its path starting at that year-end:
 * `start`), or marked `notALevel` when the previous year-end is unknown.
 *
 * The rules, in order (first match wins):
 *   1. no target                                   → NO_DATA  / NO_TARGET
 *   2. no observation dated on or before `today`   → NO_DATA  / NO_OBSERVATIONS
 *      the target is annual and the previous year-end
 *      value is unknown (`notALevel`)              → NO_DATA  / ANNUAL_TARGET_NO_BASE
 *   3. the latest observation meets the target      → ACHIEVED / ACHIEVED
 *   4. the target's due date is past                → BEHIND   / TARGET_PAST_NOT_MET
 *   5. no baseline (pace cannot be proven)          → AT_RISK  / NO_BASELINE
 *   6. actual share ≥ expected share                → ON_PACE  / AHEAD_OF_PACE
 *      actual share ≥ expected share − onPaceMargin → ON_PACE  / NEAR_PACE
 *      actual share ≥ expected share − atRiskMargin → AT_RISK  / SLIGHTLY_BEHIND_PACE
 *      otherwise                                    → BEHIND   / BEHIND_PACE
 *
 * A malformed `today` is a caller bug and throws a RangeError. A stored row is data, and no row may make
 * a page or the bulletin throw: an observation the read side cannot use (a date outside the window of
 * lib/domain/dates.ts, a value that is not a finite number of plausible magnitude — see
 * lib/domain/indicator-values.ts) and a target or baseline without a finite value or a real date from 2000 on are
 * left out, as if they were not there; every other data situation (no baseline, target equal to the
 * baseline, overshoot, …) yields a status.
 */
import { EARLIEST_DATE, isCalendarDate } from "./dates";
import { unusableReason } from "./indicator-values";

export const INDICATOR_STATUSES = ["ACHIEVED", "ON_PACE", "AT_RISK", "BEHIND", "NO_DATA"] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

/** Mirrors the Prisma enums `Comparator` and `Direction`. */
export const COMPARATORS = ["GTE", "GT", "EQ", "APPROX", "LTE", "LT"] as const;
export type Comparator = (typeof COMPARATORS)[number];
export const DIRECTIONS = ["HIGHER_IS_BETTER", "LOWER_IS_BETTER"] as const;
export type Direction = (typeof DIRECTIONS)[number];

export type IndicatorStatusReason =
  | "ACHIEVED"
  | "AHEAD_OF_PACE"
  | "NEAR_PACE"
  | "SLIGHTLY_BEHIND_PACE"
  | "BEHIND_PACE"
  | "TARGET_PAST_NOT_MET"
  | "NO_OBSERVATIONS"
  | "NO_TARGET"
  | "NO_BASELINE"
  | "ANNUAL_TARGET_NO_BASE";

/** A value at a date: a baseline or an observation. */
export interface DatedValue {
  value: number;
  /** YYYY-MM-DD */
  asOf: string;
}

export interface TargetInput {
  value: number;
  comparator: Comparator;
  /** YYYY-MM-DD */
  dueDate: string;
  /** 力争: a stretch goal. Only used to prefer a binding target due on the same day. */
  aspirational?: boolean;
  /**
   * Where this target's path starts when it is not the indicator's baseline: an annual target turned
   * into a level starts at the previous year-end value (lib/domain/indicator-targets.ts).
   */
  start?: DatedValue | null;
  /** An annual target ("年内新建N") whose previous year-end is unknown: it cannot be judged as a level. */
  notALevel?: boolean;
}

export interface IndicatorThresholds {
  /** ON_PACE while actual share ≥ expected share − onPaceMargin. */
  onPaceMargin: number;
  /** AT_RISK while actual share ≥ expected share − atRiskMargin; BEHIND below that. */
  atRiskMargin: number;
  /** APPROX (≈, 左右/约) is met within this fraction of the target's magnitude. */
  approxTolerance: number;
}

/**
 * Defaults: five percentage points of the whole path behind 序时进度 is still "on pace" (reports
 * are bimonthly and figures lag); fifteen points is "at risk"; beyond that "behind". ≈ allows 2 %.
 */
export const DEFAULT_INDICATOR_THRESHOLDS: Readonly<IndicatorThresholds> = Object.freeze({
  onPaceMargin: 0.05,
  atRiskMargin: 0.15,
  approxTolerance: 0.02,
});

export interface IndicatorInput<T extends TargetInput = TargetInput, O extends DatedValue = DatedValue> {
  direction: Direction;
  baseline: DatedValue | null;
  targets: readonly T[];
  observations: readonly O[];
  /** The date the status describes (e.g. the last day of a reporting period). YYYY-MM-DD. */
  today: string;
  thresholds?: Partial<IndicatorThresholds>;
}

export interface IndicatorStatusResult<T extends TargetInput = TargetInput, O extends DatedValue = DatedValue> {
  status: IndicatorStatus;
  /** The target the status was judged against. */
  target: T | null;
  /** 序时进度 in [0, 1]; null when there is no start date (no baseline and no observation). */
  expectedShare: number | null;
  /** Share of the way from baseline to target; not clamped (> 1 overshoot, < 0 regression). */
  actualShare: number | null;
  latest: O | null;
  reason: IndicatorStatusReason;
}

/** Days per year for slopes: a calendar year, so yearly data points give the yearly increment. */
const DAYS_PER_YEAR = 365;
/** Two values closer than this (relative to the larger magnitude, at least 1e-9) count as equal. */
const RELATIVE_EPSILON = 1e-9;
const SHARE_EPSILON = 1e-12;

/**
 * Day number (days since 1970-01-01) of a YYYY-MM-DD date; throws on anything else. Plain arithmetic
 * (the proleptic Gregorian calendar): Date.UTC would read the years 0000–0099 as 1900–1999.
 */
export function dayNumber(date: string): number {
  if (!isCalendarDate(date)) throw new RangeError(`not a YYYY-MM-DD calendar date: ${date}`);
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  // Days from civil (H. Hinnant): years counted from March, so the leap day ends a year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * A target or baseline the status code can read: a finite value and a real date from 2000-01-01 on (no
 * upper bound: a document may set a goal for 2035 and a past period is judged against it).
 */
const readable = (row: { value: number; date: string }) =>
  Number.isFinite(row.value) && isCalendarDate(row.date) && row.date >= EARLIEST_DATE;

/**
 * The rows of an indicator the status code can use, and those it leaves out (for the caller to log and
 * show): observations by the read-side rule of lib/domain/indicator-values.ts, targets and baselines by
 * a real date and a finite value.
 */
export function usableInputs<T extends TargetInput, O extends DatedValue>(
  input: Pick<IndicatorInput<T, O>, "baseline" | "targets" | "observations" | "today">,
): { baseline: DatedValue | null; targets: T[]; observations: O[]; unusable: O[] } {
  const observations: O[] = [];
  const unusable: O[] = [];
  for (const o of input.observations) {
    if (unusableReason({ normalizedValue: o.value, asOf: o.asOf }, input.today) === null) observations.push(o);
    else unusable.push(o);
  }
  const baseline =
    input.baseline && readable({ value: input.baseline.value, date: input.baseline.asOf }) ? input.baseline : null;
  const targets = input.targets.filter((t) => readable({ value: t.value, date: t.dueDate }));
  return { baseline, targets, observations, unusable };
}

function epsilonFor(a: number, b = 0): number {
  return RELATIVE_EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Whether a value meets a target. ≥ > ≤ < are taken literally (the document says which way);
 * EQ (达到) means "reached", i.e. at or beyond the target in the better direction; APPROX (≈) is met
 * within `approxTolerance` × |target| or beyond the target in the better direction (overshooting
 * "50家左右" is not a failure). Values within 1e-9 (relative) of the target count as equal to it.
 */
export function meetsTarget(
  value: number,
  target: Pick<TargetInput, "value" | "comparator">,
  direction: Direction,
  approxTolerance: number = DEFAULT_INDICATOR_THRESHOLDS.approxTolerance,
): boolean {
  const t = target.value;
  const eps = epsilonFor(t, value);
  const atOrBeyond = direction === "HIGHER_IS_BETTER" ? value >= t - eps : value <= t + eps;
  switch (target.comparator) {
    case "GTE":
      return value >= t - eps;
    case "GT":
      return value > t + eps;
    case "LTE":
      return value <= t + eps;
    case "LT":
      return value < t - eps;
    case "EQ":
      return atOrBeyond;
    case "APPROX":
      return atOrBeyond || Math.abs(value - t) <= approxTolerance * Math.abs(t) + eps;
  }
}

/** +1 when a higher target value is more demanding, −1 when a lower one is. */
const sense = (direction: Direction) => (direction === "HIGHER_IS_BETTER" ? 1 : -1);

/**
 * The target that counts on `today`: the earliest one due on or after today; when all are past, the
 * last one due. Several targets due the same day (from several documents): a binding one beats an
 * aspirational (力争) one, a level beats an annual increment that cannot be turned into one, then the
 * most demanding in the indicator's direction, then input order.
 */
export function selectTarget<T extends TargetInput>(
  targets: readonly T[],
  today: string,
  direction: Direction,
): T | null {
  for (const t of targets) dayNumber(t.dueDate);
  dayNumber(today);
  if (targets.length === 0) return null;
  const dueDates = targets.map((t) => t.dueDate).sort();
  const dueDate = dueDates.find((d) => d >= today) ?? dueDates[dueDates.length - 1];
  const sameDay = targets.filter((t) => t.dueDate === dueDate);
  const binding = sameDay.filter((t) => !t.aspirational);
  const preferred = binding.length > 0 ? binding : sameDay;
  const levels = preferred.filter((t) => !t.notALevel);
  const candidates = levels.length > 0 ? levels : preferred;
  return candidates.reduce((best, t) => (sense(direction) * (t.value - best.value) > 0 ? t : best));
}

/** The observation with the latest date; among equal dates, the later one in the input. */
export function latestObservation<O extends DatedValue>(observations: readonly O[]): O | null {
  let latest: O | null = null;
  for (const o of observations) {
    dayNumber(o.asOf);
    if (latest === null || o.asOf >= latest.asOf) latest = o;
  }
  return latest;
}

/**
 * 序时进度: the elapsed fraction of the time from `start` to `dueDate` at `today`, clamped to [0, 1].
 * A due date on or before the start gives 1 once it is reached, else 0.
 */
export function expectedShare(start: string, dueDate: string, today: string): number {
  const [s, d, t] = [dayNumber(start), dayNumber(dueDate), dayNumber(today)];
  if (d <= s) return t >= d ? 1 : 0;
  return Math.min(1, Math.max(0, (t - s) / (d - s)));
}

/**
 * How far the latest value has come from the baseline towards the target: (latest − baseline) /
 * (target − baseline). The signs make it work for both directions (a falling PUE towards a lower
 * target gives a positive share). Not clamped. When the target equals the baseline there is no
 * path: the share is 1 if the target is met, else 0.
 */
export function actualShare(
  latest: number,
  baseline: number,
  target: Pick<TargetInput, "value" | "comparator">,
  direction: Direction,
  approxTolerance: number = DEFAULT_INDICATOR_THRESHOLDS.approxTolerance,
): number {
  const path = target.value - baseline;
  if (Math.abs(path) <= epsilonFor(target.value, baseline)) {
    return meetsTarget(latest, target, direction, approxTolerance) ? 1 : 0;
  }
  return (latest - baseline) / path;
}

/**
 * The status of an indicator on `today` (see the rules at the top of this file). Observations dated
 * after `today` are ignored, so a bulletin computed for a past period stays as it was.
 *
 * Without a baseline the pace cannot be proven: the result is ACHIEVED if the target is met, BEHIND if
 * its due date is past, otherwise AT_RISK with reason NO_BASELINE (a prompt to record the baseline,
 * rather than a reassuring ON_PACE). The expected share is still reported, measured from the first
 * observation.
 */
export function evaluateIndicator<T extends TargetInput, O extends DatedValue>(
  input: IndicatorInput<T, O>,
): IndicatorStatusResult<T, O> {
  const { direction, today } = input;
  const thresholds = { ...DEFAULT_INDICATOR_THRESHOLDS, ...input.thresholds };
  dayNumber(today);
  const usable = usableInputs(input);
  const target = selectTarget(usable.targets, today, direction);
  // An annual target turned into a level is paced over its own year, from the previous year-end.
  const baseline = target?.start ?? usable.baseline;
  const observations = usable.observations.filter((o) => dayNumber(o.asOf) <= dayNumber(today));
  const latest = latestObservation(observations);
  const firstDate = observations.reduce<string | null>((min, o) => (min === null || o.asOf < min ? o.asOf : min), null);
  const start = baseline?.asOf ?? firstDate;
  const expected = target && start ? expectedShare(start, target.dueDate, today) : null;
  const actual =
    target && latest && baseline
      ? actualShare(latest.value, baseline.value, target, direction, thresholds.approxTolerance)
      : null;
  const result = (status: IndicatorStatus, reason: IndicatorStatusReason): IndicatorStatusResult<T, O> => ({
    status,
    target,
    expectedShare: expected,
    actualShare: actual,
    latest,
    reason,
  });

  if (!target) return result("NO_DATA", "NO_TARGET");
  if (!latest) return result("NO_DATA", "NO_OBSERVATIONS");
  if (target.notALevel)
    return { ...result("NO_DATA", "ANNUAL_TARGET_NO_BASE"), expectedShare: null, actualShare: null };
  if (meetsTarget(latest.value, target, direction, thresholds.approxTolerance)) return result("ACHIEVED", "ACHIEVED");
  if (target.dueDate < today) return result("BEHIND", "TARGET_PAST_NOT_MET");
  if (actual === null || expected === null) return result("AT_RISK", "NO_BASELINE");

  const gap = expected - actual; // how far behind 序时进度, as a share of the whole path
  if (gap <= SHARE_EPSILON) return result("ON_PACE", "AHEAD_OF_PACE");
  if (gap <= thresholds.onPaceMargin + SHARE_EPSILON) return result("ON_PACE", "NEAR_PACE");
  if (gap <= thresholds.atRiskMargin + SHARE_EPSILON) return result("AT_RISK", "SLIGHTLY_BEHIND_PACE");
  return result("BEHIND", "BEHIND_PACE");
}

// ───────────────────────────── forecast ─────────────────────────────

export interface Forecast {
  /** The trend's value on the due date (rounded to 6 decimals, like the database's Decimal(30, 6)). */
  value: number;
  /** The trend's change per 365 days (rounded to 6 decimals). */
  slopePerYear: number;
  /** How many points the trend was fitted to. */
  points: number;
}

const round6 = (n: number) => Number(n.toFixed(6));

/**
 * A least-squares straight line through (day, value) of the observations and the baseline (when
 * given, as one more point), projected to `dueDate`. Null with fewer than two points or when all
 * points share one date (no trend). Days and values are centred on their means before summing,
 * which keeps large figures (1.4万亿 = 1.4e12) and day numbers from losing precision.
 */
export function forecast(
  observations: readonly DatedValue[],
  dueDate: string,
  baseline: DatedValue | null = null,
): Forecast | null {
  const points = (baseline ? [baseline, ...observations] : [...observations]).map((p) => ({
    x: dayNumber(p.asOf),
    y: p.value,
  }));
  const due = dayNumber(dueDate);
  if (points.length < 2) return null;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / points.length;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / points.length;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    const dx = p.x - meanX;
    sxx += dx * dx;
    sxy += dx * (p.y - meanY);
  }
  if (sxx === 0) return null;
  const slopePerDay = sxy / sxx;
  return {
    value: round6(meanY + slopePerDay * (due - meanX)),
    slopePerYear: round6(slopePerDay * DAYS_PER_YEAR),
    points: points.length,
  };
}

/** Whether the forecast value would meet the target (same comparator rules as `meetsTarget`). */
export function forecastAttains(
  prediction: Forecast | null,
  target: Pick<TargetInput, "value" | "comparator">,
  direction: Direction,
  approxTolerance: number = DEFAULT_INDICATOR_THRESHOLDS.approxTolerance,
): boolean {
  return prediction !== null && meetsTarget(prediction.value, target, direction, approxTolerance);
}

/** How a comparator is written next to a figure: ≥ 20万, ≈ 50. */
export const COMPARATOR_SYMBOL: Record<Comparator, string> = {
  GTE: "≥",
  GT: ">",
  EQ: "=",
  APPROX: "≈",
  LTE: "≤",
  LT: "<",
};
