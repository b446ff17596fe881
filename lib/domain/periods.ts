import { daysInMonth, isDateInWindow, shanghaiDate } from "./dates";

export { shanghaiDate };

/**
 * Reporting periods: six per year, two calendar months each (1–2月 … 11–12月), in Shanghai time.
 * A period is identified by year and index (1..6) and written "2023-P3" in URLs.
 */
export interface PeriodRef {
  year: number;
  index: number;
}

export interface Period extends PeriodRef {
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day, YYYY-MM-DD. */
  end: string;
  code: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

// Plain arithmetic: Date.UTC reads the years 0–99 as 1900–1999.
const lastDayOfMonth = daysInMonth;

/** The one period-code builder: "2023-P3" (URLs, API, audit entity ids, report rows). */
export const periodCode = (ref: PeriodRef): string => `${ref.year}-P${ref.index}`;

/** The period's two calendar months, 1–12: index 3 is [5, 6]. */
export const periodMonths = (ref: PeriodRef): [number, number] => [ref.index * 2 - 1, ref.index * 2];

export function periodOf(ref: PeriodRef): Period {
  if (!Number.isInteger(ref.index) || ref.index < 1 || ref.index > 6) throw new RangeError(`period index ${ref.index}`);
  const [firstMonth, lastMonth] = periodMonths(ref);
  return {
    year: ref.year,
    index: ref.index,
    start: `${ref.year}-${pad(firstMonth)}-01`,
    end: `${ref.year}-${pad(lastMonth)}-${pad(lastDayOfMonth(ref.year, lastMonth))}`,
    code: periodCode(ref),
  };
}

/** The period containing an instant (judged by the Shanghai calendar date). */
export function periodContaining(instant: Date): Period {
  const [year, month] = shanghaiDate(instant).split("-").map(Number) as [number, number];
  return periodOf({ year, index: Math.ceil(month / 2) });
}

export function previousPeriod(ref: PeriodRef): Period {
  return ref.index > 1
    ? periodOf({ year: ref.year, index: ref.index - 1 })
    : periodOf({ year: ref.year - 1, index: 6 });
}

export function nextPeriod(ref: PeriodRef): Period {
  return ref.index < 6
    ? periodOf({ year: ref.year, index: ref.index + 1 })
    : periodOf({ year: ref.year + 1, index: 1 });
}

export function periodsOfYears(fromYear: number, toYear: number): Period[] {
  const periods: Period[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    for (let index = 1; index <= 6; index++) periods.push(periodOf({ year, index }));
  }
  return periods;
}

/**
 * A period written "2023-P3", or null. Like every date a user can give, the period must lie inside the
 * plausible window of lib/domain/dates.ts (2000 to ten years after `today`): "0099-P1" is no period.
 */
export function parsePeriodCode(code: string, today: string = shanghaiDate(new Date())): Period | null {
  const match = /^(\d{4})-P([1-6])$/.exec(code);
  if (!match) return null;
  const period = periodOf({ year: Number(match[1]), index: Number(match[2]) });
  return isDateInWindow(period.start, today) && isDateInWindow(period.end, today) ? period : null;
}
