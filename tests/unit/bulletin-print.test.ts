/**
 * The bulletin as it prints. The Word file and the workbook are rendered by a real office suite
 * (LibreOffice headless, installed by `npm test`), the app's own PDF is read as it is; the text layer of
 * each PDF (poppler's pdftotext, with word positions) is then checked:
 * - every cell of a nowrap column (figures, dates, numbers with units, status words, 编号) — of every
 *   table the bulletin has, read from its table descriptions — stands whole on one line;
 * - no word leaves the type area, and no two words on a line overlap (text outside its cell would);
 * - money in 亿元 with two decimals, counts in 万个; no raw 元 figure;
 * - 红头 (issuer, 期号, 文号) and 版记 (抄送, 印发) when the official layout is on, none when off;
 * - the workbook prints one page wide with its header on every page, the summary on one page, and a
 *   sensible number of pages.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../lib/i18n/catalogue";
import type { BulletinMeta, BulletinSnapshot } from "../../lib/reports/bulletin";
import { composeBulletin } from "../../lib/reports/bulletin-document";
import { renderBulletinFile } from "../../lib/reports/bulletin-files";
import { isNowrap } from "../../lib/reports/table-layout";
import { bulletinFixture, fixtureMeta, officialMeta } from "../support/bulletin-fixture";

const MM = 72 / 25.4;
/** The type area of both files (GB/T 9704): left 28 mm, right 26 mm. */
const MARGIN = { left: 28 * MM, right: 26 * MM };

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "bulletin-print-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An office file rendered to PDF by LibreOffice, each call in its own profile (parallel workers). */
function officePdf(name: string, bytes: Buffer): string {
  const input = path.join(dir, name);
  writeFileSync(input, bytes);
  const out = path.join(dir, `${name}.out`);
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${dir}/profile-${name}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      out,
      input,
    ],
    { stdio: "ignore", timeout: 180_000 },
  );
  return path.join(out, `${path.parse(name).name}.pdf`);
}

