/**
 * Segmentation: body lines → sections and task blocks.
 *
 * Headings recognised: chapters (一、), sections (（一）), numbered items (1. 1． 1﹒ 1、), the 2022 work
 * points' "01 / 工作目标" headings (a two-digit line followed by its title; 01 → chapter 一), markdown
 * ##/### headings (the heading may carry its section's paragraph text), boxed columns (专栏N 标题), and in
 * work points the unnumbered group headings that stand before numbered tasks ("推进治理方式数字变革" →
 * an inferred section （一）, matching the numbering of the traditional copy).
 *
 * What a task is:
 * - Work points number their tasks 1…N across the whole document: the task number is that numeral
 *   ("12"), unique per document. The document kind decides (WORK_POINTS → document-wide numbers);
 *   without a known kind, numbers that never restart are read as document-wide.
 * - Plans and schemes restart numbering in each section, so a task is identified by its path:
 *   each numbered subsection under a section in a task chapter ("三.（一）.1"); a section of a task
 *   chapter that has no numbered subsections is itself one task ("四.（一）"); each item ("heading。text"
 *   paragraph) of a boxed column is a task numbered by the column's own number and the item's position
 *   ("专栏3-2"); an unnumbered paragraph that follows a task and carries its own unit list is a task of
 *   its own, numbered after its predecessor ("二.（六）.2（续）").
 * - Chapters that describe the situation or the general requirements (基础形势, 总体要求) hold no tasks;
 *   their 发展目标/总体目标 sections are GOALS (indicator sources), 发展现状 sections are baselines.
 * - Chapters of safeguards (推进措施, 保障措施, 推进机制, 组织领导) hold measures, one per section
 *   ("九.（一）"); in the 2022 work points the measures are unnumbered "标题。正文" paragraphs and get
 *   inferred section numbers in order.
 * Numbers depend only on the document's own numbering and order, so they are stable across runs.
 */
import type { Line } from "./lines";

export type SectionKind = "CHAPTER" | "SECTION" | "SUBSECTION" | "COLUMN" | "GOALS" | "MEASURES" | "OTHER";

export interface SectionNode {
  path: string;
  title: string;
  kind: SectionKind;
  parentPath: string | null;
  ordinal: number;
  /** Mapped offsets of the heading through the end of the section's content. */
  start: number;
  end: number;
  /** True when the heading was inferred (unnumbered group heading), not written with a number. */
  inferred: boolean;
  /** Chapter or section describing the current situation: source of baseline figures. */
  baseline: boolean;
}

export interface Block {
  kind: "TASK" | "MEASURE";
  number: string;
  sectionPath: string;
  /** Mapped offsets of the block's lines (heading marker included) and of its text after the marker. */
  start: number;
  end: number;
  textStart: number;
  /** Headline as written when the item reads "标题。正文" (plans, 2022 work points, columns). */
  headline: string | null;
}

export interface Segmentation {
  sections: SectionNode[];
  blocks: Block[];
  /** Mapped ranges of goal statements (GOALS sections/chapters). */
  goals: { start: number; end: number; sectionPath: string }[];
  numbering: Numbering;
}

/** Work points number tasks 1…N across the document; plans and schemes restart in every section. */
export type Numbering = "global" | "hierarchical";

const NUMERALS = "一二三四五六七八九十";
const CHAPTER = /^([一二三四五六七八九十]+)、\s*(.+)$/;
const SECTION = /^（([一二三四五六七八九十]+)）\s*(.*)$/;
const NUMBERED = /^(\d{1,2})\s*[.、](?!\d)\s*(.*)$/;
const COLUMN = /^专栏\s*(\d+)\s*(.*)$/;
const TWO_DIGIT = /^0(\d)$/;
const MARKDOWN = /^#{1,6}\s*/;

const GOALS_TITLE = /(发展目标|工作目标|总体目标|主要目标|^目标)/;
const MEASURES_TITLE = /(推进措施|保障措施|保障机制|推进机制|组织实施|实施保障|的领导$)/;
const BASELINE_TITLE = /(基础形势|发展现状|发展基础|现状基础|工作基础)/;
const CONTEXT_TITLE = /(总体要求|指导思想|基本原则|机遇挑战|机遇与挑战)/;

type LineKind =
  | { type: "chapter"; ordinal: number; title: string; consumed: number }
  | { type: "section"; ordinal: number; title: string }
  | { type: "numbered"; ordinal: number; title: string }
  | { type: "column"; ordinal: number; title: string }
  | { type: "paragraph" }
  | { type: "blank" };

