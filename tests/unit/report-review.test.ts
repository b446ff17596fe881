import { describe, expect, it } from "vitest";
import {
  compareAdvancement,
  hasChanges,
  leastAdvanced,
  regression,
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
