/**
 * The bulletin as a sequence of blocks (headings, paragraphs, tables) in the usual order of a government
 * 通报: title, issuer and date, an opening sentence, then numbered sections. The Word and PDF exporters
 * and the preview page all render these same blocks, so the three always say the same thing.
 * Pure: snapshot + translator in, blocks out.
 */
import { INDICATOR_STATUSES } from "../domain/indicator-status";
import { COMPARATOR_SYMBOL } from "../domain/indicator-status";
import { TASK_STATES } from "../domain/task-state";
import type { Translate } from "../i18n/catalogue";
import {
  formatDelta,
  formatFigure,
  formatShare,
  statusDelta,
  type BulletinMeta,
  type BulletinSnapshot,
  type BulletinTask,
  type CompletionRow,
  indicatorsInAttentionOrder,
} from "./bulletin";

export interface TableColumn {
  header: string;
  /** Relative width. */
  width: number;
  align?: "left" | "right" | "center";
}

export type BulletinBlock =
  | { kind: "title"; text: string }
  | { kind: "meta"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "narrative"; head: string; text: string }
  | { kind: "table"; caption: string; columns: TableColumn[]; rows: string[][]; testId: string };

/** 2023-05-01 → 2023年5月1日 (zh) or 1 May 2023 (en). */
export function printedDate(iso: string, locale: "zh-CN" | "en"): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  if (locale === "zh-CN") return `${y}年${m}月${d}日`;
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

function completionTable(rows: CompletionRow[], t: Translate, keyHeader: string, caption: string, testId: string) {
  return {
    kind: "table" as const,
    caption,
    testId,
    columns: [
      { header: keyHeader, width: 4 },
      { header: t("bulletin.doc.col.total"), width: 1.2, align: "right" as const },
      { header: t("bulletin.doc.col.completed"), width: 1.2, align: "right" as const },
      { header: t("bulletin.doc.col.atRisk"), width: 1.2, align: "right" as const },
      { header: t("bulletin.doc.col.lagging"), width: 1.2, align: "right" as const },
      { header: t("bulletin.doc.col.rate"), width: 1.4, align: "right" as const },
      { header: t("bulletin.doc.col.rollUp"), width: 1.6 },
    ],
    rows: rows.map((r) => [
      r.label,
      String(r.total),
      String(r.completed),
      String(r.atRisk),
      String(r.lagging),
      formatShare(r.completionRate),
      // Version 1 snapshots had no roll-up.
      r.rollUp ? t(`indicators.statusLabel.${r.rollUp.status}`) : "—",
    ]),
  };
}

/**
 * Rows per list in the Word and PDF bulletin. A province's bulletin lists a few dozen; at national
 * scale a list can run to thousands of rows — hundreds of printed pages no one reads, and tens of
 * seconds to typeset. The body keeps the first DOCUMENT_LIST_LIMIT rows and says how many more there
 * are; the Excel and CSV files always carry every row (lib/reports/bulletin-sheets.ts).
 */
export const DOCUMENT_LIST_LIMIT = 200;

/** The note under a cut table, or nothing. */
function overflowNote(total: number, t: Translate): BulletinBlock[] {
  return total > DOCUMENT_LIST_LIMIT
    ? [
        {
          kind: "paragraph",
          text: t("bulletin.doc.listCut", { shown: DOCUMENT_LIST_LIMIT, rest: total - DOCUMENT_LIST_LIMIT }),
        },
      ]
    : [];
}

function taskRows(tasks: BulletinTask[], t: Translate, withProblems: boolean): string[][] {
  return tasks.map((task, i) => [
    String(i + 1),
    task.document,
    task.number,
    task.heading,
    task.leadUnits.join("、") || t("tasks.unassigned"),
    t(`taskList.status.${task.status}`),
    `${task.progress}%`,
    ...(withProblems ? [task.problems || "—"] : []),
  ]);
}

