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
  width: number;
  kind: Kind;
  value: (row: R) => Value;
}

const NUM_FMT: Record<Kind, string | undefined> = {
  text: undefined,
  integer: "0",
  percent: "0.0%",
  date: "yyyy-mm-dd",
  number: "#,##0.####",
};

const toDate = (iso: string | null | undefined) => (iso ? utcMidnight(iso) : null);

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
    { header: t("bulletin.doc.col.task"), width: 60, kind: "text", value: (r) => r.heading },
    { header: t("bulletin.doc.col.leadUnits"), width: 26, kind: "text", value: (r) => r.leadUnits.join("、") },
    { header: t("bulletin.doc.col.status"), width: 12, kind: "text", value: (r) => t(`taskList.status.${r.status}`) },
    {
      header: t("bulletin.doc.col.previousStatus"),
      width: 12,
      kind: "text",
      value: (r) => t(`taskList.status.${r.previousStatus}`),
    },
    { header: `${t("bulletin.doc.col.progress")}（%）`, width: 9, kind: "integer", value: (r) => r.progress },
    { header: t("bulletin.doc.col.problems"), width: 40, kind: "text", value: (r) => r.problems || null },
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

function addListSheet<R>(workbook: ExcelJS.Workbook, name: string, columns: SheetColumn<R>[], rows: R[]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((col, index) => ({
    key: String(index),
    header: col.header,
    width: col.width,
    style: NUM_FMT[col.kind]
      ? { numFmt: NUM_FMT[col.kind] }
      : { alignment: { vertical: "top", wrapText: col.width >= 40 } },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((col) => col.value(row)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
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
  summary.columns = [
    { header: t("bulletin.sheet.item"), key: "item", width: 40 },
    { header: t("bulletin.sheet.value"), key: "value", width: 44 },
  ];
  summary.getRow(1).font = { bold: true };
  for (const r of summaryRows) {
    const row = summary.addRow([r.item, r.value]);
    const fmt = NUM_FMT[r.kind];
    if (fmt) row.getCell(2).numFmt = fmt;
  }
  summary.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 2 } };

  addListSheet(workbook, t("bulletin.sheets.tasks"), taskColumns(t), taskRows(snapshot, t));
  addListSheet(
    workbook,
    t("bulletin.sheets.indicators"),
    [
      { header: t("bulletin.doc.col.indicator"), width: 36, kind: "text", value: (r) => r.name },
      { header: t("bulletin.doc.col.area"), width: 14, kind: "text", value: (r) => r.area },
      { header: t("bulletin.doc.col.unit"), width: 10, kind: "text", value: (r) => r.unit },
      { header: t("bulletin.doc.col.latest"), width: 14, kind: "number", value: (r) => r.latest?.value ?? null },
      { header: t("bulletin.doc.col.asOf"), width: 12, kind: "date", value: (r) => toDate(r.latest?.asOf) },
      {
        header: t("bulletin.doc.col.target"),
        width: 14,
        kind: "text",
        value: (r) => (r.target ? `${COMPARATOR_SYMBOL[r.target.comparator]}${r.target.value}` : null),
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
    indicatorsInAttentionOrder(snapshot),
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
