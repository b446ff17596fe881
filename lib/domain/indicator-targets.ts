/**
 * Targets typed as levels or annual increments. A document sets either a level ("到2025年，5G基站达到
 * 16万个", "累计建成…") or that year's increment ("年内新建6万个"); the extraction records which in
 * `cumulative` (true: a running total, false: the year's increment, null: not said — read as a level).
 * Values (baselines, observations) are levels, so an annual target is judged and drawn only once it is
 * a level too:
 *
 *   derived level = previous year-end value + increment, due on the target's own date, its path
 *   starting at that year-end value (so 序时进度 runs over that one year).
 *
 * The previous year-end value is the latest baseline or value dated within the calendar year before
 * the due date's year, and on or before the date judged. A value from an earlier year is not used: it
 * would leave out the growth of the years between and make the target look easier than it is. Without
 * one, the annual target cannot be judged as a level (`notALevel`: the status says so — no data — and
 * the chart does not draw it as a level).
 *
 * Worked example (5G基站, values in 个): baseline 51 000 at 2020-12-31; a level target ≥ 160 000 by
 * 2025-12-31; the 2022 work points' "年内新建6万个" (≥ 60 000 due 2022-12-31, cumulative = false); a
 * value of 120 000 at 2021-12-31. The annual target becomes the derived level ≥ 180 000 due 2022-12-31,
 * starting at 120 000 on 2021-12-31. Without the 2021 value (only the 2020 baseline) it stays an
 * increment that cannot be judged.
 */
import type { DatedValue, TargetInput } from "./indicator-status";

/** How a target is judged and drawn. */
export type TargetBasis = "LEVEL" | "DERIVED_LEVEL" | "ANNUAL_NO_BASE";

export interface TypedTargetInput extends TargetInput {
  /** true: a level (累计); false: the increment within the due year (年内新建); null or absent: not said (a level). */
  cumulative?: boolean | null;
}

export interface LevelTargetInfo {
  basis: TargetBasis;
  /** The year's increment as the document wrote it (annual targets only). */
  increment: number | null;
  /** The previous year-end value the derived level adds the increment to (DERIVED_LEVEL only). */
  start: DatedValue | null;
  notALevel: boolean;
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/**
 * The value an annual target due on `dueDate` adds to: the latest of `values` (baselines and values,
 * levels) dated within the year before the due date's year and on or before `today`. Among values of
 * the same date the later one in the input wins (pass observations after baselines).
 */
export function previousYearEnd(values: readonly DatedValue[], dueDate: string, today: string): DatedValue | null {
  const year = String(yearOf(dueDate) - 1).padStart(4, "0");
  const [from, to] = [`${year}-01-01`, `${year}-12-31`];
  let found: DatedValue | null = null;
  for (const v of values) {
    if (!Number.isFinite(v.value) || v.asOf < from || v.asOf > to || v.asOf > today) continue;
    if (found === null || v.asOf >= found.asOf) found = v;
  }
  return found;
}

/**
 * Every target as a level the status code and the chart can use: a level target as it is; an annual
 * target as the derived level (value = previous year-end + increment, `start` = that year-end), or, when
 * that year-end is unknown, kept with its increment and marked `notALevel`.
 */
export function asLevelTargets<T extends TypedTargetInput>(
  targets: readonly T[],
  values: readonly DatedValue[],
  today: string,
): (T & LevelTargetInfo)[] {
  return targets.map((target) => {
    if (target.cumulative !== false) {
      return { ...target, basis: "LEVEL" as const, increment: null, start: null, notALevel: false };
    }
    const start = previousYearEnd(values, target.dueDate, today);
    if (!start) {
      return { ...target, basis: "ANNUAL_NO_BASE" as const, increment: target.value, start: null, notALevel: true };
    }
    return {
      ...target,
      value: start.value + target.value,
      basis: "DERIVED_LEVEL" as const,
      increment: target.value,
      start,
      notALevel: false,
    };
  });
}
