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
import type { BulletinBlock, TableColumn } from "./bulletin-document";

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
const SIZE = { title: 20, heading: 14, body: 11.5, table: 8.5, meta: 11 };
const CELL_PAD = 3;

export async function buildBulletinPdf(
  blocks: BulletinBlock[],
  info: { title: string; author: string; date: Date },
): Promise<Buffer> {
  const { regular, bold } = fonts();
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGINS,
    bufferPages: true,
    // Naming a font here stops pdfkit from loading its built-in Helvetica metrics.
    font: regular as unknown as string,
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

  const left = MARGINS.left;
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  const bottom = () => doc.page.height - MARGINS.bottom;
  const ensureSpace = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };

  for (const block of blocks) {
    switch (block.kind) {
      case "title":
        doc.font("bold").fontSize(SIZE.title);
        doc.text(block.text, left, doc.y, { width, align: "center" });
        doc.moveDown(0.6);
        break;
      case "meta":
        doc.font("regular").fontSize(SIZE.meta).text(block.text, left, doc.y, { width, align: "center" });
        doc.moveDown(0.3);
        break;
      case "heading":
        doc.moveDown(0.5);
        doc.font("bold").fontSize(SIZE.heading);
        ensureSpace(doc.currentLineHeight() * 3);
        doc.text(block.text, left, doc.y, { width });
        doc.moveDown(0.3);
        break;
      case "paragraph":
        doc.font("regular").fontSize(SIZE.body);
        doc.text(block.text, left, doc.y, { width, indent: SIZE.body * 2, lineGap: 3, align: "justify" });
        doc.moveDown(0.4);
        break;
      case "narrative":
        doc.font("bold").fontSize(SIZE.body);
        ensureSpace(doc.currentLineHeight() * 3);
        doc.text(block.head, left, doc.y, { width, lineGap: 2 });
        doc.font("regular").fontSize(SIZE.body);
        doc.text(block.text, left, doc.y, { width, indent: SIZE.body * 2, lineGap: 3, align: "justify" });
        doc.moveDown(0.4);
        break;
      case "table":
        drawTable(doc, block.caption ?? null, block.columns, block.rows, left, width, bottom);
        doc.moveDown(0.6);
        break;
    }
  }

  // Page numbers, centred in the bottom margin: — 1 —
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    doc.font("regular").fontSize(9);
    doc.text(`— ${i + 1} —`, left, doc.page.height - MARGINS.bottom / 2, {
      width,
      align: "center",
      lineBreak: false,
    });
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

function drawTable(
  doc: PDFKit.PDFDocument,
  caption: string | null,
  columns: TableColumn[],
  rows: string[][],
  left: number,
  width: number,
  bottom: () => number,
): void {
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * width);
  const rowHeight = (cells: string[], font: "regular" | "bold") => {
    doc.font(font).fontSize(SIZE.table);
    return Math.max(
      ...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - CELL_PAD * 2 }) + CELL_PAD * 2),
    );
  };
  const drawRow = (cells: string[], font: "regular" | "bold", shade: boolean) => {
    const height = rowHeight(cells, font);
    const top = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      const w = widths[i]!;
      if (shade) doc.rect(x, top, w, height).fill("#eeeeee");
      doc.rect(x, top, w, height).lineWidth(0.5).stroke("#333333");
      doc
        .fillColor("#000000")
        .font(font)
        .fontSize(SIZE.table)
        .text(cell, x + CELL_PAD, top + CELL_PAD, {
          width: w - CELL_PAD * 2,
          align: columns[i]!.align === "right" ? "right" : columns[i]!.align === "center" ? "center" : "left",
        });
      x += w;
    });
    doc.x = left;
    doc.y = top + height;
  };
  const header = columns.map((c) => c.header);
  if (caption) {
    doc.font("bold").fontSize(SIZE.body - 1);
    if (doc.y + doc.currentLineHeight() + rowHeight(header, "bold") * 2 > bottom()) doc.addPage();
    doc.text(caption, left, doc.y, { width, align: "center" });
    doc.moveDown(0.2);
  }
  if (doc.y + rowHeight(header, "bold") * 2 > bottom()) doc.addPage();
  drawRow(header, "bold", true);
  for (const row of rows) {
    // A row that does not fit starts a new page, which repeats the header.
    if (doc.y + rowHeight(row, "regular") > bottom()) {
      doc.addPage();
      drawRow(header, "bold", true);
    }
    drawRow(row, "regular", false);
  }
}
