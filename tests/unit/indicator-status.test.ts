import { describe, expect, it } from "vitest";
import {
  DEFAULT_INDICATOR_THRESHOLDS,
  actualShare,
  dayNumber,
  evaluateIndicator,
  expectedShare,
  forecast,
  forecastAttains,
  latestObservation,
  meetsTarget,
  selectTarget,
  type DatedValue,
  type TargetInput,
} from "../../lib/domain/indicator-status";

// Day counts used below (2024 is a leap year):
//   2020-12-31 → 2021-12-31 = 365, → 2022-06-30 = 546, → 2022-12-31 = 730,
//              → 2023-06-30 = 911, → 2023-12-31 = 1095, → 2025-12-31 = 1826
//   2022-12-31 → 2024-06-30 = 547, → 2025-12-31 = 1096
//   2023-12-31 → 2024-06-30 = 182, → 2025-12-31 = 731

// 5G基站: 5.1万 at the end of 2020 (plan), 16万 by 2022 (2022 work points), 20万以上 by 2023 (2023 work points).
const fiveG = {
  direction: "HIGHER_IS_BETTER" as const,
  baseline: { value: 51_000, asOf: "2020-12-31" },
  targets: [
    { value: 160_000, comparator: "GTE" as const, dueDate: "2022-12-31" },
    { value: 200_000, comparator: "GTE" as const, dueDate: "2023-12-31" },
  ],
};
const fiveG2022 = fiveG.targets[0]!;
const fiveG2023 = fiveG.targets[1]!;

// 数据中心标准机架: 14.6万 (2020) → 25万 (2022) → 35万 (2023).
const racks = {
  direction: "HIGHER_IS_BETTER" as const,
  baseline: { value: 146_000, asOf: "2020-12-31" },
  targets: [
    { value: 250_000, comparator: "GTE" as const, dueDate: "2022-12-31" },
    { value: 350_000, comparator: "GTE" as const, dueDate: "2023-12-31" },
  ],
};

// 数字经济核心产业增加值占GDP比重: 7 % (2022) → 力争超过10 % (2025).
const digitalShareTarget = { value: 10, comparator: "GT" as const, dueDate: "2025-12-31", aspirational: true };
const digitalShare = {
  direction: "HIGHER_IS_BETTER" as const,
  baseline: { value: 7, asOf: "2022-12-31" },
  targets: [digitalShareTarget],
};

// A lower-is-better indicator: PUE of large data centres, 1.6 (2020) → 降至1.3以下 (≤ 1.3) by 2025.
const pue = {
  direction: "LOWER_IS_BETTER" as const,
  baseline: { value: 1.6, asOf: "2020-12-31" },
  targets: [{ value: 1.3, comparator: "LTE" as const, dueDate: "2025-12-31" }],
};

const obs = (value: number, asOf: string): DatedValue => ({ value, asOf });

describe("dates", () => {
  it("counts days on the UTC calendar and rejects malformed dates", () => {
    expect(dayNumber("2022-12-31") - dayNumber("2020-12-31")).toBe(730);
    expect(dayNumber("2025-12-31") - dayNumber("2022-12-31")).toBe(1096); // 2024 is a leap year
    expect(() => dayNumber("2023-02-29")).toThrow(RangeError);
    expect(() => dayNumber("2023/06/30")).toThrow(RangeError);
  });
});

