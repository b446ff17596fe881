/**
 * Inputs of the admin's edit / merge / split of indicators and of the status thresholds, shared by the
 * forms, the server actions and lib/server (the rules themselves are in lib/domain/indicator-admin.ts).
 */
import { z } from "zod";
import { DIRECTIONS, INDICATOR_AREAS } from "../domain/indicator-admin";

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

/**
 * The margins of the status rules, as admins may set them (stored in app_setting
 * "indicatorThresholds"). Shares of the whole path from baseline to target: an on-pace margin of 0.05
 * means "up to five percentage points behind 序时进度 is still on pace".
 */
export const indicatorThresholdsSchema = z
  .object({
    onPaceMargin: z.number().min(0).max(1),
    atRiskMargin: z.number().min(0).max(1),
    approxTolerance: z.number().min(0).max(0.5),
  })
  .refine((t) => t.onPaceMargin <= t.atRiskMargin, {
    message: "“符合序时进度”的容差不能大于“存在风险”的容差 · the on-pace margin cannot exceed the at-risk margin",
    path: ["onPaceMargin"],
  });
