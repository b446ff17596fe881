import { describe, expect, it } from "vitest";
import { createTranslator } from "../../lib/i18n/catalogue";
import {
  bulletinFileName,
  bulletinTitle,
  emptyIndicatorCounts,
  emptyStatusCounts,
  formatDelta,
  formatShare,
  isNewlyCompleted,
  narrativeReason,
  rankNarratives,
  statusDelta,
  summariseStatusGroups,
  truncateNarrative,
  type BulletinMeta,
  type BulletinSnapshot,
  type StatusGroup,
  upgradeSnapshot,
} from "../../lib/reports/bulletin";
import type { TaskStatus } from "../../lib/domain/task-status";
import { composeBulletin, DOCUMENT_LIST_LIMIT, printedDate } from "../../lib/reports/bulletin-document";

const zh = createTranslator("zh-CN");
const en = createTranslator("en");

describe("bulletinTitle", () => {
  it("names the issue by year and period number", () => {
    expect(bulletinTitle({ year: 2023, index: 3 })).toEqual({
      issueLabel: "2023年第3期",
      title: "数字强省建设工作进展通报（2023年第3期）",
    });
  });
});

describe("summariseStatusGroups", () => {
  const group = (
    documentKey: string,
    order: number,
    area: string | null,
    status: StatusGroup["status"],
    previousStatus: StatusGroup["previousStatus"],
    count: number,
    pastDue = false,
  ): StatusGroup => ({
    documentKey,
    documentLabel: documentKey.toUpperCase(),
    documentOrder: order,
    area,
    status,
    previousStatus,
    pastDue,
    count,
  });

  it("folds the aggregate rows into status counts and completion tables", () => {
    const summary = summariseStatusGroups(
      [
        group("wp2023", 2, "数字政府", "COMPLETED", "ON_TRACK", 2),
        group("wp2023", 2, "数字政府", "LAGGING", "LAGGING", 1),
        group("wp2023", 2, null, "NOT_STARTED", "NOT_STARTED", 5),
        group("plan", 1, "数字经济", "AT_RISK", "ON_TRACK", 1),
        group("plan", 1, "数字经济", "COMPLETED", "COMPLETED", 1),
      ],
      "未标明领域",
    );
    expect(summary.totalTasks).toBe(10);
    expect(summary.byStatus).toEqual({ ...emptyStatusCounts(), COMPLETED: 3, LAGGING: 1, NOT_STARTED: 5, AT_RISK: 1 });
    expect(summary.previousByStatus).toEqual({
      ...emptyStatusCounts(),
      ON_TRACK: 3,
      LAGGING: 1,
      NOT_STARTED: 5,
      COMPLETED: 1,
    });
    // Documents in document order, not in the order the rows came.
    expect(summary.byDocument.map((d) => [d.key, d.total, d.completed, d.lagging, d.atRisk])).toEqual([
      ["plan", 2, 1, 0, 1],
      ["wp2023", 8, 2, 1, 0],
    ]);
    expect(summary.byDocument[1]!.completionRate).toBeCloseTo(0.25);
    // Named areas first, the unstated area last under its label.
    expect(summary.byArea.map((a) => [a.label, a.total, a.completionRate])).toEqual([
      ["数字经济", 2, 0.5],
      ["数字政府", 3, 2 / 3],
      ["未标明领域", 5, 0],
    ]);
  });

  it("is empty for no rows", () => {
    const summary = summariseStatusGroups([], "-");
    expect(summary).toMatchObject({ totalTasks: 0, byDocument: [], byArea: [] });
    expect(summary.rollUp.status).toBe("NO_DATA");
  });

  it("rolls each group up with the task state rule: unassigned past due counts as behind, never on pace", () => {
    const summary = summariseStatusGroups(
      [
        // A plan whose tasks name no unit and are past due: 4 of 4 behind → 滞后, not 符合序时进度.
        group("plan", 1, null, "UNASSIGNED", "UNASSIGNED", 4, true),
        // 1 on track, 1 not reported, 1 completed: nothing behind, too little unknown → 符合序时进度.
        group("wp", 2, null, "ON_TRACK", "ON_TRACK", 1),
        group("wp", 2, null, "NO_REPORT", "NO_REPORT", 1),
        group("wp", 2, null, "COMPLETED", "ON_TRACK", 1),
      ],
      "-",
    );
    expect(summary.byDocument.map((d) => [d.key, d.rollUp?.status, d.rollUp?.reason])).toEqual([
      ["plan", "BEHIND", "MANY_BEHIND"],
      ["wp", "ON_PACE", "REPORTED_ON_PACE"],
    ]);
    // Overall: 4 behind of 7 = 57 % ≥ 20 %.
    expect(summary.rollUp).toMatchObject({ total: 7, lagging: 4, status: "BEHIND" });
    expect(summary.byStatus).toMatchObject({ UNASSIGNED: 4, NO_REPORT: 1, ON_TRACK: 1, COMPLETED: 1 });
  });

  it("has no previous counts when there is no previous data", () => {
    const summary = summariseStatusGroups([group("wp", 1, null, "ON_TRACK", "NO_REPORT", 2)], "-", false);
    expect(summary.previousByStatus).toBeNull();
    expect(statusDelta(summary.byStatus, summary.previousByStatus)).toBeNull();
  });
});

