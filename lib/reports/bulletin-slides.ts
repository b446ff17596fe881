/**
 * The bulletin as a slide deck for the leading group's meeting (.pptx, 16:9), from the same frozen
 * snapshot as the other files: a title slide, the overall figures, tasks by state per document and per
 * area (stacked bar charts, native to PowerPoint/WPS/LibreOffice so they stay editable), the lagging
 * tasks and the indicators behind 序时进度, and one slide per lead unit with lagging tasks.
 *
 * PptxGenJS (MIT, pure JavaScript, no network or native code; pinned in package.json) writes it: the
 * library TET-style review decks are usually made with, maintained since 2015, and already what the
 * tests use to make genuine .pptx evidence files. Long lists are cut per slide with a note (the Excel
 * file carries every row), so the deck stays a meeting's length at any scale.
 */
import PptxGenJS from "pptxgenjs";
import type { TaskState } from "../domain/task-state";
import type { Translate } from "../i18n/catalogue";
import {
  formatShare,
  indicatorsInAttentionOrder,
  type BulletinMeta,
  type BulletinSnapshot,
  type BulletinTask,
} from "./bulletin";
import { printedDate, printedIndicator } from "./bulletin-document";

/** Rows on a list slide, and unit slides at most (the rest are named on the last one). */
export const SLIDE_ROWS = 8;
/** A task's text on a slide (the full text is in the Word, PDF and Excel files). */
const HEADING_CHARS = 40;
export const UNIT_SLIDES = 20;

const FONT = "Microsoft YaHei";
const RED = "C00000";
const STATE_COLOURS: Record<TaskState, string> = {
  UNASSIGNED: "7F7F7F",
  NO_REPORT: "BFBFBF",
  NOT_STARTED: "D9D9D9",
  ON_TRACK: "5B9BD5",
  AT_RISK: "FFC000",
  LAGGING: "C00000",
  COMPLETED: "70AD47",
  ONGOING: "A9D18E",
};

type Row = PptxGenJS.TableRow;
const cell = (text: string, options: PptxGenJS.TableCellProps = {}): PptxGenJS.TableCell => ({ text, options });
const header = (texts: string[]): Row =>
  texts.map((text) => cell(text, { bold: true, fill: { color: "E7E6E6" }, align: "center" }));

function taskTable(tasks: BulletinTask[], t: Translate): Row[] {
  return [
    header([
      t("bulletin.doc.col.number"),
      t("bulletin.doc.col.task"),
      t("bulletin.doc.col.leadUnits"),
      t("bulletin.doc.col.status"),
      t("bulletin.doc.col.progress"),
    ]),
    ...tasks.map((task) => [
      cell(`${task.document} ${task.number}`),
      cell(
        [...task.heading].length > HEADING_CHARS
          ? `${[...task.heading].slice(0, HEADING_CHARS).join("")}…`
          : task.heading,
      ),
      cell(task.leadUnits.join("、") || t("tasks.unassigned")),
      cell(t(`taskList.status.${task.status}`), { align: "center" }),
      cell(`${task.progress}%`, { align: "right" }),
    ]),
  ];
}

