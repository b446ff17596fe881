import { describe, expect, it } from "vitest";
import { createTranslator } from "../../lib/i18n/catalogue";
import { periodLabel } from "../../lib/i18n/periods";
import {
  nextPeriod,
  parsePeriodCode,
  periodContaining,
  periodCode,
  periodMonths,
  periodOf,
  periodsOfYears,
  previousPeriod,
} from "../../lib/domain/periods";

describe("reporting periods", () => {
  it("covers two calendar months each, with the right last day", () => {
    expect(periodOf({ year: 2024, index: 1 })).toEqual({
      year: 2024,
      index: 1,
      start: "2024-01-01",
      end: "2024-02-29",
      code: "2024-P1",
    });
    expect(periodOf({ year: 2023, index: 1 }).end).toBe("2023-02-28");
    expect(periodOf({ year: 2023, index: 6 })).toMatchObject({ start: "2023-11-01", end: "2023-12-31" });
    expect(() => periodOf({ year: 2023, index: 7 })).toThrow(RangeError);
  });

  it("finds the period of an instant by the Shanghai calendar", () => {
    // 2023-04-30T17:00Z is already 1 May in Shanghai: period 3, not 2.
    expect(periodContaining(new Date("2023-04-30T17:00:00Z")).code).toBe("2023-P3");
    expect(periodContaining(new Date("2023-04-30T15:00:00Z")).code).toBe("2023-P2");
    expect(periodContaining(new Date("2026-11-23T02:00:00Z")).code).toBe("2026-P6");
  });

  it("steps across year boundaries", () => {
    expect(previousPeriod({ year: 2023, index: 1 }).code).toBe("2022-P6");
    expect(nextPeriod({ year: 2023, index: 6 }).code).toBe("2024-P1");
    expect(nextPeriod({ year: 2023, index: 2 }).code).toBe("2023-P3");
  });

  it("lists and parses periods", () => {
    const periods = periodsOfYears(2021, 2025);
    expect(periods).toHaveLength(30);
    expect(new Set(periods.map((p) => p.code)).size).toBe(30);
    expect(parsePeriodCode("2023-P3")?.start).toBe("2023-05-01");
    expect(parsePeriodCode("2023-P7")).toBeNull();
    expect(parsePeriodCode("x")).toBeNull();
  });
});

describe("one code and one label per period", () => {
  it("builds the code and the two months from year and index", () => {
    expect(periodCode({ year: 2023, index: 3 })).toBe("2023-P3");
    expect(periodOf({ year: 2023, index: 3 }).code).toBe(periodCode({ year: 2023, index: 3 }));
    expect(periodMonths({ year: 2023, index: 1 })).toEqual([1, 2]);
    expect(periodMonths({ year: 2023, index: 6 })).toEqual([11, 12]);
  });

  it("labels a period in each language", () => {
    const p3 = { year: 2023, index: 3 };
    expect(periodLabel(p3, "zh-CN", createTranslator("zh-CN"))).toBe("2023年第3期（5–6月）");
    expect(periodLabel(p3, "en", createTranslator("en"))).toBe("2023 period 3 (May–Jun)");
    expect(periodLabel({ year: 2024, index: 6 }, "en", createTranslator("en"))).toBe("2024 period 6 (Nov–Dec)");
  });
});
