/**
 * Export of a task-list view: an Excel workbook for analysis and a CSV for anything else. Pure (rows in,
 * bytes out) so the tests can build a file and read it back without a server.
 */
import { utcDay, utcMidnight } from "../domain/dates";
import ExcelJS from "exceljs";
import type { Translate } from "../i18n/catalogue";
import type { TaskExportRow } from "../schemas/tasks";

export type ExportFileFormat = "xlsx" | "csv";

export const CONTENT_TYPES: Record<ExportFileFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

export interface ExportOptions {
  t: Translate;
  /** Origin the 链接 column points to, e.g. https://tracker.example.gov.cn */
  origin: string;
}

type CellValue = string | number | Date | null;

interface Column {
  header: string;
  width: number;
  kind: "text" | "number" | "date" | "link";
  value: (row: TaskExportRow, options: ExportOptions) => CellValue;
}

const joinUnits = (units: string[]) => units.join("、");

/** A date column holds a real date: midnight UTC of the calendar day, which Excel shows as that day. */
const toDate = (iso: string | null) => (iso ? utcMidnight(iso) : null);

function columns(t: Translate): Column[] {
  const c = (key: Parameters<Translate>[0]) => t(key);
  return [
    { header: c("taskList.export.document"), width: 22, kind: "text", value: (r) => r.document.shortTitle },
    { header: c("taskList.export.number"), width: 12, kind: "text", value: (r) => r.number },
    {
      header: c("taskList.export.section"),
      width: 28,
      kind: "text",
      value: (r) => (r.section ? r.section.title : null),
    },
    { header: c("taskList.export.task"), width: 70, kind: "text", value: (r) => r.text },
    { header: c("taskList.export.leadUnits"), width: 24, kind: "text", value: (r) => joinUnits(r.leadUnits) },
    {
      header: c("taskList.export.responsibleUnits"),
      width: 30,
      kind: "text",
      value: (r) => joinUnits(r.responsibleUnits),
    },
    {
      header: c("taskList.export.cooperatingUnits"),
      width: 24,
      kind: "text",
      value: (r) => joinUnits(r.cooperatingUnits),
    },
    {
      header: c("taskList.export.status"),
      width: 12,
      kind: "text",
      value: (r, o) => o.t(`taskList.status.${r.status}`),
    },
    { header: c("taskList.export.progress"), width: 9, kind: "number", value: (r) => r.progress },
    { header: c("taskList.export.nextDue"), width: 14, kind: "date", value: (r) => toDate(r.nextDueDate) },
    { header: c("taskList.export.deadline"), width: 14, kind: "date", value: (r) => toDate(r.deadline) },
    {
      header: c("taskList.export.overdue"),
      width: 10,
      kind: "text",
      value: (r, o) => o.t(r.overdue ? "taskList.export.yes" : "taskList.export.no"),
    },
    { header: c("taskList.export.link"), width: 36, kind: "link", value: (r, o) => `${o.origin}/tasks/${r.id}` },
  ];
}

export const SHEET_NAME_KEY = "taskList.export.sheet" as const;

export async function buildTasksXlsx(rows: TaskExportRow[], options: ExportOptions): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = options.t("app.fullName");
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(options.t(SHEET_NAME_KEY), {
    // The header stays visible while scrolling 50,000 rows.
    views: [{ state: "frozen", ySplit: 1 }],
  });
  const cols = columns(options.t);
  sheet.columns = cols.map((col, index) => ({
    key: String(index),
    header: col.header,
    width: col.width,
    style:
      col.kind === "date"
        ? { numFmt: "yyyy-mm-dd" }
        : col.kind === "number"
          ? { numFmt: "0" }
          : { alignment: { vertical: "top", wrapText: col.width >= 40 } },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      cols.map((col) => {
        const value = col.value(row, options);
        if (col.kind === "link" && typeof value === "string") return { text: value, hyperlink: value };
        return value;
      }),
    );
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab/CR) as a formula; a leading
 * apostrophe keeps a hostile or accidental one as text (OWASP "CSV injection").
 */
function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: quote a field that holds a quote, comma or line break, doubling inner quotes. */
export function csvField(value: CellValue, kind: Column["kind"] = "text"): string {
  if (value === null) return "";
  const text =
    value instanceof Date
      ? utcDay(value)
      : typeof value === "number"
        ? String(value)
        : kind === "text"
          ? neutraliseFormula(value)
          : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a byte-order mark (so Excel opens the Chinese text correctly), CRLF line ends. */
export function buildTasksCsv(rows: TaskExportRow[], options: ExportOptions): Buffer {
  const cols = columns(options.t);
  const lines = [cols.map((col) => csvField(col.header)).join(",")];
  for (const row of rows) lines.push(cols.map((col) => csvField(col.value(row, options), col.kind)).join(","));
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}

/**
 * Content-Disposition for a download: the Chinese name as RFC 5987 `filename*`, with an ASCII
 * `filename` for clients that do not read it.
 */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
  const safeAscii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${safeAscii}"; filename*=UTF-8''${encoded}`;
}

export function exportFileNames(format: ExportFileFormat, date: string, t: Translate): { name: string; ascii: string } {
  return { name: `${t("taskList.export.fileName")}-${date}.${format}`, ascii: `tasks-${date}.${format}` };
}
