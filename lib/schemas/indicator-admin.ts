/**
 * Inputs of the admin's edit / merge / split of indicators and of the status thresholds, shared by the
 * forms, the server actions and lib/server (the rules themselves are in lib/domain/indicator-admin.ts).
 */
import { z } from "zod";
import { DIRECTIONS, INDICATOR_AREAS } from "../domain/indicator-admin";
import { messageRef } from "../i18n/message";

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
    message: messageRef("errors.indicators.thresholdOrder"),
    path: ["onPaceMargin"],
  });