export function chineseNumeral(value: string): number {
  if (value === "十") return 10;
  const [tens, units] = value.includes("十") ? value.split("十") : ["", value];
  const digit = (ch: string | undefined) => (ch ? NUMERALS.indexOf(ch) + 1 : 0);
  return value.includes("十") ? (tens ? digit(tens) : 1) * 10 + digit(units) : digit(units);
}

export function toChineseNumeral(value: number): string {
  if (value <= 10) return NUMERALS[value - 1] ?? String(value);
  const tens = Math.floor(value / 10);
  const units = value % 10;
  return `${tens > 1 ? (NUMERALS[tens - 1] ?? "") : ""}十${units ? (NUMERALS[units - 1] ?? "") : ""}`;
}

function classify(lines: Line[], index: number): LineKind {
  const text = (lines[index]?.text ?? "").replace(MARKDOWN, "");
  if (text.length === 0) return { type: "blank" };
  const twoDigit = TWO_DIGIT.exec(text);
  if (twoDigit) {
    const next = nextNonBlank(lines, index + 1);
    const title = next === -1 ? "" : (lines[next]?.text ?? "");
    if (title.length > 0 && title.length <= 20) {
      return { type: "chapter", ordinal: Number(twoDigit[1]), title, consumed: next - index };
    }
  }
  const chapter = CHAPTER.exec(text);
  if (chapter)
    return { type: "chapter", ordinal: chineseNumeral(chapter[1] ?? ""), title: chapter[2] ?? "", consumed: 0 };
  const section = SECTION.exec(text);
  if (section) return { type: "section", ordinal: chineseNumeral(section[1] ?? ""), title: section[2] ?? "" };
  const column = COLUMN.exec(text);
  if (column) return { type: "column", ordinal: Number(column[1]), title: column[2] ?? "" };
  const numbered = NUMBERED.exec(text);
  if (numbered) return { type: "numbered", ordinal: Number(numbered[1]), title: numbered[2] ?? "" };
  return { type: "paragraph" };
}

function nextNonBlank(lines: Line[], from: number): number {
  for (let index = from; index < lines.length; index++) if ((lines[index]?.text ?? "").length > 0) return index;
  return -1;
}

/** "标题。正文" → 标题, when the first sentence is a short heading without internal commas. */
export function headlineOf(text: string): string | null {
  const match = /^([^。，；：]{2,30})。/.exec(text);
  return match?.[1] ?? null;
}

function headingTitle(text: string): string {
  return headlineOf(text) ?? text.replace(/[。：]$/, "");
}

function chapterKind(title: string): SectionKind {
  if (GOALS_TITLE.test(title)) return "GOALS";
  if (MEASURES_TITLE.test(title)) return "MEASURES";
  if (BASELINE_TITLE.test(title) || CONTEXT_TITLE.test(title)) return "OTHER";
  return "CHAPTER";
}

function sectionKind(title: string, chapter: SectionNode | null): SectionKind {
  if (GOALS_TITLE.test(title)) return "GOALS";
  if (chapter?.kind === "MEASURES") return "MEASURES";
  if (chapter && (chapter.kind === "OTHER" || chapter.kind === "GOALS")) return "OTHER";
  if (BASELINE_TITLE.test(title) || CONTEXT_TITLE.test(title)) return "OTHER";
  return "SECTION";
}

interface OpenBlock {
  block: Block;
  hasUnits: boolean;
  /** A section that is itself a task (no numbered subsections), or a measure. */
  sectionLevel: boolean;
}

/**
 * Segment body lines. `hasUnitList(text)` tells whether a paragraph carries its own unit list (used to
 * split unnumbered follow-up paragraphs into their own tasks).
 */
