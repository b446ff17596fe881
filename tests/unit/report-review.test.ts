import { describe, expect, it } from "vitest";
import {
  compareAdvancement,
  filterReviewQueue,
  hasChanges,
  leastAdvanced,
  regression,
  reportPrefill,
  reviewFiltersOf,
  sentences,
  STATUS_ADVANCEMENT,
  textDiff,
  type DiffPart,
} from "../../lib/domain/report-review";
import { STATE_SEVERITY } from "../../lib/domain/task-state";
import { TASK_STATUSES } from "../../lib/domain/task-status";

const join = (parts: DiffPart[], keep: "added" | "removed") =>
  parts
    .filter((p) => p.op === "same" || p.op === keep)
    .map((p) => p.text)
    .join("");

describe("status advancement", () => {
  it("orders every reported status, least advanced first, as the severity order does", () => {
    expect(STATUS_ADVANCEMENT).toEqual(["LAGGING", "AT_RISK", "NOT_STARTED", "ON_TRACK", "ONGOING", "COMPLETED"]);
    expect([...STATUS_ADVANCEMENT].sort()).toEqual([...TASK_STATUSES].sort());
    const severity = STATE_SEVERITY.filter((s) => (STATUS_ADVANCEMENT as readonly string[]).includes(s));
    expect(severity).toEqual(STATUS_ADVANCEMENT);
  });

  it("compares status first, then progress", () => {
    expect(compareAdvancement({ status: "LAGGING", progress: 90 }, { status: "ON_TRACK", progress: 10 })).toBeLessThan(
      0,
    );
    expect(compareAdvancement({ status: "ON_TRACK", progress: 30 }, { status: "ON_TRACK", progress: 60 })).toBeLessThan(
      0,
    );
    expect(
      compareAdvancement({ status: "COMPLETED", progress: 100 }, { status: "ONGOING", progress: 100 }),
    ).toBeGreaterThan(0);
  });

  it("co-lead units: the task follows the least advanced report, whatever the order", () => {
    const a = { unit: "省大数据局", status: "LAGGING" as const, progress: 30 };
    const b = { unit: "省发展改革委", status: "COMPLETED" as const, progress: 100 };
    expect(leastAdvanced([a, b])?.unit).toBe("省大数据局");
    expect(leastAdvanced([b, a])?.unit).toBe("省大数据局");
    expect(leastAdvanced([])).toBeNull();
  });
});

describe("regression (the form's warning, the desk's got-worse filter)", () => {
  it("warns on a less advanced status or a lower progress, separately", () => {
    const last = { status: "AT_RISK" as const, progress: 48 };
    expect(regression(last, { status: "ON_TRACK", progress: 0 })).toEqual({ status: false, progress: true });
    expect(regression(last, { status: "LAGGING", progress: 48 })).toEqual({ status: true, progress: false });
    expect(regression(last, { status: "AT_RISK", progress: 48 })).toBeNull();
    expect(regression(last, { status: "ON_TRACK", progress: 60 })).toBeNull();
    expect(regression(null, { status: "LAGGING", progress: 0 })).toBeNull();
  });

  it("a completed task reported as ongoing at 100 % went backwards in status only", () => {
    expect(regression({ status: "COMPLETED", progress: 100 }, { status: "ONGOING", progress: 100 })).toEqual({
      status: true,
      progress: false,
    });
  });
});

