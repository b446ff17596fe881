import { describe, expect, it } from "vitest";
import {
  MATCH_THRESHOLD,
  compareDocuments,
  compareTargetValues,
  bigramSimilarity,
  contentBigrams,
  matchingPairs,
  taskSimilarity,
  wordingKey,
  type CompareSide,
  type CompareTarget,
  type CompareTask,
} from "@/lib/domain/document-compare";
import type { Comparator } from "@/lib/domain/indicator-status";
import type { ComparatorSchema } from "@/lib/ingest";
import type { z } from "zod";
import { listIndicatorSynonyms } from "../../seed/profile";
import { extractSeed, manifest } from "./ingest/seed-helpers";

let nextId = 1;
function task(number: string, text: string, extra: Partial<CompareTask> = {}): CompareTask {
  return { id: nextId++, number, text, title: null, area: null, leadUnits: [], ...extra };
}
function target(
  indicatorKey: string,
  value: number,
  dueDate: string,
  extra: Partial<CompareTarget> = {},
): CompareTarget {
  return {
    id: nextId++,
    indicatorKey,
    indicatorName: indicatorKey,
    direction: "HIGHER_IS_BETTER",
    value,
    comparator: "GTE",
    dueDate,
    unit: "个",
    cumulative: null,
    ...extra,
  };
}
function year(
  y: number,
  tasks: CompareTask[] = [],
  targets: CompareTarget[] = [],
): CompareSide<CompareTask, CompareTarget> {
  return { periodStart: `${y}-01-01`, periodEnd: `${y}-12-31`, tasks, targets };
}

describe("content of a task text", () => {
  it("drops unit lists, boilerplate verbs and punctuation before taking bigrams", () => {
    const grams = contentBigrams(
      "加快推进智慧社区建设。（牵头单位：省大数据局、省委党校（山东行政学院），责任单位：省民政厅）",
    );
    expect([...grams].sort()).toEqual(["慧社", "智慧", "社区"]);
  });

  it("does not join the characters on either side of a removed word into a bigram", () => {
    // "数据中心加快机架": without break points 心机 would be a bigram.
    expect(contentBigrams("数据中心加快机架").has("心机")).toBe(false);
  });

  it("treats texts that differ only in punctuation, spacing and unit lists as the same wording", () => {
    expect(wordingKey("建成济南、青岛骨干直联点。（牵头单位:省通信管理局）")).toBe(
      wordingKey("建成济南 青岛骨干直联点"),
    );
    expect(wordingKey("建成济南骨干直联点")).not.toBe(wordingKey("建成青岛骨干直联点"));
  });

  it("scores identical content 1, a reworded task high and an unrelated one below the threshold", () => {
    expect(taskSimilarity("实施数据中心增量提质行动", "实施数据中心增量提质行动。")).toBe(1);
    const reworded = taskSimilarity(
      "实施数据中心增量提质行动。年内打造20个省级新型大中型数据中心。",
      "开展数据中心“提质增量”行动，打造80个以上省级新型数据中心。",
    );
    expect(reworded).toBeGreaterThan(0.4);
    const unrelated = taskSimilarity("实施数据中心增量提质行动", "优化智慧养老服务，创新互联网养老模式");
    expect(unrelated).toBeLessThan(MATCH_THRESHOLD);
  });

  it("lets a short task that took over one topic of a long one match it (containment), not any long text", () => {
    const long =
      "加快物联网终端部署。全面推进物联网终端部署和应用场景打造，打造一批窄带物联网百万级连接规模应用场景，物联网终端总数达到1.5亿个。加快视频终端智能化改造部署。";
    const short = "提升窄带物联网及5G宽带物联网覆盖水平，全省注册物联网终端力争突破2亿个。";
    expect(taskSimilarity(long, short)).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(taskSimilarity("优化智慧出行服务，打造跨方式跨区域电子化客运服务体系。", short)).toBeLessThan(
      MATCH_THRESHOLD,
    );
  });
});

