import { z } from "zod";
import { messageRef } from "../i18n/message";

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

const MAGNITUDE_PREFIXES: [string, number][] = [
  ["万亿", 1e12],
  ["亿", 1e8],
  ["万", 1e4],
];

/** The magnitude a unit label carries in front of its base unit: 万个 → 1e4, 亿元 → 1e8, 个 → 1. */
export function unitMagnitude(unit: string): number {
  const trimmed = unit.trim();
  for (const [prefix, magnitude] of MAGNITUDE_PREFIXES) {
    if (trimmed.startsWith(prefix) && trimmed.length > prefix.length) return magnitude;
  }
  return 1;
}

/** Whether two indicators record values on the same scale, so one's values can count for the other. */
export function sameUnit(a: string, b: string): boolean {
  return a.trim() === b.trim();
}

const id = z.coerce.number().int().min(1).max(2_147_483_647);
const ids = z.array(id).max(500).default([]);
const emptyToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

const name = z
  .string()
  .trim()
  .min(2, messageRef("errors.indicators.nameMin"))
  .max(100, messageRef("errors.indicators.nameMax"));
const nameEn = z.preprocess(
  emptyToNull,
  z.string().trim().max(150, messageRef("errors.indicators.nameEnMax")).nullable().default(null),
);
// Empty is allowed: some imported counts carry no unit word (注册用户).
const unit = z.string().trim().max(20, messageRef("errors.indicators.unitMax"));
const area = z.enum(INDICATOR_AREAS, messageRef("errors.indicators.chooseArea"));
const direction = z.enum(DIRECTIONS, messageRef("errors.indicators.chooseDirection"));
const description = z.preprocess(
  emptyToNull,
  z.string().trim().max(2000, messageRef("errors.indicators.noteMax")).nullable().default(null),
);

export const updateIndicatorSchema = z.object({
  indicatorId: id,
  name,
  nameEn,
  unit,
  direction,
  area,
  description,
});
export type UpdateIndicatorInput = z.input<typeof updateIndicatorSchema>;

export const mergeIndicatorSchema = z.object({
  /** The indicator that disappears into the other. */
  sourceId: id,
  /** The survivor. */
  targetId: id,
});
export type MergeIndicatorInput = z.input<typeof mergeIndicatorSchema>;

/** A search for the indicator to merge `sourceId` into (the merge form asks as the admin types). */
export const searchMergeCandidatesSchema = z.object({
  sourceId: id,
  q: z.string().trim().max(100).default(""),
});

export const splitIndicatorSchema = z.object({
  indicatorId: id,
  key: z
    .string()
    .trim()
    .min(2, messageRef("errors.indicators.keyMin"))
    .max(80, messageRef("errors.indicators.keyMax"))
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, messageRef("errors.indicators.keyFormat")),
  name,
  nameEn,
  unit,
  direction,
  area,
  targetIds: ids,
  baselineIds: ids,
  synonymIds: ids,
});
export type SplitIndicatorInput = z.input<typeof splitIndicatorSchema>;

export const unmergeIndicatorSchema = z.object({
  /** The survivor the other was merged into. */
  indicatorId: id,
  /** The merged indicator to bring back. */
  mergedId: id,
  targetIds: ids,
  baselineIds: ids,
  synonymIds: ids,
});
export type UnmergeIndicatorInput = z.input<typeof unmergeIndicatorSchema>;
