import type { MappedText } from "./mapped-text";

/** One line of a mapped text, in mapped coordinates, with surrounding whitespace trimmed. */
export interface Line {
  text: string;
  start: number;
  end: number;
}

export function splitLines(mapped: MappedText): Line[] {
  const lines: Line[] = [];
  const text = mapped.text;
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    const content = text.slice(start, end);
    const leading = content.length - content.trimStart().length;
    const trimmed = content.trim();
    lines.push({ text: trimmed, start: start + leading, end: start + leading + trimmed.length });
    if (newline === -1) break;
    start = newline + 1;
  }
  return lines;
}