describe("compareDocuments: tasks", () => {
  it("matches renumbered tasks by content and lists the rest as added and dropped", () => {
    const from = year(2022, [
      task("1", "实施数据中心增量提质行动，打造省级新型数据中心", { area: "基础支撑" }),
      task("2", "优化智慧养老服务，创新互联网养老模式", { area: "生活方式" }),
    ]);
    const to = year(2023, [
      task("1", "举办数字强省宣传月活动", { area: "数字生态" }),
      task("2", "开展数据中心提质增量行动，打造省级新型数据中心", { area: "数字基础设施" }),
    ]);
    const result = compareDocuments(from, to);
    expect(result.carried.map((p) => [p.from.number, p.to.number])).toEqual([["1", "2"]]);
    expect(result.carried[0]!.wordingChanged).toBe(true);
    expect(result.added.map((t) => t.number)).toEqual(["1"]);
    expect(result.dropped.map((t) => t.number)).toEqual(["2"]);
    expect(result.byArea).toEqual([
      { area: "数字基础设施", carried: 1, added: 0, dropped: 0 },
      { area: "数字生态", carried: 0, added: 1, dropped: 0 },
      { area: "生活方式", carried: 0, added: 0, dropped: 1 },
    ]);
    expect(result.summary).toMatchObject({ carried: 1, added: 1, dropped: 1, wordingChanged: 1 });
  });

  it("assigns one to one, best pair first, when a later document splits a task", () => {
    const from = year(2022, [task("15", "实施双千兆工程，新建并开通5G基站，提高千兆光网覆盖，建成骨干直联点")]);
    const to = year(2023, [
      task("31", "提升骨干直联点聚集辐射作用，推动国际通信业务出入口局落地"),
      task("30", "统筹推进双千兆网络建设，累计开通5G基站，提高千兆光网覆盖"),
    ]);
    expect(taskSimilarity(from.tasks[0]!.text, to.tasks[0]!.text)).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    const result = compareDocuments(from, to);
    expect(result.carried).toHaveLength(1);
    expect(result.carried[0]!.to.number).toBe("30");
    expect(result.added.map((t) => t.number)).toEqual(["31"]);
    expect(result.dropped).toEqual([]);
  });

  it("reports unchanged wording and lead-unit changes only when both sides name lead units", () => {
    const text = "实施数字政府强基工程，优化升级全省云网架构布局";
    const from = year(2022, [
      task("14", `${text}。`, { leadUnits: ["省大数据局", "省公安厅"] }),
      task("1", "完成山东通平台升级改造，建成全省统一办公平台"),
    ]);
    const to = year(2023, [
      task("7", `${text}（牵头单位：省大数据局，责任单位：省政府有关部门）`, { leadUnits: ["省大数据局"] }),
      task("6", "迭代升级山东通平台，建成全省统一办公平台", { leadUnits: ["省大数据局"] }),
    ]);
    const result = compareDocuments(from, to);
    const [strong, office] = result.carried;
    expect(strong).toMatchObject({ wordingChanged: false, leadUnitsChanged: true, leadUnitsRemoved: ["省公安厅"] });
    expect(strong!.leadUnitsAdded).toEqual([]);
    // 2022 task 1 names no units: unknown is not a change.
    expect(office).toMatchObject({ leadUnitsChanged: false, leadUnitsAdded: [], leadUnitsRemoved: [] });
    expect(result.summary.leadUnitsChanged).toBe(1);
    expect(result.summary.wordingChanged).toBe(1);
  });

  it("handles empty documents", () => {
    const result = compareDocuments(year(2022), year(2023, [task("1", "加强宣传")]));
    expect(result.carried).toEqual([]);
    expect(result.added).toHaveLength(1);
    expect(result.byArea).toEqual([{ area: "—", carried: 0, added: 1, dropped: 0 }]);
  });
});

