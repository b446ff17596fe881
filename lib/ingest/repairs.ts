import { rawSpanOf, rewriteMapped, type MappedText, type Span } from "./mapped-text";

/**
 * Known mis-decoded spans and their repairs.
 *
 * These pages were converted through GBK with one byte lost just after a character (保 B1A3, 模 C4A3);
 * the following bytes were then read one byte out of step, which produces runs like 社??ㄉ觐I. The byte
 * pairs of the garble match the shifted bytes of the original (e.g. ㄉ = A8C9 and 觐 = EAEE are the
 * middle of 卡 BFA8, 申 C9EA, 領 EE49), but the lost byte cannot be recovered generically, so each
 * repair is curated: for 004 by comparison with the intact 000 copy, for 001 from the shifted bytes and
 * the sentence context. Remaining suspicious spans are reported, never silently changed.
 */
export interface GarbleRepair {
  garbled: string;
  repaired: string;
  evidence: string;
}

export const KNOWN_GARBLES: readonly GarbleRepair[] = [
  { garbled: "社??ㄉ觐I", repaired: "社保卡申領", evidence: "2022 work points task 11; 000 reads 社保卡申领" },
  { garbled: "醫?!本C合", repaired: "醫保”綜合", evidence: "2022 work points task 11; 000 reads 医保”综合" },
  {
    garbled: "社?;\ue2ae鸢踩\ue060\ue0e7峁┍憬莞咝У姆\ue848阵w驗",
    repaired: "社保基金安全,提供便捷高效的服務體驗",
    evidence: "2023 work points task 21; shifted GBK bytes of 基金安全，提供便捷高效的服",
  },
  {
    garbled: "?;\ue1d6⒓\ue1f1s化",
    repaired: "模化、集約化",
    evidence: "2023 work points task 31 (規模化、集約化、綠色化)",
  },
];

export interface RepairNote {
  garbled: string;
  repaired: string;
  span: Span;
}

export function repairKnownGarbles(mapped: MappedText): { text: MappedText; repairs: RepairNote[] } {
  let text = mapped;
  const repairs: RepairNote[] = [];
  for (const garble of KNOWN_GARBLES) {
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
