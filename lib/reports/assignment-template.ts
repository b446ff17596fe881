/**
 * The 任务分工表 template of one document: one row per current task (编号, 标题, 原文单位, the current
 * 牵头/责任/配合单位, 完成时限, 备注 empty), as an Excel workbook — the tasks sheet first (frozen header,
 * drop-down lists of the registry's units), an instructions sheet and a hidden sheet holding the unit
 * names — or as a UTF-8 CSV with BOM. Pure: rows in, bytes out.
 *
 * The drop-downs reference the hidden sheet's range ('单位名录'!$A$1:$A$n), never an inline list: Excel
 * limits an inline list to 255 characters, far less than the registry. A list validation only offers one
 * name per pick, so the error alert is off — a cell may hold several names separated by 、.
 */
import ExcelJS from "exceljs";
import { ASSIGNMENT_COLUMNS, type AssignmentColumn } from "../domain/assignment-import";
import type { Messages } from "../../messages/zh-CN";
import { csvField } from "./task-export";

type M = Messages["assignmentImport"];

export interface TemplateTask {
  number: string;
  title: string;
  source: string;
  current: {
    lead: { name: string }[];
    responsible: { name: string }[];
    cooperating: { name: string }[];
    deadline: string | null;
  };
  textDeadline: string | null;
}

const WIDTHS: Record<AssignmentColumn, number> = {
  number: 10,
  title: 48,
  source: 30,
  lead: 28,
  responsible: 28,
  cooperating: 28,
  deadline: 14,
  note: 30,
};

/** Rows below the listed tasks that still get the drop-downs (a task added by hand, a copied row). */
const SPARE_ROWS = 50;

const names = (units: { name: string }[]) => units.map((u) => u.name).join("、");

function cellsOf(task: TemplateTask): Record<AssignmentColumn, string> {
  return {
    number: task.number,
    title: task.title,
    source: task.source,
    lead: names(task.current.lead),
    responsible: names(task.current.responsible),
    cooperating: names(task.current.cooperating),
    deadline: task.current.deadline ?? task.textDeadline ?? "",
    note: "",
  };
}

export async function buildAssignmentTemplateXlsx(tasks: TemplateTask[], units: string[], m: M): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(m.template.sheet, { views: [{ state: "frozen", ySplit: 1, xSplit: 1 }] });
  sheet.columns = ASSIGNMENT_COLUMNS.map((column) => ({
    key: column,
    header: m.columns[column],
    width: WIDTHS[column],
    // Numbers and dates as text: "1.10" stays 1.10, "2025-12-31" stays what was typed.
    style: column === "number" || column === "deadline" ? { numFmt: "@" } : {},
  }));
  for (const task of tasks) sheet.addRow(cellsOf(task));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } };
  // The columns that are not read, in grey.
  for (const column of ["title", "source"] as const) {
    sheet.getColumn(ASSIGNMENT_COLUMNS.indexOf(column) + 1).font = { color: { argb: "FF64748B" } };
  }
  header.font = { bold: true };

  const help = workbook.addWorksheet(m.template.instructionsSheet);
  help.getColumn(1).width = 120;
  help.addRow([m.title]).font = { bold: true, size: 14 };
  Object.values(m.template.instructions).forEach((line, index) => {
    help.addRow([`${index + 1}. ${line}`]).alignment = { wrapText: true, vertical: "top" };
  });

  const list = workbook.addWorksheet(m.template.listSheet, { state: "hidden" });
  units.forEach((name, index) => (list.getCell(index + 1, 1).value = name));
  if (units.length > 0) {
    const range = `'${m.template.listSheet}'!$A$1:$A$${units.length}`;
    const last = tasks.length + 1 + SPARE_ROWS;
    for (const column of ["lead", "responsible", "cooperating"] as const) {
      const index = ASSIGNMENT_COLUMNS.indexOf(column) + 1;
      for (let row = 2; row <= last; row++) {
        sheet.getCell(row, index).dataValidation = {
          type: "list",
          allowBlank: true,
          formulae: [range],
          showErrorMessage: false,
          showInputMessage: true,
          promptTitle: m.columns[column],
          prompt: m.templateHint.slice(0, 250),
        };
      }
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** UTF-8 with a BOM (so Excel shows the Chinese), CRLF line ends, the same columns and rows. */
export function buildAssignmentTemplateCsv(tasks: TemplateTask[], m: M): Buffer {
  const lines = [ASSIGNMENT_COLUMNS.map((column) => csvField(m.columns[column])).join(",")];
  for (const task of tasks) {
    const cells = cellsOf(task);
    lines.push(ASSIGNMENT_COLUMNS.map((column) => csvField(cells[column])).join(","));
  }
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}
