/**
 * node_modules/.bin/tsx --conditions=react-server scripts/bench-indicators.ts [--runs 20] [--before-runs 5]
 *
 * Indicator reads at provincial scale: a scratch PostgreSQL with the seed documents plus 5,000 extra
 * indicators (each with a target, half with a baseline, a few merged) and 100 values each (500,000
 * rows, 1 % of them corrected), then p50/p95 of the catalogue (listIndicators), the API list and one
 * indicator's value history, each before (the queries as they were up to commit 594e180, kept below
 * for the comparison) and after. Prints a Markdown table for BENCHMARKS.md. Not part of `npm test`.
 * `--conditions=react-server` because lib/server modules are marked server-only.
 */
import { utcDay } from "../lib/domain/dates";
import { createPrismaClient } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrate";
import { evaluateIndicator } from "../lib/domain/indicator-status";
import { importDocuments } from "../seed/import";
import { startScratchPostgres } from "./lib/postgres";

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = argv.indexOf(name);
  return index >= 0 ? Math.max(1, Number(argv[index + 1]) || fallback) : fallback;
};
const runs = option("--runs", 20);
const beforeRuns = option("--before-runs", 5);
const EXTRA_INDICATORS = 5_000;
const VALUES_PER_INDICATOR = 100;
const TODAY = "2025-06-30";
const log = (line: string) => process.stderr.write(`[bench-indicators] ${line}\n`);