describe("textDiff", () => {
  it("splits Chinese text into sentences keeping their terminators", () => {
    expect(sentences("完成平台建设。接入 12 个部门；\n下步推进")).toEqual([
      "完成平台建设。",
      "接入 12 个部门；",
      "\n",
      "下步推进",
    ]);
  });

  it("shows an edited figure as a character change inside an otherwise equal report", () => {
    const before = "省级平台已上线。完成进度 40%。接入部门 12 个。";
    const after = "省级平台已上线。完成进度 48%。接入部门 12 个。";
    const parts = textDiff(before, after);
    expect(parts.filter((p) => p.op === "removed").map((p) => p.text)).toEqual(["0"]);
    expect(parts.filter((p) => p.op === "added").map((p) => p.text)).toEqual(["8"]);
    expect(join(parts, "added")).toBe(after);
    expect(join(parts, "removed")).toBe(before);
  });

  it("keeps whole added and removed sentences whole", () => {
    const parts = textDiff("甲完成。乙推进中。", "甲完成。丙已启动，预计年底完成。乙推进中。");
    expect(parts).toEqual([
      { op: "same", text: "甲完成。" },
      { op: "added", text: "丙已启动，预计年底完成。" },
      { op: "same", text: "乙推进中。" },
    ]);
  });

  it("rebuilds both sides for arbitrary edits, and has no changes for equal text", () => {
    const cases: [string, string][] = [
      ["", "新增内容。"],
      ["旧内容。", ""],
      ["a;b;c", "a;x;c;d"],
      ["数据共享平台接入率达到 90%！存在问题：经费不足？", "数据共享平台接入率达到 95%！存在问题：人员不足。"],
    ];
    for (const [before, after] of cases) {
      const parts = textDiff(before, after);
      expect(join(parts, "added")).toBe(after);
      expect(join(parts, "removed")).toBe(before);
      expect(hasChanges(parts)).toBe(true);
    }
    expect(hasChanges(textDiff("不变。", "不变。"))).toBe(false);
    expect(textDiff("", "")).toEqual([]);
  });
});

describe("reportPrefill (where the form starts)", () => {
  const content = (status: "AT_RISK" | "COMPLETED" | "ON_TRACK", progress: number, text = "") => ({
    status,
    progress,
    progressText: text,
    problems: text,
    nextSteps: text,
    milestoneDates: [{ milestoneId: 1, completedDate: "2026-10-01" }],
  });

  it("a task that is 存在风险 48 % starts at 存在风险 48 % with empty texts, not 按计划推进 0 %", () => {
    const start = reportPrefill(null, content("AT_RISK", 48, "上期内容"), { status: "AT_RISK", progress: 48 });
    expect(start).toMatchObject({ status: "AT_RISK", progress: 48, progressText: "", source: "lastApproved" });
    expect(start.milestoneDates).toEqual([{ milestoneId: 1, completedDate: "2026-10-01" }]);
  });

  it("a completed task starts at 已完成 100 %", () => {
    expect(reportPrefill(null, content("COMPLETED", 100), null)).toMatchObject({ status: "COMPLETED", progress: 100 });
  });

  it("this period's own draft or returned report wins; the task's status when the unit never had one approved", () => {
    expect(reportPrefill(content("ON_TRACK", 60, "本期草稿"), content("AT_RISK", 48), null)).toMatchObject({
      progress: 60,
      progressText: "本期草稿",
      source: "thread",
    });
    expect(reportPrefill(null, null, { status: "AT_RISK", progress: 48 })).toMatchObject({
      status: "AT_RISK",
      progress: 48,
      source: "task",
    });
    expect(reportPrefill(null, null, null)).toMatchObject({ status: "ON_TRACK", progress: 0, source: "none" });
  });
});

describe("the review desk's filters", () => {
  const items = [
    { id: 1, departmentId: 10, documentId: 1, worse: null },
    { id: 2, departmentId: 11, documentId: 1, worse: { status: true, progress: false } },
    { id: 3, departmentId: 10, documentId: 2, worse: { status: false, progress: true } },
  ];

  it("reads the URL, treating anything unparsable as all", () => {
    expect(reviewFiltersOf({ unit: "10", document: "2", worse: "1" })).toEqual({ unit: 10, document: 2, worse: true });
    expect(reviewFiltersOf({ unit: "x", document: "-1", worse: "yes" })).toEqual({
      unit: null,
      document: null,
      worse: false,
    });
    expect(reviewFiltersOf({ unit: ["11", "10"] }).unit).toBe(11);
    expect(reviewFiltersOf({ unit: "99999999999" }).unit).toBeNull();
  });

  it("filters by unit, document and got worse, together", () => {
    const ids = (f: Partial<ReturnType<typeof reviewFiltersOf>>) =>
      filterReviewQueue(items, { unit: null, document: null, worse: false, ...f }).map((i) => i.id);
    expect(ids({})).toEqual([1, 2, 3]);
    expect(ids({ unit: 10 })).toEqual([1, 3]);
    expect(ids({ document: 1 })).toEqual([1, 2]);
    expect(ids({ worse: true })).toEqual([2, 3]);
    expect(ids({ unit: 10, worse: true })).toEqual([3]);
  });
});
