import { indicatorThresholdsSchema } from "../schemas/indicator-admin";
import { DEFAULT_INDICATOR_THRESHOLDS, type IndicatorThresholds } from "./indicator-status";

/** A stored value, or the defaults when it is missing or no longer valid. */
export function readIndicatorThresholds(stored: unknown): IndicatorThresholds {
  const parsed = indicatorThresholdsSchema.safeParse(stored);
  return parsed.success ? parsed.data : { ...DEFAULT_INDICATOR_THRESHOLDS };
}