export function segmentLines(
  lines: Line[],
  hasUnitList: (text: string) => boolean,
  numbering: Numbering = detectNumbering(lines),
): Segmentation {
  const sections: SectionNode[] = [];
  const blocks: Block[] = [];
  let chapter: SectionNode | null = null;
  let section: SectionNode | null = null;
  let subsection: SectionNode | null = null;
  let column: SectionNode | null = null;
  let open: OpenBlock | null = null;
  const sectionHasNumbered = new Set<string>();
  const sectionBlocks = new Map<string, Block>();

  const closeTo = (end: number) => {
    for (const node of [column, subsection, section, chapter]) if (node && node.end < end) node.end = end;
    if (open && open.block.end < end) open.block.end = end;
  };
  const openSection = (node: SectionNode) => {
    sections.push(node);
    return node;
  };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (!line) continue;
    const kind = classify(lines, index);
    if (kind.type === "blank") continue;
    const text = line.text.replace(MARKDOWN, "");

    if (kind.type === "chapter") {
      const endLine = lines[index + kind.consumed] ?? line;
      const title = headingTitle(kind.title);
      const path = toChineseNumeral(kind.ordinal);
      chapter = openSection({
        path,
        title,
        kind: chapterKind(title),
        parentPath: null,
        ordinal: kind.ordinal,
        start: line.start,
        end: endLine.end,
        inferred: false,
        baseline: BASELINE_TITLE.test(title),
      });
      section = subsection = column = null;
      open = null;
      index += kind.consumed;
      continue;
    }
    if (!chapter) {
      // Preamble (notice text, signature, introduction) is skipped, unless the text starts straight
      // with sections or numbered items: a truncated copy, which gets a synthetic unnamed chapter.
      if (kind.type !== "section" && kind.type !== "numbered") continue;
      chapter = openSection({
        path: "0",
        title: "（未标明章节）",
        kind: "CHAPTER",
        parentPath: null,
        ordinal: 0,
        start: line.start,
        end: line.end,
        inferred: true,
        baseline: false,
      });
    }

    if (kind.type === "section" || isInferredSection(lines, index, chapter, section)) {
      const ordinal = kind.type === "section" ? kind.ordinal : (section?.ordinal ?? 0) + 1;
      const rawTitle = kind.type === "section" ? kind.title : text;
      const title = headingTitle(rawTitle);
      section = openSection({
        path: `${chapter.path}/（${toChineseNumeral(ordinal)}）`,
        title,
        kind: sectionKind(title, chapter),
        parentPath: chapter.path,
        ordinal,
        start: line.start,
        end: line.end,
        inferred: kind.type !== "section",
        baseline: BASELINE_TITLE.test(title),
      });
      subsection = column = null;
      open = null;
      // A measure or a section-level task starts at its heading (which may carry the text).
      if (section.kind === "MEASURES" || section.kind === "SECTION") {
        const block = newBlock(
          section.kind === "MEASURES" ? "MEASURE" : "TASK",
          sectionNumber(section.path),
          chapter.path,
          line,
          text,
          kind.type === "section",
        );
        block.sectionPath = section.path;
        block.headline = title;
        sectionBlocks.set(section.path, block);
        open = { block, hasUnits: hasUnitList(text), sectionLevel: true };
      }
      closeTo(line.end);
      continue;
    }

    if (kind.type === "column") {
      const parent = section ?? chapter;
      column = openSection({
        path: `${parent.path}/专栏${kind.ordinal}`,
        title: kind.title,
        kind: "COLUMN",
        parentPath: parent.path,
        ordinal: kind.ordinal,
        start: line.start,
        end: line.end,
        inferred: false,
        baseline: false,
      });
      open = null;
      closeTo(line.end);
      continue;
    }

    if (kind.type === "numbered") column = null;
    if (kind.type === "numbered") {
      const parent = section ?? chapter;
      const title = headingTitle(kind.title);
      const taskParent = parent.kind === "SECTION" || parent.kind === "CHAPTER" || parent.kind === "MEASURES";
      subsection = openSection({
        path: `${parent.path}/${kind.ordinal}`,
        title,
        kind: parent.kind === "GOALS" ? "GOALS" : parent.kind === "OTHER" ? "OTHER" : "SUBSECTION",
        parentPath: parent.path,
        ordinal: kind.ordinal,
        start: line.start,
        end: line.end,
        inferred: false,
        baseline: false,
      });
      open = null;
      if (taskParent) {
        sectionHasNumbered.add(parent.path);
        const number = numbering === "global" ? String(kind.ordinal) : subsection.path.replace(/\//g, ".");
        const block = newBlock(parent.kind === "MEASURES" ? "MEASURE" : "TASK", number, parent.path, line, text, true);
        block.headline = headlineOf(kind.title);
        blocks.push(block);
        open = { block, hasUnits: hasUnitList(text), sectionLevel: false };
      }
      closeTo(line.end);
      continue;
    }

    // Paragraph (or a numbered line inside a column, e.g. "（1）…" items are paragraphs already).
    if (column) {
      const itemNumber = blocks.filter((b) => b.sectionPath === column?.path).length + 1;
      const block = newBlock("TASK", `专栏${column.ordinal}-${itemNumber}`, column.path, line, text, false);
      block.headline = headlineOf(text);
      blocks.push(block);
      open = { block, hasUnits: false, sectionLevel: false };
      closeTo(line.end);
      continue;
    }
    if (chapter.kind === "MEASURES" && (section === null || section.inferred) && headlineOf(text)) {
      // Unnumbered "标题。正文" measures (2022 work points): each opens an inferred section.
      const ordinal = sections.filter((s) => s.parentPath === chapter?.path).length + 1;
      const title = headlineOf(text) ?? text;
      const node = openSection({
        path: `${chapter.path}/（${toChineseNumeral(ordinal)}）`,
        title,
        kind: "MEASURES",
        parentPath: chapter.path,
        ordinal,
        start: line.start,
        end: line.end,
        inferred: true,
        baseline: false,
      });
      const block = newBlock("MEASURE", sectionNumber(node.path), node.path, line, text, false);
      block.headline = title;
      sectionBlocks.set(node.path, block);
      open = { block, hasUnits: hasUnitList(text), sectionLevel: true };
      section = node;
      closeTo(line.end);
      continue;
    }
    if (open && open.hasUnits && hasUnitList(text) && open.block.kind === "TASK" && !open.sectionLevel) {
      const block = newBlock("TASK", `${open.block.number}（续）`, open.block.sectionPath, line, text, false);
      blocks.push(block);
      open = { block, hasUnits: true, sectionLevel: false };
      closeTo(line.end);
      continue;
    }
    if (open) open.hasUnits = open.hasUnits || hasUnitList(text);
    closeTo(line.end);
  }

  // Section-level tasks exist only where the section has no numbered subsections.
  for (const [path, block] of sectionBlocks) {
    if (block.kind === "TASK" && sectionHasNumbered.has(path)) continue;
    blocks.push(block);
  }
  const ordered = blocks.sort((a, b) => a.start - b.start);
  dropIncidentalHeadlines(ordered);
  return {
    sections,
    blocks: ordered,
    goals: sections
      .filter(
        (s) =>
          s.kind === "GOALS" &&
          (s.parentPath === null || !sections.some((p) => p.path === s.parentPath && p.kind === "GOALS")),
      )
      .map((s) => ({ start: s.start, end: s.end, sectionPath: s.path })),
    numbering,
  };
}

