/**
 * What an admin sets for the bulletin's official layout (GB/T 9704-2012): the issuer printed in the
 * 红头 and the signature, the 文号 pattern, the 抄送 list and 印发机关 of the 版记, and whether a new
 * bulletin starts in the official layout. Stored as one app setting (lib/server/settings.ts), audited.
 * Pure: defaults, reading a stored value, and the 文号 of a period.
 */

export interface BulletinSettings {
  issuer: string;
  /** {year} and {issue} (the period's number in its year) are filled in: 鲁数字办〔{year}〕{issue}号. */
  docNumberPattern: string;
  copyTo: string[];
  printedBy: string;
  officialByDefault: boolean;
}

export const DEFAULT_BULLETIN_SETTINGS: BulletinSettings = {
  issuer: "山东省数字强省建设领导小组办公室",
  docNumberPattern: "鲁数字办〔{year}〕{issue}号",
  copyTo: ["省委办公厅", "省人大常委会办公厅", "省政府办公厅", "省政协办公厅"],
  printedBy: "山东省数字强省建设领导小组办公室",
  officialByDefault: false,
};

/** A stored value read leniently: what is missing or malformed falls back to the default. */
export function readBulletinSettings(value: unknown): BulletinSettings {
  const v = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const text = (x: unknown, fallback: string) => (typeof x === "string" && x.trim() ? x.trim() : fallback);
  return {
    issuer: text(v.issuer, DEFAULT_BULLETIN_SETTINGS.issuer),
    docNumberPattern: text(v.docNumberPattern, DEFAULT_BULLETIN_SETTINGS.docNumberPattern),
    copyTo: Array.isArray(v.copyTo)
      ? v.copyTo.filter((x): x is string => typeof x === "string" && x.trim() !== "").map((x) => x.trim())
      : DEFAULT_BULLETIN_SETTINGS.copyTo,
    printedBy: text(v.printedBy, DEFAULT_BULLETIN_SETTINGS.printedBy),
    officialByDefault: typeof v.officialByDefault === "boolean" ? v.officialByDefault : false,
  };
}

/** The 文号 of a period's bulletin: 鲁数字办〔{year}〕{issue}号 → 鲁数字办〔2026〕5号 for 2026年第5期. */
export function docNumberFor(pattern: string, period: { year: number; index: number }): string {
  return pattern.replaceAll("{year}", String(period.year)).replaceAll("{issue}", String(period.index));
}

/** 抄送 as an admin types it: one unit a line, or separated by 、，, ; — in order, without repeats. */
export function parseCopyTo(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\n、，,;；]+/)) {
    const unit = part.trim();
    if (unit) seen.add(unit);
  }
  return [...seen];
}
