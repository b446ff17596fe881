/** Pure pieces of the dashboards: the overview's URL filters, area order, the indicator chart model. */
import { describe, expect, it } from "vitest";
import { compareAreas } from "../../lib/domain/areas";
import { buildIndicatorChart, type ChartTarget } from "../../lib/domain/indicator-chart";
import { parseIndicatorCatalogueFilters } from "../../lib/domain/indicator-filters";
import {
  addDays,
  overviewReferenceDate,
  parseOverviewFilters,
  serialiseOverviewFilters,
} from "../../lib/domain/overview-filters";
import { parsePeriodCode, periodOf } from "../../lib/domain/periods";
import { formatQuantity } from "../../lib/i18n/catalogue";

const current = periodOf({ year: 2026, index: 6 });

describe("overview filters", () => {
  it("reads every parameter and writes the same URL back", () => {
    const filters = parseOverviewFilters(
      { doc: "work-points-2023", area: "数字政府", dept: "12", period: "2026-P3" },
      current,
    );
    expect(filters).toEqual({
      document: "work-points-2023",
      area: "数字政府",
      departmentId: 12,
      period: parsePeriodCode("2026-P3"),
    });
    expect(serialiseOverviewFilters(filters)).toBe(
      new URLSearchParams({ doc: "work-points-2023", area: "数字政府", dept: "12", period: "2026-P3" }).toString(),
    );
  });

  it("drops each bad parameter on its own; the current or a future period reads as the current one", () => {
    expect(parseOverviewFilters({ doc: "../etc", dept: "-1", area: "数字经济", period: "2026-P9" }, current)).toEqual({
      document: null,
      area: "数字经济",
      departmentId: null,
      period: null,
    });
    expect(parseOverviewFilters({ period: "2027-P1" }, current).period).toBeNull();
    expect(parseOverviewFilters({ period: "2026-P6" }, current).period).toBeNull();
    expect(parseOverviewFilters({ doc: "", area: "", dept: "", period: "" }, current)).toEqual({
      document: null,
      area: null,
      departmentId: null,
      period: null,
    });
  });

  it("judges a past period at its last day and the current one today", () => {
    const past = parseOverviewFilters({ period: "2026-P2" }, current);
    expect(overviewReferenceDate(past, "2026-11-23")).toBe("2026-04-30");
    expect(overviewReferenceDate(parseOverviewFilters({}, current), "2026-11-23")).toBe("2026-11-23");
    expect(addDays("2026-11-23", 60)).toBe("2027-01-22");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
  });
});

describe("indicator catalogue filters", () => {
  it("accepts statuses in any case and ignores unknown ones", () => {
    expect(parseIndicatorCatalogueFilters({ status: "behind", area: "数字经济" })).toEqual({
      status: "BEHIND",
      area: "数字经济",
      page: 1,
    });
    expect(parseIndicatorCatalogueFilters({ status: "excellent" })).toEqual({ status: null, area: null, page: 1 });
  });
});

describe("areas", () => {
  it("sorts the five strategy areas in order, others after them, unassigned last", () => {
    const areas = ["其他", null, "数字生态", "数字基础设施", "数字经济", "数字社会", "数字政府"];
    expect([...areas].sort(compareAreas)).toEqual([
      "数字基础设施",
      "数字经济",
      "数字政府",
      "数字社会",
      "数字生态",
      "其他",
      null,
    ]);
  });
});

describe("formatQuantity", () => {
  it("writes large base-unit values in 万/亿 and keeps small ones and percentages exact", () => {
    expect(formatQuantity("zh-CN", 18_923_772_721.22, "元")).toBe("189.24亿元");
    expect(formatQuantity("zh-CN", 200_000, "个")).toBe("20万个");
    expect(formatQuantity("zh-CN", 66.2, "%")).toBe("66.2%");
    expect(formatQuantity("zh-CN", 9.97, "个")).toBe("9.97个");
    expect(formatQuantity("en", 200_000, "个")).toBe("200K 个");
  });
});

describe("indicator chart", () => {
  // 5G base stations: 5.1万 at the end of 2020 (the plan), 16万 by the end of 2022 (2022 work points),
  // 20万以上 by the end of 2023 (2023 work points).
  const targets: ChartTarget[] = [
    {
      id: 2,
      value: 200_000,
      comparator: "GTE",
      dueDate: "2023-12-31",
      aspirational: false,
      document: "2023年工作要点",
    },
    { id: 1, value: 160_000, comparator: "EQ", dueDate: "2022-12-31", aspirational: false, document: "2022年工作要点" },
  ];
  const baselines = [{ value: 51_000, asOf: "2020-12-31", document: "“十四五”数字强省建设规划" }];

  it("keeps the baseline and both documents' targets, in date order", () => {
    const model = buildIndicatorChart({
      direction: "HIGHER_IS_BETTER",
      baselines,
      targets,
      observations: [],
      today: "2022-06-30",
    });
    expect(model.baselines).toEqual(baselines);
    expect(model.targets.map((t) => t.document)).toEqual(["2022年工作要点", "2023年工作要点"]);
    expect(model.trend).toBeNull(); // one point (the baseline) is no trend
    expect(model.evaluation.status).toBe("NO_DATA");
  });

  it("draws the trend to the counting target and forecasts attainment while the target is ahead", () => {
    const observations = [
      { value: 110_000, asOf: "2021-12-31", isSample: false },
      { value: 162_000, asOf: "2022-12-31", isSample: false },
    ];
    const model = buildIndicatorChart({
      direction: "HIGHER_IS_BETTER",
      baselines,
      targets,
      observations,
      today: "2023-03-01",
    });
    expect(model.evaluation.target?.document).toBe("2023年工作要点");
    // The least-squares line through (2020-12-31, 51000), (2021-12-31, 110000), (2022-12-31, 162000)
    // rises 55,500 a year; at the end of 2023 it gives about 219,000 ≥ 200,000.
    expect(model.trend?.from.asOf).toBe("2020-12-31");
    expect(model.trend?.to.asOf).toBe("2023-12-31");
    expect(model.projection?.attains).toBe(true);
    expect(model.projection!.value).toBeGreaterThan(215_000);
    expect(model.projection!.value).toBeLessThan(222_000);
    expect(model.projection!.slopePerYear).toBeCloseTo(55_500, -2);
  });

  it("says the trend misses a target it falls short of, and claims nothing for a past target", () => {
    const slow = [
      { value: 60_000, asOf: "2021-12-31", isSample: false },
      { value: 70_000, asOf: "2022-12-31", isSample: false },
    ];
    const ahead = buildIndicatorChart({
      direction: "HIGHER_IS_BETTER",
      baselines,
      targets,
      observations: slow,
      today: "2023-03-01",
    });
    expect(ahead.projection?.attains).toBe(false);
    const after = buildIndicatorChart({
      direction: "HIGHER_IS_BETTER",
      baselines,
      targets,
      observations: slow,
      today: "2024-06-30",
    });
    expect(after.projection).toBeNull();
    expect(after.trend?.to.asOf).toBe("2023-12-31");
    expect(after.evaluation.status).toBe("BEHIND");
  });

  it("ignores values dated after the day the chart describes", () => {
    const model = buildIndicatorChart({
      direction: "HIGHER_IS_BETTER",
      baselines,
      targets,
      observations: [{ value: 250_000, asOf: "2024-01-31", isSample: true }],
      today: "2023-06-30",
    });
    expect(model.observations).toEqual([]);
    expect(model.evaluation.latest).toBeNull();
  });
});
