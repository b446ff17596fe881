/**
 * The bulletin as a Word document in the layout of a printed government bulletin (after GB/T 9704):
 * A4, margins 37/35/28/26 mm; title in 方正小标宋简体 二号 (22 pt) centred; issuer and date centred;
 * body in 仿宋_GB2312 三号 (16 pt) with a two-character first-line indent; section headings 一、… in
 * 黑体 三号; tables in 仿宋 五号 (10.5 pt) with a repeating header row.
 *
 * Fonts: the East Asian font is set in every run's properties (w:rFonts eastAsia), Latin text in Times
 * New Roman. Machines without the GB2312-era fonts need a fallback, so the font table names one for
 * each (w:altName): 仿宋_GB2312 → 仿宋, 方正小标宋简体 → 宋体; 黑体 ships with Windows and WPS. Word
 * and WPS both read altName when the named font is missing.
 */
import JSZip from "jszip";
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type IRunOptions,
} from "docx";
import type { BulletinBlock } from "./bulletin-document";
import { estimateWidth, layoutTable, type TableColumn } from "./table-layout";

export const DOCX_FONTS = {
  body: "仿宋_GB2312",
  title: "方正小标宋简体",
  heading: "黑体",
  latin: "Times New Roman",
} as const;

/** Fallbacks written into the font table for fonts missing on the reader's machine. */
export const DOCX_FONT_FALLBACKS: Record<string, string> = {
  [DOCX_FONTS.body]: "仿宋",
  [DOCX_FONTS.title]: "宋体",
  [DOCX_FONTS.heading]: "SimHei",
};

const PT = 2; // docx sizes are half-points
const SIZE = { title: 22 * PT, body: 16 * PT, heading: 16 * PT, table: 10.5 * PT, meta: 16 * PT, redHeader: 26 * PT };
const mm = (millimetres: number) => Math.round(millimetres * 56.7); // in twips
const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
/** The type area's width (A4 less the margins), in twips. */
const TEXT_WIDTH = 11906 - MARGIN.left - MARGIN.right;
const CELL_MARGIN = 60; // twips, left and right
const RED = "FF0000";

const font = (eastAsia: string) => ({
  ascii: DOCX_FONTS.latin,
  hAnsi: DOCX_FONTS.latin,
  eastAsia,
  cs: DOCX_FONTS.latin,
});

function run(text: string, options: Partial<IRunOptions> & { eastAsia?: string } = {}): TextRun {
  const { eastAsia = DOCX_FONTS.body, ...rest } = options;
  return new TextRun({ text, font: font(eastAsia), language: { value: "zh-CN", eastAsia: "zh-CN" }, ...rest });
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: "000000" };

function table(columns: TableColumn[], rows: string[][]): Table {
  // Widths from the content (table-layout.ts), in points, estimated for the fonts Word, WPS and
  // LibreOffice will set; a smaller size when the figures alone are wider than the line.
  const basePt = SIZE.table / PT;
  const plan = layoutTable(
    columns,
    rows,
    TEXT_WIDTH / 20,
    (text, bold) => estimateWidth(text, basePt, bold),
    CELL_MARGIN / 20 + 1,
  );
  const size = Math.round(SIZE.table * plan.fontScale);
  const twips = plan.widths.map((w) => Math.floor(w * 20));
  const cell = (text: string, index: number, header: boolean) => {
    const column = columns[index]!;
    return new TableCell({
      width: { size: twips[index]!, type: WidthType.DXA },
      shading: header ? { type: ShadingType.CLEAR, fill: "E7E6E6", color: "auto" } : undefined,
      margins: { top: 40, bottom: 40, left: CELL_MARGIN, right: CELL_MARGIN },
      children: text.split("\n").map(
        (line) =>
          new Paragraph({
            // No automatic space between Chinese and figures in a cell: widths stay as computed.
            autoSpaceEastAsianText: false,
            alignment: header
              ? AlignmentType.CENTER
              : column.align === "right"
                ? AlignmentType.RIGHT
                : column.align === "center"
                  ? AlignmentType.CENTER
                  : AlignmentType.LEFT,
            children: [run(line, { size, bold: header, eastAsia: header ? DOCX_FONTS.heading : DOCX_FONTS.body })],
          }),
      ),
    });
  };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: twips,
    layout: TableLayoutType.FIXED,
    borders: { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c.header, i, true)) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, i, false)) })),
    ],
  });
}

