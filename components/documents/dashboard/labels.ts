import { formatNumber, type Locale } from "@/lib/i18n/catalogue";

export const percent = (locale: Locale, share: number) =>
  formatNumber(locale, share, { style: "percent", maximumFractionDigits: 1 });

/** A section's label in charts and tables: its number as the document writes it, then its title. */
export const sectionLabel = (section: { path: string; title: string }) =>
  `${section.path.split("/").at(-1)} ${section.title}`;
