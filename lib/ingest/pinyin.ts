import { rewriteMapped, type MappedText } from "./mapped-text";

/**
 * Pinyin glosses glued to characters by some simplified→traditional converters: 發(fā), 區(qū), 小(xiǎo),
 * 省(sheng)(sheng), with half- or full-width brackets. Only a bracket that directly follows a Han
 * character and contains nothing but valid pinyin syllables is a gloss; (一), (牽頭單位:…), (5G), (SDN)
 * and (TB) are ordinary parentheses and stay.
 */
const GLOSS = /(?<=\p{Script=Han})(?:[(（]\s*[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,6}[1-5]?\s*[)）])+/gu;
const ONE_GLOSS = /[(（]\s*([^()（）]+?)\s*[)）]/gu;

const INITIAL = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?";
const FINAL =
  "(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|van|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ün|vn|üe|ve|ue|a|o|e|i|u|ü|v|ê)";
const SYLLABLE = new RegExp(`^${INITIAL}${FINAL}$`);

const TONE_MARKS: Record<string, string> = {
  ā: "a",
  á: "a",
  ǎ: "a",
  à: "a",
  ē: "e",
  é: "e",
  ě: "e",
  è: "e",
  ī: "i",
  í: "i",
  ǐ: "i",
  ì: "i",
  ō: "o",
  ó: "o",
  ǒ: "o",
  ò: "o",
  ū: "u",
  ú: "u",
  ǔ: "u",
  ù: "u",
  ǖ: "ü",
  ǘ: "ü",
  ǚ: "ü",
  ǜ: "ü",
};

export function isPinyinSyllable(word: string): boolean {
  // Glosses are lower case; an upper-case word in brackets is an abbreviation such as (SDN).
  if (word !== word.toLowerCase()) return false;
  const toneless = [...word.replace(/[1-5]$/, "")].map((ch) => TONE_MARKS[ch] ?? ch).join("");
  return SYLLABLE.test(toneless);
}

function isGlossRun(run: string): boolean {
  const words = [...run.matchAll(ONE_GLOSS)].map((m) => m[1] ?? "");
  return words.length > 0 && words.every(isPinyinSyllable);
}

export function removePinyinGlosses(mapped: MappedText): { text: MappedText; removed: number } {
  let removed = 0;
  const text = rewriteMapped(mapped, GLOSS, (match) => {
    if (!isGlossRun(match[0])) return null;
    removed++;
    return "";
  });
  return { text, removed };
}
