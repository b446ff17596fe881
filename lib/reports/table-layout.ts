/**
 * Column widths for a printed table, computed from its content, shared by the Word and PDF exporters
 * (and any table a bulletin gains later: a table block is all it takes).
 *
 * Two kinds of column:
 * - **nowrap** (numbers, dates, numbers with units, status words, codes such as 编号): a cell never
 *   breaks inside, so the column is at least as wide as its widest cell;
 * - **text** (names, task texts, problems): wraps at allowed points, so it takes what is left, in
 *   proportion to its relative width, never narrower than its longest unbreakable word.
 * Headers may wrap between characters (序时/进度), but a column is never narrower than two of them.
 * When even that does not fit the line, the whole table is set smaller (`fontScale` < 1) — down to
 * MIN_FONT_SCALE; the PDF renderer then still shrinks any single cell that would overflow.
 *
 * `measure(text, bold)` gives a width in points at the table's base size; the PDF renderer passes the
 * font's real advances, the Word exporter an estimate (`estimateWidth`) of what Word, WPS and
 * LibreOffice set, on the wide side.
 */

export interface TableColumn {
  header: string;
  /** Relative width among the text columns. */
  width: number;
  align?: "left" | "right" | "center";
  /** Never break a cell of this column; default: right- and centre-aligned columns. */
  nowrap?: boolean;
}

export const isNowrap = (column: TableColumn): boolean => column.nowrap ?? (column.align ?? "left") !== "left";

export type Measure = (text: string, bold: boolean) => number;

export interface TableLayout {
  /** Each column's width, in points, summing to the available width. */
  widths: number[];
  /** 1, or smaller when the nowrap columns alone are wider than the line. */
  fontScale: number;
}

export const MIN_FONT_SCALE = 0.72;

/** Runs that must stay together inside wrapping text: Latin words, numbers with their decoration. */
const UNBREAKABLE = /[A-Za-z0-9.,%+\-_/:@#&≥≤>＞<＜≈~～·]+/g;

function longestWord(text: string, measure: Measure): number {
  let longest = 0;
  for (const word of text.match(UNBREAKABLE) ?? []) longest = Math.max(longest, measure(word, false));
  // A Chinese text breaks between characters: its narrowest line is about two characters.
  return Math.max(longest, measure("国家", false));
}

export function layoutTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  available: number,
  measure: Measure,
  padding: number,
): TableLayout {
  const lines = (text: string) => text.split("\n");
  const widest = (texts: Iterable<string>, bold: boolean) => {
    let max = 0;
    for (const text of texts) for (const line of lines(text)) max = Math.max(max, measure(line, bold));
    return max;
  };
  const headerMin = (c: TableColumn) => Math.min(measure(c.header, true), measure(c.header.slice(0, 2), true));
  const needs = columns.map((column, i) => {
    const cells = rows.map((row) => row[i] ?? "");
    const header = headerMin(column) + padding * 2;
    if (isNowrap(column)) {
      const min = Math.max(widest(cells, false) + padding * 2, header);
      return { min, preferred: Math.max(min, measure(column.header, true) + padding * 2), nowrap: true };
    }
    let min = header;
    let preferred = measure(column.header, true) + padding * 2;
    for (const cell of cells) {
      min = Math.max(min, longestWord(cell, measure) + padding * 2);
      for (const line of lines(cell)) preferred = Math.max(preferred, measure(line, false) + padding * 2);
    }
    return { min, preferred, nowrap: false };
  });
  const minTotal = needs.reduce((sum, n) => sum + n.min, 0);
  if (minTotal >= available) {
    // Everything at its minimum, set smaller so that it fits.
    const fontScale = Math.max(MIN_FONT_SCALE, available / minTotal);
    const widths = needs.map((n) => n.min * fontScale);
    const total = widths.reduce((a, b) => a + b, 0);
    return { widths: widths.map((w) => (w / total) * available), fontScale };
  }
  // Nowrap columns: their minimum (header lines wrap before a figure does); the rest to the text columns.
  const widths = needs.map((n) => n.min);
  let rest = available - minTotal;
  const growable = (i: number) => !needs[i]!.nowrap && widths[i]! < needs[i]!.preferred;
  // Text columns grow in proportion to their relative width until they reach their preferred width.
  for (let round = 0; round < columns.length && rest > 0.01; round++) {
    const open = columns.map((_, i) => i).filter(growable);
    if (open.length === 0) break;
    const weight = open.reduce((sum, i) => sum + columns[i]!.width, 0);
    let used = 0;
    for (const i of open) {
      const add = Math.min((rest * columns[i]!.width) / weight, needs[i]!.preferred - widths[i]!);
      widths[i]! += add;
      used += add;
    }
    rest -= used;
  }
  // Room left: first let nowrap headers stand on one line, then share it out in proportion.
  for (let i = 0; i < columns.length && rest > 0.01; i++) {
    if (!needs[i]!.nowrap) continue;
    const add = Math.min(rest, needs[i]!.preferred - widths[i]!);
    widths[i]! += add;
    rest -= add;
  }
  if (rest > 0.01) {
    const text = columns.map((_, i) => i).filter((i) => !needs[i]!.nowrap);
    const targets = text.length ? text : columns.map((_, i) => i);
    const weight = targets.reduce((sum, i) => sum + columns[i]!.width, 0);
    for (const i of targets) widths[i]! += (rest * columns[i]!.width) / weight;
  }
  return { widths, fontScale: 1 };
}

const WIDE =
  /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u3000-\u303f\u2014\u2015\u2026]/u;

/**
 * A text's width in points at `size` without the font at hand (the Word file): full-width characters
 * one em, digits and Latin about 0.55 em, a quarter em where Chinese meets figures, bold 6 % wider — a
 * little more than Times New Roman, Liberation Serif and the CJK faces set, so a column sized with it
 * holds its content.
 */
export function estimateWidth(text: string, size: number, bold = false): number {
  let ems = 0;
  let previous: boolean | null = null;
  for (const ch of text) {
    const wide = WIDE.test(ch);
    ems += wide ? 1.02 : ch === " " ? 0.3 : 0.56;
    // Office suites put a quarter-em between Chinese and figures (LibreOffice ignores autoSpaceDN=0).
    if (previous !== null && previous !== wide && ch !== " ") ems += 0.25;
    previous = ch === " " ? previous : wide;
  }
  return ems * size * (bold ? 1.06 : 1);
}
