/**
 * The bulletin for analysis: an Excel workbook with four sheets (汇总 summary, 滞后任务 tasks, 指标
 * indicators, 未报送单位 departments) and a CSV of the task list. Typed cells (numbers are numbers,
 * shares are percentages, dates are dates), a frozen header row and filters on every list sheet, as in
 * the task-list export (task-export.ts, whose CSV helpers are reused).
 *
 * The CSV holds the tasks sheet — lagging/at-risk tasks, the tasks completed in the period and the tasks without a
 * responsible unit (待明确责任单位), with a section column — because that is the list people paste elsewhere;
 * the other tables are in the workbook.
 */
import { utcMidnight } from "../domain/dates";
import { printMagnitude, printedDecimals } from "../domain/indicator-units";
import ExcelJS from "exceljs";
import { INDICATOR_STATUSES } from "../domain/indicator-status";
import { COMPARATOR_SYMBOL } from "../domain/indicator-status";
import { TASK_STATES } from "../domain/task-state";
import type { Translate } from "../i18n/catalogue";
import { indicatorsInAttentionOrder, type BulletinMeta, type BulletinSnapshot, type BulletinTask } from "./bulletin";
import { csvField } from "./task-export";

type Kind = "text" | "integer" | "percent" | "date" | "number";
type Value = string | number | Date | null;

interface SheetColumn<R> {
  header: string;
  /** For text: the widest it gets before it wraps. */
  width: number;
  kind: Kind;
  value: (row: R) => Value;
  /** A number format per row (a figure's decimals follow its unit). */
  numFmt?: (row: R) => string;
}

const NUM_FMT: Record<Kind, string | undefined> = {
  text: undefined,
  integer: "0",
  percent: "0.0%",
  date: 'yyyy"年"m"月"d"日"',
  number: "#,##0.####",
};

const toDate = (iso: string | null | undefined) => (iso ? utcMidnight(iso) : null);

/** A figure's number format: two decimals once rescaled to 万/亿, else up to four (lib/domain/indicator-units.ts). */
const figureFormat = (divisor: number) => (printedDecimals(divisor) === 2 ? "#,##0.00" : "#,##0.####");

interface TaskRow extends BulletinTask {
  section: string;
  index: number;
}

function taskColumns(t: Translate): SheetColumn<TaskRow>[] {
  return [
    { header: t("bulletin.sheet.section"), width: 14, kind: "text", value: (r) => r.section },
    { header: t("bulletin.doc.col.index"), width: 7, kind: "integer", value: (r) => r.index },
    { header: t("bulletin.doc.col.document"), width: 22, kind: "text", value: (r) => r.document },
    { header: t("bulletin.doc.col.number"), width: 10, kind: "text", value: (r) => r.number },
    { header: t("bulletin.doc.col.task"), width: 44, kind: "text", value: (r) => r.heading },
    { header: t("bulletin.doc.col.leadUnits"), width: 26, kind: "text", value: (r) => r.leadUnits.join("、") },
    { header: t("bulletin.doc.col.status"), width: 12, kind: "text", value: (r) => t(`taskList.status.${r.status}`) },
    {
      header: t("bulletin.doc.col.previousStatus"),
      width: 12,
      kind: "text",
      value: (r) => t(`taskList.status.${r.previousStatus}`),
    },
    { header: `${t("bulletin.doc.col.progress")}（%）`, width: 9, kind: "integer", value: (r) => r.progress },
    { header: t("bulletin.doc.col.problems"), width: 30, kind: "text", value: (r) => r.problems || null },
    { header: "ID", width: 8, kind: "integer", value: (r) => r.taskId },
  ];
}

function taskRows(snapshot: BulletinSnapshot, t: Translate): TaskRow[] {
  return [
    ...snapshot.laggingTasks.map((task, i) => ({ ...task, section: t("bulletin.sheet.lagging"), index: i + 1 })),
    ...snapshot.newlyCompleted.map((task, i) => ({
      ...task,
      section: t("bulletin.sheet.newlyCompleted"),
      index: i + 1,
    })),
    ...(snapshot.unassignedTasks ?? []).map((task, i) => ({
      ...task,
      section: t("bulletin.sheet.unassigned"),
      index: i + 1,
    })),
  ];
}

/** Column width in Excel's units (about one Latin character): a Chinese character counts two. */
function textWidth(value: Value, kind: Kind): number {
  if (value === null) return 0;
  if (value instanceof Date) return 11;
  if (typeof value === "number") {
    if (kind === "percent") return 7;
    return new Intl.NumberFormat("en", { maximumFractionDigits: 4 }).format(value).length + 1;
  }
  let width = 0;
  for (const ch of value) width += /[\u0000-\u00ff]/.test(ch) ? 1.1 : 2.1;
  return width;
}