describe("status change", () => {
  it("subtracts the previous counts", () => {
    const now = { ...emptyStatusCounts(), COMPLETED: 3, LAGGING: 1 };
    const before = { ...emptyStatusCounts(), COMPLETED: 1, LAGGING: 2 };
    expect(statusDelta(now, before)).toMatchObject({ COMPLETED: 2, LAGGING: -1, ON_TRACK: 0 });
  });

  it("prints signed changes and shares", () => {
    expect([formatDelta(2), formatDelta(-1), formatDelta(0)]).toEqual(["+2", "−1", "0"]);
    expect([formatShare(0.4567), formatShare(1), formatShare(null), formatShare(Number.NaN)]).toEqual([
      "45.7%",
      "100.0%",
      "—",
      "—",
    ]);
  });
});

describe("notable narratives", () => {
  const candidate = (
    taskId: number,
    status: StatusGroup["status"],
    previousReport: TaskStatus | null,
    textLength: number,
    order = taskId,
  ) => ({
    taskId,
    status,
    newlyCompleted: isNewlyCompleted(status, previousReport),
    textLength,
    order,
  });

  it("counts a completion only after a report that said otherwise", () => {
    expect(isNewlyCompleted("COMPLETED", "ON_TRACK")).toBe(true);
    expect(isNewlyCompleted("COMPLETED", "ONGOING")).toBe(true);
    // Completed earlier, or the first report says 已完成: not a completion seen in this period.
    expect(isNewlyCompleted("COMPLETED", "COMPLETED")).toBe(false);
    expect(isNewlyCompleted("COMPLETED", null)).toBe(false);
    expect(isNewlyCompleted("ON_TRACK", "NOT_STARTED")).toBe(false);
  });

  it("gives the reason a report was picked", () => {
    expect(narrativeReason(candidate(1, "COMPLETED", "ON_TRACK", 1))).toBe("COMPLETED");
    // Completed earlier, or first reported as completed: not news, just a detailed report.
    expect(narrativeReason(candidate(1, "COMPLETED", "COMPLETED", 1))).toBe("DETAILED");
    expect(narrativeReason(candidate(1, "COMPLETED", null, 1))).toBe("DETAILED");
    expect(narrativeReason(candidate(1, "LAGGING", "LAGGING", 1))).toBe("LAGGING");
    expect(narrativeReason(candidate(1, "AT_RISK", "ON_TRACK", 1))).toBe("AT_RISK");
    expect(narrativeReason(candidate(1, "ON_TRACK", "NOT_STARTED", 1))).toBe("DETAILED");
  });

  it("ranks completed, lagging, at risk, then longer texts, then document order; skips empty texts", () => {
    const ranked = rankNarratives(
      [
        candidate(1, "ON_TRACK", "ON_TRACK", 300),
        candidate(2, "ON_TRACK", "ON_TRACK", 500),
        candidate(3, "AT_RISK", "ON_TRACK", 10),
        candidate(4, "LAGGING", "AT_RISK", 20),
        candidate(5, "COMPLETED", "ON_TRACK", 5),
        candidate(6, "LAGGING", "AT_RISK", 20),
        candidate(7, "LAGGING", "LAGGING", 0),
      ],
      5,
    );
    expect(ranked.map((r) => [r.taskId, r.reason])).toEqual([
      [5, "COMPLETED"],
      [4, "LAGGING"],
      [6, "LAGGING"],
      [3, "AT_RISK"],
      [2, "DETAILED"],
    ]);
  });

  it("cuts long texts at a sentence end near the limit, else at the limit", () => {
    expect(truncateNarrative("  短文本。 ")).toEqual({ text: "短文本。", truncated: false });
    const sentences = `${"甲".repeat(70)}。${"乙".repeat(50)}`;
    expect(truncateNarrative(sentences, 100)).toEqual({ text: `${"甲".repeat(70)}。……`, truncated: true });
    const noStop = "丙".repeat(150);
    expect(truncateNarrative(noStop, 100)).toEqual({ text: `${"丙".repeat(100)}……`, truncated: true });
    // Counted in characters, not UTF-16 units.
    expect(truncateNarrative("𠀀".repeat(10), 10).truncated).toBe(false);
  });
});

