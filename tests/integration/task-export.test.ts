/**
 * Export of a task-list view, built from the four real documents in a real PostgreSQL and read back:
 * the workbook with exceljs (sheet, header, frozen row, autofilter, typed cells, row count) and the CSV
 * by hand (BOM, RFC 4180 quoting, row count).
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_STATE, parseTaskListState, type TaskListState } from "../../lib/domain/task-filters";
import { createTranslator } from "../../lib/i18n/catalogue";
import {
  attachmentDisposition,
  buildTasksCsv,
  buildTasksXlsx,
  csvField,
  exportFileNames,
} from "../../lib/reports/task-export";
import type { TaskExportRow } from "../../lib/schemas/tasks";
import { listTasksForExport, searchTasks } from "../../lib/server/task-search";
import { setUpIntegrationDatabase } from "../support/integration";

const TODAY = "2026-11-23";
const HEADER = [
  "文件",
  "编号",
  "章节",
  "任务",
  "牵头单位",
  "责任单位",
  "配合单位",
  "状态",
  "进度(%)",
  "下一时间节点",
  "截止日期",
  "有逾期节点",
  "链接",
];
const t = createTranslator("zh-CN");
const options = { t, origin: "https://tracker.example" };

// lib/server is imported statically here: its process-wide client is this file's.
const db = setUpIntegrationDatabase({ documents: "all", singleton: "test" });

beforeAll(async () => {
  // Some variety in status and progress (the import leaves every task 未启动 at 0 %).
  await db.prisma.$executeRaw`
    UPDATE "task" SET "currentStatus" = 'LAGGING', "currentProgress" = 35, "statusUpdatedAt" = now()
    WHERE id IN (SELECT id FROM "task" ORDER BY id LIMIT 5)`;
});

async function readWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** RFC 4180 reader, enough to check our own output: quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += char;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

describe("listTasksForExport", () => {
  it("returns every row of the view, beyond one page, in the view's order", async () => {
    const state: TaskListState = { ...DEFAULT_STATE, pageSize: 20 };
    const [page, all] = await Promise.all([searchTasks(state, TODAY), listTasksForExport(state, TODAY)]);
    expect(all.total).toBe(page.total);
    expect(all.rows).toHaveLength(page.total);
    expect(all.truncated).toBe(false);
    expect(page.total).toBe(await db.prisma.task.count({ where: { retiredAt: null } }));
    expect(all.rows.slice(0, 20).map((r) => r.id)).toEqual(page.rows.map((r) => r.id));
  });

  it("carries sections and all three unit roles, and caps the rows", async () => {
    const { rows } = await listTasksForExport(parseTaskListState({ doc: "work-points-2023" }), TODAY);
    expect(rows.some((r) => r.leadUnits.length > 0 && r.responsibleUnits.length > 0)).toBe(true);
    expect(rows.every((r) => r.section !== null)).toBe(true);
    const capped = await listTasksForExport(DEFAULT_STATE, TODAY, 10);
    expect(capped.rows).toHaveLength(10);
    expect(capped.truncated).toBe(true);
    expect(capped.total).toBeGreaterThan(10);
  });

  it("shows each task's state: the plan names no units, so every task is 待明确责任单位 whatever its report", async () => {
    const { rows, total } = await listTasksForExport(parseTaskListState({ doc: "plan-2021-2025" }), TODAY);
    expect(total).toBe(
      await db.prisma.task.count({ where: { document: { slug: "plan-2021-2025" }, retiredAt: null } }),
    );
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["UNASSIGNED"]));
    const parsed = parseCsv(buildTasksCsv(rows, options).toString("utf8").slice(1));
    expect(new Set(parsed.slice(1).map((r) => r[7]))).toEqual(new Set(["待明确责任单位"]));
  });
});

describe("xlsx", () => {
  it("has a 任务 sheet with the header, frozen header row, autofilter and typed cells", async () => {
    const state = parseTaskListState({ overdue: "1", sort: "due" });
    const { rows, total } = await listTasksForExport(state, TODAY);
    expect(total).toBeGreaterThan(0);
    const workbook = await readWorkbook(await buildTasksXlsx(rows, options));
    const sheet = workbook.getWorksheet("任务")!;
    expect(sheet).toBeDefined();
    expect(workbook.worksheets).toHaveLength(1);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect(sheet.rowCount).toBe(total + 1);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe("A1:M1");
    expect(sheet.getColumn(4).width).toBeGreaterThan(sheet.getColumn(2).width!);

    const first = rows[0]!;
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe(first.document.shortTitle);
    expect(row.getCell(2).value).toBe(first.number);
    expect(row.getCell(4).value).toBe(first.text);
    expect(row.getCell(5).value).toBe(first.leadUnits.join("、"));
    expect(row.getCell(8).value).toBe(t(`taskList.status.${first.status}`));
    // Numbers as numbers, dates as dates.
    expect(row.getCell(9).value).toBe(first.progress);
    expect(row.getCell(9).type).toBe(ExcelJS.ValueType.Number);
    const due = row.getCell(10).value;
    expect(due).toBeInstanceOf(Date);
    expect((due as Date).toISOString().slice(0, 10)).toBe(first.nextDueDate);
    expect(row.getCell(10).numFmt).toBe("yyyy-mm-dd");
    const deadline = row.getCell(11).value;
    expect((deadline as Date).toISOString().slice(0, 10)).toBe(first.deadline);
    expect(row.getCell(12).value).toBe("是");
    expect(row.getCell(13).value).toEqual({
      text: `https://tracker.example/tasks/${first.id}`,
      hyperlink: `https://tracker.example/tasks/${first.id}`,
    });
  });

  it("writes an empty date cell for a task without a next due date, and 否 when not overdue", async () => {
    const { rows } = await listTasksForExport(parseTaskListState({ doc: "work-points-2022" }), TODAY);
    const index = rows.findIndex((r) => r.nextDueDate === null && !r.overdue);
    expect(index).toBeGreaterThanOrEqual(0);
    const sheet = (await readWorkbook(await buildTasksXlsx(rows, options))).getWorksheet("任务")!;
    expect(sheet.getRow(index + 2).getCell(10).value).toBeNull();
    expect(sheet.getRow(index + 2).getCell(12).value).toBe("否");
  });

  it("is a valid workbook with just the header for an empty view", async () => {
    const { rows, total } = await listTasksForExport(parseTaskListState({ q: "不存在的任务内容" }), TODAY);
    expect(total).toBe(0);
    const sheet = (await readWorkbook(await buildTasksXlsx(rows, options))).getWorksheet("任务")!;
    expect(sheet.rowCount).toBe(1);
  });
});

describe("csv", () => {
  it("is UTF-8 with a BOM, the same header, one line per task", async () => {
    const state = parseTaskListState({ doc: "work-points-2023" });
    const { rows, total } = await listTasksForExport(state, TODAY);
    const buffer = buildTasksCsv(rows, options);
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buffer.toString("utf8").slice(1);
    const parsed = parseCsv(text);
    expect(parsed[0]).toEqual(HEADER);
    expect(parsed).toHaveLength(total + 1);
    expect(parsed.every((r) => r.length === HEADER.length)).toBe(true);
    expect(parsed[1]![3]).toBe(rows[0]!.text);
  });

  it("quotes commas, quotes and line breaks (RFC 4180) and defuses formulas", () => {
    const row: TaskExportRow = {
      id: 7,
      number: "1",
      kind: "TASK",
      title: null,
      heading: "x",
      text: '含逗号,和"引号"\n以及换行',
      document: { slug: "d", shortTitle: "文件, 甲" },
      section: { path: "一", title: "一、总体" },
      status: "ON_TRACK",
      reportedStatus: "ON_TRACK",
      pastDue: false,
      deadline: "2027-06-30",
      progress: 20,
      nextDueDate: "2026-12-31",
      overdue: false,
      leadUnits: ['=HYPERLINK("x")'],
      responsibleUnits: ["省大数据局", "省工业和信息化厅"],
      cooperatingUnits: [],
    };
    const text = buildTasksCsv([row], options).toString("utf8").slice(1);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text).toContain('"含逗号,和""引号""\n以及换行"');
    const parsed = parseCsv(text);
    expect(parsed).toHaveLength(2);
    expect(parsed[1]).toEqual([
      "文件, 甲",
      "1",
      "一、总体",
      '含逗号,和"引号"\n以及换行',
      '\'=HYPERLINK("x")',
      "省大数据局、省工业和信息化厅",
      "",
      "按计划推进",
      "20",
      "2026-12-31",
      "2027-06-30",
      "否",
      "https://tracker.example/tasks/7",
    ]);
    expect(csvField("plain")).toBe("plain");
    expect(csvField("-3", "number")).toBe("-3");
    expect(csvField(null)).toBe("");
  });
});

describe("file name", () => {
  it("gives a Chinese RFC 5987 name with an ASCII fallback", () => {
    const names = exportFileNames("xlsx", "2026-11-23", t);
    expect(names).toEqual({ name: "任务清单-2026-11-23.xlsx", ascii: "tasks-2026-11-23.xlsx" });
    const header = attachmentDisposition(names.name, names.ascii);
    expect(header).toBe(
      `attachment; filename="tasks-2026-11-23.xlsx"; filename*=UTF-8''${encodeURIComponent("任务清单")}-2026-11-23.xlsx`,
    );
    expect(decodeURIComponent(header.split("''")[1]!)).toBe("任务清单-2026-11-23.xlsx");
    expect(attachmentDisposition("a'b(c).csv", 'bad"名.csv')).toBe(
      `attachment; filename="bad__.csv"; filename*=UTF-8''a%27b%28c%29.csv`,
    );
  });
});
