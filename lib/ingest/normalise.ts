import { identityMapped, rewriteMapped, type MappedText, type Span } from "./mapped-text";
import { removePinyinGlosses } from "./pinyin";
import type { GarbleRepair } from "./profile";
import { findSuspiciousSpans, repairKnownGarbles } from "./repairs";
import { convertToSimplified, looksTraditional } from "./script";

export interface NormaliseNote {
  code: "GARBLE_REPAIRED" | "SUSPICIOUS_SPAN" | "PINYIN_GLOSSES_REMOVED" | "CONVERTED_TO_SIMPLIFIED";
  message: string;
  span?: Span;
}

export interface Normalised {
  /** Parsing text: simplified, artefacts removed, punctuation folded; mapped back to the raw text. */
  text: MappedText;
  script: "simplified" | "traditional";
  notes: NormaliseNote[];
}

const HAN = "\\p{Script=Han}";
/** Chinese text or full-width punctuation: the context in which ASCII punctuation is folded. */
const CJK = `[${HAN}\\u3000-\\u303F\\uFF00-\\uFFEF“”‘’…—]`;
const CJK_CHAR = new RegExp(CJK, "u");
const TERMINAL = /[。！？；：）]$/;
const HEADING_START =
  /^(?:#|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}\s*[.．﹒、]|专栏|專欄|0\d$)/;

/**
 * Raw decoded text → parsing text. Order matters: garbles are repaired on the raw bytes' text (the
 * curated table holds them verbatim), glosses go before conversion (OpenCC leaves pinyin alone, but the
 * gloss test needs the Han character before it), punctuation is folded before whitespace because the
 * whitespace rules look at full-width neighbours. `repairs` is the profile's curated list (none by default).
 */
export function normaliseText(raw: string, repairs: readonly GarbleRepair[] = []): Normalised {
  const notes: NormaliseNote[] = [];
  let text = foldLineEndings(identityMapped(raw));

  const repaired = repairKnownGarbles(text, repairs);
  text = repaired.text;
  for (const repair of repaired.repairs) {
    notes.push({
      code: "GARBLE_REPAIRED",
      message: `误码已修复 / repaired mis-decoded span: ${repair.garbled} → ${repair.repaired}`,
      span: repair.span,
    });
  }

  const glosses = removePinyinGlosses(text);
  text = glosses.text;
  if (glosses.removed > 0) {
    notes.push({
      code: "PINYIN_GLOSSES_REMOVED",
      message: `已删除 ${glosses.removed} 处拼音注音 / removed ${glosses.removed} pinyin glosses`,
    });
  }

  const traditional = looksTraditional(text.text);
  if (traditional) {
    text = convertToSimplified(text);
    notes.push({ code: "CONVERTED_TO_SIMPLIFIED", message: "繁体已转换为简体 / converted traditional to simplified" });
  }

  text = foldWidths(text);
  text = foldPunctuation(text);
  text = foldWhitespace(text);
  text = joinBrokenLines(text);

  for (const suspicious of findSuspiciousSpans(text)) {
    notes.push({
      code: "SUSPICIOUS_SPAN",
      message: `疑似乱码，未修改 / suspicious span left unchanged: ${suspicious.snippet}`,
      span: suspicious.span,
    });
  }
  return { text, script: traditional ? "traditional" : "simplified", notes };
}

function foldLineEndings(text: MappedText): MappedText {
  return rewriteMapped(text, /\r\n?/g, () => "\n");
}

/** Full-width digits and Latin letters to ASCII; ％ to %; a full-width or small full stop after a digit to "." */
function foldWidths(text: MappedText): MappedText {
  const widths = rewriteMapped(text, /[０-９Ａ-Ｚａ-ｚ％＋]+/g, (match) =>
    [...match[0]].map((ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).join(""),
  );
  return rewriteMapped(widths, /(?<=\d)[．﹒]/g, () => ".");
}

/**
 * ASCII punctuation in Chinese context → full-width: pairs of ( ) whose content or left neighbour is
 * Chinese (NB-IoT(窄带物联网), (一), (5G) after a Han character), and : , ; next to Chinese text.
 * ASCII stays ASCII where both sides are ASCII (10:30, 1,000, f(x), http://).
 */
function foldPunctuation(text: MappedText): MappedText {
  let folded = text;
  // Innermost pairs first; a nested pair such as 省委党校(山东行政学院) inside a unit list needs a second pass.
  for (let pass = 0; pass < 3; pass++) {
    const before = folded;
    folded = rewriteMapped(folded, /\(([^()\n]*)\)/g, (match, all) => {
      const inner = match[1] ?? "";
      const previous = all[match.index - 1] ?? "";
      const chinese = /[^\x00-\x7F]/.test(inner) || CJK_CHAR.test(previous) || previous === "";
      return chinese ? `（${inner}）` : null;
    });
    if (folded === before) break;
  }
  // Unpaired brackets in Chinese context (e.g. （牵头单位:…) mixing widths).
  folded = rewriteMapped(folded, /[()]/g, (match, all) => {
    const previous = all[match.index - 1] ?? "";
    const next = all[match.index + 1] ?? "";
    if (!CJK_CHAR.test(previous) && !CJK_CHAR.test(next)) return null;
    if (hasAsciiPartner(all, match.index)) return null; // an ASCII pair kept on purpose, e.g. f(x)
    return match[0] === "(" ? "（" : "）";
  });
  return rewriteMapped(folded, /[:,;]/g, (match, all) => {
    const previous = all[match.index - 1] ?? "";
    const next = all[match.index + 1] ?? "";
    if (!CJK_CHAR.test(previous) && !CJK_CHAR.test(next)) return null;
    return { ":": "：", ",": "，", ";": "；" }[match[0]] ?? null;
  });
}

function hasAsciiPartner(text: string, index: number): boolean {
  const lineStart = text.lastIndexOf("\n", index - 1) + 1;
  const lineEnd = text.indexOf("\n", index);
  if (text[index] === "(") {
    const rest = text.slice(index + 1, lineEnd === -1 ? text.length : lineEnd);
    const close = rest.indexOf(")");
    return close !== -1 && !rest.slice(0, close).includes("(");
  }
  const before = text.slice(lineStart, index);
  const open = before.lastIndexOf("(");
  return open !== -1 && !before.slice(open + 1).includes(")");
}

/**
 * Spaces left by PDF extraction and web layout: removed at line ends and next to Chinese text
 * ("2023 年底前", "11 %", "OA 系统"); kept (one) between two Latin/digit words ("10G PON") and between two
 * Han characters, where a space can be deliberate ("云行齐鲁 工赋山东").
 */
function foldWhitespace(text: MappedText): MappedText {
  return rewriteMapped(text, /[ \t\u3000\u00A0]+/g, (match, all) => {
    const previous = all[match.index - 1] ?? "\n";
    const next = all[match.index + match[0].length] ?? "\n";
    if (previous === "\n" || next === "\n") return "";
    const hanBoth = /\p{Script=Han}/u.test(previous) && /\p{Script=Han}/u.test(next);
    if (hanBoth) return " ";
    if (CJK_CHAR.test(previous) || CJK_CHAR.test(next) || next === "%") return "";
    return " ";
  });
}

/**
 * A PDF line break inside a sentence ("新建设认\n\n证 100 个…") is removed when the line before is a long
 * paragraph line without closing punctuation and the line after continues a paragraph (it is long or
 * closes a sentence) rather than being a heading.
 */
function joinBrokenLines(text: MappedText): MappedText {
  return rewriteMapped(text, /\n\s*/g, (match, all) => {
    const lineStart = all.lastIndexOf("\n", match.index - 1) + 1;
    const previousLine = all.slice(lineStart, match.index);
    const nextEnd = all.indexOf("\n", match.index + match[0].length);
    const nextLine = all.slice(match.index + match[0].length, nextEnd === -1 ? all.length : nextEnd);
    if (previousLine.length < 50 || TERMINAL.test(previousLine)) return null;
    if (nextLine.length === 0 || HEADING_START.test(nextLine)) return null;
    const nextIsParagraph = nextLine.length >= 50 || /[。；！？）]$/.test(nextLine);
    return nextIsParagraph ? "" : null;
  });
}
