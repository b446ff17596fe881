import * as OpenCC from "opencc-js";
import { MappedTextBuilder, type MappedText } from "./mapped-text";

/**
 * Traditional → simplified.
 *
 * We use OpenCC's `tw → cn` (character and variant conversion with its trad→simp phrase table), not
 * `twp → cn`: the `p` variant also swaps Taiwanese vocabulary for mainland words (智慧 → 智能, 資訊 → 信息,
 * 軟體 → 软件). These documents are mainland texts that a site ran through a converter, so their
 * vocabulary is already mainland; `twp` would turn 智慧社區 into 智能社区 and break the match with the
 * simplified copy. Checked against the 2022 work points, where 004 (traditional) converted with `tw`
 * reproduces every character of 000 (simplified).
 */
const toSimplified = OpenCC.Converter({ from: "tw", to: "cn" });

/** Rough test used to skip conversion of text that is already simplified. */
export function looksTraditional(text: string): boolean {
  let han = 0;
  let changed = 0;
  for (const ch of text) {
    if (!/\p{Script=Han}/u.test(ch)) continue;
    han++;
    if (han > 4000) break;
    if (toSimplified(ch) !== ch) changed++;
  }
  return han > 0 && changed / han > 0.02;
}

/**
 * Convert keeping the character map: a line whose converted length is unchanged maps one-to-one;
 * otherwise (a phrase rule changed length) that line is converted character by character.
 */
export function convertToSimplified(mapped: MappedText): MappedText {
  const builder = new MappedTextBuilder(mapped);
  const text = mapped.text;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd);
    const converted = toSimplified(line);
    if (converted.length === line.length) {
      builder.replace(lineStart, lineEnd, converted);
    } else {
      for (let i = lineStart; i < lineEnd; i++) builder.replace(i, i + 1, toSimplified(text[i] ?? ""));
    }
    if (newline === -1) break;
    builder.copy(lineEnd, lineEnd + 1);
    lineStart = lineEnd + 1;
  }
  return builder.build();
}
