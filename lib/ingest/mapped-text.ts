/**
 * Text with a per-character map back to the raw decoded file text.
 *
 * Every cleaning step (conversion, gloss removal, whitespace folding, chrome removal) rewrites the text;
 * records must still point at the sentence they came from in the untouched source, so each character
 * carries the raw span [starts[i], ends[i]) it was derived from. A replacement that changes length maps
 * each new character to the whole replaced raw span, which keeps `raw.slice(start, end)` covering the
 * original of any quote.
 */
export interface MappedText {
  readonly text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Length of the raw text, used for spans that end at the very end. */
  readonly rawLength: number;
}

export interface Span {
  start: number;
  end: number;
}

export function identityMapped(raw: string): MappedText {
  const starts = new Int32Array(raw.length);
  const ends = new Int32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    starts[i] = i;
    ends[i] = i + 1;
  }
  return { text: raw, starts, ends, rawLength: raw.length };
}

/** Raw span of the mapped range [start, end). */
export function rawSpanOf(mapped: MappedText, start: number, end: number): Span {
  if (end <= start) {
    const at = start < mapped.text.length ? (mapped.starts[start] ?? mapped.rawLength) : mapped.rawLength;
    return { start: at, end: at };
  }
  let rawStart = Number.MAX_SAFE_INTEGER;
  let rawEnd = 0;
  // Conversions keep order, but a min/max over the range is robust to any local reordering.
  for (let i = start; i < end; i++) {
    rawStart = Math.min(rawStart, mapped.starts[i] ?? rawStart);
    rawEnd = Math.max(rawEnd, mapped.ends[i] ?? rawEnd);
  }
  return { start: rawStart, end: rawEnd };
}

/** Incrementally builds a new MappedText from pieces of an old one. */
export class MappedTextBuilder {
  private readonly chunks: string[] = [];
  private starts: Int32Array;
  private ends: Int32Array;
  private length = 0;

  constructor(
    private readonly source: MappedText,
    capacity = source.text.length,
  ) {
    this.starts = new Int32Array(Math.max(16, capacity));
    this.ends = new Int32Array(Math.max(16, capacity));
  }

  /** Copy source characters [from, to) with their maps unchanged. */
  copy(from: number, to: number): void {
    if (to <= from) return;
    this.ensure(to - from);
    this.chunks.push(this.source.text.slice(from, to));
    this.starts.set(this.source.starts.subarray(from, to), this.length);
    this.ends.set(this.source.ends.subarray(from, to), this.length);
    this.length += to - from;
  }

  /**
   * Emit `replacement` in place of source characters [from, to). Same length: character-wise map;
   * otherwise every new character maps to the whole raw span of the replaced range.
   */
  replace(from: number, to: number, replacement: string): void {
    if (replacement.length === 0) return;
    if (replacement.length === to - from) {
      this.ensure(replacement.length);
      this.chunks.push(replacement);
      this.starts.set(this.source.starts.subarray(from, to), this.length);
      this.ends.set(this.source.ends.subarray(from, to), this.length);
      this.length += replacement.length;
      return;
    }
    const span = rawSpanOf(this.source, from, to);
    this.ensure(replacement.length);
    this.chunks.push(replacement);
    for (let i = 0; i < replacement.length; i++) {
      this.starts[this.length + i] = span.start;
      this.ends[this.length + i] = span.end;
    }
    this.length += replacement.length;
  }

  build(): MappedText {
    return {
      text: this.chunks.join(""),
      starts: this.starts.slice(0, this.length),
      ends: this.ends.slice(0, this.length),
      rawLength: this.source.rawLength,
    };
  }

  private ensure(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.starts.length) return;
    const size = Math.max(needed, this.starts.length * 2);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    starts.set(this.starts.subarray(0, this.length));
    ends.set(this.ends.subarray(0, this.length));
    this.starts = starts;
    this.ends = ends;
  }
}

/**
 * Replace every match of a global regex. `replacer` returns the replacement text, or null to keep the
 * match unchanged (so context checks can live in the replacer).
 */
export function rewriteMapped(
  mapped: MappedText,
  pattern: RegExp,
  replacer: (match: RegExpExecArray, text: string) => string | null,
): MappedText {
  if (!pattern.global) throw new Error("rewriteMapped needs a global regex");
  const builder = new MappedTextBuilder(mapped);
  let cursor = 0;
  let changed = false;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(mapped.text); match; match = pattern.exec(mapped.text)) {
    if (match[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    const replacement = replacer(match, mapped.text);
    if (replacement === null || replacement === match[0]) continue;
    builder.copy(cursor, match.index);
    builder.replace(match.index, match.index + match[0].length, replacement);
    cursor = match.index + match[0].length;
    changed = true;
  }
  if (!changed) return mapped;
  builder.copy(cursor, mapped.text.length);
  return builder.build();
}

/** The mapped text restricted to [start, end). */
export function sliceMapped(mapped: MappedText, start: number, end: number): MappedText {
  return {
    text: mapped.text.slice(start, end),
    starts: mapped.starts.slice(start, end),
    ends: mapped.ends.slice(start, end),
    rawLength: mapped.rawLength,
  };
}

/** Concatenate pieces of one source (e.g. lines kept after chrome removal). */
export function joinMapped(pieces: MappedText[], separator: string, rawLength: number): MappedText {
  const base: MappedText = { text: "", starts: new Int32Array(0), ends: new Int32Array(0), rawLength };
  const total = pieces.reduce((sum, piece) => sum + piece.text.length + separator.length, 0);
  const starts = new Int32Array(total);
  const ends = new Int32Array(total);
  const texts: string[] = [];
  let length = 0;
  for (const [index, piece] of pieces.entries()) {
    if (index > 0 && separator) {
      // A separator maps to the empty span at the end of the previous piece.
      const at = piece.starts[0] ?? rawLength;
      for (let i = 0; i < separator.length; i++) {
        starts[length + i] = at;
        ends[length + i] = at;
      }
      texts.push(separator);
      length += separator.length;
    }
    texts.push(piece.text);
    starts.set(piece.starts, length);
    ends.set(piece.ends, length);
    length += piece.text.length;
  }
  if (texts.length === 0) return base;
  return { text: texts.join(""), starts: starts.slice(0, length), ends: ends.slice(0, length), rawLength };
}
