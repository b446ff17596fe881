import { z } from "zod";
import { DEFAULT_INDICATOR_THRESHOLDS, type IndicatorThresholds } from "./indicator-status";
import { messageRef } from "../i18n/message";

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

/** A stored value, or the defaults when it is missing or no longer valid. */
export function readIndicatorThresholds(stored: unknown): IndicatorThresholds {
  const parsed = indicatorThresholdsSchema.safeParse(stored);
  return parsed.success ? parsed.data : { ...DEFAULT_INDICATOR_THRESHOLDS };
}