describe("comparators (meetsTarget)", () => {
  it("≥ GTE: 20万以上", () => {
    const t = { value: 200_000, comparator: "GTE" as const };
    expect(meetsTarget(200_000, t, "HIGHER_IS_BETTER")).toBe(true);
    expect(meetsTarget(199_999, t, "HIGHER_IS_BETTER")).toBe(false);
  });

  it("> GT: 力争超过10 % — exactly 10 is not enough", () => {
    const t = { value: 10, comparator: "GT" as const };
    expect(meetsTarget(10, t, "HIGHER_IS_BETTER")).toBe(false);
    expect(meetsTarget(10.1, t, "HIGHER_IS_BETTER")).toBe(true);
  });

  it("= EQ (达到) means reached: at or beyond in the better direction", () => {
    const higher = { value: 98, comparator: "EQ" as const };
    expect(meetsTarget(98, higher, "HIGHER_IS_BETTER")).toBe(true);
    expect(meetsTarget(99.2, higher, "HIGHER_IS_BETTER")).toBe(true);
    expect(meetsTarget(97.9, higher, "HIGHER_IS_BETTER")).toBe(false);
    // lower is better: 办理时限 达到 3 days → 2 days is better still, 4 is not reached
    const lower = { value: 3, comparator: "EQ" as const };
    expect(meetsTarget(2, lower, "LOWER_IS_BETTER")).toBe(true);
    expect(meetsTarget(4, lower, "LOWER_IS_BETTER")).toBe(false);
  });

  it("≈ APPROX (50家左右): within 2 % of 50 (= ±1), or beyond in the better direction", () => {
    const t = { value: 50, comparator: "APPROX" as const };
    expect(meetsTarget(49, t, "HIGHER_IS_BETTER")).toBe(true); // |49 − 50| = 1 ≤ 0.02 × 50
    expect(meetsTarget(48.9, t, "HIGHER_IS_BETTER")).toBe(false); // 1.1 > 1
    expect(meetsTarget(60, t, "HIGHER_IS_BETTER")).toBe(true); // overshoot upwards is fine
    expect(meetsTarget(51, t, "LOWER_IS_BETTER")).toBe(true); // within 1
    expect(meetsTarget(60, t, "LOWER_IS_BETTER")).toBe(false); // 10 over, and higher is worse
    expect(meetsTarget(40, t, "LOWER_IS_BETTER")).toBe(true);
    // tolerance is configurable: 5 % of 50 = 2.5
    expect(meetsTarget(47.6, t, "HIGHER_IS_BETTER", 0.05)).toBe(true);
  });

  it("≤ LTE and < LT: PUE 1.3", () => {
    const lte = { value: 1.3, comparator: "LTE" as const };
    const lt = { value: 1.3, comparator: "LT" as const };
    expect(meetsTarget(1.3, lte, "LOWER_IS_BETTER")).toBe(true);
    expect(meetsTarget(1.31, lte, "LOWER_IS_BETTER")).toBe(false);
    expect(meetsTarget(1.3, lt, "LOWER_IS_BETTER")).toBe(false);
    expect(meetsTarget(1.29, lt, "LOWER_IS_BETTER")).toBe(true);
  });

  it("treats floating-point noise as equality", () => {
    // 0.1 + 0.2 = 0.30000000000000004; 1.4万亿 computed as 1.4 × 1e12 = 1400000000000.0002
    expect(meetsTarget(0.1 + 0.2, { value: 0.3, comparator: "LTE" }, "LOWER_IS_BETTER")).toBe(true);
    expect(meetsTarget(0.1 + 0.2, { value: 0.3, comparator: "GT" }, "HIGHER_IS_BETTER")).toBe(false);
    expect(meetsTarget(1.4 * 1e12, { value: 1.4e12, comparator: "LTE" }, "LOWER_IS_BETTER")).toBe(true);
  });
});

