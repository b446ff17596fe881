/**
 * The catalogue reads only each indicator's latest current value and first date from the database
 * (one aggregate statement). These tests hold it to the rule it replaces: evaluateIndicator over the
 * whole current history — corrections, merged indicators, values dated after the day asked for and
 * same-day values included. Real PostgreSQL.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { evaluateIndicator } from "../../lib/domain/indicator-status";
import { asLevelTargets } from "../../lib/domain/indicator-targets";
import { unusableReason } from "../../lib/domain/indicator-values";
import type * as IndicatorsModule from "../../lib/server/indicators";
import type * as ObservationsModule from "../../lib/server/observations";
import { setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase({ documents: "all" });
let indicators: typeof IndicatorsModule;
let observations: typeof ObservationsModule;
const DAYS = ["2020-06-30", "2021-03-31", "2021-12-31", "2022-06-30", "2023-06-30", "2023-12-31", "2025-06-30"];
const TODAYS = ["2021-01-01", "2021-12-31", "2022-07-01", "2023-12-31", "2024-06-30", "2026-01-01"];

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

beforeAll(async () => {
  indicators = await db.load(() => import("../../lib/server/indicators"));
  observations = await db.load(() => import("../../lib/server/observations"));

  const next = random(20_261_123);
  const all = await db.prisma.indicator.findMany({ orderBy: { id: "asc" }, select: { id: true, unitScale: true } });
  const withTargets = all.filter((_, i) => i % 2 === 0);
  // Values on a few dates (several on one date), some corrected, some twice.
  for (const indicator of withTargets) {
    const count = Math.floor(next() * 6);
    for (let n = 0; n < count; n++) {
      const value = Math.round(next() * 1_000_000) / 100;
      const row = await db.prisma.observation.create({
        data: {
          indicatorId: indicator.id,
          value,
          normalizedValue: value * Number(indicator.unitScale),
          asOf: new Date(`${DAYS[Math.floor(next() * DAYS.length)]}T00:00:00Z`),
          source: "DEPARTMENT_REPORT",
        },
        select: { id: true, asOf: true, value: true },
      });
      let corrected = row;
      while (next() < 0.3) {
        const fixed = Number(corrected.value) + 1;
        corrected = await db.prisma.observation.create({
          data: {
            indicatorId: indicator.id,
            value: fixed,
            normalizedValue: fixed * Number(indicator.unitScale),
            // A correction may also move the date.
            asOf: next() < 0.5 ? corrected.asOf : new Date(`${DAYS[Math.floor(next() * DAYS.length)]}T00:00:00Z`),
            source: "DEPARTMENT_REPORT",
            supersedesId: corrected.id,
          },
          select: { id: true, asOf: true, value: true },
        });
      }
    }
  }
  // Two merges: the sources' values count for the survivors.
  const [first, second, third, fourth] = withTargets;
  await db.prisma.indicator.update({ where: { id: second!.id }, data: { mergedIntoId: first!.id } });
  await db.prisma.indicator.update({ where: { id: fourth!.id }, data: { mergedIntoId: third!.id } });
}, 180_000);

/** The rule as written: every current value of the indicator and of those merged into it. */
async function expectedByIndicator(today: string) {
  const all = await db.prisma.indicator.findMany({
    select: {
      id: true,
      mergedIntoId: true,
      unitScale: true,
      direction: true,
      targets: {
        where: { retiredAt: null },
        select: { normalizedValue: true, comparator: true, dueDate: true, aspirational: true, cumulative: true },
      },
      baselines: { where: { retiredAt: null }, select: { normalizedValue: true, asOf: true, id: true } },
    },
  });
  const values = await db.prisma.observation.findMany({
    where: { supersededBy: { is: null } },
    orderBy: [{ asOf: "asc" }, { id: "asc" }], // among equal dates, the later entry wins
    select: { indicatorId: true, normalizedValue: true, asOf: true },
  });
  const owner = new Map(all.map((i) => [i.id, i.mergedIntoId ?? i.id]));
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const thresholds = await (await import("../../lib/server/settings")).getIndicatorThresholds();
  return new Map(
    all.map((i) => {
      const scale = Number(i.unitScale) || 1;
      const baseline =
        i.baselines
          .map((b) => ({ value: Number(b.normalizedValue), asOf: day(b.asOf), id: b.id }))
          .filter((b) => b.asOf <= today)
          .sort((a, b) => a.asOf.localeCompare(b.asOf) || a.id - b.id)
          .at(-1) ?? null;
      const history = values
        .filter((o) => owner.get(o.indicatorId) === i.id)
        .map((o) => ({ value: Number(o.normalizedValue), asOf: day(o.asOf) }));
      // Annual targets as levels, from every baseline and usable value (lib/domain/indicator-targets.ts).
      const levels = [
        ...i.baselines.map((b) => ({ value: Number(b.normalizedValue), asOf: day(b.asOf) })),
        ...history.filter((o) => unusableReason({ normalizedValue: o.value, asOf: o.asOf }, today) === null),
      ].sort((a, b) => a.asOf.localeCompare(b.asOf));
      const result = evaluateIndicator({
        direction: i.direction,
        baseline,
        targets: asLevelTargets(
          i.targets
            .map((t) => ({
              value: Number(t.normalizedValue),
              comparator: t.comparator,
              dueDate: day(t.dueDate),
              aspirational: t.aspirational,
              cumulative: t.cumulative,
            }))
            .sort((a, b) => a.dueDate.localeCompare(b.dueDate)),
          levels,
          today,
        ),
        observations: history,
        today,
        thresholds,
      });
      return [
        i.id,
        {
          status: result.status,
          reason: result.reason,
          latest: result.latest ? { value: result.latest.value / scale, asOf: result.latest.asOf } : null,
          expectedShare: result.expectedShare,
          actualShare: result.actualShare,
        },
      ] as const;
    }),
  );
}

