/**
 * Annual targets as levels, the attention order by gap, the chart's axes and the counted-unit rule —
 * worked examples with figures computed by hand.
 */
import { describe, expect, it } from "vitest";
import { attentionList, indicatorGap, rankByAttention, type GapSubject } from "../../lib/domain/indicator-attention";
import { buildIndicatorChart, chartAxes, chartTime, niceTicks } from "../../lib/domain/indicator-chart";
import { evaluateIndicator } from "../../lib/domain/indicator-status";
import { asLevelTargets, previousYearEnd } from "../../lib/domain/indicator-targets";
import { isWholeWhereCounted, valueKind } from "../../lib/domain/indicator-values";

// 5G基站 in 个: baseline 5.1万 at 2020 year-end, level target 16万 by 2025, annual target 年内新建6万 in 2022.
const baseline = { value: 51_000, asOf: "2020-12-31" };
const level = { value: 160_000, comparator: "GTE" as const, dueDate: "2025-12-31", cumulative: true };
const annual = { value: 60_000, comparator: "GTE" as const, dueDate: "2022-12-31", cumulative: false };
const y2021 = { value: 120_000, asOf: "2021-12-31" };

describe("annual targets as levels (lib/domain/indicator-targets.ts)", () => {
  it("derives the 2022 level from the 2021 year-end value: 12万 + 6万 = 18万, paced over 2022", () => {
    const [derived, kept] = asLevelTargets([annual, level], [baseline, y2021], "2022-06-30");
    expect(derived).toMatchObject({ basis: "DERIVED_LEVEL", value: 180_000, increment: 60_000, start: y2021 });
    expect(kept).toMatchObject({ basis: "LEVEL", value: 160_000, increment: null, start: null });
    // Mid-2022 at 14.4万: 2.4万 of the 6万 = 40 % of the year's way, 序时进度 181/365 = 49.6 %.
    const r = evaluateIndicator({
      direction: "HIGHER_IS_BETTER",
      baseline,
      targets: [derived!, kept!],
      observations: [y2021, { value: 144_000, asOf: "2022-06-30" }],
      today: "2022-06-30",
    });
    expect(r.target?.value).toBe(180_000);
    expect(r.actualShare).toBeCloseTo(0.4, 10);
    expect(r.expectedShare).toBeCloseTo(181 / 365, 10);
    expect(r).toMatchObject({ status: "AT_RISK", reason: "SLIGHTLY_BEHIND_PACE" }); // 9.6 points behind
  });

  it("never reads the annual increment as a level: 6万 against values of 12万 is not 'achieved'", () => {
    const r = evaluateIndicator({
      direction: "HIGHER_IS_BETTER",
      baseline,
      targets: asLevelTargets([annual, level], [baseline], "2022-06-30"), // no 2021 value
      observations: [{ value: 100_000, asOf: "2022-06-30" }],
      today: "2022-06-30",
    });
    expect(r).toMatchObject({ status: "NO_DATA", reason: "ANNUAL_TARGET_NO_BASE", expectedShare: null });
  });

  it("uses only a value of the previous calendar year, on or before the date judged", () => {
    expect(previousYearEnd([baseline], "2022-12-31", "2022-06-30")).toBeNull(); // 2020 is two years back
    expect(previousYearEnd([baseline, y2021], "2022-12-31", "2022-06-30")).toEqual(y2021);
    expect(previousYearEnd([y2021], "2022-12-31", "2021-12-30")).toBeNull(); // not known yet
    expect(previousYearEnd([{ value: 1, asOf: "2021-06-30" }, y2021], "2022-12-31", "2023-01-01")).toEqual(y2021);
  });

  it("prefers a level due the same day over an annual target that cannot be converted", () => {
    const sameDay = { ...level, dueDate: "2022-12-31" };
    const r = evaluateIndicator({
      direction: "HIGHER_IS_BETTER",
      baseline,
      targets: asLevelTargets([annual, sameDay], [baseline], "2022-06-30"),
      observations: [{ value: 110_000, asOf: "2022-06-30" }],
      today: "2022-06-30",
    });
    expect(r.target?.value).toBe(160_000);
  });

  it("draws the derived level, lists an unconvertible one without drawing it", () => {
    const common = {
      direction: "HIGHER_IS_BETTER" as const,
      baselines: [{ ...baseline, document: "规划" }],
      today: "2026-12-07",
    };
    const targets = [
      { id: 1, ...annual, aspirational: false, document: "2022年工作要点" },
      { id: 2, ...level, aspirational: false, document: "规划" },
    ];
    const withValue = buildIndicatorChart({
      ...common,
      targets,
      observations: [{ ...y2021, isSample: false }],
    });
    expect(withValue.targets.map((t) => [t.basis, t.value])).toEqual([
      ["DERIVED_LEVEL", 180_000],
      ["LEVEL", 160_000],
    ]);
    const without = buildIndicatorChart({ ...common, targets, observations: [] });
    expect(without.targets[0]).toMatchObject({ basis: "ANNUAL_NO_BASE", notALevel: true, increment: 60_000 });
    // The 6万 increment is not a point on the value axis: the axis is set by 5.1万 and 16万 only.
    expect(without.axes.yTicks).toEqual([0, 50_000, 100_000, 150_000, 200_000]);
  });
});