describe("the target that counts (selectTarget)", () => {
  it("is the earliest one due on or after today, else the last one", () => {
    expect(selectTarget(fiveG.targets, "2022-06-30", "HIGHER_IS_BETTER")).toBe(fiveG2022);
    expect(selectTarget(fiveG.targets, "2022-12-31", "HIGHER_IS_BETTER")).toBe(fiveG2022); // due today still counts
    expect(selectTarget(fiveG.targets, "2023-01-01", "HIGHER_IS_BETTER")).toBe(fiveG2023);
    expect(selectTarget([...fiveG.targets].reverse(), "2022-06-30", "HIGHER_IS_BETTER")).toBe(fiveG2022);
    expect(selectTarget(fiveG.targets, "2024-03-01", "HIGHER_IS_BETTER")).toBe(fiveG2023);
    expect(selectTarget([], "2024-03-01", "HIGHER_IS_BETTER")).toBeNull();
  });

  it("prefers, on the same due date, a binding target, then the most demanding one", () => {
    const plan = { value: 190_000, comparator: "GTE" as const, dueDate: "2023-12-31" };
    const points = { value: 200_000, comparator: "GTE" as const, dueDate: "2023-12-31" };
    const stretch = { value: 210_000, comparator: "GTE" as const, dueDate: "2023-12-31", aspirational: true };
    expect(selectTarget([plan, stretch, points], "2023-06-30", "HIGHER_IS_BETTER")).toBe(points);
    expect(selectTarget([stretch], "2023-06-30", "HIGHER_IS_BETTER")).toBe(stretch);
    const pue14 = { value: 1.4, comparator: "LTE" as const, dueDate: "2025-12-31" };
    const pue13 = { value: 1.3, comparator: "LTE" as const, dueDate: "2025-12-31" };
    expect(selectTarget([pue14, pue13], "2023-06-30", "LOWER_IS_BETTER")).toBe(pue13);
  });
});

describe("shares", () => {
  it("expected share is elapsed / whole, clamped to [0, 1]", () => {
    expect(expectedShare("2020-12-31", "2022-12-31", "2022-06-30")).toBeCloseTo(546 / 730, 12);
    expect(expectedShare("2020-12-31", "2022-12-31", "2020-06-30")).toBe(0);
    expect(expectedShare("2020-12-31", "2022-12-31", "2024-01-01")).toBe(1);
    expect(expectedShare("2023-12-31", "2023-12-31", "2023-06-30")).toBe(0); // no span: 0 until due
    expect(expectedShare("2023-12-31", "2023-12-31", "2023-12-31")).toBe(1);
  });

  it("actual share works with signs for both directions, and handles target == baseline", () => {
    // 5G: (135000 − 51000) / (160000 − 51000) = 84000 / 109000
    expect(actualShare(135_000, 51_000, fiveG2022, "HIGHER_IS_BETTER")).toBeCloseTo(84 / 109, 12);
    // PUE: (1.42 − 1.6) / (1.3 − 1.6) = −0.18 / −0.3 = 0.6
    expect(actualShare(1.42, 1.6, pue.targets[0]!, "LOWER_IS_BETTER")).toBeCloseTo(0.6, 12);
    // target == baseline (keep 25万 racks): no path, so 1 if met, else 0
    const keep = { value: 250_000, comparator: "GTE" as const };
    expect(actualShare(255_000, 250_000, keep, "HIGHER_IS_BETTER")).toBe(1);
    expect(actualShare(248_000, 250_000, keep, "HIGHER_IS_BETTER")).toBe(0);
  });

  it("takes the latest observation by date, the later entry on a tie", () => {
    const a = obs(250_000, "2022-12-31");
    const b = obs(198_000, "2021-12-31");
    const c = obs(300_000, "2023-06-30");
    const cCorrected = obs(301_000, "2023-06-30");
    expect(latestObservation([a, c, b])).toBe(c);
    expect(latestObservation([a, c, b, cCorrected])).toBe(cCorrected);
    expect(latestObservation([])).toBeNull();
  });
});

