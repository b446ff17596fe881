import { utcDay, utcMidnight } from "./dates";
import { z } from "zod";
import { parsePeriodCode, type Period } from "./periods";
import type { RawSearchParams } from "./task-filters";

/**
 * The overview's filters, all in the URL so a view can be shared: document (slug), area (or
 * `UNASSIGNED_AREA`), department (id) and reporting period ("2023-P3").
 *
 * What each one narrows:
 * - document, area, department narrow the tasks counted everywhere (department = tasks it leads or
 *   shares), and the indicators: those with a target in the document, of the area, or linked to a
 *   task the department leads;
 * - period chooses the reporting period of the submission rate and the reference date of the
 *   milestone cards and indicator statuses: today for the current period, the period's last day for a
 *   past one. Task states are judged on that date (lib/domain/task-state.ts): for the current period
 *   from each task's latest approved report, for a past period from its report history as it stood at
 *   that period — the figures that period's bulletin gives.
 */
export interface OverviewFilters {
  document: string | null;
  area: string | null;
  departmentId: number | null;
  /** Null = the current period. */
  period: Period | null;
}

export const EMPTY_OVERVIEW_FILTERS: OverviewFilters = { document: null, area: null, departmentId: null, period: null };

const schema = z.object({
  doc: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,99}$/i)
    .nullable()
    .catch(null),
  area: z.string().trim().min(1).max(50).nullable().catch(null),
  dept: z.coerce.number().int().min(1).max(2_147_483_647).nullable().catch(null),
  period: z.string().trim().max(10).nullable().catch(null),
});

function first(value: string | string[] | undefined): string | null {
  const single = Array.isArray(value) ? value[0] : value;
  return single === undefined || single.trim() === "" ? null : single;
}

/** Each bad parameter is dropped on its own; a period after `current` reads as the current one. */
export function parseOverviewFilters(raw: RawSearchParams, current: Period): OverviewFilters {
  const parsed = schema.parse({
    doc: first(raw.doc),
    area: first(raw.area),
    dept: first(raw.dept),
    period: first(raw.period),
  });
  const period = parsed.period ? parsePeriodCode(parsed.period) : null;
  const notFuture = period && period.start <= current.start && period.code !== current.code ? period : null;
  return { document: parsed.doc, area: parsed.area, departmentId: parsed.dept, period: notFuture };
}

export function serialiseOverviewFilters(filters: OverviewFilters): string {
  const params = new URLSearchParams();
  if (filters.document) params.set("doc", filters.document);
  if (filters.area) params.set("area", filters.area);
  if (filters.departmentId !== null) params.set("dept", String(filters.departmentId));
  if (filters.period) params.set("period", filters.period.code);
  return params.toString();
}

/**
 * The date the overview is judged on: today in the current period, else the last day of the chosen
 * (past) period.
 */
export function overviewReferenceDate(filters: OverviewFilters, today: string): string {
  return filters.period && filters.period.end < today ? filters.period.end : today;
}

/** Adds `days` to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = utcMidnight(date);
  d.setUTCDate(d.getUTCDate() + days);
  return utcDay(d);
}