function savePdf(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

interface Word {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
}
interface Page {
  width: number;
  height: number;
  /** Each line's words joined without spaces (pdftotext spaces Chinese from figures). */
  lines: string[];
  words: Word[];
  text: string;
}

const decode = (s: string) =>
  s.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&amp;", "&");

/** The PDF's text layer with positions: `pdftotext -bbox-layout`. */
function textLayer(pdf: string): Page[] {
  const html = execFileSync("pdftotext", ["-bbox-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 1 << 28 });
  return html
    .split("<page ")
    .slice(1)
    .map((chunk) => {
      const width = Number(/width="([\d.]+)"/.exec(chunk)![1]);
      const height = Number(/height="([\d.]+)"/.exec(chunk)![1]);
      const words: Word[] = [];
      const lines: string[] = [];
      for (const line of chunk.matchAll(/<line[^>]*>([\s\S]*?)<\/line>/g)) {
        const inLine: string[] = [];
        for (const w of line[1]!.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g,
        )) {
          const text = decode(w[4]!);
          words.push({ text, xMin: Number(w[1]), yMin: Number(w[2]), xMax: Number(w[3]) });
          inLine.push(text);
        }
        lines.push(inLine.join(""));
      }
      return { width, height, lines, words, text: lines.join("\n") };
    });
}

/** Every line of every cell of every nowrap column of the bulletin's tables. */
function nowrapCells(snapshot: BulletinSnapshot, meta: BulletinMeta): string[] {
  const cells = new Set<string>();
  for (const block of composeBulletin(snapshot, meta, createTranslator("zh-CN"), "zh-CN")) {
    if (block.kind !== "table") continue;
    block.columns.forEach((column, i) => {
      if (!isNowrap(column)) return;
      for (const row of block.rows) for (const line of row[i]!.split("\n")) if (line !== "—") cells.add(line);
    });
  }
  return [...cells];
}

function expectWhole(pages: Page[], cells: string[], what: string) {
  const lines = pages.flatMap((p) => p.lines);
  const broken = cells.filter((cell) => !lines.some((line) => line.includes(cell)));
  expect(broken, `${what}: cells broken across lines`).toEqual([]);
}

/**
 * Every word inside the type area. `hangingPunctuation` (points): how far a closing mark may stand in
 * the right margin — LibreOffice hangs punctuation (标点悬挂) in body text whatever w:overflowPunct says
 * (it reads the element as "hanging" for any value); Word and WPS honour w:overflowPunct="0".
 */
function expectInsideTypeArea(pages: Page[], what: string, hangingPunctuation = 0) {
  for (const [n, page] of pages.entries()) {
    for (const w of page.words) {
      expect(w.xMin, `${what} p.${n + 1} "${w.text}" left of the margin`).toBeGreaterThanOrEqual(MARGIN.left - 1.5);
      const hangs = /[，。、；：！？）》」』”’]$/.test(w.text) ? hangingPunctuation : 0;
      expect(w.xMax, `${what} p.${n + 1} "${w.text}" right of the margin`).toBeLessThanOrEqual(
        page.width - MARGIN.right + 1.5 + hangs,
      );
    }
  }
}

/** Words sharing a baseline never overlap: a text running out of its cell would write over the next. */
function expectNoOverlap(pages: Page[], what: string) {
  for (const [n, page] of pages.entries()) {
    const rows = new Map<number, Word[]>();
    for (const w of page.words) {
      const key = Math.round(w.yMin);
      rows.set(key, [...(rows.get(key) ?? []), w]);
    }
    for (const words of rows.values()) {
      words.sort((a, b) => a.xMin - b.xMin);
      for (let i = 1; i < words.length; i++) {
        expect(
          words[i]!.xMin,
          `${what} p.${n + 1}: "${words[i - 1]!.text}" runs into "${words[i]!.text}"`,
        ).toBeGreaterThanOrEqual(words[i - 1]!.xMax - 0.5);
      }
    }
  }
}

describe("the bulletin as printed", () => {
  const snapshot = bulletinFixture(60);
  const cells = nowrapCells(snapshot, officialMeta);

  it("checks real cells: figures in their printed unit, dates in one Chinese form", () => {
    expect(cells).toEqual(
      expect.arrayContaining(["300.13", ">14,000", "4,024.91", "16.23", "2023年12月31日", "符合序时进度", "（三）1"]),
    );
  });

  it("Word, rendered by LibreOffice: figures, dates and status words whole; nothing outside the type area", async () => {
    const pages = textLayer(officePdf("official.docx", await renderBulletinFile("docx", snapshot, officialMeta)));
    const body = pages.map((p) => ({ ...p, words: p.words.filter((w) => !/^—?\d+—?$|^—$/.test(w.text)) }));
    expectWhole(pages, cells, "docx");
    // One closing mark of the 16-pt body may hang (see expectInsideTypeArea); table cells are checked
    // by the overlap rule, which no hanging mark passes.
    expectInsideTypeArea(body, "docx", 16.5);
    expectNoOverlap(pages, "docx");
    // Names wrap (they may): read each cell's lines together.
    const text = pages.map((p) => p.lines.join("")).join("");
    expect(text).toContain("数字经济核心产业增加值（亿元）");
    expect(text).toContain("5G基站（万个）");
    expect(text).not.toMatch(/30,013,172,629|402,490,824,731/);
    // At the seed's scale a bulletin stays a short document.
    expect(pages.length).toBeGreaterThanOrEqual(5);
    expect(pages.length).toBeLessThanOrEqual(24);
  }, 240_000);

  it("the app's PDF passes the same checks", async () => {
    const pages = textLayer(savePdf("plain.pdf", await renderBulletinFile("pdf", snapshot, fixtureMeta)));
    const body = pages.map((p) => ({ ...p, words: p.words.filter((w) => !/^—$|^\d+$/.test(w.text)) }));
    expectWhole(pages, nowrapCells(snapshot, fixtureMeta), "pdf");
    expectInsideTypeArea(body, "pdf");
    expectNoOverlap(pages, "pdf");
    const text = pages.map((p) => p.text).join("\n");
    expect(text).toContain("数字经济核心产业增加值（亿元）");
    expect(text).not.toMatch(/30,013,172,629|402,490,824,731/);
  }, 120_000);

  it("a table too wide for the line is set smaller rather than breaking a figure", async () => {
    const wide = bulletinFixture(3);
    wide.indicators = wide.indicators.map((i) => ({ ...i, name: `${i.name}（含跨年度累计口径、按季度更新）` }));
    wide.laggingTasks = wide.laggingTasks.map((t) => ({ ...t, number: `（十二）${t.number}-附表`, progress: 100 }));
    const pages = textLayer(savePdf("wide.pdf", await renderBulletinFile("pdf", wide, fixtureMeta)));
    expectWhole(pages, nowrapCells(wide, fixtureMeta), "pdf");
    expectNoOverlap(pages, "pdf");
  }, 120_000);

  it("红头, 文号 and 版记 when the official layout is on, none when off — in Word and PDF", async () => {
    const official = {
      docx: textLayer(officePdf("on.docx", await renderBulletinFile("docx", snapshot, officialMeta))),
      pdf: textLayer(savePdf("on.pdf", await renderBulletinFile("pdf", snapshot, officialMeta))),
    };
    const plain = {
      docx: textLayer(officePdf("off.docx", await renderBulletinFile("docx", snapshot, fixtureMeta))),
      pdf: textLayer(savePdf("off.pdf", await renderBulletinFile("pdf", snapshot, fixtureMeta))),
    };
    for (const [format, pages] of Object.entries(official)) {
      const first = pages[0]!.lines.filter((l) => l.trim());
      // The issuer first, then 期号 and 文号, then the title.
      expect(first[0], format).toBe("山东省数字强省建设领导小组办公室");
      expect(first.slice(1, 3).join(""), format).toContain("2026年第5期");
      expect(first.slice(1, 3).join(""), format).toContain("鲁数字办〔2026〕5号");
      const last = pages.at(-1)!.lines.join("");
      expect(last, format).toContain("抄送：省委办公厅，省人大常委会办公厅，省政协办公厅，各市人民政府");
      expect(last, format).toContain("2026年11月3日印发");
    }
    for (const [format, pages] of Object.entries(plain)) {
      const text = pages.map((p) => p.text).join("\n");
      expect(text, format).not.toContain("鲁数字办");
      expect(text, format).not.toContain("抄送");
      expect(text, format).not.toContain("印发");
    }
    // The 红头 is red: the issuer's run in the Word file.
    const zip = await JSZip.loadAsync(await renderBulletinFile("docx", snapshot, officialMeta));
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toMatch(/<w:color w:val="FF0000"\/>[\s\S]{0,400}山东省数字强省建设领导小组办公室/);
  }, 300_000);

  it("the workbook prints one page wide, header on every page, units whole, the summary on one page", async () => {
    const pages = textLayer(officePdf("sheets.xlsx", await renderBulletinFile("xlsx", snapshot, fixtureMeta)));
    for (const page of pages) for (const w of page.words) expect(w.xMax).toBeLessThanOrEqual(page.width);
    // Summary: one page, first and last items on it.
    expect(pages[0]!.text).toContain("项目");
    expect(pages[0]!.text).toContain("完成率：数字基础设施");
    // The task sheet: every page has the whole header row (all columns on one page wide).
    const taskPages = pages.filter((p) => p.text.includes("滞后任务清单") || p.text.includes("本期新完成"));
    expect(taskPages.length).toBeGreaterThan(0);
    for (const page of taskPages) {
      for (const header of ["部分", "序号", "任务", "牵头单位", "上期状态", "存在问题", "ID"]) {
        expect(page.text).toContain(header);
      }
    }
    const indicators = pages.find((p) => p.text.includes("数字经济核心产业增加值"))!;
    expect(indicators.lines.some((l) => l.includes("亿元"))).toBe(true);
    expect(indicators.lines.some((l) => l.includes("300.13"))).toBe(true);
    expect(indicators.text).not.toContain("30,013,172,629");
    // The 20 pages for the seed were labels and values on separate pages.
    expect(pages.length).toBeLessThanOrEqual(10);
  }, 240_000);

  it("the slide deck, rendered by LibreOffice: title, overall figures, charts, lagging lists, one slide per unit", async () => {
    const pages = textLayer(officePdf("deck.pptx", await renderBulletinFile("pptx", snapshot, officialMeta)));
    const units = new Set(snapshot.laggingTasks.flatMap((t) => t.leadUnits));
    // Title, overall, two charts, lagging tasks, indicators, then one per unit.
    expect(pages.length).toBe(6 + units.size);
    const text = pages.map((p) => p.lines.join("")).join("\n");
    expect(pages[0]!.lines.join("")).toContain("数字强省建设工作进展通报（2026年第5期）");
    for (const title of ["总体情况", "各文件任务推进情况", "各领域任务推进情况", "滞后和存在风险的任务（60项）"]) {
      expect(text).toContain(title);
    }
    expect(text).toContain("数字经济核心产业增加值（亿元）");
    expect(text).not.toContain("30,013,172,629");
    for (const unit of units) expect(text).toContain(`${unit}：滞后和存在风险的任务`);
    // Lists are cut per slide, with a pointer to the workbook.
    expect(text).toContain("（列出前8项，另有52项见本期通报Excel附表。）");
    // The charts carry their categories (documents) as text.
    expect(text).toContain("山东省数字政府建设实施方案");
    for (const page of pages) for (const w of page.words) expect(w.xMax).toBeLessThanOrEqual(page.width + 0.5);
  }, 240_000);

  it("a long workbook stays one page wide and grows by whole pages of rows", async () => {
    const big = bulletinFixture(1500);
    const pages = textLayer(officePdf("big.xlsx", await renderBulletinFile("xlsx", big, fixtureMeta)));
    const taskPages = pages.filter((p) => p.text.includes("滞后任务清单"));
    for (const page of taskPages) expect(page.text).toContain("存在问题");
    // About 25 rows of two lines a page: 1,500 rows in well under 100 pages.
    expect(taskPages.length).toBeGreaterThan(15);
    expect(pages.length).toBeLessThanOrEqual(100);
  }, 300_000);
});