describe("evaluateIndicator: each status on the 5G path (today 2022-06-30, target 16万 by 2022-12-31)", () => {
  // expected share = 546 / 730 = 0.74795; on pace down to 0.69795, at risk down to 0.59795
  const at = (value: number) =>
    evaluateIndicator({ ...fiveG, observations: [obs(value, "2022-06-30")], today: "2022-06-30" });

  it("ON_PACE / AHEAD_OF_PACE: 13.5万 → (135000 − 51000) / 109000 = 0.77064 ≥ 0.74795", () => {
    const r = at(135_000);
    expect(r).toMatchObject({ status: "ON_PACE", reason: "AHEAD_OF_PACE", target: fiveG2022 });
    expect(r.expectedShare).toBeCloseTo(546 / 730, 12);
    expect(r.actualShare).toBeCloseTo(84_000 / 109_000, 12);
    expect(r.latest).toEqual(obs(135_000, "2022-06-30"));
  });

  it("ON_PACE / NEAR_PACE: 13万 → 79000 / 109000 = 0.72477, gap 0.023 ≤ 0.05", () => {
    expect(at(130_000)).toMatchObject({ status: "ON_PACE", reason: "NEAR_PACE" });
  });

  it("AT_RISK: 12万 → 69000 / 109000 = 0.63303, gap 0.115 in (0.05, 0.15]", () => {
    expect(at(120_000)).toMatchObject({ status: "AT_RISK", reason: "SLIGHTLY_BEHIND_PACE" });
  });

  it("BEHIND: 11万 → 59000 / 109000 = 0.54128, gap 0.207 > 0.15", () => {
    expect(at(110_000)).toMatchObject({ status: "BEHIND", reason: "BEHIND_PACE" });
  });

  it("ACHIEVED before the due date: 16.1万 ≥ 16万", () => {
    const r = at(161_000);
    expect(r).toMatchObject({ status: "ACHIEVED", reason: "ACHIEVED", target: fiveG2022 });
    expect(r.actualShare).toBeCloseTo(110_000 / 109_000, 12);
  });

  it("NO_DATA without observations (the target and 序时进度 are still reported)", () => {
    const r = evaluateIndicator({ ...fiveG, observations: [], today: "2022-06-30" });
    expect(r).toMatchObject({ status: "NO_DATA", reason: "NO_OBSERVATIONS", target: fiveG2022, latest: null });
    expect(r.expectedShare).toBeCloseTo(546 / 730, 12);
    expect(r.actualShare).toBeNull();
  });

  it("NO_DATA without targets", () => {
    const r = evaluateIndicator({
      ...fiveG,
      targets: [],
      observations: [obs(135_000, "2022-06-30")],
      today: "2022-06-30",
    });
    expect(r).toEqual({
      status: "NO_DATA",
      reason: "NO_TARGET",
      target: null,
      expectedShare: null,
      actualShare: null,
      latest: obs(135_000, "2022-06-30"),
    });
  });
});

describe("evaluateIndicator: several targets, past targets, overshoot", () => {
  it("the next target counts once the earlier one is past (and met)", () => {
    // today 2023-06-30: 16万 (2022) is past; 20万 by 2023-12-31 counts.
    // expected = 911 / 1095 = 0.83196; actual = (185000 − 51000) / (200000 − 51000) = 134000 / 149000 = 0.89933
    const r = evaluateIndicator({
      ...fiveG,
      observations: [obs(162_000, "2022-12-31"), obs(185_000, "2023-06-30")],
      today: "2023-06-30",
    });
    expect(r).toMatchObject({ status: "ON_PACE", reason: "AHEAD_OF_PACE", target: fiveG2023 });
    expect(r.expectedShare).toBeCloseTo(911 / 1095, 12);
    expect(r.actualShare).toBeCloseTo(134_000 / 149_000, 12);
  });

  it("all targets past and the last one not met → BEHIND / TARGET_PAST_NOT_MET, expected share 1", () => {
    // 19.5万 at the end of 2023 < 20万; actual = 144000 / 149000 = 0.96644
    const r = evaluateIndicator({ ...fiveG, observations: [obs(195_000, "2023-12-31")], today: "2024-01-15" });
    expect(r).toMatchObject({ status: "BEHIND", reason: "TARGET_PAST_NOT_MET", target: fiveG2023, expectedShare: 1 });
    expect(r.actualShare).toBeCloseTo(144_000 / 149_000, 12);
  });

  it("all targets past and the last one met → ACHIEVED", () => {
    const r = evaluateIndicator({ ...fiveG, observations: [obs(202_000, "2023-12-31")], today: "2024-01-15" });
    expect(r).toMatchObject({ status: "ACHIEVED", target: fiveG2023, expectedShare: 1 });
  });

  it("reports overshoot unclamped: 21.8万 → 167000 / 149000 = 1.12081", () => {
    const r = evaluateIndicator({ ...fiveG, observations: [obs(218_000, "2023-12-31")], today: "2023-12-31" });
    expect(r.status).toBe("ACHIEVED");
    expect(r.actualShare).toBeCloseTo(167_000 / 149_000, 12);
    expect(r.actualShare).toBeGreaterThan(1);
  });

  it("a share of 1 that does not satisfy a strict > target is judged by pace, not as achieved", () => {
    // 数字经济 share exactly 10 % in 2024 against 力争超过10 %: (10 − 7) / (10 − 7) = 1 ≥ 547 / 1096
    const r = evaluateIndicator({ ...digitalShare, observations: [obs(10, "2023-12-31")], today: "2024-06-30" });
    expect(r).toMatchObject({ status: "ON_PACE", reason: "AHEAD_OF_PACE", actualShare: 1 });
  });

  it("target == baseline (keep 25万 racks through 2023): met → ACHIEVED, slipped → share 0", () => {
    const keep = {
      direction: "HIGHER_IS_BETTER" as const,
      baseline: { value: 250_000, asOf: "2022-12-31" },
      targets: [{ value: 250_000, comparator: "GTE" as const, dueDate: "2023-12-31" }],
      today: "2023-06-30",
    };
    expect(evaluateIndicator({ ...keep, observations: [obs(255_000, "2023-06-30")] })).toMatchObject({
      status: "ACHIEVED",
      actualShare: 1,
    });
    // 24.8万: share 0 against expected 181 / 365 = 0.49589 → gap 0.496 > 0.15
    expect(evaluateIndicator({ ...keep, observations: [obs(248_000, "2023-06-30")] })).toMatchObject({
      status: "BEHIND",
      reason: "BEHIND_PACE",
      actualShare: 0,
    });
  });
});