function render(block: BulletinBlock): (Paragraph | Table)[] {
  const line = (style: (typeof BorderStyle)[keyof typeof BorderStyle], size: number, color: string) => ({
    style,
    size,
    color,
    space: 1,
  });
  const bodyParagraph = (text: string) =>
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: SIZE.body * 10 * 2 }, // two characters, in twips (size is in half-points)
      spacing: { line: 560, lineRule: "exact" }, // 28 pt lines, as printed bulletins use
      children: [run(text, { size: SIZE.body })],
    });
  switch (block.kind) {
    case "redHeader":
      // 红头: the issuer in red, 期号 left and 文号 right, the red rule under them.
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: 240, after: 360 },
          children: [run(block.issuer, { size: SIZE.redHeader, eastAsia: DOCX_FONTS.title, color: RED })],
        }),
        new Paragraph({
          tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
          border: { bottom: line(BorderStyle.SINGLE, 18, RED) },
          spacing: { after: 360 },
          children: [run(block.issueLabel, { size: SIZE.body }), run(`\t${block.docNumber}`, { size: SIZE.body })],
        }),
      ];
    case "signature":
      return [
        new Paragraph({ children: [] }),
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          indent: { right: SIZE.body * 10 * 2 },
          children: [run(block.issuer, { size: SIZE.body })],
        }),
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          indent: { right: SIZE.body * 10 * 4 },
          children: [run(block.date, { size: SIZE.body })],
        }),
      ];
    case "closing":
      // 版记 at the end of the document, between rules (GB/T 9704: 四号 仿宋).
      return [
        new Paragraph({ children: [], spacing: { before: 480 } }),
        new Paragraph({
          keepNext: true,
          border: { top: line(BorderStyle.SINGLE, 8, "000000"), bottom: line(BorderStyle.SINGLE, 4, "000000") },
          indent: { left: 280, right: 280 },
          children: [run(`抄送：${block.copyTo}`, { size: 14 * PT })],
        }),
        new Paragraph({
          tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - 560 }],
          border: { bottom: line(BorderStyle.SINGLE, 8, "000000") },
          indent: { left: 280, right: 280 },
          children: [run(block.printedBy, { size: 14 * PT }), run(`\t${block.printedOn}`, { size: 14 * PT })],
        }),
      ];
    case "title":
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: 240, after: 240 },
          children: [run(block.text, { size: SIZE.title, eastAsia: DOCX_FONTS.title })],
        }),
      ];
    case "meta":
      return [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(block.text, { size: SIZE.meta })] })];
    case "heading":
      return [
        new Paragraph({
          spacing: { before: 200, after: 100 },
          indent: { firstLine: SIZE.body * 10 * 2 },
          keepNext: true,
          children: [run(block.text, { size: SIZE.heading, eastAsia: DOCX_FONTS.heading })],
        }),
      ];
    case "paragraph":
      return [bodyParagraph(block.text)];
    case "narrative":
      return [
        new Paragraph({
          keepNext: true,
          indent: { firstLine: SIZE.body * 10 * 2 },
          children: [run(block.head, { size: SIZE.body, bold: true })],
        }),
        bodyParagraph(block.text),
      ];
    case "table":
      return [
        ...(block.caption
          ? [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                keepNext: true,
                spacing: { before: 120, after: 60 },
                children: [run(block.caption, { size: SIZE.table + 2, eastAsia: DOCX_FONTS.heading })],
              }),
            ]
          : []),
        table(block.columns, block.rows),
        new Paragraph({ children: [] }),
      ];
  }
}

