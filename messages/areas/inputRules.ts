import type { Widen } from "../widen";

/**
 * The rules every entered date and indicator value follows (lib/domain/dates.ts,
 * lib/domain/indicator-values.ts): what a refusal says, and what the read side says about a stored row
 * it cannot use.
 */
export const inputRulesZh = {
  dateFormat: "日期格式应为 YYYY-MM-DD（如 2023-06-30）",
  dateInvalid: "日期 {date} 不存在",
  dateTooEarly: "日期 {date} 早于 {min}：允许的日期为 {min} 至 {max}",
  dateTooLate: "日期 {date} 晚于 {max}：允许的日期为 {min} 至 {max}",
  dateRange: "允许的日期：{min} 至 {max}",
  yearRange: "年度须在 {min} 至 {max} 之间",
  valueNotFinite: "数值必须是有限的数字",
  valueTooLarge: "数值超出合理范围（换算为基本单位后绝对值不能超过 {max}）",
  valueNegative: "单位为“{unit}”的数值不能为负数",
  valueOutOfBounds: "单位为“{unit}”的数值应在 {min} 至 {max} 之间",
  unusable: "无法使用的数值",
  unusableNote: "该数值的日期或数值超出合理范围，不计入状态、图表和通报；请录入更正值加以替代。",
  adminHeading: "无法使用的数值（{count}）",
  adminIntro:
    "以下数值的日期或数值超出合理范围，不计入任何状态、图表或通报。请在指标页录入更正值（选择“更正”该数值）加以替代；原值保留在历史中。",
  adminColumns: { indicator: "指标", asOf: "统计时点（原样）", value: "数值（原样）", reason: "原因", action: "操作" },
  adminCorrect: "去更正",
  unusableReasons: {
    dateFormat: "日期格式有误",
    dateInvalid: "日期不存在",
    dateTooEarly: "日期早于 {min}",
    dateTooLate: "日期晚于 {max}",
    valueNotFinite: "数值不是有限数字",
    valueTooLarge: "数值过大",
    valueNegative: "数值为负",
    valueOutOfBounds: "数值超出 {min} 至 {max}",
  },
} as const;

export const inputRulesEn: Widen<typeof inputRulesZh> = {
  dateFormat: "Dates are written YYYY-MM-DD (e.g. 2023-06-30)",
  dateInvalid: "There is no date {date}",
  dateTooEarly: "{date} is before {min}: dates from {min} to {max} are accepted",
  dateTooLate: "{date} is after {max}: dates from {min} to {max} are accepted",
  dateRange: "Dates from {min} to {max}",
  yearRange: "The year must lie between {min} and {max}",
  valueNotFinite: "The value must be a finite number",
  valueTooLarge: "The value is out of any plausible range (at most {max} in absolute value, in the base unit)",
  valueNegative: "A value in {unit} cannot be negative",
  valueOutOfBounds: "A value in {unit} must lie between {min} and {max}",
  unusable: "Unusable value",
  unusableNote:
    "Its date or value is outside any plausible range: it counts for no status, chart or bulletin. Enter a correction to replace it.",
  adminHeading: "Unusable values ({count})",
  adminIntro:
    "These values have a date or a figure outside any plausible range and count for no status, chart or bulletin. Enter a correction on the indicator's page (choose the value under “corrects”) to replace each; the original stays in the history.",
  adminColumns: {
    indicator: "Indicator",
    asOf: "Date (as stored)",
    value: "Value (as stored)",
    reason: "Why",
    action: "Action",
  },
  adminCorrect: "Correct it",
  unusableReasons: {
    dateFormat: "malformed date",
    dateInvalid: "no such date",
    dateTooEarly: "dated before {min}",
    dateTooLate: "dated after {max}",
    valueNotFinite: "not a finite number",
    valueTooLarge: "implausibly large",
    valueNegative: "negative",
    valueOutOfBounds: "outside {min}–{max}",
  },
};
