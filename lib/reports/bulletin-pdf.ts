/**
 * The bulletin as PDF, drawn with pdfkit from the same blocks as the Word file (bulletin-document.ts).
 *
 * Why pdfkit and an npm font rather than Chromium's page.pdf(): the PDF must be produced by the server
 * on any machine after `npm install`, without a browser binary or system fonts at run time. The font is
 * Noto Serif SC (SIL Open Font License) from @expo-google-fonts/noto-serif-sc, a plain TrueType file;
 * pdfkit embeds only the glyphs used (so a bulletin stays a few hundred KB) as a CID font with a
 * ToUnicode map, which keeps the Chinese text selectable and searchable — the tests extract it again.
 * A serif (宋体-like) face is the closest freely licensed match to the 仿宋/小标宋 of printed bulletins.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import type { BulletinBlock } from "./bulletin-document";
import { isNowrap, layoutTable, type TableColumn } from "./table-layout";

const FONT_DIR = ["node_modules", "@expo-google-fonts", "noto-serif-sc"];
const FONT_FILES = { regular: "400Regular/NotoSerifSC_400Regular.ttf", bold: "700Bold/NotoSerifSC_700Bold.ttf" };

let fontCache: { regular: Buffer; bold: Buffer } | null = null;

/** The font files, read once per process (resolved from the project root, where the server runs). */
function fonts(): { regular: Buffer; bold: Buffer } {
  if (!fontCache) {
    const dir = path.join(process.cwd(), ...FONT_DIR);
    fontCache = {
      regular: readFileSync(path.join(dir, FONT_FILES.regular)),
      bold: readFileSync(path.join(dir, FONT_FILES.bold)),
    };
  }
  return fontCache;
}

// A4 with the margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), in points.
const MM = 72 / 25.4;
const MARGINS = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
const SIZE = { title: 20, heading: 14, body: 11.5, table: 8.5, meta: 11, pageNumber: 9, redHeader: 24, closing: 10 };
const RED = "#d40000";
const LEADING = 1.45;
const CELL_PAD = 3;

type FontName = "regular" | "bold";
type Align = "left" | "right" | "center";

/** No line may start with these (Chinese typesetting rule 避头点): they stay at the end of the line before. */
const NO_LINE_START = new Set([..."，。、；：！？）》」』”’%…,.;:!?)]"]);
/** Runs of Latin letters and digits wrap as words. */
const WORD = /[A-Za-z0-9.,%+\-_/:@#&]+|\s+|./gsu;

/**
 * Lines of text, measured and broken here rather than by pdfkit's line wrapper: that one lays out every
 * candidate break through fontkit, which for Chinese (a break after every character) and a 15 MB font
 * costs seconds per bulletin. Advances are cached per font and character, so a bulletin costs a few
 * thousand look-ups.
 */
class TextLayout {
  private readonly advances = new Map<string, number>();
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  width(text: string, font: FontName, size: number): number {
    let total = 0;
    for (const ch of text) {
      const key = `${font}\u0000${ch}`;
      let advance = this.advances.get(key);
      if (advance === undefined) {
        this.doc.font(font).fontSize(100);
        advance = this.doc.widthOfString(ch) / 100;
        this.advances.set(key, advance);
      }
      total += advance * size;
    }
    return total;
  }

  /**
   * Breaks text into lines no wider than `width` (the first line `firstWidth`). A closing mark that
   * does not fit takes the token before it to the next line (避头点 without hanging punctuation), so
   * nothing is drawn past the line's end.
   */
  wrap(text: string, font: FontName, size: number, width: number, firstWidth = width): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split("\n")) {
      let tokens: string[] = [];
      let lineWidth = 0;
      const limit = () => (lines.length === 0 ? firstWidth : width);
      const flush = () => {
        lines.push(tokens.join("").trimEnd());
        tokens = [];
        lineWidth = 0;
      };
      const push = (token: string, tokenWidth: number) => {
        if (tokens.length === 0 && /^\s+$/.test(token)) return;
        tokens.push(token);
        lineWidth += tokenWidth;
      };
      for (const token of paragraph.match(WORD) ?? []) {
        const tokenWidth = this.width(token, font, size);
        if (lineWidth + tokenWidth <= limit() || tokens.length === 0) {
          if (tokenWidth > limit() && tokens.length === 0) {
            // A word wider than the line: break it between characters.
            for (const ch of token) {
              const w = this.width(ch, font, size);
              if (lineWidth + w > limit() && tokens.length > 0) flush();
              push(ch, w);
            }
            continue;
          }
          push(token, tokenWidth);
          continue;
        }
        if (NO_LINE_START.has(token) && tokens.length > 1) {
          // The token before goes down with the mark.
          const previous = tokens.pop()!;
          flush();
          push(previous, this.width(previous, font, size));
          push(token, tokenWidth);
          continue;
        }
        flush();
        push(token, tokenWidth);
      }
      flush();
    }
    return lines;
  }
}