export function composeBulletin(
  snapshot: BulletinSnapshot,
  meta: BulletinMeta,
  t: Translate,
  locale: "zh-CN" | "en",
): BulletinBlock[] {
  const s = snapshot.summary;
  const delta = statusDelta(s.byStatus, s.previousByStatus);
  const blocks: BulletinBlock[] = [];
  if (meta.draft) blocks.push({ kind: "meta", text: t("bulletin.doc.draftMark") });
  blocks.push({ kind: "title", text: meta.title });
  if (meta.version > 1) blocks.push({ kind: "meta", text: t("bulletin.doc.versionNote", { version: meta.version }) });
  blocks.push({ kind: "meta", text: meta.issuer });
  blocks.push({ kind: "meta", text: printedDate(meta.issuedOn, locale) });
  blocks.push({
    kind: "paragraph",
    text: t("bulletin.doc.intro", {
      period: meta.issueLabel,
      start: printedDate(snapshot.period.start, locale),
      end: printedDate(snapshot.period.end, locale),
    }),
  });

  // 一、总体情况
  blocks.push({ kind: "heading", text: t("bulletin.doc.s1") });
  blocks.push({
    kind: "paragraph",
    text: t("bulletin.doc.overview", {
      total: s.totalTasks,
      completed: s.byStatus.COMPLETED,
      onTrack: s.byStatus.ON_TRACK,
      ongoing: s.byStatus.ONGOING,
      atRisk: s.byStatus.AT_RISK,
      lagging: s.byStatus.LAGGING,
      notStarted: s.byStatus.NOT_STARTED,
      noReport: s.byStatus.NO_REPORT,
      unassigned: s.byStatus.UNASSIGNED,
    }),
  });
  blocks.push({
    kind: "paragraph",
    text: delta
      ? t("bulletin.doc.changeLine", {
          completedDelta: formatDelta(delta.COMPLETED),
          atRiskDelta: formatDelta(delta.AT_RISK),
          laggingDelta: formatDelta(delta.LAGGING),
        })
      : t("bulletin.doc.changeNone"),
  });
  if (s.rollUp) {
    blocks.push({
      kind: "paragraph",
      text: t("bulletin.doc.rollUpLine", {
        status: t(`indicators.statusLabel.${s.rollUp.status}`),
        reason: t(`taskList.rollUpReason.${s.rollUp.reason}`, {
          lagging: s.rollUp.lagging,
          unknown: s.rollUp.unknown,
          rate: formatShare(s.rollUp.laggingRate),
        }),
      }),
    });
  }
  blocks.push({ kind: "paragraph", text: t("bulletin.doc.reportsLine", s.reports) });
  const indicatorTotal = INDICATOR_STATUSES.reduce((sum, status) => sum + s.indicatorsByStatus[status], 0);
  blocks.push({
    kind: "paragraph",
    text: t("bulletin.doc.indicatorsLine", {
      total: indicatorTotal,
      achieved: s.indicatorsByStatus.ACHIEVED,
      onPace: s.indicatorsByStatus.ON_PACE,
      atRisk: s.indicatorsByStatus.AT_RISK,
      behind: s.indicatorsByStatus.BEHIND,
      noData: s.indicatorsByStatus.NO_DATA,
    }),
  });
  blocks.push({
    kind: "table",
    caption: t("bulletin.doc.byStatusTitle"),
    testId: "bulletin-by-status",
    columns: [
      { header: t("bulletin.doc.col.status"), width: 3 },
      { header: t("bulletin.doc.col.count"), width: 1.5, align: "right" },
      { header: t("bulletin.doc.col.previous"), width: 1.5, align: "right" },
      { header: t("bulletin.doc.col.change"), width: 1.5, align: "right" },
    ],
    rows: TASK_STATES.map((status) => [
      t(`taskList.status.${status}`),
      String(s.byStatus[status]),
      s.previousByStatus ? String(s.previousByStatus[status]) : t("bulletin.doc.noPrevious"),
      delta ? formatDelta(delta[status]) : t("bulletin.doc.noPrevious"),
    ]),
  });
  if (s.asOf)
    blocks.push({ kind: "paragraph", text: t("bulletin.doc.statesNote", { asOf: printedDate(s.asOf, locale) }) });
  blocks.push(
    completionTable(
      s.byDocument,
      t,
      t("bulletin.doc.col.document"),
      t("bulletin.doc.byDocumentTitle"),
      "bulletin-by-document",
    ),
  );
  blocks.push(
    completionTable(s.byArea, t, t("bulletin.doc.col.area"), t("bulletin.doc.byAreaTitle"), "bulletin-by-area"),
  );

  // 二、滞后任务清单
  blocks.push({ kind: "heading", text: t("bulletin.doc.s2") });
  if (snapshot.laggingTasks.length === 0) blocks.push({ kind: "paragraph", text: t("bulletin.doc.laggingNone") });
  else {
    blocks.push({
      kind: "paragraph",
      text: t("bulletin.doc.laggingIntro", { count: snapshot.laggingTasks.length }),
    });
    blocks.push({
      kind: "table",
      caption: t("bulletin.doc.laggingTitle"),
      testId: "bulletin-lagging",
      columns: [
        { header: t("bulletin.doc.col.index"), width: 0.8, align: "center" },
        { header: t("bulletin.doc.col.document"), width: 2 },
        { header: t("bulletin.doc.col.number"), width: 0.9 },
        { header: t("bulletin.doc.col.task"), width: 4.5 },
        { header: t("bulletin.doc.col.leadUnits"), width: 2.2 },
        { header: t("bulletin.doc.col.status"), width: 1.3 },
        { header: t("bulletin.doc.col.progress"), width: 1, align: "right" },
        { header: t("bulletin.doc.col.problems"), width: 3 },
      ],
      rows: taskRows(snapshot.laggingTasks.slice(0, DOCUMENT_LIST_LIMIT), t, true),
    });
    blocks.push(...overflowNote(snapshot.laggingTasks.length, t));
  }

  // 三、未报送单位
  blocks.push({ kind: "heading", text: t("bulletin.doc.s3") });
  if (snapshot.departmentsNotSubmitted.length === 0) {
    blocks.push({ kind: "paragraph", text: t("bulletin.doc.missingNone") });
  } else {
    blocks.push({
      kind: "paragraph",
      text: t("bulletin.doc.missingIntro", { count: snapshot.departmentsNotSubmitted.length }),
    });
    blocks.push({
      kind: "table",
      caption: t("bulletin.doc.missingTitle"),
      testId: "bulletin-departments",
      columns: [
        { header: t("bulletin.doc.col.index"), width: 0.8, align: "center" },
        { header: t("bulletin.doc.col.department"), width: 4 },
        { header: t("bulletin.doc.col.tasksInScope"), width: 1.8, align: "right" },
        { header: t("bulletin.doc.col.missing"), width: 1.5, align: "right" },
      ],
      rows: snapshot.departmentsNotSubmitted
        .slice(0, DOCUMENT_LIST_LIMIT)
        .map((d, i) => [String(i + 1), d.name, String(d.tasksInScope), String(d.missing)]),
    });
    blocks.push(...overflowNote(snapshot.departmentsNotSubmitted.length, t));
  }

  // 四、新完成任务
  blocks.push({ kind: "heading", text: t("bulletin.doc.s4") });
  if (snapshot.newlyCompleted.length === 0) blocks.push({ kind: "paragraph", text: t("bulletin.doc.completedNone") });
  else {
    blocks.push({
      kind: "paragraph",
      text: t("bulletin.doc.completedIntro", { count: snapshot.newlyCompleted.length }),
    });
    blocks.push({
      kind: "table",
      caption: t("bulletin.doc.completedTitle"),
      testId: "bulletin-completed",
      columns: [
        { header: t("bulletin.doc.col.index"), width: 0.8, align: "center" },
        { header: t("bulletin.doc.col.document"), width: 2 },
        { header: t("bulletin.doc.col.number"), width: 0.9 },
        { header: t("bulletin.doc.col.task"), width: 5 },
        { header: t("bulletin.doc.col.leadUnits"), width: 2.4 },
        { header: t("bulletin.doc.col.status"), width: 1.3 },
        { header: t("bulletin.doc.col.progress"), width: 1, align: "right" },
      ],
      rows: taskRows(snapshot.newlyCompleted.slice(0, DOCUMENT_LIST_LIMIT), t, false),
    });
    blocks.push(...overflowNote(snapshot.newlyCompleted.length, t));
  }
  if (s.firstReportCompleted !== undefined) {
    blocks.push({ kind: "paragraph", text: t("bulletin.doc.completedRule") });
    if (s.firstReportCompleted > 0) {
      blocks.push({ kind: "paragraph", text: t("bulletin.doc.firstReportNote", { count: s.firstReportCompleted }) });
    }
  }

  // 五、指标
  blocks.push({ kind: "heading", text: t("bulletin.doc.s5") });
  if (snapshot.indicators.length === 0) blocks.push({ kind: "paragraph", text: t("bulletin.doc.indicatorsNone") });
  else {
    blocks.push({
      kind: "paragraph",
      text: t("bulletin.doc.indicatorsIntro", { end: printedDate(snapshot.period.end, locale) }),
    });
    blocks.push({
      kind: "table",
      caption: t("bulletin.doc.indicatorsTitle"),
      testId: "bulletin-indicators",
      columns: [
        { header: t("bulletin.doc.col.index"), width: 0.8, align: "center" },
        { header: t("bulletin.doc.col.indicator"), width: 4 },
        { header: t("bulletin.doc.col.latest"), width: 1.8, align: "right" },
        { header: t("bulletin.doc.col.target"), width: 1.8, align: "right" },
        { header: t("bulletin.doc.col.due"), width: 1.6 },
        { header: t("bulletin.doc.col.expected"), width: 1.3, align: "right" },
        { header: t("bulletin.doc.col.actual"), width: 1.3, align: "right" },
        { header: t("bulletin.doc.col.status"), width: 1.6 },
      ],
      rows: indicatorsInAttentionOrder(snapshot)
        .slice(0, DOCUMENT_LIST_LIMIT)
        .map((ind, i) => [
          String(i + 1),
          `${ind.name}（${ind.unit}）`,
          ind.latest ? `${formatFigure(ind.latest.value)}（${ind.latest.asOf}）` : "—",
          ind.target ? `${COMPARATOR_SYMBOL[ind.target.comparator]}${formatFigure(ind.target.value)}` : "—",
          ind.target?.dueDate ?? "—",
          formatShare(ind.expectedShare),
          formatShare(ind.actualShare),
          t(`indicators.statusLabel.${ind.status}`),
        ]),
    });
    blocks.push(...overflowNote(snapshot.indicators.length, t));
  }

  // 六、典型进展
  blocks.push({ kind: "heading", text: t("bulletin.doc.s6") });
  if (snapshot.narratives.length === 0) blocks.push({ kind: "paragraph", text: t("bulletin.doc.narrativesNone") });
  else {
    blocks.push({ kind: "paragraph", text: t("bulletin.doc.narrativesIntro") });
    snapshot.narratives.forEach((n, i) => {
      blocks.push({
        kind: "narrative",
        head: `${i + 1}. ${t("bulletin.doc.narrativeHead", {
          number: `${n.document} ${n.number}`,
          heading: n.heading,
          department: n.department,
          status: t(`taskList.status.${n.status}`),
          progress: n.progress,
        })} · ${t(`bulletin.reasons.${n.reason}`)}`,
        text: n.progressText,
      });
    });
  }
  // 七、待明确责任单位的任务 (issue 15; bulletins made before it have no such list and no section).
  if (snapshot.unassignedTasks) {
    blocks.push({ kind: "heading", text: t("bulletin.doc.s7") });
    if (snapshot.unassignedTasks.length === 0) {
      blocks.push({ kind: "paragraph", text: t("bulletin.doc.unassignedNone") });
    } else {
      blocks.push({
        kind: "paragraph",
        text: t("bulletin.doc.unassignedIntro", { count: snapshot.unassignedTasks.length }),
      });
      blocks.push({
        kind: "table",
        caption: t("bulletin.doc.unassignedTitle"),
        testId: "bulletin-unassigned",
        columns: [
          { header: t("bulletin.doc.col.index"), width: 0.8, align: "center" },
          { header: t("bulletin.doc.col.document"), width: 2 },
          { header: t("bulletin.doc.col.number"), width: 0.9 },
          { header: t("bulletin.doc.col.task"), width: 5 },
          { header: t("bulletin.doc.col.leadUnits"), width: 2.4 },
          { header: t("bulletin.doc.col.status"), width: 1.3 },
          { header: t("bulletin.doc.col.progress"), width: 1, align: "right" },
        ],
        rows: taskRows(snapshot.unassignedTasks.slice(0, DOCUMENT_LIST_LIMIT), t, false),
      });
      blocks.push(...overflowNote(snapshot.unassignedTasks.length, t));
    }
  }
  return blocks;
}
