import type { IndicatorGap } from "@/lib/domain/indicator-attention";
import { formatNumber, type Locale, type Translate } from "@/lib/i18n/catalogue";

/** The gap of an indicator in words: "落后序时进度 40 个百分点", "逾期未达标，尚差全程的 12%" … */
export function gapText(gap: IndicatorGap, locale: Locale, t: Translate): string {
  if (gap.gap === null || gap.kind === "UNKNOWN") return t("indicatorChart.gap.UNKNOWN");
  const percent = formatNumber(locale, gap.gap, { style: "percent", maximumFractionDigits: 1 });
  if (gap.kind === "PACE") {
    if (gap.gap <= 0) return t("indicatorChart.gap.AHEAD");
    return t("indicatorChart.gap.PACE", { points: formatNumber(locale, gap.gap * 100, { maximumFractionDigits: 1 }) });
  }
  return t(`indicatorChart.gap.${gap.kind}`, { percent });
}