export async function buildBulletinSlides(
  snapshot: BulletinSnapshot,
  meta: BulletinMeta,
  t: Translate,
): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE"; // 13.33 × 7.5 in
  pptx.title = meta.title;
  pptx.author = meta.issuer;
  pptx.company = meta.issuer;
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };
  const s = snapshot.summary;

  const titled = (title: string) => {
    const slide = pptx.addSlide();
    slide.addText(title, { x: 0.5, y: 0.3, w: 12.3, h: 0.7, fontSize: 26, bold: true, color: RED, fontFace: FONT });
    slide.addShape(pptx.ShapeType.line, { x: 0.5, y: 1.05, w: 12.3, h: 0, line: { color: RED, width: 1.5 } });
    slide.addText(`${meta.issueLabel}`, {
      x: 9.8,
      y: 7.0,
      w: 3,
      h: 0.3,
      fontSize: 10,
      color: "7F7F7F",
      align: "right",
    });
    return slide;
  };
  const table = (slide: PptxGenJS.Slide, rows: Row[], widths: number[]) =>
    slide.addTable(rows, {
      x: 0.5,
      y: 1.3,
      w: 12.3,
      colW: widths,
      fontFace: FONT,
      fontSize: 11,
      border: { type: "solid", pt: 0.5, color: "7F7F7F" },
      valign: "middle",
      autoPage: false,
    });
  const note = (slide: PptxGenJS.Slide, text: string) =>
    slide.addText(text, { x: 0.5, y: 6.6, w: 12.3, h: 0.35, fontSize: 11, color: "595959" });
  const cut = (total: number) =>
    total > SLIDE_ROWS ? t("bulletin.slides.more", { shown: SLIDE_ROWS, rest: total - SLIDE_ROWS }) : "";

  // 1. Title.
  const cover = pptx.addSlide();
  cover.addText(meta.issuer, {
    x: 0.5,
    y: 1.2,
    w: 12.3,
    h: 0.8,
    fontSize: 28,
    bold: true,
    color: RED,
    align: "center",
  });
  cover.addShape(pptx.ShapeType.line, { x: 0.5, y: 2.2, w: 12.3, h: 0, line: { color: RED, width: 2 } });
  cover.addText(meta.title, { x: 0.5, y: 2.8, w: 12.3, h: 1.2, fontSize: 32, bold: true, align: "center" });
  cover.addText(
    `${t("bulletin.slides.forMeeting")}\n${printedDate(meta.issuedOn, "zh-CN")}${meta.draft ? ` · ${t("bulletin.doc.draftMark")}` : ""}`,
    { x: 0.5, y: 4.6, w: 12.3, h: 1, fontSize: 18, align: "center", color: "404040" },
  );

  // 2. Overall figures.
  const overall = titled(t("bulletin.slides.overall"));
  const figures: [string, string][] = [
    [t("bulletin.sheet.tasksTotal"), String(s.totalTasks)],
    [t("taskList.status.COMPLETED"), String(s.byStatus.COMPLETED)],
    [t("taskList.status.LAGGING"), String(s.byStatus.LAGGING)],
    [t("taskList.status.AT_RISK"), String(s.byStatus.AT_RISK)],
    [t("bulletin.sheet.departmentsNotSubmitted"), String(s.departmentsNotSubmitted)],
    [t("bulletin.slides.indicatorsBehind"), String(s.indicatorsByStatus.BEHIND + s.indicatorsByStatus.AT_RISK)],
  ];
  figures.forEach(([label, value], i) => {
    const x = 0.5 + (i % 3) * 4.15;
    const y = 1.5 + Math.floor(i / 3) * 2.4;
    overall.addShape(pptx.ShapeType.rect, {
      x,
      y,
      w: 3.9,
      h: 2.1,
      fill: { color: "F2F2F2" },
      line: { color: "D9D9D9" },
    });
    overall.addText(value, { x, y: y + 0.2, w: 3.9, h: 1.1, fontSize: 44, bold: true, align: "center", color: RED });
    overall.addText(label, { x, y: y + 1.3, w: 3.9, h: 0.6, fontSize: 16, align: "center" });
  });
  if (s.rollUp) {
    note(
      overall,
      t("bulletin.doc.rollUpLine", {
        status: t(`indicators.statusLabel.${s.rollUp.status}`),
        reason: t(`taskList.rollUpReason.${s.rollUp.reason}`, {
          lagging: s.rollUp.lagging,
          unknown: s.rollUp.unknown,
          rate: formatShare(s.rollUp.laggingRate),
        }),
      }),
    );
  }

  // 3–4. Tasks by state per document and per area: stacked bars, one series per state. Version 1
  // snapshots have no per-state breakdown beyond completed / at risk / lagging: the chart shows those.
  const chartSlide = (title: string, rows: typeof s.byDocument) => {
    const slide = titled(title);
    if (rows.length === 0) {
      slide.addText(t("bulletin.slides.none"), { x: 0.5, y: 1.5, w: 12.3, h: 0.6, fontSize: 16 });
      return;
    }
    const other = (r: (typeof rows)[number]) => r.total - r.completed - r.atRisk - r.lagging;
    const series: { state: TaskState | "OTHER"; values: number[] }[] = [
      { state: "COMPLETED", values: rows.map((r) => r.completed) },
      { state: "OTHER", values: rows.map(other) },
      { state: "AT_RISK", values: rows.map((r) => r.atRisk) },
      { state: "LAGGING", values: rows.map((r) => r.lagging) },
    ];
    slide.addChart(
      pptx.ChartType.bar,
      series.map((x) => ({
        name: x.state === "OTHER" ? t("bulletin.slides.otherStates") : t(`taskList.status.${x.state}`),
        labels: rows.map((r) => r.label),
        values: x.values,
      })),
      {
        x: 0.5,
        y: 1.3,
        w: 12.3,
        h: 5.6,
        barDir: "bar",
        barGrouping: "stacked",
        chartColors: series.map((x) => (x.state === "OTHER" ? STATE_COLOURS.ON_TRACK : STATE_COLOURS[x.state])),
        showLegend: true,
        legendPos: "b",
        legendFontFace: FONT,
        catAxisLabelFontFace: FONT,
        catAxisLabelFontSize: 12,
        valAxisLabelFontSize: 11,
        dataLabelFontSize: 10,
        showValue: true,
      },
    );
  };
  chartSlide(t("bulletin.slides.byDocument"), s.byDocument);
  chartSlide(t("bulletin.slides.byArea"), s.byArea);

  // 5. Lagging tasks.
  const lagging = titled(t("bulletin.slides.lagging", { count: snapshot.laggingTasks.length }));
  if (snapshot.laggingTasks.length === 0) note(lagging, t("bulletin.doc.laggingNone"));
  else {
    table(lagging, taskTable(snapshot.laggingTasks.slice(0, SLIDE_ROWS), t), [2.4, 5.2, 2.6, 1.2, 0.9]);
    note(lagging, cut(snapshot.laggingTasks.length));
  }

  // 6. Indicators behind 序时进度 (滞后 and 存在风险, largest gap first).
  const behind = indicatorsInAttentionOrder(snapshot).filter((i) => i.status === "BEHIND" || i.status === "AT_RISK");
  const indicators = titled(t("bulletin.slides.indicators", { count: behind.length }));
  if (behind.length === 0) note(indicators, t("bulletin.slides.none"));
  else {
    table(
      indicators,
      [
        header([
          t("bulletin.doc.col.indicator"),
          t("bulletin.doc.col.latestAsOf"),
          t("bulletin.doc.col.targetDue"),
          t("bulletin.doc.col.expected"),
          t("bulletin.doc.col.actual"),
          t("bulletin.doc.col.status"),
        ]),
        ...behind.slice(0, SLIDE_ROWS).map((ind) => {
          const printed = printedIndicator(ind);
          return [
            cell(`${ind.name}（${printed.unit}）`),
            cell(ind.latest ? `${printed.latest}（${printedDate(ind.latest.asOf, "zh-CN")}）` : "—", {
              align: "right",
            }),
            cell(ind.target ? `${printed.target}（${printedDate(ind.target.dueDate, "zh-CN")}）` : "—", {
              align: "right",
            }),
            cell(formatShare(ind.expectedShare), { align: "right" }),
            cell(formatShare(ind.actualShare), { align: "right" }),
            cell(t(`indicators.statusLabel.${ind.status}`), { align: "center" }),
          ];
        }),
      ],
      [3.9, 2.6, 2.6, 1, 1, 1.2],
    );
    note(indicators, cut(behind.length));
  }

  // 7+. One slide per lead unit with lagging tasks, most lagging first.
  const byUnit = new Map<string, BulletinTask[]>();
  for (const task of snapshot.laggingTasks) {
    for (const unit of task.leadUnits) byUnit.set(unit, [...(byUnit.get(unit) ?? []), task]);
  }
  const units = [...byUnit.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0], "zh-CN"));
  for (const [unit, tasks] of units.slice(0, UNIT_SLIDES)) {
    const slide = titled(t("bulletin.slides.unit", { unit, count: tasks.length }));
    table(slide, taskTable(tasks.slice(0, SLIDE_ROWS), t), [2.4, 5.2, 2.6, 1.2, 0.9]);
    note(slide, cut(tasks.length));
  }
  if (units.length > UNIT_SLIDES) {
    const rest = titled(t("bulletin.slides.moreUnits", { count: units.length - UNIT_SLIDES }));
    rest.addText(
      units
        .slice(UNIT_SLIDES)
        .map(([unit, tasks]) => `${unit}（${tasks.length}）`)
        .join("、"),
      { x: 0.5, y: 1.3, w: 12.3, h: 5.2, fontSize: 14, valign: "top", fit: "shrink" },
    );
  }
  return (await pptx.write({ outputType: "nodebuffer" })) as Buffer;
}
