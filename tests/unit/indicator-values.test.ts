/**
 * The one rule for indicator values (lib/domain/indicator-values.ts) and the read side's rule for stored
 * rows, with the status code fed unusable rows. Outside probe 2026-12: findings 1 and 8.
 */
import { describe, expect, it } from "vitest";
import { buildIndicatorChart } from "../../lib/domain/indicator-chart";
import { evaluateIndicator } from "../../lib/domain/indicator-status";
import { checkIndicatorValue, unusableReason, valueBounds } from "../../lib/domain/indicator-values";
import { parseDateCell, typeRow, type RawImportRow } from "../../lib/domain/observation-import";

const share = { unit: "%", name: "千兆光网家庭覆盖率", unitScale: 1 };
const growth = { unit: "%", name: "数字经济总量增幅", unitScale: 1 };
const count = { unit: "个", name: "5G基站数", unitScale: 1 };
const tenThousands = { unit: "万个", name: "5G基站数", unitScale: 10_000 };
const money = { unit: "元", name: "数字经济总量", unitScale: 1 };
const code = (value: number, subject: typeof share) => {
  const check = checkIndicatorValue(value, subject);
  return check.ok ? "ok" : check.code;
};

describe("values bounded by unit", () => {
  it("shares lie within 0–100 % (0–1000 ‰)", () => {
    expect(code(1e15, share)).toBe("valueOutOfBounds");
    expect(code(100.01, share)).toBe("valueOutOfBounds");
    expect(code(-0.5, share)).toBe("valueOutOfBounds");
    expect(code(0, share)).toBe("ok");
    expect(code(100, share)).toBe("ok");
    expect(code(999, { unit: "‰", name: "比例", unitScale: 1 })).toBe("ok");
    expect(code(1001, { unit: "‰", name: "比例", unitScale: 1 })).toBe("valueOutOfBounds");
  });
  it("a rate of change, by its name, may be negative down to −100 %", () => {
    expect(code(-3.5, growth)).toBe("ok");
    expect(code(150, growth)).toBe("ok");
    expect(code(-100.5, growth)).toBe("valueOutOfBounds");
    expect(code(1e15, growth)).toBe("valueOutOfBounds");
    expect(valueBounds(growth)).toEqual({ min: -100, max: 10_000 });
  });
  it("counts are never negative, with or without a magnitude in the unit", () => {
    expect(code(-1, count)).toBe("valueNegative");
    expect(code(-0.1, tenThousands)).toBe("valueNegative");
    for (const unit of ["家", "座", "项", "人", "次", "人次", "万人次", "名"]) {
      expect(code(-2, { unit, name: "x", unitScale: 1 }), unit).toBe("valueNegative");
    }
    expect(code(185_000, count)).toBe("ok");
  });
  it("every value is finite and at most 1e15 in the base unit", () => {
    expect(code(Number.NaN, money)).toBe("valueNotFinite");
    expect(code(Number.POSITIVE_INFINITY, money)).toBe("valueNotFinite");
    expect(code(1.4e12, money)).toBe("ok"); // 1.4万亿元
    expect(code(-2e15, money)).toBe("valueTooLarge");
    expect(code(1e12, tenThousands)).toBe("valueTooLarge"); // 1e16 个
    expect(code(1e11, tenThousands)).toBe("ok");
  });
});