export async function buildBulletinPdf(
  blocks: BulletinBlock[],
  info: { title: string; author: string; date: Date },
): Promise<Buffer> {
  const { regular, bold } = fonts();
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGINS,
    bufferPages: true,
    // No default font: pdfkit would load its Helvetica metrics, and a default font equal to a registered
    // one defeats pdfkit's font cache (it then re-parses the 15 MB font on every font switch).
    font: null as unknown as string,
    info: { Title: info.title, Author: info.author, Creator: info.author, CreationDate: info.date },
    lang: "zh-CN",
    displayTitle: true,
  });
  doc.registerFont("regular", regular);
  doc.registerFont("bold", bold);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });

  const layout = new TextLayout(doc);
  const left = MARGINS.left;
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  const bottom = doc.page.height - MARGINS.bottom;
  let y = MARGINS.top;
  const newPage = () => {
    doc.addPage();
    y = MARGINS.top;
  };
  const ensureSpace = (height: number) => {
    if (y + height > bottom) newPage();
  };

  /** Draws one line at (x, y) without pdfkit's wrapping. */
  const drawLine = (
    text: string,
    font: FontName,
    size: number,
    x: number,
    lineY: number,
    w: number,
    align: Align,
    color = "#000000",
  ) => {
    if (!text) return;
    const lineWidth = layout.width(text, font, size);
    const dx = align === "right" ? w - lineWidth : align === "center" ? (w - lineWidth) / 2 : 0;
    doc.font(font).fontSize(size).fillColor(color);
    doc.text(text, x + Math.max(0, dx), lineY, { lineBreak: false });
  };
  /** The largest size up to `size` at which `text` fits `w` on one line. */
  const fitting = (text: string, font: FontName, size: number, w: number) =>
    Math.min(size, (size * w) / Math.max(1, layout.width(text, font, size)));
  const rule = (ruleY: number, color: string, lineWidth: number) =>
    doc
      .moveTo(left, ruleY)
      .lineTo(left + width, ruleY)
      .lineWidth(lineWidth)
      .stroke(color);

  /** Flowing text: wraps, breaks pages between lines, first-line indent in characters. */
  const flow = (text: string, font: FontName, size: number, options: { align?: Align; indent?: number } = {}) => {
    const indent = (options.indent ?? 0) * size;
    const lineHeight = size * LEADING;
    layout.wrap(text, font, size, width, width - indent).forEach((line, i) => {
      ensureSpace(lineHeight);
      const x = left + (i === 0 ? indent : 0);
      drawLine(line, font, size, x, y, width - (i === 0 ? indent : 0), options.align ?? "left");
      y += lineHeight;
    });
  };

  for (const block of blocks) {
    switch (block.kind) {
      case "redHeader": {
        // 红头: the issuer in red, then 期号 (left) and 文号 (right), then the red rule.
        const size = fitting(block.issuer, "bold", SIZE.redHeader, width);
        y += size * 0.4;
        drawLine(block.issuer, "bold", size, left, y, width, "center", RED);
        y += size * LEADING + SIZE.meta;
        drawLine(block.issueLabel, "regular", SIZE.meta, left, y, width, "left");
        drawLine(block.docNumber, "regular", SIZE.meta, left, y, width, "right");
        y += SIZE.meta * LEADING;
        rule(y, RED, 1.5);
        y += SIZE.meta;
        break;
      }
      case "signature":
        y += SIZE.body * 1.5;
        ensureSpace(SIZE.body * LEADING * 2);
        drawLine(block.issuer, "regular", SIZE.body, left, y, width - SIZE.body * 2, "right");
        y += SIZE.body * LEADING;
        drawLine(block.date, "regular", SIZE.body, left, y, width - SIZE.body * 4, "right");
        y += SIZE.body * LEADING;
        break;
      case "closing": {
        // 版记 at the foot of the last page, between rules.
        const lineHeight = SIZE.closing * 2;
        const copyLines = layout.wrap(block.copyTo, "regular", SIZE.closing, width - SIZE.closing * 4);
        const height = lineHeight * (copyLines.length + 1) + 4;
        if (y + height > bottom) newPage();
        let at = bottom - height;
        rule(at, "#000000", 1);
        copyLines.forEach((line, i) => {
          drawLine(
            i === 0 ? `抄送：${line}` : line,
            "regular",
            SIZE.closing,
            left + SIZE.closing * (i === 0 ? 1 : 4),
            at + 4 + lineHeight * i + SIZE.closing * 0.4,
            width,
            "left",
          );
        });
        at += lineHeight * copyLines.length;
        rule(at + 2, "#000000", 0.5);
        drawLine(
          block.printedBy,
          "regular",
          SIZE.closing,
          left + SIZE.closing,
          at + 6 + SIZE.closing * 0.4,
          width,
          "left",
        );
        drawLine(
          block.printedOn,
          "regular",
          SIZE.closing,
          left,
          at + 6 + SIZE.closing * 0.4,
          width - SIZE.closing,
          "right",
        );
        rule(bottom, "#000000", 1);
        y = bottom;
        break;
      }
      case "title":
        y += SIZE.title * 0.5;
        flow(block.text, "bold", SIZE.title, { align: "center" });
        y += SIZE.title * 0.4;
        break;
      case "meta":
        flow(block.text, "regular", SIZE.meta, { align: "center" });
        break;
      case "heading":
        y += SIZE.heading * 0.6;
        ensureSpace(SIZE.heading * LEADING * 3); // never alone at the foot of a page
        flow(block.text, "bold", SIZE.heading);
        y += SIZE.heading * 0.2;
        break;
      case "paragraph":
        flow(block.text, "regular", SIZE.body, { indent: 2 });
        y += SIZE.body * 0.3;
        break;
      case "narrative":
        ensureSpace(SIZE.body * LEADING * 3);
        flow(block.head, "bold", SIZE.body);
        flow(block.text, "regular", SIZE.body, { indent: 2 });
        y += SIZE.body * 0.3;
        break;
      case "table":
        drawTable(block.caption, block.columns, block.rows);
        y += SIZE.body * 0.6;
        break;
    }
  }

  function drawTable(caption: string, columns: TableColumn[], rows: string[][]) {
    // Widths from the content (table-layout.ts), measured with this font; a smaller size when needed.
    const plan = layoutTable(
      columns,
      rows,
      width,
      (text, bold) => layout.width(text, bold ? "bold" : "regular", SIZE.table),
      CELL_PAD,
    );
    const size = SIZE.table * plan.fontScale;
    const widths = plan.widths;
    const lineHeight = size * 1.3;
    /** A cell's lines and the size they are set in: text wraps, a nowrap cell shrinks to fit instead. */
    const cellLines = (cell: string, i: number, font: FontName, header: boolean) => {
      const inner = widths[i]! - CELL_PAD * 2;
      if (!header && isNowrap(columns[i]!)) {
        const lines = cell.split("\n");
        const fit = Math.min(...lines.map((line) => fitting(line, font, size, inner)));
        return { lines, size: fit };
      }
      return { lines: layout.wrap(cell, font, size, inner), size };
    };
    const measure = (cells: string[], font: FontName, header = false) => {
      const wrapped = cells.map((cell, i) => cellLines(cell, i, font, header));
      return { wrapped, height: Math.max(...wrapped.map((c) => c.lines.length)) * lineHeight + CELL_PAD * 2 };
    };
    const drawRow = (row: ReturnType<typeof measure>, font: FontName, shade: boolean) => {
      let x = left;
      row.wrapped.forEach((cell, i) => {
        const w = widths[i]!;
        if (shade) doc.rect(x, y, w, row.height).fill("#eeeeee");
        doc.rect(x, y, w, row.height).lineWidth(0.5).stroke("#333333");
        const align: Align = shade ? "center" : (columns[i]!.align ?? "left");
        cell.lines.forEach((line, n) =>
          drawLine(
            line,
            font,
            cell.size,
            x + CELL_PAD,
            y + CELL_PAD + n * lineHeight + (size - cell.size) / 2,
            w - CELL_PAD * 2,
            align,
          ),
        );
        x += w;
      });
      y += row.height;
    };
    const header = measure(
      columns.map((c) => c.header),
      "bold",
      true,
    );
    const first = rows[0] ? measure(rows[0], "regular").height : 0;
    // Caption, header and the first row stay together.
    ensureSpace(SIZE.body * LEADING + header.height + first);
    flow(caption, "bold", SIZE.body - 1, { align: "center" });
    y += 2;
    drawRow(header, "bold", true);
    for (const cells of rows) {
      const row = measure(cells, "regular");
      // A row that does not fit starts a new page, which repeats the header.
      if (y + row.height > bottom) {
        newPage();
        drawRow(header, "bold", true);
      }
      drawRow(row, "regular", false);
    }
  }

  // Page numbers, centred in the bottom margin: — 1 —
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    drawLine(`— ${i + 1} —`, "regular", SIZE.pageNumber, left, doc.page.height - MARGINS.bottom / 2, width, "center");
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