describe("compareTargetValues", () => {
  const at = (value: number, comparator: Comparator) => ({ value, comparator });
  it("calls a higher value raised when higher is better and lowered when lower is better", () => {
    expect(compareTargetValues(at(160000, "EQ"), at(200000, "GTE"), "HIGHER_IS_BETTER")).toBe("RAISED");
    expect(compareTargetValues(at(200000, "GTE"), at(160000, "GTE"), "HIGHER_IS_BETTER")).toBe("LOWERED");
    expect(compareTargetValues(at(1.5, "LTE"), at(1.2, "LTE"), "LOWER_IS_BETTER")).toBe("RAISED");
    expect(compareTargetValues(at(1.2, "LTE"), at(1.5, "LTE"), "LOWER_IS_BETTER")).toBe("LOWERED");
  });

  it("decides equal values by the comparator's strictness", () => {
    expect(compareTargetValues(at(50, "GTE"), at(50, "GT"), "HIGHER_IS_BETTER")).toBe("RAISED");
    expect(compareTargetValues(at(50, "EQ"), at(50, "GTE"), "HIGHER_IS_BETTER")).toBe("UNCHANGED");
    expect(compareTargetValues(at(50, "GTE"), at(50, "APPROX"), "HIGHER_IS_BETTER")).toBe("LOWERED");
    expect(compareTargetValues(at(5, "LTE"), at(5, "LT"), "LOWER_IS_BETTER")).toBe("RAISED");
    expect(compareTargetValues(at(0.3, "EQ"), at(0.1 + 0.2, "EQ"), "HIGHER_IS_BETTER")).toBe("UNCHANGED");
  });
});

describe("compareDocuments: targets", () => {
  it("compares the own-year goals of successive annual documents, level with level and increment with increment", () => {
    const from = year(
      2022,
      [],
      [
        target("5g", 160000, "2022-12-31", { comparator: "EQ" }),
        target("5g", 60000, "2022-12-31", { comparator: "EQ", cumulative: false }),
        target("coverage", 20, "2022-12-31", { comparator: "GT" }),
        target("coverage", 20, "2022-12-31", { comparator: "GT" }), // the goal repeated in a task
      ],
    );
    const to = year(
      2023,
      [],
      [
        target("5g", 200000, "2023-12-31", { cumulative: true }),
        target("parking", 800, "2023-12-31", { cumulative: false }),
      ],
    );
    const rows = compareDocuments(from, to).targets;
    expect(rows.map((r) => [r.indicatorKey, r.basis, r.change])).toEqual([
      ["5g", "LEVEL", "RAISED"],
      ["parking", "INCREMENT", "ONLY_TO"],
      ["5g", "INCREMENT", "ONLY_FROM"],
      ["coverage", "LEVEL", "ONLY_FROM"],
    ]);
    expect(rows[0]!.from!.value).toBe(160000);
    expect(rows[0]!.to!.value).toBe(200000);
  });

  it("pairs equal due dates first and reports goals for other horizons as a changed due date", () => {
    const plan: CompareSide<CompareTask, CompareTarget> = {
      periodStart: "2021-01-01",
      periodEnd: "2025-12-31",
      tasks: [],
      targets: [
        target("communities", 300, "2021-12-31", { comparator: "EQ" }),
        target("communities", 5000, "2025-12-31"),
        target("charging", 50000, "2022-12-31"),
      ],
    };
    const workPoints = year(
      2023,
      [],
      [target("communities", 2000, "2023-12-31"), target("charging", 50000, "2022-12-31", { comparator: "GT" })],
    );
    const rows = compareDocuments(plan, workPoints).targets;
    const charging = rows.find((r) => r.indicatorKey === "charging")!;
    expect(charging).toMatchObject({ change: "RAISED", valueChange: "RAISED" });
    const communities = rows.filter((r) => r.indicatorKey === "communities");
    // 2021 and 2025 are both two years from 2023: the later goal wins the tie.
    expect(communities.map((r) => [r.change, r.from?.value ?? null, r.to?.value ?? null, r.valueChange])).toEqual([
      ["DUE_DATE_CHANGED", 5000, 2000, "LOWERED"],
      ["ONLY_FROM", 300, null, null],
    ]);
    const summary = compareDocuments(plan, workPoints).summary.targets;
    expect(summary).toEqual({ RAISED: 1, LOWERED: 0, UNCHANGED: 0, DUE_DATE_CHANGED: 1, ONLY_FROM: 1, ONLY_TO: 0 });
  });
});

