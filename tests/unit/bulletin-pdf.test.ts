/**
 * The PDF exporter on its own: fonts from node_modules, Chinese text extractable again, long tables
 * broken across pages with the header repeated, Chinese line-breaking (no line starts with a closing
 * punctuation mark), page numbers.
 */
import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import type { BulletinBlock } from "../../lib/reports/bulletin-document";
import { buildBulletinPdf } from "../../lib/reports/bulletin-pdf";

async function pages(bytes: Buffer): Promise<string[]> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).pages.map((p) => p.text);
  } finally {
    await parser.destroy();
  }
}

describe("buildBulletinPdf", () => {
  const info = { title: "数字强省建设工作进展通报（2023年第3期）", author: "办公室", date: new Date("2023-07-03") };
  const paragraph = "推进全省一体化大数据平台建设，完善数据资源目录，".repeat(12) + "加快数据共享。";
  const blocks: BulletinBlock[] = [
    { kind: "title", text: info.title },
    { kind: "meta", text: "山东省数字强省建设领导小组办公室" },
    { kind: "heading", text: "一、总体情况" },
    { kind: "paragraph", text: paragraph },
    {
      kind: "table",
      caption: "表4 滞后和存在风险的任务清单",
      testId: "t",
      columns: [
        { header: "序号", width: 1, align: "center" },
        { header: "任务", width: 6 },
        { header: "牵头单位", width: 3 },
      ],
      rows: Array.from({ length: 90 }, (_, i) => [
        String(i + 1),
        `任务第${i + 1}项：建设5G全连接工厂`,
        "省工业和信息化厅",
      ]),
    },
  ];

  it("writes selectable Chinese text, repeats table headers on every page and numbers the pages", async () => {
    const bytes = await buildBulletinPdf(blocks, info);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = await pages(bytes);
    expect(text.length).toBeGreaterThanOrEqual(3);
    const all = text.join("\n");
    const flat = all.replace(/\s+/g, "");
    expect(flat).toContain(info.title);
    expect(flat).toContain(paragraph);
    for (let i = 1; i <= 90; i++) expect(flat).toContain(`任务第${i}项：建设5G全连接工厂`);
    text.slice(1).forEach((page, i) => {
      expect(page).toContain("牵头单位");
      expect(page).toContain(`— ${i + 2} —`);
    });
    // Chinese line-breaking: closing punctuation never starts a line.
    for (const line of all.split("\n")) expect(line.trimStart()).not.toMatch(/^[，。、；：！？）》]/);
  });

  it("stays small: only the glyphs used are embedded", async () => {
    const bytes = await buildBulletinPdf(blocks.slice(0, 3), info);
    expect(bytes.byteLength).toBeLessThan(200_000);
  });
});
