import type { Period } from "../domain/periods";
import type { Translate } from "./catalogue";

/** 2023年第3期（5–6月） / 2023 period 3 (5–6). */
export function periodLabel(t: Translate, period: Pick<Period, "year" | "index">): string {
  const first = period.index * 2 - 1;
  return t("review.periodName", { year: period.year, index: period.index, months: `${first}–${first + 1}` });
}
