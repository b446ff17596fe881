import { describe, expect, it } from "vitest";
import { buildHighlightTree, flattenHighlightTree, type HighlightNode, type Mark } from "../../lib/reader/highlight";

const mark = (kind: Mark["kind"], anchor: string, start: number, end: number): Mark => ({ kind, anchor, start, end });

function shape(nodes: HighlightNode[]): unknown[] {
  return nodes.map((n) =>
    n.type === "text" ? n.text : n.type === "anchor" ? `#${n.anchor}` : { [n.mark.anchor]: shape(n.children) },
  );
}

describe("highlight tree", () => {
  const text = "一、任务甲：建成5G基站16万个（牵头单位：省通信管理局）。二、任务乙。";

  it("nests records inside the task that contains them and keeps every character", () => {
    const at = (needle: string) => [text.indexOf(needle), text.indexOf(needle) + needle.length] as const;
    const task = mark("task", "task-1", at("任务甲")[0], at("）。")[1]);
    const target = mark("target", "target-1", ...at("建成5G基站16万个"));
    const units = mark("units", "units-1", ...at("牵头单位：省通信管理局）"));
    const nodes = buildHighlightTree(text, [units, target, task]);
    expect(flattenHighlightTree(nodes)).toBe(text);
    expect(shape(nodes)).toEqual([
      "一、",
      {
        "task-1": [
          "任务甲：",
          { "target-1": ["建成5G基站16万个"] },
          "（",
          { "units-1": ["牵头单位：省通信管理局）"] },
          "。",
        ],
      },
      "二、任务乙。",
    ]);
  });

  it("clips a mark that overlaps the end of its enclosing mark", () => {
    const nodes = buildHighlightTree("abcdefghij", [mark("task", "t", 0, 5), mark("target", "x", 3, 8)]);
    expect(shape(nodes)).toEqual([{ t: ["abc", { x: ["de"] }] }, "fghij"]);
    expect(flattenHighlightTree(nodes)).toBe("abcdefghij");
  });

  it("puts the bigger concept outside when two marks cover the same span", () => {
    const nodes = buildHighlightTree("abc", [mark("milestone", "m", 0, 3), mark("task", "t", 0, 3)]);
    expect(shape(nodes)).toEqual([{ t: [{ m: ["abc"] }] }]);
  });

  it("ignores empty and out-of-range marks", () => {
    const nodes = buildHighlightTree("abc", [
      mark("task", "t", 2, 2),
      mark("task", "u", 5, 9),
      mark("target", "v", -3, 1),
    ]);
    expect(shape(nodes)).toEqual([{ v: ["a"] }, "bc"]);
  });

  it("handles siblings and text between them", () => {
    const nodes = buildHighlightTree("0123456789", [mark("task", "a", 1, 3), mark("task", "b", 5, 7)]);
    expect(shape(nodes)).toEqual(["0", { a: ["12"] }, "34", { b: ["56"] }, "789"]);
  });

  it("places section anchors as points, before a record starting at the same offset", () => {
    const nodes = buildHighlightTree(
      "0123456789",
      [mark("task", "a", 2, 6)],
      [mark("section", "s1", 0, 0), mark("section", "s2", 2, 2), mark("section", "s3", 4, 4)],
    );
    expect(shape(nodes)).toEqual(["#s1", "01", "#s2", { a: ["23", "#s3", "45"] }, "6789"]);
    expect(flattenHighlightTree(nodes)).toBe("0123456789");
  });
});