describe("evaluateIndicator: observations out of order and after today", () => {
  it("uses the latest by date and ignores observations dated after today", () => {
    // racks, today 2023-06-30, target 35万 by 2023-12-31: expected = 911 / 1095 = 0.83196
    // latest on or before today = 30万 → (300000 − 146000) / (350000 − 146000) = 154000 / 204000 = 0.75490
    // gap 0.077 → AT_RISK. The 36万 dated 2023-10-31 is not yet known on 2023-06-30.
    const r = evaluateIndicator({
      ...racks,
      observations: [
        obs(250_000, "2022-12-31"),
        obs(360_000, "2023-10-31"),
        obs(300_000, "2023-06-30"),
        obs(198_000, "2021-12-31"),
      ],
      today: "2023-06-30",
    });
    expect(r.latest).toEqual(obs(300_000, "2023-06-30"));
    expect(r.actualShare).toBeCloseTo(154_000 / 204_000, 12);
    expect(r).toMatchObject({ status: "AT_RISK", reason: "SLIGHTLY_BEHIND_PACE", target: racks.targets[1] });
  });
});

describe("evaluateIndicator: lower is better (PUE 1.6 → ≤ 1.3 by 2025, today 2023-06-30)", () => {
  // expected = 911 / 1826 = 0.49890
  const at = (value: number) =>
    evaluateIndicator({ ...pue, observations: [obs(value, "2023-06-30")], today: "2023-06-30" });

  it("a falling value is progress: 1.42 → (1.42 − 1.6) / (1.3 − 1.6) = 0.6 → ON_PACE", () => {
    const r = at(1.42);
    expect(r).toMatchObject({ status: "ON_PACE", reason: "AHEAD_OF_PACE" });
    expect(r.expectedShare).toBeCloseTo(911 / 1826, 12);
    expect(r.actualShare).toBeCloseTo(0.6, 12);
  });

  it("barely moved: 1.58 → 0.0667 → BEHIND; worse than baseline: 1.65 → −0.1667 → BEHIND", () => {
    expect(at(1.58)).toMatchObject({ status: "BEHIND", reason: "BEHIND_PACE" });
    expect(at(1.65).actualShare).toBeCloseTo(-0.05 / 0.3, 12);
  });

  it("at or below 1.3 → ACHIEVED", () => {
    expect(at(1.3).status).toBe("ACHIEVED");
    expect(at(1.28).status).toBe("ACHIEVED");
  });
});