const pg = await startScratchPostgres();
try {
  const url = pg.url();
  process.env.DATABASE_URL = url;
  await applyMigrations(url);
  const prisma = createPrismaClient(url, { poolSize: 4 });
  (globalThis as { dptPrisma?: unknown }).dptPrisma = prisma;
  let started = performance.now();
  await importDocuments(prisma);
  log(`seed documents imported in ${Math.round(performance.now() - started)} ms`);

  started = performance.now();
  await prisma.$executeRawUnsafe(`
    INSERT INTO "indicator" (key, name, unit, "unitScale", direction, area, "updatedAt")
    SELECT 'bench-' || n, '压测指标' || n, '万个', 10000,
           CASE WHEN n % 7 = 0 THEN 'LOWER_IS_BETTER' ELSE 'HIGHER_IS_BETTER' END::"Direction",
           (ARRAY['数字基础设施', '数字经济', '数字政府', '数字社会'])[1 + n % 4], now()
    FROM generate_series(1, ${EXTRA_INDICATORS}) AS n`);
  // One target each (borrowing a seed document and source file for the trace), a baseline for half.
  await prisma.$executeRawUnsafe(`
    INSERT INTO "indicator_target" (key, "indicatorId", "documentId", name, comparator, value, "normalizedValue",
                                    "valueAsWritten", unit, "dueDate", quote, "sourceFileId", "startOffset", "endOffset")
    SELECT 'bench-target-' || i.id, i.id, f."documentId", i.name, 'GTE', 100, 1000000, '100万个', '万个',
           DATE '2025-12-31', '压测', f.id, 0, 1
    FROM "indicator" i, (SELECT id, "documentId" FROM "document_source_file" ORDER BY id LIMIT 1) f
    WHERE i.key LIKE 'bench-%'`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "indicator_baseline" (key, "indicatorId", name, value, "normalizedValue", "valueAsWritten", unit, "asOf", quote)
    SELECT 'bench-baseline-' || i.id, i.id, i.name, 20, 200000, '20万个', '万个', DATE '2020-12-31', '压测'
    FROM "indicator" i WHERE i.key LIKE 'bench-%' AND i.id % 2 = 0`);
  // 100 values per indicator, about one every 3 weeks from 2020 on (some after TODAY).
  await prisma.$executeRawUnsafe(`
    INSERT INTO "observation" ("indicatorId", value, "normalizedValue", "asOf", source)
    SELECT i.id, 20 + v * 0.9, (20 + v * 0.9) * 10000, DATE '2020-12-31' + v * 21, 'DEPARTMENT_REPORT'
    FROM "indicator" i, generate_series(1, ${VALUES_PER_INDICATOR}) AS v
    WHERE i.key LIKE 'bench-%'`);
  // 1 % corrected: a new row pointing at the old one.
  await prisma.$executeRawUnsafe(`
    INSERT INTO "observation" ("indicatorId", value, "normalizedValue", "asOf", source, "supersedesId")
    SELECT o."indicatorId", o.value + 1, o."normalizedValue" + 10000, o."asOf", 'DEPARTMENT_REPORT', o.id
    FROM "observation" o WHERE o.id % 100 = 0`);
  // Every 500th extra indicator merged into its neighbour.
  await prisma.$executeRawUnsafe(`
    UPDATE "indicator" i SET "mergedIntoId" = i.id - 1
    WHERE i.key LIKE 'bench-%' AND i.id % 500 = 0`);
  await prisma.$executeRawUnsafe(`ANALYZE`);
  const [counts] = await prisma.$queryRawUnsafe<{ indicators: number; observations: number }[]>(
    `SELECT (SELECT count(*)::int FROM "indicator") AS indicators, (SELECT count(*)::int FROM "observation") AS observations`,
  );
  log(
    `${counts?.indicators} indicators, ${counts?.observations} values, made in ${Math.round(performance.now() - started)} ms`,
  );

  const indicators = await import("../lib/server/indicators");
  const observations = await import("../lib/server/observations");
  const { getIndicatorThresholds } = await import("../lib/server/settings");

  /** listIndicators as it was: every current value of every indicator, as Decimals, with a relation. */
  async function listIndicatorsBefore(today: string) {
    const rows = await prisma.indicator.findMany({
      where: indicators.ACTIVE_INDICATOR,
      orderBy: [{ area: "asc" }, { name: "asc" }],
      select: { id: true, key: true, name: true, unit: true, unitScale: true, area: true, direction: true },
    });
    const ids = rows.map((r) => r.id);
    const [targets, baselines, values, thresholds] = await Promise.all([
      prisma.indicatorTarget.findMany({
        where: { indicatorId: { in: ids }, retiredAt: null },
        orderBy: [{ dueDate: "asc" }, { id: "asc" }],
        select: {
          indicatorId: true,
          normalizedValue: true,
          comparator: true,
          dueDate: true,
          aspirational: true,
          document: { select: { shortTitle: true } },
        },
      }),
      prisma.indicatorBaseline.findMany({
        where: { indicatorId: { in: ids }, retiredAt: null },
        select: { indicatorId: true, normalizedValue: true, asOf: true },
      }),
      prisma.observation.findMany({
        where: {
          OR: [{ indicatorId: { in: ids } }, { indicator: { mergedIntoId: { in: ids } } }],
          supersededBy: { is: null },
        },
        select: { indicatorId: true, normalizedValue: true, asOf: true, indicator: { select: { mergedIntoId: true } } },
      }),
      getIndicatorThresholds(),
    ]);
    const group = <T extends { indicatorId: number }>(items: T[]) => {
      const map = new Map<number, T[]>();
      for (const item of items) map.set(item.indicatorId, [...(map.get(item.indicatorId) ?? []), item]);
      return map;
    };
    const targetsBy = group(targets);
    const baselinesBy = group(baselines);
    const valuesBy = group(values.map((o) => ({ ...o, indicatorId: o.indicator.mergedIntoId ?? o.indicatorId })));
    return rows.map((row) => {
      const baselineRows = (baselinesBy.get(row.id) ?? [])
        .map((b) => ({ value: Number(b.normalizedValue), asOf: utcDay(b.asOf) }))
        .filter((b) => b.asOf <= today)
        .sort((a, b) => a.asOf.localeCompare(b.asOf));
      const targetRows = (targetsBy.get(row.id) ?? []).map((t) => ({
        value: Number(t.normalizedValue),
        comparator: t.comparator,
        dueDate: utcDay(t.dueDate),
        aspirational: t.aspirational,
        document: t.document.shortTitle,
      }));
      const result = evaluateIndicator({
        direction: row.direction,
        baseline: baselineRows.at(-1) ?? null,
        targets: targetRows,
        observations: (valuesBy.get(row.id) ?? []).map((o) => ({
          value: Number(o.normalizedValue),
          asOf: utcDay(o.asOf),
        })),
        today,
        thresholds,
      });
      return { id: row.id, status: result.status, latest: result.latest, targetCount: targetRows.length };
    });
  }

  async function listObservationsBefore(indicatorId: number) {
    return prisma.observation.findMany({
      where: { OR: [{ indicatorId }, { indicator: { mergedIntoId: indicatorId } }] },
      orderBy: [{ asOf: "desc" }, { id: "desc" }],
      // The select of listObservations, so only the WHERE differs.
      select: {
        id: true,
        value: true,
        asOf: true,
        source: true,
        sourceDetail: true,
        note: true,
        createdAt: true,
        supersedesId: true,
        isSample: true,
        enteredBy: { select: { displayName: true } },
        supersededBy: { select: { id: true } },
      },
    });
  }

  const survivor = await prisma.indicator.findFirstOrThrow({
    where: { mergedFrom: { some: {} } },
    select: { id: true },
  });

  // Same answers before and after, on the figures that matter.
  const [before, after] = [await listIndicatorsBefore(TODAY), await indicators.listIndicators(TODAY)];
  const differences = after.filter((a, i) => {
    const b = before[i];
    return !b || b.id !== a.id || b.status !== a.status || (b.latest?.asOf ?? null) !== (a.latest?.asOf ?? null);
  });
  log(`${after.length} indicators evaluated; ${differences.length} differ between before and after`);
  if (differences.length > 0) throw new Error("before and after disagree");

  async function time(label: string, fn: () => Promise<unknown>, count = runs) {
    await fn(); // warm-up: plans, connections, JIT of the JS
    const samples: number[] = [];
    for (let n = 0; n < count; n++) {
      const start = performance.now();
      await fn();
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    const at = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)]!;
    const result = { label, runs: count, p50: at(0.5), p95: at(0.95) };
    log(`${label}: p50 ${Math.round(result.p50)} ms, p95 ${Math.round(result.p95)} ms (${count} runs)`);
    return result;
  }

  // The old catalogue takes seconds a run: fewer runs of it (--before-runs). The API list called it.
  const results = [
    await time(
      "listIndicators (catalogue, overview, API list) — before",
      () => listIndicatorsBefore(TODAY),
      beforeRuns,
    ),
    await time("listIndicators (catalogue, overview) — after", () => indicators.listIndicators(TODAY)),
    await time("API indicator list — after (listIndicatorSummaries)", () => indicators.listIndicatorSummaries(TODAY)),
    await time("one indicator's value history — before (OR across the join)", () =>
      listObservationsBefore(survivor.id),
    ),
    await time("one indicator's value history — after (listObservations)", () =>
      observations.listObservations(survivor.id),
    ),
  ];
  process.stdout.write(`\nOne warm-up run each, today = ${TODAY}\n\n| read | runs | p50 | p95 |\n|---|---|---|---|\n`);
  for (const r of results) {
    process.stdout.write(`| ${r.label} | ${r.runs} | ${Math.round(r.p50)} ms | ${Math.round(r.p95)} ms |\n`);
  }
  await prisma.$disconnect();
} finally {
  pg.stop();
}
