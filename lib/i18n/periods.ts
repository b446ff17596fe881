import { periodMonths, type PeriodRef } from "../domain/periods";
import type { Locale, Translate } from "./catalogue";

const monthName = (locale: Locale, month: number) =>
  new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" }).format(Date.UTC(2000, month - 1, 1));

/**
 * The one label of a reporting period, on every page: "2023年第3期（5–6月）" / "2023 period 3 (May–Jun)".
 * (The bulletin's own issue label, "2023年第3期", is part of its official title: lib/reports/bulletin.ts.)
 */
export function periodLabel(period: PeriodRef, locale: Locale, t: Translate): string {
  const [first, last] = periodMonths(period);
  const months = locale === "en" ? `${monthName(locale, first)}–${monthName(locale, last)}` : `${first}–${last}月`;
  return t("overview.periodLabel", { year: period.year, index: period.index, months });
}