describe("stored rows the read side cannot use", () => {
  const today = "2026-12-07";
  it("names why", () => {
    expect(unusableReason({ normalizedValue: 1, asOf: "0099-12-31" }, today)).toBe("dateTooEarly");
    expect(unusableReason({ normalizedValue: 1, asOf: "9999-12-31" }, today)).toBe("dateTooLate");
    expect(unusableReason({ normalizedValue: 1, asOf: "infinity" }, today)).toBe("dateFormat");
    expect(unusableReason({ normalizedValue: Number.NaN, asOf: "2023-06-30" }, today)).toBe("valueNotFinite");
    expect(unusableReason({ normalizedValue: 1e20, asOf: "2023-06-30" }, today)).toBe("valueTooLarge");
    expect(unusableReason({ normalizedValue: -5, asOf: "2023-06-30" }, today)).toBeNull(); // entry rule only
  });

  const target = { value: 200_000, comparator: "GTE" as const, dueDate: "2025-12-31" };
  it("the status code reads an indicator whose only values are unusable as no data, and never throws", () => {
    for (const bad of [
      { value: 185_000, asOf: "0099-12-31" },
      { value: 185_000, asOf: "0001-01-01" },
      { value: 185_000, asOf: "294276-01-01" },
      { value: 185_000, asOf: "infinity" },
      { value: Number.NaN, asOf: "2023-06-30" },
      { value: 1e20, asOf: "2023-06-30" },
    ]) {
      const result = evaluateIndicator({
        direction: "HIGHER_IS_BETTER",
        baseline: { value: 51_000, asOf: "2020-12-31" },
        targets: [target],
        observations: [bad],
        today: "2023-12-31",
      });
      expect(result, bad.asOf).toMatchObject({ status: "NO_DATA", reason: "NO_OBSERVATIONS", latest: null });
    }
  });

  it("a bad row does not hide the good ones: the latest usable value counts", () => {
    const result = evaluateIndicator({
      direction: "HIGHER_IS_BETTER",
      baseline: { value: 51_000, asOf: "2020-12-31" },
      targets: [target],
      observations: [
        { value: 200_500, asOf: "2023-06-30" },
        { value: 185_000, asOf: "0099-12-31" },
        { value: Number.NaN, asOf: "2023-09-30" },
      ],
      today: "2023-12-31",
    });
    expect(result.latest).toEqual({ value: 200_500, asOf: "2023-06-30" });
    expect(result.status).toBe("ACHIEVED");
  });

  it("targets and baselines without a real date or a finite value are left out, not thrown on", () => {
    const result = evaluateIndicator({
      direction: "HIGHER_IS_BETTER",
      baseline: { value: Number.NaN, asOf: "2020-12-31" },
      targets: [{ ...target, dueDate: "2025-02-30" }, target],
      observations: [{ value: 150_000, asOf: "2023-06-30" }],
      today: "2023-12-31",
    });
    expect(result.target).toEqual(target);
    expect(result.reason).toBe("NO_BASELINE");
  });

  it("the chart draws and judges only usable values", () => {
    const chart = buildIndicatorChart({
      direction: "HIGHER_IS_BETTER",
      baselines: [
        { value: 51_000, asOf: "2020-12-31", document: "规划" },
        { value: 1, asOf: "0099-12-31", document: null },
      ],
      targets: [{ id: 1, ...target, aspirational: false, document: "规划" }],
      observations: [
        { value: 185_000, asOf: "0099-12-31", isSample: false },
        { value: 150_000, asOf: "2023-06-30", isSample: false },
      ],
      today: "2023-12-31",
    });
    expect(chart.observations.map((o) => o.asOf)).toEqual(["2023-06-30"]);
    expect(chart.baselines.map((b) => b.asOf)).toEqual(["2020-12-31"]);
    expect(chart.trend?.from.asOf).toBe("2020-12-31");
  });
});

describe("the bulk import applies both rules", () => {
  const today = "2026-12-07";
  it("parseDateCell refuses dates before the window and after today", () => {
    expect(parseDateCell("0099-12-31", today)).toMatchObject({ ok: false, code: "dateTooEarly" });
    expect(parseDateCell("0001/1/1", today)).toMatchObject({ ok: false, code: "dateTooEarly" });
    expect(parseDateCell("1999年12月31日", today)).toMatchObject({ ok: false, code: "dateTooEarly" });
    expect(parseDateCell(new Date(Date.UTC(1999, 11, 31)), today)).toMatchObject({ ok: false, code: "dateTooEarly" });
    expect(parseDateCell("9999-12-31", today)).toMatchObject({ ok: false, code: "dateFuture" });
    expect(parseDateCell("2023-02-30", today)).toMatchObject({ ok: false, code: "dateInvalid" });
    expect(parseDateCell("2000-01-01", today)).toEqual({ ok: true, value: "2000-01-01" });
  });
  it("typeRow bounds the value by the indicator's unit and name", () => {
    const row = (value: string): RawImportRow => ({
      rowNumber: 2,
      fields: {
        key: "k",
        name: null,
        unit: null,
        value,
        asOf: "2023-06-30",
        source: "部门报送",
        sourceDetail: null,
        note: null,
      },
    });
    const issues = (value: string, subject: typeof share | string) =>
      typeRow(row(value), today, () => subject).issues.map((i) => i.code);
    expect(issues("1e15", share)).toEqual(["valueOutOfBounds"]);
    expect(issues("101%", share)).toEqual(["valueOutOfBounds"]);
    expect(issues("98.5%", share)).toEqual([]);
    expect(issues("-3.5", growth)).toEqual([]);
    expect(issues("-1", count)).toEqual(["valueNegative"]);
    expect(issues("2e15", money)).toEqual(["outOfRange"]);
    expect(issues("-1", "个")).toEqual(["valueNegative"]); // a unit alone still bounds
  });
});