describe("chart axes", () => {
  it("steps of 1, 2 or 5 × 10^k: 0–16万 → 0/5万/10万/15万/20万", () => {
    expect(niceTicks(0, 160_000)).toEqual({ domain: [0, 200_000], ticks: [0, 50_000, 100_000, 150_000, 200_000] });
    expect(niceTicks(0, 30).ticks).toEqual([0, 10, 20, 30]);
    expect(niceTicks(1.2, 1.6).ticks).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(niceTicks(0, 98).ticks).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 0).ticks).toEqual([0, 0.1]);
  });

  it("has a tick at every year-end in view, 2021 included when the data start in 2021", () => {
    const axes = chartAxes(
      [
        { t: chartTime("2021-12-31"), value: 10 },
        { t: chartTime("2025-12-31"), value: 20 },
      ],
      "2023-06-30",
    );
    expect(axes.xTicks.map((t) => new Date(t).toISOString().slice(0, 10))).toEqual([
      "2021-12-31",
      "2022-12-31",
      "2023-12-31",
      "2024-12-31",
      "2025-12-31",
    ]);
    // The last point mid-year still gets its year's tick.
    const mid = chartAxes([{ t: chartTime("2024-06-30"), value: 1 }], "2024-06-30");
    expect(mid.xTicks.map((t) => new Date(t).getUTCFullYear())).toEqual([2024]);
  });
});

