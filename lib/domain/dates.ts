import { z } from "zod";
import type { inputRulesZh } from "../../messages/areas/inputRules";
import { messageRef } from "../i18n/message";

/**
 * The one rule for every calendar date a user can enter (an indicator value's 统计时点, a milestone's
 * completion date, an API token's expiry, a period or a date in a URL, a spreadsheet cell, a REST body):
 * a real calendar date written YYYY-MM-DD, inside a plausible window — from 2000-01-01 (before the
 * first plan this platform follows) to ten years after today (Asia/Shanghai). Anything else is refused
 * at the boundary with a code and the window, never stored.
 *
 * Why a window and not just "a real date": the status code reads dates back through JavaScript's Date,
 * whose two-digit years (0000–0099) mean 1900–1999, and a date that far off is never a real figure — an
 * editor who stored "0099-12-31" once broke every page that evaluates indicators for every user.
 *
 * The same window tells the read side (indicator status, chart, bulletin) which stored rows it can use:
 * a row outside it is treated as no data (see lib/domain/indicator-values.ts).
 */
export const EARLIEST_DATE = "2000-01-01";
export const YEARS_AHEAD = 10;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days in a month (1–12) of a year, by the Gregorian rule: plain arithmetic, no Date two-digit-year trap. */
export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Whether `value` is a calendar date written exactly YYYY-MM-DD (ASCII digits; 2023-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The same day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [year, month, day] = [Number(match[1]) + years, Number(match[2]), Number(match[3])];
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(day, daysInMonth(year, month)))}`;
}

// Built once: constructing an Intl formatter costs far more than formatting with it (issue 14).
const SHANGHAI_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar date (YYYY-MM-DD) of an instant in Shanghai. */
export function shanghaiDate(instant: Date): string {
  return SHANGHAI_DAY.format(instant);
}

/*
 * Three meanings of "the day of a Date", one name each:
 * - shanghaiDate(instant): the calendar date in Shanghai of a moment (now, a createdAt) — what users see.
 * - utcDay(date) / storedDay(date): a stored calendar date (a PostgreSQL `date` read back as midnight UTC)
 *   written YYYY-MM-DD; storedDay also tolerates the invalid Dates PostgreSQL can hand over.
 * - utcMidnight(day): the reverse, YYYY-MM-DD → the Date at midnight UTC that the driver writes as that date.
 */

/** A stored calendar date (midnight UTC) as YYYY-MM-DD; throws a RangeError on an invalid Date. */
export const utcDay = (date: Date): string => date.toISOString().slice(0, 10);

/** YYYY-MM-DD as the Date at midnight UTC: how a calendar date is written to a PostgreSQL `date`. */
export const utcMidnight = (day: string): Date => new Date(`${day}T00:00:00Z`);

/**
 * A stored calendar date (a Date at midnight UTC, as the driver reads a PostgreSQL `date`) as YYYY-MM-DD.
 * PostgreSQL holds dates JavaScript cannot (infinity, years BC, beyond 275760): the driver hands those
 * over as an invalid Date, written "invalid" here instead of throwing — every reader then treats the row
 * as unusable rather than failing the page.
 */
export const storedDay = (date: Date): string => (Number.isNaN(date.getTime()) ? "invalid" : utcDay(date));

export interface DateWindow {
  /** First accepted day, YYYY-MM-DD. */
  min: string;
  /** Last accepted day, YYYY-MM-DD: ten years after `today`. */
  max: string;
}

/** The window of plausible dates on `today` (a Shanghai calendar date, YYYY-MM-DD). */
export function dateWindow(today: string): DateWindow {
  return { min: EARLIEST_DATE, max: addYears(today, YEARS_AHEAD) };
}

/** The window as of now: what forms put in min/max and what every input schema checks. */
export const currentDateWindow = (now: Date = new Date()): DateWindow => dateWindow(shanghaiDate(now));

export type DateProblem = "dateFormat" | "dateInvalid" | "dateTooEarly" | "dateTooLate";

export type DateCheck =
  { ok: true; value: string } | { ok: false; code: DateProblem; params: { date: string; min: string; max: string } };

/** The rule itself: a real YYYY-MM-DD date inside the window of `today`. */
export function checkDate(value: string, today: string): DateCheck {
  const window = dateWindow(today);
  const params = { date: value.slice(0, 40), ...window };
  if (!ISO_DATE.test(value)) return { ok: false, code: "dateFormat", params };
  if (!isCalendarDate(value)) return { ok: false, code: "dateInvalid", params };
  if (value < window.min) return { ok: false, code: "dateTooEarly", params };
  if (value > window.max) return { ok: false, code: "dateTooLate", params };
  return { ok: true, value };
}

/** Whether a stored or entered date is usable: a real calendar date inside the window of `today`. */
export const isDateInWindow = (value: string, today: string): boolean => checkDate(value, today).ok;

type Rules = typeof inputRulesZh;
/** The catalogue's texts of the input rules (not the nested groups). */
export type InputRuleKey = { [K in keyof Rules]: Rules[K] extends string ? K : never }[keyof Rules];

/**
 * The message of a date or value problem, as a catalogue reference (messages/areas/inputRules.ts) that the
 * action and route wrappers translate into the reader's language (lib/i18n/message.ts).
 */
export function inputRuleMessage(code: InputRuleKey, params: Record<string, string | number> = {}): string {
  return messageRef(`inputRules.${code}`, params);
}

/**
 * Every entered date goes through this schema: the window is taken from the current date when the
 * value is parsed (a server that runs for years keeps moving it). The issue carries the problem code
 * and the window in `params` besides the message.
 */
export const inputDateSchema = z.string().superRefine((value, ctx) => {
  const check = checkDate(value, shanghaiDate(new Date()));
  if (!check.ok) {
    ctx.addIssue({
      code: "custom",
      message: inputRuleMessage(check.code, check.params),
      params: { code: check.code, ...check.params },
    });
  }
});
