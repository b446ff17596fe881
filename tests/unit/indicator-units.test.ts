import { describe, expect, it } from "vitest";
import {
  printMagnitude,
  printedDecimals,
  toBaseUnit,
  toDisplayUnit,
  unitMagnitude,
  unitScaleOf,
} from "../../lib/domain/indicator-units";

describe("unitScaleOf", () => {
  it("reads a scale from a number, a Decimal-like value or its string", () => {
    expect(unitScaleOf(10000)).toBe(10000);
    expect(unitScaleOf("100000000")).toBe(1e8);
    expect(unitScaleOf({ toString: () => "0.01" })).toBe(0.01);
  });

  it("falls back to 1 for a missing, zero, negative or non-finite scale", () => {
    for (const broken of [null, undefined, 0, -5, Number.NaN, Number.POSITIVE_INFINITY, "abc", ""]) {
      expect(unitScaleOf(broken)).toBe(1);
    }
  });
});

describe("base unit ⇄ display unit", () => {
  it("divides a stored base value by the scale to show it, and multiplies an entered value back", () => {
    expect(toDisplayUnit(14000, 10000)).toBe(1.4);
    expect(toBaseUnit(1.4, 10000)).toBe(14000);
    expect(toDisplayUnit(1.4e12, "100000000")).toBe(14000);
    expect(toBaseUnit(3, { toString: () => "100000000" })).toBe(3e8);
  });

  it("leaves values alone when the unit has no scale", () => {
    expect(toDisplayUnit(42.5, 1)).toBe(42.5);
    expect(toDisplayUnit(42.5, null)).toBe(42.5);
    expect(toBaseUnit(42.5, 0)).toBe(42.5);
  });
});

describe("unitMagnitude", () => {
  it("reads the 万 / 亿 / 万亿 prefix of a unit label", () => {
    expect(unitMagnitude("个")).toBe(1);
    expect(unitMagnitude("万个")).toBe(1e4);
    expect(unitMagnitude("亿元")).toBe(1e8);
    expect(unitMagnitude("万亿元")).toBe(1e12);
    expect(unitMagnitude(" 万户 ")).toBe(1e4);
  });

  it("treats a bare magnitude word, percentages and real units starting with 千 as unscaled", () => {
    expect(unitMagnitude("万")).toBe(1);
    expect(unitMagnitude("%")).toBe(1);
    expect(unitMagnitude("千瓦")).toBe(1);
    expect(unitMagnitude("")).toBe(1);
  });
});

describe("printMagnitude", () => {
  it("rescales base units to the magnitude of the largest figure, keeps shares, ranks and scaled units", () => {
    expect(printMagnitude("元", [30_013_172_629, 1.4e12])).toEqual({ unit: "亿元", divisor: 1e8 });
    expect(printMagnitude("个", [162_345])).toEqual({ unit: "万个", divisor: 1e4 });
    expect(printMagnitude("个", [1500])).toEqual({ unit: "个", divisor: 1 });
    expect(printMagnitude("万个", [47.89])).toEqual({ unit: "万个", divisor: 1 });
    expect(printMagnitude("%", [98_000])).toEqual({ unit: "%", divisor: 1 });
    expect(printMagnitude("名", [12])).toEqual({ unit: "名", divisor: 1 });
    expect(printMagnitude("元", [])).toEqual({ unit: "元", divisor: 1 });
    expect(printedDecimals(1e8)).toBe(2);
    expect(printedDecimals(1)).toBe(4);
  });
});