describe("evaluateIndicator: missing baseline (数字经济 share, target > 10 % by 2025-12-31)", () => {
  const noBaseline = { direction: "HIGHER_IS_BETTER" as const, baseline: null, targets: [digitalShareTarget] };

  it("cannot prove pace: AT_RISK / NO_BASELINE, expected share measured from the first observation", () => {
    // first observation 2023-12-31: expected = 182 / 731 = 0.24897
    const r = evaluateIndicator({
      ...noBaseline,
      observations: [obs(8.2, "2024-06-30"), obs(7.6, "2023-12-31")],
      today: "2024-06-30",
    });
    expect(r).toMatchObject({ status: "AT_RISK", reason: "NO_BASELINE", actualShare: null });
    expect(r.expectedShare).toBeCloseTo(182 / 731, 12);
  });

  it("still recognises achievement and a missed past target", () => {
    expect(
      evaluateIndicator({ ...noBaseline, observations: [obs(10.5, "2025-06-30")], today: "2025-06-30" }),
    ).toMatchObject({ status: "ACHIEVED", reason: "ACHIEVED" });
    expect(
      evaluateIndicator({ ...noBaseline, observations: [obs(9.6, "2025-12-31")], today: "2026-03-01" }),
    ).toMatchObject({ status: "BEHIND", reason: "TARGET_PAST_NOT_MET", expectedShare: 1 });
  });

  it("without baseline and observations there is no start date", () => {
    expect(evaluateIndicator({ ...noBaseline, observations: [], today: "2024-06-30" })).toMatchObject({
      status: "NO_DATA",
      reason: "NO_OBSERVATIONS",
      expectedShare: null,
    });
  });
});

describe("evaluateIndicator: configurable thresholds", () => {
  // 数字经济 share 7 % (2022-12-31) → > 10 % (2025-12-31); 8.2 % reported for 2023, judged 2024-06-30.
  // expected = 547 / 1096 = 0.49909; actual = (8.2 − 7) / (10 − 7) = 0.4; gap = 0.09909
  const input = { ...digitalShare, observations: [obs(8.2, "2023-12-31")], today: "2024-06-30" };

  it("uses and exports the defaults (0.05 / 0.15 / 2 %)", () => {
    expect(DEFAULT_INDICATOR_THRESHOLDS).toEqual({ onPaceMargin: 0.05, atRiskMargin: 0.15, approxTolerance: 0.02 });
    const r = evaluateIndicator(input);
    expect(r).toMatchObject({ status: "AT_RISK", reason: "SLIGHTLY_BEHIND_PACE" });
    expect(r.expectedShare).toBeCloseTo(547 / 1096, 12);
    expect(r.actualShare).toBeCloseTo(0.4, 12);
  });

  it("a wider on-pace margin (0.10) makes it ON_PACE; a narrow at-risk margin (0.08) makes it BEHIND", () => {
    expect(evaluateIndicator({ ...input, thresholds: { onPaceMargin: 0.1 } })).toMatchObject({
      status: "ON_PACE",
      reason: "NEAR_PACE",
    });
    expect(evaluateIndicator({ ...input, thresholds: { atRiskMargin: 0.08 } })).toMatchObject({
      status: "BEHIND",
      reason: "BEHIND_PACE",
    });
  });

  it("the ≈ tolerance is a threshold too: 49 against 50家左右 fails at 1 %", () => {
    const approx = {
      direction: "HIGHER_IS_BETTER" as const,
      baseline: null,
      targets: [{ value: 50, comparator: "APPROX" as const, dueDate: "2023-12-31" }],
      observations: [obs(49, "2023-12-31")],
      today: "2024-01-10",
    };
    expect(evaluateIndicator(approx).status).toBe("ACHIEVED");
    expect(evaluateIndicator({ ...approx, thresholds: { approxTolerance: 0.01 } }).status).toBe("BEHIND");
  });
});