/** Widths from the content (header and every cell), text columns capped at `max` and wrapped there. */
function contentWidths<R>(columns: SheetColumn<R>[], rows: R[]): number[] {
  return columns.map((col) => {
    let width = textWidth(col.header, "text");
    for (const row of rows) width = Math.max(width, textWidth(col.value(row), col.kind));
    // Text wraps past the cap; figures, dates and short labels never do, so they get all they need.
    return Math.ceil(Math.min(Math.max(width + 2, 6), col.kind === "text" ? col.width : 40));
  });
}

/**
 * Print setup: A4, landscape when the columns are wider than a portrait page holds, one page wide (as
 * many tall as it takes), the header row repeated on every page, centred horizontally.
 */
function printable(sheet: ExcelJS.Worksheet, widths: number[], onePage = false): void {
  const total = widths.reduce((a, b) => a + b, 0);
  sheet.pageSetup = {
    paperSize: 9,
    orientation: total > 95 ? "landscape" : "portrait",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: onePage ? 1 : 0,
    horizontalCentered: true,
    printTitlesRow: "1:1",
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: "&C第 &P 页，共 &N 页" };
}

function addListSheet<R>(workbook: ExcelJS.Workbook, name: string, columns: SheetColumn<R>[], rows: R[]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  const widths = contentWidths(columns, rows);
  sheet.columns = columns.map((col, index) => ({
    key: String(index),
    header: col.header,
    width: widths[index],
    style: {
      ...(NUM_FMT[col.kind] ? { numFmt: NUM_FMT[col.kind] } : {}),
      alignment: { vertical: "top", wrapText: col.kind === "text" && widths[index]! >= col.width },
    },
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { vertical: "middle", wrapText: true };
  for (const row of rows) {
    const values = columns.map((col) => col.value(row));
    const added = sheet.addRow(values);
    columns.forEach((col, i) => {
      const format = col.numFmt?.(row);
      if (format) added.getCell(i + 1).numFmt = format;
    });
    // Wrapped text needs its height set: not every reader sizes rows on opening (LibreOffice does not).
    const lines = Math.max(
      1,
      ...columns.map((col, i) =>
        col.kind === "text" ? Math.ceil(textWidth(values[i]!, "text") / (widths[i]! - 1)) : 1,
      ),
    );
    if (lines > 1) added.height = lines * 14;
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  printable(sheet, widths);
}

export async function buildBulletinXlsx(snapshot: BulletinSnapshot, meta: BulletinMeta, t: Translate): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.issuer;
  workbook.title = meta.title;
  workbook.created = new Date(snapshot.generatedAt);
  const s = snapshot.summary;

  // 汇总: item / value pairs, then the completion tables as further rows.
  const summaryRows: { item: string; value: Value; kind: Kind }[] = [
    { item: t("bulletin.sheet.title"), value: meta.title, kind: "text" },
    { item: t("bulletin.sheet.period"), value: `${snapshot.period.start} – ${snapshot.period.end}`, kind: "text" },
    { item: t("bulletin.sheet.issuer"), value: meta.issuer, kind: "text" },
    { item: t("bulletin.sheet.issuedOn"), value: toDate(meta.issuedOn), kind: "date" },
    { item: t("bulletin.sheet.version"), value: meta.version, kind: "integer" },
    { item: t("bulletin.sheet.tasksTotal"), value: s.totalTasks, kind: "integer" },
    ...(s.asOf ? [{ item: t("bulletin.sheet.asOf"), value: toDate(s.asOf), kind: "date" as const }] : []),
    ...TASK_STATES.map((status) => ({
      item: t("bulletin.sheet.statusCount", { status: t(`taskList.status.${status}`) }),
      value: s.byStatus[status],
      kind: "integer" as const,
    })),
    // No previous data: the cells say so rather than show a zero that would read as a fact.
    ...TASK_STATES.map((status) =>
      s.previousByStatus
        ? {
            item: t("bulletin.sheet.statusPrevious", { status: t(`taskList.status.${status}`) }),
            value: s.previousByStatus[status],
            kind: "integer" as const,
          }
        : {
            item: t("bulletin.sheet.statusPrevious", { status: t(`taskList.status.${status}`) }),
            value: t("bulletin.doc.noPrevious"),
            kind: "text" as const,
          },
    ),
    ...(s.firstReportCompleted !== undefined
      ? [{ item: t("bulletin.sheet.firstReportCompleted"), value: s.firstReportCompleted, kind: "integer" as const }]
      : []),
    ...INDICATOR_STATUSES.map((status) => ({
      item: t("bulletin.sheet.indicatorsStatus", { status: t(`indicators.statusLabel.${status}`) }),
      value: s.indicatorsByStatus[status],
      kind: "integer" as const,
    })),
    { item: t("bulletin.sheet.departmentsInScope"), value: s.departmentsInScope, kind: "integer" },
    { item: t("bulletin.sheet.departmentsNotSubmitted"), value: s.departmentsNotSubmitted, kind: "integer" },
    ...s.byDocument.map((r) => ({
      item: `${t("bulletin.doc.col.rate")}：${r.label}`,
      value: r.completionRate,
      kind: "percent" as const,
    })),
    ...s.byArea.map((r) => ({
      item: `${t("bulletin.doc.col.rate")}：${r.label}`,
      value: r.completionRate,
      kind: "percent" as const,
    })),
  ];
  const summary = workbook.addWorksheet(t("bulletin.sheets.summary"), { views: [{ state: "frozen", ySplit: 1 }] });
  const summaryWidths = [
    Math.ceil(Math.max(...summaryRows.map((r) => textWidth(r.item, "text")), 8) + 2),
    Math.ceil(Math.min(50, Math.max(...summaryRows.map((r) => textWidth(r.value, r.kind)), 8) + 2)),
  ];
  summary.columns = [
    { header: t("bulletin.sheet.item"), key: "item", width: summaryWidths[0] },
    {
      header: t("bulletin.sheet.value"),
      key: "value",
      width: summaryWidths[1],
      style: { alignment: { wrapText: true } },
    },
  ];
  summary.getRow(1).font = { bold: true };
  for (const r of summaryRows) {
    const row = summary.addRow([r.item, r.value]);
    const fmt = NUM_FMT[r.kind];
    if (fmt) row.getCell(2).numFmt = fmt;
  }
  summary.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 2 } };
  printable(summary, summaryWidths, true);

  addListSheet(workbook, t("bulletin.sheets.tasks"), taskColumns(t), taskRows(snapshot, t));
  addListSheet(
    workbook,
    t("bulletin.sheets.indicators"),
    [
      { header: t("bulletin.doc.col.indicator"), width: 36, kind: "text", value: (r) => r.name },
      { header: t("bulletin.doc.col.area"), width: 14, kind: "text", value: (r) => r.area },
      // The unit the figures are in: the indicator's display unit with the magnitude they call for.
      { header: t("bulletin.doc.col.unit"), width: 12, kind: "text", value: (r) => r.printed.unit },
      {
        header: t("bulletin.doc.col.latest"),
        width: 14,
        kind: "number",
        value: (r) => (r.latest ? r.latest.value / r.printed.divisor : null),
        numFmt: (r) => figureFormat(r.printed.divisor),
      },
      { header: t("bulletin.doc.col.asOf"), width: 12, kind: "date", value: (r) => toDate(r.latest?.asOf) },
      {
        header: t("bulletin.sheet.comparator"),
        width: 6,
        kind: "text",
        value: (r) => (r.target ? COMPARATOR_SYMBOL[r.target.comparator] : null),
      },
      {
        header: t("bulletin.doc.col.target"),
        width: 14,
        kind: "number",
        value: (r) => (r.target ? r.target.value / r.printed.divisor : null),
        numFmt: (r) => figureFormat(r.printed.divisor),
      },
      { header: t("bulletin.doc.col.due"), width: 12, kind: "date", value: (r) => toDate(r.target?.dueDate) },
      { header: t("bulletin.doc.col.expected"), width: 10, kind: "percent", value: (r) => r.expectedShare },
      { header: t("bulletin.doc.col.actual"), width: 10, kind: "percent", value: (r) => r.actualShare },
      {
        header: t("bulletin.doc.col.status"),
        width: 14,
        kind: "text",
        value: (r) => t(`indicators.statusLabel.${r.status}`),
      },
    ],
    indicatorsInAttentionOrder(snapshot).map((ind) => ({
      ...ind,
      printed: printMagnitude(
        ind.unit,
        [ind.latest?.value, ind.target?.value].filter((v): v is number => typeof v === "number"),
      ),
    })),
  );
  addListSheet(
    workbook,
    t("bulletin.sheets.departments"),
    [
      { header: t("bulletin.doc.col.department"), width: 30, kind: "text", value: (r) => r.name },
      { header: t("bulletin.doc.col.tasksInScope"), width: 14, kind: "integer", value: (r) => r.tasksInScope },
      { header: t("bulletin.doc.col.missing"), width: 12, kind: "integer", value: (r) => r.missing },
    ],
    snapshot.departmentsNotSubmitted,
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** UTF-8 with a byte-order mark (Excel and WPS then read the Chinese correctly), CRLF line ends. */
export function buildBulletinCsv(snapshot: BulletinSnapshot, t: Translate): Buffer {
  const columns = taskColumns(t);
  const lines = [columns.map((c) => csvField(c.header)).join(",")];
  for (const row of taskRows(snapshot, t)) {
    lines.push(columns.map((c) => csvField(c.value(row), c.kind === "text" ? "text" : "number")).join(","));
  }
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}