// ───────────── the real documents, as the extraction pipeline reads them ─────────────

const COMPARATOR: Record<z.infer<typeof ComparatorSchema>, Comparator> = {
  ">=": "GTE",
  ">": "GT",
  "<=": "LTE",
  "<": "LT",
  "=": "EQ",
  "~": "APPROX",
};
const directions = new Map(listIndicatorSynonyms().map((s) => [s.key, s.direction]));

function seedSide(slug: string): CompareSide<CompareTask, CompareTarget> {
  const extraction = extractSeed(slug);
  const entry = manifest.find((e) => e.slug === slug)!;
  return {
    periodStart: entry.periodStart,
    periodEnd: entry.periodEnd,
    tasks: [...extraction.tasks, ...extraction.measures].map((t, i) => ({
      id: i,
      number: t.number,
      text: t.text,
      title: t.title,
      // As lib/server/document-compare.ts: the task's own (chapter's) area, never its section's heading.
      area: t.area ?? null,
      leadUnits: t.leadUnits,
    })),
    targets: extraction.indicators.map((t, i) => ({
      id: i,
      indicatorKey: t.metricKey,
      indicatorName: t.metricName,
      direction: directions.get(t.metricKey) ?? "HIGHER_IS_BETTER",
      value: t.normalizedValue,
      comparator: COMPARATOR[t.comparator],
      dueDate: t.due ?? entry.periodEnd,
      unit: t.unit,
      cumulative: t.cumulative,
    })),
  };
}

describe("2022 → 2023 work points (real extraction)", () => {
  const result = compareDocuments(seedSide("work-points-2022"), seedSide("work-points-2023"));
  const pairOf = (fromNumber: string) => result.carried.find((p) => p.from.number === fromNumber);

  it.each([
    // Checked by reading both texts: the 2023 task continues the 2022 one under a new number.
    ["2", "1"], // 政务服务效能 → 双全双百 / 一网通办
    ["1", "6"], // 山东通 / 机关运行 → 数字机关
    ["14", "7"], // 数字政府强基工程
    ["5", "13"], // 工业互联网
    ["6", "14"], // 智慧农业基地、智能牧场
    ["8", "25"], // 新型智慧城市
    ["15", "30"], // 双千兆 / 5G
    ["16", "31"], // 数据中心
    ["17", "32"], // 物联网终端
    ["13", "23"], // 智慧停车
    ["4", "5"], // 一网统揽
    ["三.（二）", "39"], // 宣传培训 → 数字素养与技能提升
  ])("carries 2022 task %s over as 2023 task %s", (fromNumber, toNumber) => {
    const pair = pairOf(fromNumber);
    expect(pair?.to.number).toBe(toNumber);
    expect(pair!.similarity).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(pair!.wordingChanged).toBe(true);
  });

  it("drops 智慧养老 (2022 task 12) and adds tasks the 2022 points did not have", () => {
    expect(result.dropped.map((t) => t.number)).toContain("12");
    const added = result.added.map((t) => t.number);
    expect(added).toEqual(expect.arrayContaining(["27", "41"])); // 智慧城市峰会; 顶层设计 / 385 行动计划
    expect(result.summary.carried).toBeGreaterThanOrEqual(15);
    expect(result.summary.added + result.summary.carried).toBe(46);
  });

  it("reports lead units that changed for a carried-over task", () => {
    // 2022 task 14 was led by 省大数据局、省委网信办、省公安厅; 2023 task 7 by 省大数据局 alone.
    expect(pairOf("14")).toMatchObject({ leadUnitsChanged: true, leadUnitsRemoved: ["省委网信办", "省公安厅"] });
  });

  it("shows the 5G base-station target 16万 → 20万以上 as raised, and the annual 6万 only in 2022", () => {
    const fiveG = result.targets.filter((r) => r.indicatorKey === "5g-base-stations");
    const level = fiveG.find((r) => r.basis === "LEVEL")!;
    expect(level).toMatchObject({ change: "RAISED" });
    expect(level.from).toMatchObject({ value: 160000, dueDate: "2022-12-31" });
    expect(level.to).toMatchObject({ value: 200000, comparator: "GTE", dueDate: "2023-12-31" });
    expect(fiveG.find((r) => r.basis === "INCREMENT")).toMatchObject({ change: "ONLY_FROM", to: null });
  });

  it("raises the data-centre racks and keeps the smart-agriculture increments unchanged", () => {
    const row = (key: string) => result.targets.find((r) => r.indicatorKey === key && r.from && r.to);
    expect(row("data-center-standard-racks")?.change).toBe("RAISED"); // 突破25万 → 达到35万
    expect(row("village-5g-coverage")?.change).toBe("RAISED"); // 40% → 70%
    expect(row("smart-agriculture-bases")).toMatchObject({ change: "UNCHANGED", basis: "INCREMENT" });
    expect(result.summary.targets.LOWERED).toBe(0);
  });
});