describe("forecast", () => {
  it("is exact on a perfect line: 5G 5.1万 → 10.55万 → 16万, +5.45万 a year → 21.45万 by 2023-12-31", () => {
    // points at days 0, 365, 730; slope = 54500 / 365 per day; 2023-12-31 is day 1095:
    // 51000 + 54500 × 3 = 214500
    const f = forecast([obs(105_500, "2021-12-31"), obs(160_000, "2022-12-31")], "2023-12-31", fiveG.baseline);
    expect(f).toEqual({ value: 214_500, slopePerYear: 54_500, points: 3 });
    expect(forecastAttains(f, fiveG2023, "HIGHER_IS_BETTER")).toBe(true); // 214500 ≥ 200000
  });

  it("fits a least-squares line through scattered points, in any order", () => {
    // racks: x = 0, 365, 730 days, y = 146000, 190000, 250000
    // mean x = 365, mean y = 195333.33; Σdx·dy = −365 × −49333.33 + 365 × 54666.67 = 365 × 104000
    // Σdx² = 2 × 365² → slope = 104000 / 730 per day = 52000 a year
    // at day 1095: 195333.333333 + 52000 × 2 = 299333.333333 < 35万
    const f = forecast([obs(250_000, "2022-12-31"), obs(190_000, "2021-12-31")], "2023-12-31", racks.baseline);
    expect(f).toEqual({ value: 299_333.333333, slopePerYear: 52_000, points: 3 });
    expect(forecastAttains(f, racks.targets[1]!, "HIGHER_IS_BETTER")).toBe(false);
  });

  it("works for falling series and lower-is-better targets", () => {
    // PUE 1.6 (2020-12-31) → 1.5 (2022-12-31): −0.05 a year; 2025-12-31 is day 1826:
    // 1.6 − 0.1 × 1826 / 730 = 1.349863 > 1.3 → does not attain
    const f = forecast([obs(1.5, "2022-12-31")], "2025-12-31", pue.baseline);
    expect(f).toEqual({ value: 1.349863, slopePerYear: -0.05, points: 2 });
    expect(forecastAttains(f, pue.targets[0]!, "LOWER_IS_BETTER")).toBe(false);
    expect(forecastAttains(f, { value: 1.35, comparator: "LTE" }, "LOWER_IS_BETTER")).toBe(true);
  });

  it("keeps precision with large figures (万亿元 normalised)", () => {
    // 1.2万亿 → 1.3万亿 in 365 days → 1.4万亿 a year later
    const f = forecast([obs(1.2e12, "2022-12-31"), obs(1.3e12, "2023-12-31")], "2024-12-30");
    expect(f).toEqual({ value: 1.4e12, slopePerYear: 1e11, points: 2 });
    expect(forecastAttains(f, { value: 1.4e12, comparator: "GTE" }, "HIGHER_IS_BETTER")).toBe(true);
    expect(forecastAttains(f, { value: 1.4e12, comparator: "GT" }, "HIGHER_IS_BETTER")).toBe(false);
  });

  it("is null with fewer than two points or a single date, and null never attains", () => {
    expect(forecast([], "2023-12-31")).toBeNull();
    expect(forecast([obs(160_000, "2022-12-31")], "2023-12-31")).toBeNull();
    expect(forecast([], "2023-12-31", fiveG.baseline)).toBeNull();
    expect(forecast([obs(160_000, "2022-12-31"), obs(162_000, "2022-12-31")], "2023-12-31")).toBeNull();
    expect(forecastAttains(null, fiveG2023, "HIGHER_IS_BETTER")).toBe(false);
  });
});

// Type-level check: caller's extra fields (ids, keys) flow through to the result.
describe("generic pass-through", () => {
  it("returns the caller's own target and observation objects", () => {
    const target: TargetInput & { id: number } = { id: 7, value: 160_000, comparator: "GTE", dueDate: "2022-12-31" };
    const observation = { id: 42, value: 135_000, asOf: "2022-06-30" };
    const r = evaluateIndicator({ ...fiveG, targets: [target], observations: [observation], today: "2022-06-30" });
    expect(r.target?.id).toBe(7);
    expect(r.latest?.id).toBe(42);
  });
});