describe("attention order by gap (lib/domain/indicator-attention.ts)", () => {
  const today = "2026-12-07";
  const row = (over: Partial<GapSubject> & Pick<GapSubject, "id" | "name" | "status">): GapSubject => ({
    expectedShare: null,
    actualShare: null,
    latest: { value: 1 },
    target: { value: 1, comparator: "GTE", dueDate: "2025-12-31" },
    ...over,
  });
  // 5G at 60 % of the way to a past target: 40 points still to go.
  const fiveG = row({ id: 1, name: "5G基站数", status: "BEHIND", expectedShare: 1, actualShare: 0.6 });
  // 29.9 of 30 with no baseline, target past: 0.33 % short of the target.
  const parks = row({
    id: 2,
    name: "智慧园区",
    status: "BEHIND",
    latest: { value: 29.9 },
    target: { value: 30, comparator: "GTE", dueDate: "2025-12-31" },
  });
  // At risk, target ahead: 序时进度 80 %, actual 66 % → 14 points behind.
  const atRisk = row({
    id: 3,
    name: "算力",
    status: "AT_RISK",
    expectedShare: 0.8,
    actualShare: 0.66,
    target: { value: 1, comparator: "GTE", dueDate: "2027-12-31" },
  });
  const noBaselineAhead = row({
    id: 4,
    name: "数字经济占比",
    status: "AT_RISK",
    target: { value: 10, comparator: "GT", dueDate: "2027-12-31" },
  });
  const achieved = row({ id: 5, name: "光纤", status: "ACHIEVED", expectedShare: 1, actualShare: 1.1 });
  const noData = row({ id: 6, name: "A无数据", status: "NO_DATA", latest: null });
  const onPace = row({
    id: 7,
    name: "千兆",
    status: "ON_PACE",
    expectedShare: 0.5,
    actualShare: 0.47,
    target: { value: 1, comparator: "GTE", dueDate: "2027-12-31" },
  });

  it("measures the gap in points of the path, or against the target without a baseline", () => {
    expect(indicatorGap(fiveG, today)).toEqual({ kind: "PAST_DUE", gap: 0.4 });
    expect(indicatorGap(parks, today).kind).toBe("PAST_DUE_FROM_ZERO");
    expect(indicatorGap(parks, today).gap).toBeCloseTo(0.1 / 30, 12);
    expect(indicatorGap(atRisk, today).gap).toBeCloseTo(0.14, 12);
    expect(indicatorGap(noBaselineAhead, today)).toEqual({ kind: "UNKNOWN", gap: null });
  });

  it("ranks the largest gap first across 滞后 and 存在风险; unknown gaps, achieved, then no data last", () => {
    const ranked = rankByAttention([noData, parks, achieved, onPace, noBaselineAhead, atRisk, fiveG], today);
    expect(ranked.map((r) => r.id)).toEqual([1, 3, 7, 2, 4, 5, 6]);
    const list = attentionList([noData, parks, achieved, onPace, noBaselineAhead, atRisk, fiveG], today, 3);
    expect(list.map((r) => [r.id, r.gap.kind])).toEqual([
      [1, "PAST_DUE"],
      [3, "PACE"],
      [2, "PAST_DUE_FROM_ZERO"],
    ]);
  });

  it("breaks ties by name, then id", () => {
    const a = { ...atRisk, id: 10, name: "乙" };
    const b = { ...atRisk, id: 11, name: "甲" };
    const c = { ...atRisk, id: 9, name: "甲" };
    expect(rankByAttention([a, b, c], today).map((r) => r.id)).toEqual(
      [a, b, c].sort((x, y) => x.name.localeCompare(y.name, "zh-CN") || x.id - y.id).map((r) => r.id),
    );
  });
});

describe("what kind of figure a value is (lib/domain/indicator-values.ts valueKind)", () => {
  it("reads counts, rankings, shares and rates from the unit and name", () => {
    expect(valueKind({ unit: "个", name: "5G基站数" })).toBe("COUNT");
    expect(valueKind({ unit: "万人次", name: "查询量" })).toBe("COUNT");
    expect(valueKind({ unit: "市", name: "千兆城市" })).toBe("COUNT");
    expect(valueKind({ unit: "名", name: "信息化与工业化融合发展水平全国排名" })).toBe("RANK");
    expect(valueKind({ unit: "名", name: "培养数字人才" })).toBe("COUNT");
    expect(valueKind({ unit: "%", name: "千兆光网家庭覆盖率" })).toBe("SHARE");
    expect(valueKind({ unit: "%", name: "数字经济总量增幅" })).toBe("CHANGE_RATE");
    expect(valueKind({ unit: "亿元", name: "软件业务收入" })).toBe("AMOUNT");
  });

  it("a count is a whole number of its base unit", () => {
    expect(isWholeWhereCounted(1.99, { unit: "个", name: "千兆城市", unitScale: 1 })).toBe(false);
    expect(isWholeWhereCounted(2, { unit: "个", name: "千兆城市", unitScale: 1 })).toBe(true);
    expect(isWholeWhereCounted(11.64, { unit: "万个", name: "5G基站数", unitScale: 10_000 })).toBe(true);
    expect(isWholeWhereCounted(3.14, { unit: "名", name: "全国排名", unitScale: 1 })).toBe(false);
    expect(isWholeWhereCounted(41.5, { unit: "%", name: "占比", unitScale: 1 })).toBe(true);
  });
});