describe("matchingPairs (inverted bigram index instead of scoring every pair)", () => {
  /** The rule as written: score every pair. */
  const everyPair = (fromGrams: Set<string>[], toGrams: Set<string>[]) => {
    const pairs: { i: number; j: number; similarity: number }[] = [];
    fromGrams.forEach((left, i) =>
      toGrams.forEach((right, j) => {
        const similarity = bigramSimilarity(left, right);
        if (similarity >= MATCH_THRESHOLD) pairs.push({ i, j, similarity });
      }),
    );
    return pairs;
  };
  const sorted = (pairs: { i: number; j: number; similarity: number }[]) =>
    [...pairs].sort((a, b) => a.i - b.i || a.j - b.j);

  it.each(manifest.flatMap((from) => manifest.filter((to) => to.slug !== from.slug).map((to) => [from.slug, to.slug])))(
    "finds exactly the pairs and similarities of scoring every pair: %s → %s",
    (fromSlug, toSlug) => {
      const fromGrams = seedSide(fromSlug).tasks.map((t) => contentBigrams(t.text));
      const toGrams = seedSide(toSlug).tasks.map((t) => contentBigrams(t.text));
      const wanted = everyPair(fromGrams, toGrams);
      expect(sorted(matchingPairs(fromGrams, toGrams))).toEqual(sorted(wanted));
    },
  );

  it("stays exact on large documents made of recombined real task texts", () => {
    // 600 × 600 tasks, each glued from pieces of two real tasks (deterministic).
    const pieces = manifest.flatMap((entry) => seedSide(entry.slug).tasks.map((t) => t.text));
    let state = 7;
    const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const text = () => {
      const a = pieces[Math.floor(next() * pieces.length)]!;
      const b = pieces[Math.floor(next() * pieces.length)]!;
      return `${a.slice(0, Math.floor(next() * a.length))}；${b.slice(Math.floor(next() * b.length))}`;
    };
    const fromGrams = Array.from({ length: 600 }, () => contentBigrams(text()));
    const toGrams = Array.from({ length: 600 }, () => contentBigrams(text()));
    const wanted = everyPair(fromGrams, toGrams);
    expect(wanted.length).toBeGreaterThan(100);
    expect(sorted(matchingPairs(fromGrams, toGrams))).toEqual(sorted(wanted));
  });

  it("finds nothing for empty texts", () => {
    expect(matchingPairs([new Set()], [new Set(), contentBigrams("建设数据中心")])).toEqual([]);
  });
});
