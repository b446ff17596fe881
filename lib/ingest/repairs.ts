import { rawSpanOf, rewriteMapped, type MappedText, type Span } from "./mapped-text";
import type { GarbleRepair } from "./profile";

/**
 * Known mis-decoded spans and their repairs (IngestProfile.repairs; Shandong's in seed/profile.ts).
 *
 * Damage of this kind belongs to particular files: the seed pages were converted through GBK with one
 * byte lost just after a character (保 B1A3, 模 C4A3); the following bytes were then read one byte out
 * of step, which produces runs like 社??ㄉ觐I. The lost byte cannot be recovered generically, so each
 * repair is curated with its evidence. Remaining suspicious spans are reported, never silently changed.
 */
export interface RepairNote {
  garbled: string;
  repaired: string;
  span: Span;
}

export function repairKnownGarbles(
  mapped: MappedText,
  known: readonly GarbleRepair[],
): { text: MappedText; repairs: RepairNote[] } {
  let text = mapped;
  const repairs: RepairNote[] = [];
  for (const garble of known) {
    if (!text.text.includes(garble.garbled)) continue;
    const current = text;
    text = rewriteMapped(current, new RegExp(escapeRegExp(garble.garbled), "g"), (match) => {
      repairs.push({
        garbled: garble.garbled,
        repaired: garble.repaired,
        span: rawSpanOf(current, match.index, match.index + match[0].length),
      });
      return garble.repaired;
    });
  }
  return { text, repairs };
}

/**
 * Spans that look mis-decoded: a question mark or replacement character inside Chinese text,
 * bopomofo, private-use or box-drawing characters, which do not occur in these documents' prose.
 */
const SUSPICIOUS =
  /[\uFFFD\u3100-\u312F\uE000-\uF8FF\u2500-\u257F]+|(?<=[\p{Script=Han}，。、；：“”])[?？]+|[?？]+(?=[\p{Script=Han}，。、；：“”])/gu;

export function findSuspiciousSpans(mapped: MappedText): { snippet: string; span: Span }[] {
  const found: { snippet: string; span: Span }[] = [];
  for (const match of mapped.text.matchAll(SUSPICIOUS)) {
    const index = match.index;
    const from = Math.max(0, index - 4);
    const to = Math.min(mapped.text.length, index + match[0].length + 4);
    found.push({ snippet: mapped.text.slice(from, to), span: rawSpanOf(mapped, index, index + match[0].length) });
  }
  return found;
}

export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