describe("bulletinFileName", () => {
  const meta = { title: "数字强省建设工作进展通报（2023年第3期）", version: 1, draft: false };
  it("uses the title, marking corrections and drafts, with an ASCII fallback", () => {
    expect(bulletinFileName(meta, "2023-P3", "docx")).toEqual({
      name: "数字强省建设工作进展通报（2023年第3期）.docx",
      ascii: "bulletin-2023-P3-v1.docx",
    });
    expect(bulletinFileName({ ...meta, version: 2, draft: true }, "2023-P3", "pdf")).toEqual({
      name: "数字强省建设工作进展通报（2023年第3期）（第2版）（草稿）.pdf",
      ascii: "bulletin-2023-P3-v2-draft.pdf",
    });
  });
});

describe("composeBulletin", () => {
  const snapshot: BulletinSnapshot = {
    schemaVersion: 2,
    period: { year: 2023, index: 3, code: "2023-P3", start: "2023-05-01", end: "2023-06-30" },
    previousPeriodCode: "2023-P2",
    generatedAt: "2023-07-01T00:00:00.000Z",
    summary: {
      totalTasks: 4,
      asOf: "2023-06-30",
      byStatus: { ...emptyStatusCounts(), COMPLETED: 1, LAGGING: 1, ON_TRACK: 2 },
      previousByStatus: { ...emptyStatusCounts(), ON_TRACK: 3, LAGGING: 1 },
      firstReportCompleted: 0,
      byDocument: [
        { key: "wp", label: "2023年工作要点", total: 4, completed: 1, lagging: 1, atRisk: 0, completionRate: 0.25 },
      ],
      byArea: [],
      indicatorsByStatus: { ...emptyIndicatorCounts(), ON_PACE: 1 },
      reports: { submitted: 1, approved: 3, returned: 0, draft: 0 },
      departmentsInScope: 2,
      departmentsNotSubmitted: 0,
    },
    laggingTasks: [
      {
        taskId: 9,
        number: "12",
        document: "2023年工作要点",
        heading: "建设5G全连接工厂",
        status: "LAGGING",
        previousStatus: "ON_TRACK",
        progress: 20,
        leadUnits: ["省工业和信息化厅", "省通信管理局"],
        problems: "资金未到位",
      },
    ],
    newlyCompleted: [],
    departmentsNotSubmitted: [],
    indicators: [
      {
        id: 1,
        name: "5G基站",
        unit: "万个",
        area: "数字基础设施",
        status: "ON_PACE",
        latest: { value: 180000, asOf: "2023-06-30" },
        target: { value: 200000, comparator: "GTE", dueDate: "2023-12-31" },
        expectedShare: 0.5,
        actualShare: 0.55,
      },
    ],
    narratives: [],
  };
  const meta: BulletinMeta = {
    title: "数字强省建设工作进展通报（2023年第3期）",
    issueLabel: "2023年第3期",
    issuer: "山东省数字强省建设领导小组办公室",
    version: 1,
    issuedOn: "2023-07-03",
    draft: false,
  };

  it("cuts long lists in the Word/PDF body at DOCUMENT_LIST_LIMIT rows and says how many more are in the Excel file", () => {
    const many = Array.from({ length: DOCUMENT_LIST_LIMIT + 37 }, (_, i) => ({
      ...snapshot.laggingTasks[0]!,
      taskId: i + 1,
      number: String(i + 1),
    }));
    const blocks = composeBulletin({ ...snapshot, laggingTasks: many }, meta, zh, "zh-CN");
    const table = blocks.find((b) => b.kind === "table" && b.testId === "bulletin-lagging") as { rows: string[][] };
    expect(table.rows).toHaveLength(DOCUMENT_LIST_LIMIT);
    expect(table.rows.at(-1)![2]).toBe(String(DOCUMENT_LIST_LIMIT));
    const texts = blocks.map((b) => ("text" in b ? b.text : ""));
    expect(texts).toContain(`（上表列出前 ${DOCUMENT_LIST_LIMIT} 项，另有 37 项见本期通报 Excel 附表。）`);
    // The intro still counts every task.
    expect(texts.some((text) => text.includes(`共有 ${DOCUMENT_LIST_LIMIT + 37} 项任务`))).toBe(true);
    // A short list gets no note.
    expect(composeBulletin(snapshot, meta, zh, "zh-CN").some((b) => "text" in b && b.text.includes("上表列出前"))).toBe(
      false,
    );
  });

  it("lays out title, issuer, date and the six numbered sections in order", () => {
    const blocks = composeBulletin(snapshot, meta, zh, "zh-CN");
    expect(blocks.slice(0, 3)).toEqual([
      { kind: "title", text: meta.title },
      { kind: "meta", text: meta.issuer },
      { kind: "meta", text: "2023年7月3日" },
    ]);
    expect(blocks.filter((b) => b.kind === "heading").map((b) => (b as { text: string }).text)).toEqual([
      "一、总体情况",
      "二、滞后和存在风险的任务",
      "三、未按时报送进展的单位",
      "四、本期新完成的任务",
      "五、主要指标监测情况",
      "六、典型进展",
    ]);
    const texts = blocks.map((b) => ("text" in b ? b.text : ""));
    expect(texts).toContain(
      "纳入本期通报的任务共 4 项。其中已完成 1 项，常态化推进 0 项，按计划推进 2 项，未启动 0 项，存在风险 0 项，滞后 1 项，未报送 0 项，待明确责任单位 0 项。",
    );
    expect(texts).toContain("较上期：已完成 +1，存在风险 0，滞后 0。");
    // Empty sections say so instead of printing an empty table.
    expect(texts).toContain("各牵头单位均已按时报送本期进展。");
    expect(texts).toContain("本期无新完成的任务。");
    expect(texts).toContain("本期暂无审核通过的进展报告。");
  });

  it("prints the lagging list with lead units and problems, and the indicator table with pace", () => {
    const blocks = composeBulletin(snapshot, meta, zh, "zh-CN");
    const lagging = blocks.find((b) => b.kind === "table" && b.testId === "bulletin-lagging");
    expect(lagging).toMatchObject({
      caption: "表4 滞后和存在风险的任务清单",
      rows: [
        [
          "1",
          "2023年工作要点",
          "12",
          "建设5G全连接工厂",
          "省工业和信息化厅、省通信管理局",
          "滞后",
          "20%",
          "资金未到位",
        ],
      ],
    });
    const indicators = blocks.find((b) => b.kind === "table" && b.testId === "bulletin-indicators");
    expect(indicators).toMatchObject({
      rows: [
        ["1", "5G基站（万个）", "180,000\n2023年6月30日", "≥200,000\n2023年12月31日", "50.0%", "55.0%", "符合序时进度"],
      ],
    });
  });

  it("marks drafts and corrections, and speaks English for an English reader", () => {
    const blocks = composeBulletin(snapshot, { ...meta, version: 2, draft: true }, en, "en");
    expect(blocks[0]).toEqual({ kind: "meta", text: "DRAFT · not published" });
    expect(blocks[2]).toEqual({ kind: "meta", text: "(version 2, corrects earlier versions)" });
    expect(blocks).toContainEqual({ kind: "meta", text: "3 July 2023" });
    expect(blocks).toContainEqual({ kind: "heading", text: "2. Lagging and at-risk tasks" });
  });

  it("lists table 7 in attention order: the largest gap first, no data last", () => {
    const base = snapshot.indicators[0]!;
    const row = (id: number, name: string, over: Partial<typeof base>) => ({ ...base, id, name, ...over });
    const indicators = [
      row(1, "甲无数据", { status: "NO_DATA", latest: null, expectedShare: null, actualShare: null }),
      // 29.9 of 30 past due without a baseline: 0.33 % short.
      row(2, "乙园区", {
        status: "BEHIND",
        latest: { value: 29.9, asOf: "2022-12-31" },
        target: { value: 30, comparator: "GTE", dueDate: "2022-12-31" },
        expectedShare: null,
        actualShare: null,
      }),
      // 60 % of the way to a past target: 40 points to go.
      row(3, "丙基站", {
        status: "BEHIND",
        target: { value: 200000, comparator: "GTE", dueDate: "2022-12-31" },
        expectedShare: 1,
        actualShare: 0.6,
      }),
      // At risk, 12 points behind 序时进度.
      row(4, "丁机架", { status: "AT_RISK", expectedShare: 0.5, actualShare: 0.38 }),
      row(5, "戊覆盖率", { status: "ON_PACE", expectedShare: 0.5, actualShare: 0.55 }),
    ];
    const blocks = composeBulletin({ ...snapshot, indicators }, meta, zh, "zh-CN");
    const table = blocks.find((b) => b.kind === "table" && b.testId === "bulletin-indicators");
    expect(table?.kind === "table" && table.rows.map((r) => r[1])).toEqual([
      "丙基站（万个）",
      "丁机架（万个）",
      "乙园区（万个）",
      "戊覆盖率（万个）",
      "甲无数据（万个）",
    ]);
  });

  it("prints money in 亿元 and counts in 万个 with two decimals, one unit per indicator", () => {
    const base = snapshot.indicators[0]!;
    const indicators = [
      {
        ...base,
        id: 7,
        name: "数字经济核心产业增加值",
        unit: "元",
        latest: { value: 30_013_172_629, asOf: "2023-12-31" },
        target: { value: 1.4e12, comparator: "GT" as const, dueDate: "2025-12-31" },
      },
      { ...base, id: 8, name: "5G基站", unit: "个", latest: { value: 162_345, asOf: "2026-09-30" }, target: null },
      { ...base, id: 9, name: "上网率", unit: "%", latest: { value: 98.6, asOf: "2026-09-30" }, target: null },
    ];
    const blocks = composeBulletin({ ...snapshot, indicators }, meta, zh, "zh-CN");
    const table = blocks.find((b) => b.kind === "table" && b.testId === "bulletin-indicators");
    const rows = table?.kind === "table" ? table.rows : [];
    const byName = (name: string) => rows.find((r) => r[1]!.startsWith(name))!;
    expect(byName("数字经济核心产业增加值").slice(1, 4)).toEqual([
      "数字经济核心产业增加值（亿元）",
      "300.13\n2023年12月31日",
      ">14,000\n2025年12月31日",
    ]);
    expect(byName("5G基站").slice(1, 3)).toEqual(["5G基站（万个）", "16.23\n2026年9月30日"]);
    expect(byName("上网率").slice(1, 3)).toEqual(["上网率（%）", "98.6\n2026年9月30日"]);
  });

  it("adds the 红头, signature and 版记 only in the official layout", () => {
    const official = {
      ...meta,
      official: { docNumber: "鲁数字办〔2023〕3号", copyTo: ["省委办公厅", "省政府办公厅"], printedBy: "办公室" },
    };
    const on = composeBulletin(snapshot, official, zh, "zh-CN");
    expect(on[0]).toEqual({
      kind: "redHeader",
      issuer: meta.issuer,
      issueLabel: "2023年第3期",
      docNumber: "鲁数字办〔2023〕3号",
    });
    expect(on.at(-2)).toEqual({ kind: "signature", issuer: meta.issuer, date: "2023年7月3日" });
    expect(on.at(-1)).toEqual({
      kind: "closing",
      copyTo: "省委办公厅，省政府办公厅",
      printedBy: "办公室",
      printedOn: "2023年7月3日印发",
    });
    const off = composeBulletin(snapshot, meta, zh, "zh-CN");
    expect(off.some((b) => b.kind === "redHeader" || b.kind === "signature" || b.kind === "closing")).toBe(false);
  });

  it("says 无上期数据 in every 较上期 figure when there is no previous data", () => {
    const first = { ...snapshot, summary: { ...snapshot.summary, previousByStatus: null } };
    const blocks = composeBulletin(first, meta, zh, "zh-CN");
    const texts = blocks.map((b) => ("text" in b ? b.text : ""));
    expect(texts).toContain("较上期：无上期数据（上期末及以前没有审核通过的进展报告，不作比较）。");
    expect(texts.some((text) => text.startsWith("较上期：已完成"))).toBe(false);
    const table = blocks.find((b) => b.kind === "table" && b.testId === "bulletin-by-status") as { rows: string[][] };
    expect(table.rows).toHaveLength(8);
    for (const row of table.rows) expect(row.slice(2)).toEqual(["无上期数据", "无上期数据"]);
    expect(table.rows.map((r) => r[0])).toContain("待明确责任单位");
    expect(table.rows.map((r) => r[0])).toContain("未报送");
  });

  it("says how many tasks were completed at their first report, apart from the newly completed", () => {
    const withFirst = { ...snapshot, summary: { ...snapshot.summary, firstReportCompleted: 3 } };
    const texts = composeBulletin(withFirst, meta, zh, "zh-CN").map((b) => ("text" in b ? b.text : ""));
    expect(texts).toContain("另有 3 项任务首次审核通过的报告即为已完成，完成时间不能确定在本期，未计入本期新完成。");
  });

  it("reads a version 1 snapshot as published: two new states at 0, no roll-up", () => {
    const { asOf: _a, firstReportCompleted: _f, ...oldSummary } = snapshot.summary;
    const v1 = {
      ...snapshot,
      schemaVersion: 1,
      summary: {
        ...oldSummary,
        byStatus: { COMPLETED: 1, LAGGING: 1, ON_TRACK: 2, AT_RISK: 0, NOT_STARTED: 0, ONGOING: 0 },
        previousByStatus: { COMPLETED: 0, LAGGING: 1, ON_TRACK: 3, AT_RISK: 0, NOT_STARTED: 0, ONGOING: 0 },
      },
    };
    const upgraded = upgradeSnapshot(JSON.parse(JSON.stringify(v1)))!;
    expect(upgraded.schemaVersion).toBe(2);
    expect(upgraded.summary.byStatus).toEqual({ ...emptyStatusCounts(), COMPLETED: 1, LAGGING: 1, ON_TRACK: 2 });
    expect(upgraded.summary.previousByStatus).toEqual({ ...emptyStatusCounts(), LAGGING: 1, ON_TRACK: 3 });
    const blocks = composeBulletin(upgraded, meta, zh, "zh-CN");
    expect(blocks.map((b) => ("text" in b ? b.text : ""))).toContain("较上期：已完成 +1，存在风险 0，滞后 0。");
    const byDocument = blocks.find((b) => b.kind === "table" && b.testId === "bulletin-by-document") as {
      rows: string[][];
    };
    expect(byDocument.rows[0]!.at(-1)).toBe("—");
    expect(upgradeSnapshot({ schemaVersion: 99 })).toBeNull();
    expect(upgradeSnapshot(null)).toBeNull();
  });

  it("prints dates as Chinese documents do", () => {
    expect(printedDate("2023-05-01", "zh-CN")).toBe("2023年5月1日");
  });
});
