import type { Period } from "@/lib/domain/periods";
import type { Locale, Translate } from "@/lib/i18n/catalogue";

/** "2023年第3期（5–6月）" / "2023 period 3 (May–Jun)". */
export function periodLabel(period: Period, locale: Locale, t: Translate): string {
  const first = period.index * 2 - 1;
  const months =
    locale === "en"
      ? [first, first + 1]
          .map((m) =>
            new Intl.DateTimeFormat("en", { month: "short", timeZone: "UTC" }).format(Date.UTC(2000, m - 1, 1)),
          )
          .join("–")
      : `${first}–${first + 1}月`;
  return t("overview.periodLabel", { year: period.year, index: period.index, months });
}
