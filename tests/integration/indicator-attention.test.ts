/**
 * Issue 14, items 2 and 5 on real PostgreSQL with the imported documents: the overview's 需要关注的指标 are
 * ranked by the gap (5G at 60 % of the way above 29.9 of 30), and an annual target ("年内新建6万个") is
 * judged as the level derived from the previous year-end value, never as a level of 6万.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { EMPTY_OVERVIEW_FILTERS } from "../../lib/domain/overview-filters";
import type * as IndicatorsModule from "../../lib/server/indicators";
import type * as OverviewModule from "../../lib/server/overview";
import { ensureReportingPeriods } from "../../seed/seed";
import { setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase({ documents: "all" });
let indicators: typeof IndicatorsModule;
let overview: typeof OverviewModule;
let fiveG: number;
let tiny: { id: number; target: number };

const at = (date: string) => new Date(`${date}T00:00:00Z`);
async function addValue(indicatorId: number, value: number, asOf: string) {
  await db.prisma.observation.create({
    data: { indicatorId, value, normalizedValue: value, asOf: at(asOf), source: "STATISTICAL_BULLETIN" },
  });
}

beforeAll(async () => {
  await ensureReportingPeriods(db.prisma, 2021, 2026);
  indicators = await db.load(() => import("../../lib/server/indicators"));
  overview = await db.load(() => import("../../lib/server/overview"));
  // 5G基站: baseline 5.1万 (2020); 2022: level 16万 and 年内新建6万 (annual); 2023: ≥ 20万 (cumulative).
  fiveG = (await db.prisma.indicator.findUniqueOrThrow({ where: { key: "5g-base-stations" } })).id;
  await addValue(fiveG, 110_000, "2021-12-31");
  await addValue(fiveG, 120_000, "2022-06-30");
  await addValue(fiveG, 140_400, "2023-12-31"); // 5.1万 + 60 % of (20万 − 5.1万)
  // An indicator without a baseline whose only target is a level in 个 due by 2025: 99.7 % of it.
  const candidate = await db.prisma.indicator.findFirstOrThrow({
    where: {
      mergedIntoId: null,
      unit: "个",
      baselines: { none: {} },
      targets: {
        some: { retiredAt: null },
        every: { OR: [{ cumulative: null }, { cumulative: true }], comparator: "GTE" },
      },
      NOT: { targets: { some: { dueDate: { gt: at("2025-12-31") } } } },
    },
    orderBy: { id: "asc" },
    select: { id: true, targets: { orderBy: { dueDate: "desc" }, take: 1, select: { normalizedValue: true } } },
  });
  tiny = { id: candidate.id, target: Number(candidate.targets[0]!.normalizedValue) };
  await addValue(tiny.id, tiny.target * 0.997, "2025-12-31");
}, 180_000);

describe("annual targets are judged as derived levels", () => {
  it("2022's 年内新建6万个 with the 2021 year-end at 11万 counts as ≥ 17万, paced over 2022", async () => {
    const item = (await indicators.listIndicators("2022-06-30")).find((i) => i.id === fiveG)!;
    // Same day as the 16万 level: the derived 17万 is the more demanding of the two.
    expect(item.targetBasis).toBe("DERIVED_LEVEL");
    expect(item.target).toMatchObject({ value: 170_000, dueDate: "2022-12-31" });
    expect(item.actualShare).toBeCloseTo(10_000 / 60_000, 10); // 11万 → 12万 of 6万
    expect(item.expectedShare).toBeCloseTo(181 / 365, 10); // 2021-12-31 → 2022-06-30 of the year
    expect(item.status).toBe("BEHIND"); // 33 points behind
  });

  it("before the 2021 year-end value exists, the level 16万 counts and the 6万 is never a level", async () => {
    const item = (await indicators.listIndicators("2021-12-30")).find((i) => i.id === fiveG)!;
    expect(item.targetBasis).toBe("LEVEL");
    expect(item.target?.value).toBe(160_000);
    // The catalogue lists the annual target as the document set it: an increment.
    expect(item.targets.filter((t) => t.cumulative === false).map((t) => t.value)).toContain(60_000);
  });
});

describe("需要关注的指标 by gap", () => {
  it("puts 5G at 60 % of the way (40 points to go) above 99.7 % of a target without a baseline, with the gaps", async () => {
    const result = await overview.getOverview(EMPTY_OVERVIEW_FILTERS, new Date("2026-12-07T04:00:00Z"));
    const attention = result.indicators.attention;
    expect(attention.map((i) => i.id).slice(0, 2)).toEqual([fiveG, tiny.id]);
    expect(attention[0]!.gap.kind).toBe("PAST_DUE");
    expect(attention[0]!.gap.gap).toBeCloseTo(0.4, 6);
    expect(attention[1]!.gap.kind).toBe("PAST_DUE_FROM_ZERO");
    expect(attention[1]!.gap.gap).toBeCloseTo(0.003, 6);
    // Every listed gap is no larger than the one above it (known gaps first).
    const known = attention.filter((i) => i.gap.gap !== null).map((i) => i.gap.gap!);
    expect([...known].sort((a, b) => b - a)).toEqual(known);
  });
});