describe("indicator reads at scale keep the rule", () => {
  it.each(TODAYS)("on %s every indicator's status, latest value and shares match the full history", async (today) => {
    const [catalogue, expected] = await Promise.all([indicators.listIndicators(today), expectedByIndicator(today)]);
    expect(catalogue.length).toBeGreaterThan(20);
    expect(catalogue.some((i) => i.latest !== null)).toBe(true);
    for (const item of catalogue) {
      const want = expected.get(item.id)!;
      expect({ id: item.id, status: item.status, reason: item.reason, latest: item.latest }).toEqual({
        id: item.id,
        status: want.status,
        reason: want.reason,
        latest: want.latest,
      });
      expect(item.expectedShare).toBe(want.expectedShare);
      expect(item.actualShare).toBe(want.actualShare);
    }
  });

  it("a survivor shows the latest value of an indicator merged into it", async () => {
    const merged = await db.prisma.indicator.findMany({
      where: { mergedIntoId: { not: null } },
      select: { id: true, mergedIntoId: true },
    });
    expect(merged.length).toBe(2);
    const catalogue = await indicators.listIndicators("2026-01-01");
    for (const m of merged) expect(catalogue.some((i) => i.id === m.id)).toBe(false);
    // The value history of a survivor lists its sources' values too (looked up by id, not by join).
    const survivor = merged[0]!.mergedIntoId!;
    const history = await observations.listObservations(survivor);
    const ids = new Set([survivor, ...merged.filter((m) => m.mergedIntoId === survivor).map((m) => m.id)]);
    const direct = await db.prisma.observation.count({ where: { indicatorId: { in: [...ids] } } });
    expect(history).toHaveLength(direct);
  });

  it("a narrowed catalogue evaluates only what it asks for, with the same results", async () => {
    const document = await db.prisma.document.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } });
    const where = { targets: { some: { documentId: document.id, retiredAt: null } } };
    const [full, narrowed, ids] = await Promise.all([
      indicators.listIndicators("2023-12-31"),
      indicators.listIndicators("2023-12-31", { where }),
      db.prisma.indicator.findMany({ where: { mergedIntoId: null, ...where }, select: { id: true } }),
    ]);
    const wanted = new Set(ids.map((i) => i.id));
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed).toEqual(full.filter((i) => wanted.has(i.id)));
  });

  it("the summaries (API list) carry the catalogue's names and counts without evaluating", async () => {
    for (const today of ["2020-01-01", "2023-12-31"]) {
      const [full, summaries] = await Promise.all([
        indicators.listIndicators(today),
        indicators.listIndicatorSummaries(today),
      ]);
      expect(summaries).toEqual(
        full.map(({ id, key, name, unit, area, targetCount, baselineCount }) => ({
          id,
          key,
          name,
          unit,
          area,
          targetCount,
          baselineCount,
        })),
      );
    }
  });
});