/** Elements that follow w:overflowPunct in a paragraph's properties (ECMA-376 CT_PPrBase order). */
const AFTER_OVERFLOW_PUNCT =
  /<w:(topLinePunct|autoSpaceDE|autoSpaceDN|bidi|adjustRightInd|snapToGrid|spacing|ind|contextualSpacing|mirrorIndents|suppressOverlap|jc|textDirection|textAlignment|textboxTightWrap|outlineLvl|divId|cnfStyle|rPr|sectPr|pPrChange)\b/;

/**
 * Every paragraph without hanging punctuation (标点悬挂, on by default in LibreOffice and WPS): a closing
 * mark takes the character before it to the next line instead of standing in the margin.
 */
function withoutHangingPunctuation(xml: string): string {
  const mark = '<w:overflowPunct w:val="0"/>';
  const withProps = xml.replace(/<w:pPr>([\s\S]*?)<\/w:pPr>/g, (_, inner: string) => {
    const at = inner.search(AFTER_OVERFLOW_PUNCT);
    return `<w:pPr>${at < 0 ? inner + mark : inner.slice(0, at) + mark + inner.slice(at)}</w:pPr>`;
  });
  // Paragraphs without properties get them.
  return withProps.replace(/<w:p>(?!<w:pPr>)/g, `<w:p><w:pPr>${mark}</w:pPr>`);
}

/** Adds w:altName fallbacks to the fonts the document names (see the module comment). */
async function addFontFallbacks(bytes: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const entry = zip.file("word/fontTable.xml");
  if (!entry) return bytes;
  let xml = await entry.async("string");
  const declarations = Object.entries(DOCX_FONT_FALLBACKS)
    .filter(([name]) => !xml.includes(`w:name="${name}"`))
    .map(([name, alt]) => `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/></w:font>`)
    .join("");
  // The table may be empty and written as a self-closing element.
  xml = xml.includes("</w:fonts>")
    ? xml.replace("</w:fonts>", `${declarations}</w:fonts>`)
    : xml.replace(/<w:fonts([^>]*)\/>/, `<w:fonts$1>${declarations}</w:fonts>`);
  zip.file("word/fontTable.xml", xml);
  // No hanging punctuation (标点悬挂): a closing mark pulls the character before it to the next line
  // instead of standing in the margin, so nothing prints outside the type area.
  const styles = zip.file("word/styles.xml");
  if (styles) {
    zip.file(
      "word/styles.xml",
      (await styles.async("string")).replace(
        "<w:pPrDefault/>",
        '<w:pPrDefault><w:pPr><w:overflowPunct w:val="0"/></w:pPr></w:pPrDefault>',
      ),
    );
  }
  // docx writes autoSpaceDN only (digits); Latin words (5G) get autoSpaceDE, which must come first.
  const body = zip.file("word/document.xml");
  if (body) {
    const text = (await body.async("string")).replace(
      /<w:autoSpaceDN w:val="(false|0)"\/>/g,
      '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>',
    );
    zip.file("word/document.xml", withoutHangingPunctuation(text));
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

export async function buildBulletinDocx(
  blocks: BulletinBlock[],
  info: { title: string; author: string; date: Date },
): Promise<Buffer> {
  const document = new Document({
    title: info.title,
    creator: info.author,
    lastModifiedBy: info.author,
    styles: {
      default: {
        document: {
          run: { font: font(DOCX_FONTS.body), size: SIZE.body, language: { value: "zh-CN", eastAsia: "zh-CN" } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 }, // A4
            margin: MARGIN,
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  run("— ", { size: 14 * PT }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 14 * PT, font: font(DOCX_FONTS.body) }),
                  run(" —", { size: 14 * PT }),
                ],
              }),
            ],
          }),
        },
        children: blocks.flatMap(render),
      },
    ],
  });
  return addFontFallbacks(await Packer.toBuffer(document));
}
