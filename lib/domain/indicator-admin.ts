/**
 * Rules for the admin's edit / merge / split of indicators, shared by the server functions and the
 * forms (no I/O here).
 *
 * Units: an indicator's `unit` is the base unit its values are recorded in (个, %, 元, 名); targets keep
 * the unit as the document wrote it (万个, 亿元) next to a value normalised into the base unit, and
 * observations are entered in the base unit. So the admin may relabel a unit (个 → 座) but not rescale
 * it (个 → 万个): that would silently change what every recorded value means. unitScale is left alone.
 */

/** The five areas of the strategy (the catalogue groups by them), plus the importer's fallback. */
export const INDICATOR_AREAS = ["数字基础设施", "数字经济", "数字政府", "数字社会", "数字生态", "其他"] as const;
export type IndicatorArea = (typeof INDICATOR_AREAS)[number];

/** The admin list's filter: every indicator, those in the catalogue's pool, or those merged away. */
export const INDICATOR_ADMIN_STATES = ["all", "active", "merged"] as const;
export type IndicatorAdminState = (typeof INDICATOR_ADMIN_STATES)[number];

export const DIRECTIONS = ["HIGHER_IS_BETTER", "LOWER_IS_BETTER"] as const;

/** Whether two indicators record values on the same scale, so one's values can count for the other. */
export function sameUnit(a: string, b: string): boolean {
  return a.trim() === b.trim();
}