/**
 * Work points such as 2023's open each task with a long sentence, not a heading; a short first
 * sentence there is incidental. Numbered items get headlines only if most of them read "标题。正文".
 */
function dropIncidentalHeadlines(blocks: Block[]): void {
  const numbered = blocks.filter((block) => /(^|\.)\d+$/.test(block.number));
  const headed = numbered.filter((block) => block.headline !== null).length;
  if (headed * 2 >= numbered.length) return;
  for (const block of numbered) block.headline = null;
}

function newBlock(
  kind: Block["kind"],
  number: string,
  sectionPath: string,
  line: Line,
  text: string,
  stripMarker: boolean,
): Block {
  const markerLength = stripMarker ? markerLengthOf(text) : 0;
  const offset = line.text.length - text.length; // markdown hashes
  return {
    kind,
    number,
    sectionPath,
    start: line.start,
    end: line.end,
    textStart: line.start + offset + markerLength,
    headline: null,
  };
}

function markerLengthOf(text: string): number {
  const match = /^(（[一二三四五六七八九十]+）|\d{1,2}\s*[.、](?!\d))\s*/.exec(text);
  return match ? match[0].length : 0;
}

function sectionNumber(path: string): string {
  return path.replace(/\//g, ".");
}

/** Without a known document kind: numbers that never restart are read as document-wide. */
function detectNumbering(lines: Line[]): Numbering {
  let previous = 0;
  for (const line of lines) {
    const match = NUMBERED.exec(line.text.replace(MARKDOWN, ""));
    if (!match) continue;
    const value = Number(match[1]);
    if (value <= previous) return "hierarchical";
    previous = value;
  }
  return "global";
}

/** An unnumbered short line without punctuation right before a numbered task: a group heading. */
function isInferredSection(lines: Line[], index: number, chapter: SectionNode, section: SectionNode | null): boolean {
  const text = lines[index]?.text ?? "";
  if (chapter.kind !== "CHAPTER" || text.length > 20 || /[。，；：、）]/.test(text)) return false;
  if (section && !section.inferred) return false;
  const next = nextNonBlank(lines, index + 1);
  return next !== -1 && NUMBERED.test(lines[next]?.text ?? "");
}
