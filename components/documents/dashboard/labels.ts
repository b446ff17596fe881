import { formatNumber, type Locale } from "@/lib/i18n/catalogue";

export const percent = (locale: Locale, share: number) =>
  formatNumber(locale, share, { style: "percent", maximumFractionDigits: 1 });

/**
 * A section's label in charts and tables, numbered as the document writes it: 一、标题 for a chapter,
 * （一）标题 for a section, 1. 标题 for a subsection, 专栏1 标题 for a boxed column. No space after a
 * chapter number, so a chart's axis label does not wrap between the number and the title.
 */
export function sectionLabel(section: { path: string; title: string }): string {
  const number = section.path.split("/").at(-1) ?? "";
  if (/^[一二三四五六七八九十百]+$/.test(number)) return `${number}、${section.title}`;
  if (number.startsWith("（")) return `${number}${section.title}`;
  if (/^\d+$/.test(number)) return `${number}. ${section.title}`;
  return `${number} ${section.title}`;
}
