/**
 * What an indicator's actual value may be: one rule for the single-value form, the bulk import and the
 * API, and the same rule on the read side, which treats a stored row that breaks it as no data.
 *
 * - Every value: a finite number, at most 1e15 in absolute value once in the base unit (value ×
 *   unitScale; 1.4万亿元 is 1.4e12): no figure this platform follows comes near it.
 * - Shares: % lies in 0–100, ‰ in 0–1000 — unless the indicator's name says it is a rate of change
 *   (增幅, 增速, 增长率, 同比…), which may fall to −100 % and, in this genre, never reaches 10000 %.
 * - Counted units (个, 家, 座, 项, 人, 次, 件, 台, 户, 名 …, also with a magnitude: 万个, 万人次): never negative
 *   (and whole numbers of the base unit: `valueKind`, `isWholeWhereCounted`).
 * - Anything else (元, 吨, a ratio such as PUE): only the magnitude bound.
 *
 * A stored value's date is usable when it lies in the window of lib/domain/dates.ts.
 */
import { checkDate, type DateProblem } from "./dates";
import { toBaseUnit } from "./indicator-units";

/** The largest magnitude accepted, in the indicator's base unit. */
export const MAX_BASE_MAGNITUDE = 1e15;

/** Units whose values are counts of things: never negative. */
const COUNTED_UNITS = new Set(
  [..."个家座项人次件台户所套条张名处款部辆架颗枚篇册份批类种栋间站位村镇县市场"].concat(["人次", "个次", "户次"]),
);
const MAGNITUDE_PREFIX = /^(万亿|百万|千万|万|亿)/;

/** A rate of change rather than a share: it can be negative, and exceed 100 %. */
const CHANGE_RATE = /增幅|增速|增长|增率|降幅|下降|涨幅|同比|环比|变化|变动/;

export interface ValueSubject {
  /** The indicator's display unit: %, 个, 万个, 亿元… */
  unit: string;
  /** The indicator's name: it may say the unit is a rate of change. */
  name: string;
  /** value × unitScale = the value in the base unit (万个 → 10000). */
  unitScale: number;
}

/**
 * What kind of figure an indicator's value is, read from its unit and name — one rule for the bounds
 * above, the sample data and anything else that must know whether a value is a whole number:
 *   - RANK: a place in a ranking (unit 名 or 位, the name says 排名/位次/名次/排位): a whole number ≥ 1;
 *   - COUNT: a count of things (个, 家, 座, 项, 市, 次, 人, 所, 台, 套, 条, 户, 名 … also with 万/亿 in front):
 *     a whole number of the base unit (so 11.64万个 is fine, 1.99 个 is not), never negative;
 *   - SHARE: a share in % (0–100) or ‰ (0–1000);
 *   - CHANGE_RATE: a % or ‰ the name calls a rate of change (增幅, 增速 …): may be negative;
 *   - AMOUNT: anything else (元, 吨, a ratio such as PUE): any finite number.
 */
export type ValueKind = "RANK" | "COUNT" | "SHARE" | "CHANGE_RATE" | "AMOUNT";

const RANKING = /排名|排位|位次|名次/;

export function valueKind(subject: Pick<ValueSubject, "unit" | "name">): ValueKind {
  const unit = subject.unit.trim();
  if (unit === "%" || unit === "‰") return CHANGE_RATE.test(subject.name) ? "CHANGE_RATE" : "SHARE";
  if ((unit === "名" || unit === "位") && RANKING.test(subject.name)) return "RANK";
  if (isCountedUnit(unit)) return "COUNT";
  return "AMOUNT";
}

/** Whether a unit counts things (个, 家, 万人次 …): see `valueKind`. */
export function isCountedUnit(unit: string): boolean {
  return COUNTED_UNITS.has(unit.trim().replace(MAGNITUDE_PREFIX, ""));
}

/**
 * Whether a value in the display unit is a whole number where the kind says it must be (RANK, COUNT:
 * the value in the base unit, value × unitScale, to the database's six decimals).
 */
export function isWholeWhereCounted(value: number, subject: ValueSubject): boolean {
  const kind = valueKind(subject);
  if (kind !== "RANK" && kind !== "COUNT") return true;
  const base = Number(toBaseUnit(value, subject.unitScale).toFixed(6));
  return Number.isInteger(base);
}

export interface ValueBounds {
  min: number | null;
  max: number | null;
}

/** The bounds a value in the indicator's display unit must keep, besides the magnitude bound. */
export function valueBounds(subject: Pick<ValueSubject, "unit" | "name">): ValueBounds {
  const unit = subject.unit.trim();
  const changeRate = CHANGE_RATE.test(subject.name);
  if (unit === "%") return changeRate ? { min: -100, max: 10_000 } : { min: 0, max: 100 };
  if (unit === "‰") return changeRate ? { min: -1000, max: 100_000 } : { min: 0, max: 1000 };
  if (isCountedUnit(unit)) return { min: 0, max: null };
  return { min: null, max: null };
}

export type ValueProblem = "valueNotFinite" | "valueTooLarge" | "valueNegative" | "valueOutOfBounds";

export type ValueCheck =
  { ok: true; value: number } | { ok: false; code: ValueProblem; params: Record<string, string | number> };

/** The rule for a value in the indicator's display unit (see the top of this file). */
export function checkIndicatorValue(value: number, subject: ValueSubject): ValueCheck {
  const unit = subject.unit.trim();
  if (typeof value !== "number" || !Number.isFinite(value)) return { ok: false, code: "valueNotFinite", params: {} };
  if (Math.abs(toBaseUnit(value, subject.unitScale)) > MAX_BASE_MAGNITUDE || Math.abs(value) > MAX_BASE_MAGNITUDE) {
    return { ok: false, code: "valueTooLarge", params: { max: "1e15" } };
  }
  const { min, max } = valueBounds(subject);
  if (min === 0 && max === null && value < 0) return { ok: false, code: "valueNegative", params: { unit } };
  if ((min !== null && value < min) || (max !== null && value > max)) {
    return { ok: false, code: "valueOutOfBounds", params: { unit, min: min ?? "−∞", max: max ?? "∞" } };
  }
  return { ok: true, value };
}

export type UnusableReason = DateProblem | "valueNotFinite" | "valueTooLarge";

/**
 * Why a stored value cannot be used (null when it can): its date is not a real date inside the window of
 * `today`, or its value — in the base unit, as the status code compares them — is not a finite number of
 * plausible magnitude. The unit-specific bounds are the entry rule's only: on the read side what makes a
 * figure meaningless or a page throw counts, not a value an earlier rule let through.
 */
export function unusableReason(row: { normalizedValue: number; asOf: string }, today: string): UnusableReason | null {
  const date = checkDate(row.asOf, today);
  if (!date.ok) return date.code;
  if (typeof row.normalizedValue !== "number" || !Number.isFinite(row.normalizedValue)) return "valueNotFinite";
  if (Math.abs(row.normalizedValue) > MAX_BASE_MAGNITUDE) return "valueTooLarge";
  return null;
}
