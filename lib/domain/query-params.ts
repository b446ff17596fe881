import { INDICATOR_ADMIN_STATES, type IndicatorAdminState } from "./indicator-admin";

/** Next's searchParams object, as a page receives it. */
export type QueryParams = Record<string, string | string[] | undefined>;

/** A query parameter's first value; an empty one (a GET form's blank field) counts as absent. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value) || undefined;
}

/** The admin indicator list's view from its URL: filters trimmed and clipped to their fields, page ≥ 1. */
export function parseIndicatorAdminQuery(params: QueryParams): {
  filter: { q: string; area: string; state: IndicatorAdminState };
  page: number;
} {
  const first = (value: string | string[] | undefined) => firstParam(value)?.trim() ?? "";
  const state = INDICATOR_ADMIN_STATES.find((s) => s === first(params.state)) ?? "all";
  const filter = { q: first(params.q).slice(0, 100), area: first(params.area).slice(0, 50), state };
  return { filter, page: Number.parseInt(first(params.page), 10) || 1 };
}

/** The first non-empty, trimmed value of a query parameter, or null: an empty select means "the default". */
export function slugParam(value: string | string[] | undefined): string | null {
  return firstParam(value)?.trim() || null;
}
