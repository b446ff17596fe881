/**
 * The template for bulk entry of actual values: one pre-filled row per indicator the user may record
 * (key, name, unit; value left empty), as an Excel workbook (frozen header, a list to pick the source
 * from, an instructions sheet) or a UTF-8 CSV with BOM. Pure: indicators in, bytes out.
 */
import ExcelJS from "exceljs";
import { IMPORT_COLUMNS, SOURCE_CODES, SOURCE_LABELS, type ImportColumn } from "../domain/observation-import";
import type { Messages } from "../../messages/zh-CN";
import { csvField } from "./task-export";

export interface TemplateIndicator {
  key: string;
  name: string;
  unit: string;
}

type M = Messages["observationImport"];

const WIDTHS: Record<ImportColumn, number> = {
  key: 34,
  name: 40,
  unit: 10,
  value: 16,
  asOf: 14,
  source: 14,
  sourceDetail: 36,
  note: 30,
};

/** Rows that get the source list and text-formatted date cells, beyond the pre-filled ones. */
const EDITABLE_ROWS = 2000;

export async function buildObservationTemplateXlsx(indicators: TemplateIndicator[], m: M): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(m.template.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = IMPORT_COLUMNS.map((column) => ({
    key: column,
    header: m.columns[column],
    width: WIDTHS[column],
    // The date column as text: "2023-06-30" stays what was typed instead of a locale-formatted date.
    style: column === "asOf" ? { numFmt: "@" } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } };
  for (const indicator of indicators) {
    sheet.addRow({ key: indicator.key, name: indicator.name, unit: indicator.unit });
  }
  const sourceList = `"${SOURCE_CODES.map((code) => SOURCE_LABELS[code].zh).join(",")}"`;
  const sourceColumn = IMPORT_COLUMNS.indexOf("source") + 1;
  const last = Math.max(EDITABLE_ROWS, indicators.length + 1);
  for (let row = 2; row <= last; row++) {
    sheet.getCell(row, sourceColumn).dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: [sourceList],
      showErrorMessage: true,
      errorTitle: m.columns.source,
      error: m.issues.sourceUnknown.replace("“{text}”", "").replace("{text}", ""),
    };
  }
  // The informative columns in grey: they are not read.
  for (const column of ["name", "unit"] as const) {
    sheet.getColumn(IMPORT_COLUMNS.indexOf(column) + 1).font = { color: { argb: "FF64748B" } };
  }
  header.font = { bold: true };
  const help = workbook.addWorksheet(m.template.instructionsSheet);
  help.getColumn(1).width = 120;
  help.addRow([m.title]).font = { bold: true, size: 14 };
  Object.values(m.template.instructions).forEach((line, index) => {
    help.addRow([`${index + 1}. ${line}`]).alignment = { wrapText: true, vertical: "top" };
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** UTF-8 with a BOM (so Excel shows the Chinese), CRLF line ends, the same columns and pre-filled rows. */
export function buildObservationTemplateCsv(indicators: TemplateIndicator[], m: M): Buffer {
  const lines = [IMPORT_COLUMNS.map((column) => csvField(m.columns[column])).join(",")];
  for (const indicator of indicators) {
    lines.push(
      IMPORT_COLUMNS.map((column) =>
        column === "key" || column === "name" || column === "unit" ? csvField(indicator[column]) : "",
      ).join(","),
    );
  }
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}
