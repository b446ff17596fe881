import { z } from "zod";

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

const id = z.coerce.number().int().min(1).max(2_147_483_647);
const ids = z.array(id).max(500).default([]);
const emptyToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

const name = z
  .string()
  .trim()
  .min(2, "名称至少 2 个字符 · at least 2 characters")
  .max(100, "名称不超过 100 个字符 · at most 100 characters");
const nameEn = z.preprocess(
  emptyToNull,
  z.string().trim().max(150, "英文名称不超过 150 个字符 · at most 150 characters").nullable().default(null),
);
// Empty is allowed: some imported counts carry no unit word (注册用户).
const unit = z.string().trim().max(20, "单位不超过 20 个字符 · at most 20 characters");
const area = z.enum(INDICATOR_AREAS, "请选择领域 · choose an area");
const direction = z.enum(DIRECTIONS, "请选择方向 · choose a direction");
const description = z.preprocess(
  emptyToNull,
  z.string().trim().max(2000, "说明不超过 2000 个字符 · at most 2000 characters").nullable().default(null),
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
    .min(2, "标识至少 2 个字符 · at least 2 characters")
    .max(80, "标识不超过 80 个字符 · at most 80 characters")
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "标识只能包含小写字母、数字和连字符 · lowercase letters, digits and hyphens"),
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
