/**
 * Outside probe 2026-12, finding 1, defence in depth: no single stored row may make a page or the bulletin
 * throw. Bad rows are INSERTed with SQL, past every validation (years 0099, 0001, 9999 and beyond what
 * JavaScript can hold, infinity, a year BC, NaN, 1e20), then the overview, the catalogue, the indicator
 * page's data (and its history table) and bulletin generation and publication run: none throws, each
 * indicator with only bad rows reads as no data, each bad row is logged once, flagged on the indicator
 * page, and an admin can supersede it with a correction, after which the indicator counts the new value.
 * Real PostgreSQL.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { UnusableValues } from "../../components/admin/indicators/unusable-values";
import { ObservationHistory } from "../../components/indicators/observation-history";
import { EMPTY_OVERVIEW_FILTERS, parseOverviewFilters } from "../../lib/domain/overview-filters";
import { periodContaining, previousPeriod, shanghaiDate } from "../../lib/domain/periods";
import { createTranslator } from "../../lib/i18n/catalogue";
import type { Actor } from "../../lib/server/auth/actor";
import type * as BulletinsModule from "../../lib/server/bulletins";
import type * as FailuresModule from "../../lib/server/failures";
import type * as IndicatorsModule from "../../lib/server/indicators";
import type * as ObservationsModule from "../../lib/server/observations";
import type * as OverviewModule from "../../lib/server/overview";
import { ensureReportingPeriods } from "../../seed/seed";
import { setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase({ documents: "all" });
let indicators: typeof IndicatorsModule;
let observations: typeof ObservationsModule;
let overview: typeof OverviewModule;
let bulletins: typeof BulletinsModule;
let failures: typeof FailuresModule;
let admin: Actor;

const NOW = new Date();
const TODAY = shanghaiDate(NOW);

/** One indicator per kind of bad row, each with no other value, so "no data" is what it must read as. */
const BAD_ROWS = [
  { key: "5g-base-stations", asOf: "0099-12-31", value: "185000" }, // the probe: Date.UTC reads 99 as 1999
  { key: "data-center-standard-racks", asOf: "0001-01-01", value: "250000" },
  { key: "iot-terminals", asOf: "9999-12-31", value: "1" },
  { key: "gigabit-home-coverage", asOf: "2023-06-30", value: "NaN" },
  { key: "digital-economy-total", asOf: "2023-06-30", value: "1e20" },
  { key: "gigabit-cities", asOf: "infinity", value: "5" },
  { key: "smart-parking-lots", asOf: "0001-01-01 BC", value: "5" },
  { key: "smart-ranches", asOf: "294276-01-01", value: "5" }, // a valid PostgreSQL date, an invalid JS Date
  { key: "pon-10g-ports", asOf: "-infinity", value: "5" },
  { key: "provincial-new-data-centers", asOf: "0010-06-15", value: "-1e23" },
] as const;

const ids = new Map<string, number>(); // indicator key → id
const badIds = new Map<string, number>(); // indicator key → the bad observation's id

beforeAll(async () => {
  await ensureReportingPeriods(db.prisma, 2021, NOW.getUTCFullYear());
  indicators = await db.load(() => import("../../lib/server/indicators"));
  observations = await db.load(() => import("../../lib/server/observations"));
  overview = await db.load(() => import("../../lib/server/overview"));
  bulletins = await db.load(() => import("../../lib/server/bulletins"));
  failures = await db.load(() => import("../../lib/server/failures"));
  const user = await db.prisma.user.create({
    data: { username: "bad-rows-admin", displayName: "管理员", role: "ADMIN" },
  });
  admin = {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: "ADMIN",
    departmentId: null,
    departmentName: null,
    locale: "zh-CN",
    via: "session",
  };
  for (const row of BAD_ROWS) {
    const indicator = await db.prisma.indicator.findUniqueOrThrow({ where: { key: row.key }, select: { id: true } });
    expect(await db.prisma.observation.count({ where: { indicatorId: indicator.id } })).toBe(0);
    ids.set(row.key, indicator.id);
    // Straight into the table, as a row stored before the rule (or by any other path) would be.
    const [inserted] = await db.prisma.$queryRawUnsafe<{ id: number }[]>(
      `INSERT INTO "observation" ("indicatorId", value, "normalizedValue", "asOf", source)
       VALUES ($1, $2::numeric, $2::numeric, $3::date, 'DEPARTMENT_REPORT') RETURNING id`,
      indicator.id,
      row.value,
      row.asOf,
    );
    badIds.set(row.key, inserted!.id);
  }
}, 120_000);

afterAll(async () => {
  vi.restoreAllMocks();
});

const id = (key: string) => ids.get(key)!;

describe("a stored row outside the plausible window reads as no data, everywhere", () => {
  it("the catalogue (/indicators) lists every such indicator as no data, and logs each bad row once", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const list = await indicators.listIndicators(TODAY);
    for (const row of BAD_ROWS) {
      const item = list.find((i) => i.id === id(row.key));
      expect(item, row.key).toBeDefined();
      expect(item, row.key).toMatchObject({ status: "NO_DATA", latest: null });
    }
    const logged = warn.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
    for (const row of BAD_ROWS) {
      expect(logged, row.key).toContainEqual(
        expect.objectContaining({
          event: "observation.unusable",
          observationId: badIds.get(row.key),
          indicatorId: id(row.key),
        }),
      );
    }
    warn.mockClear();
    await indicators.listIndicators(TODAY, { where: { id: { in: [...ids.values()] } } });
    // Once per row and process: a page read a thousand times does not repeat it.
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it("the overview (/) and a past period's overview evaluate without throwing", async () => {
    const now = await overview.getOverview(EMPTY_OVERVIEW_FILTERS, NOW);
    expect(now.indicators.total).toBeGreaterThan(0);
    const past = previousPeriod(periodContaining(NOW));
    const then = await overview.getOverview({ ...EMPTY_OVERVIEW_FILTERS, period: past }, NOW);
    expect(then.referenceDate).toBe(past.end);
  });

  it("a period outside the window in the URL is ignored, never evaluated (/?period=0099-P1)", async () => {
    for (const period of ["0099-P1", "0001-P6", "1999-P6", "9999-P1"]) {
      const filters = parseOverviewFilters({ period }, periodContaining(NOW));
      expect(filters.period, period).toBeNull();
      await overview.getOverview(filters, NOW);
    }
  });

  it("each indicator's page: data, chart and history table render; the bad row is flagged, not counted", async () => {
    for (const row of BAD_ROWS) {
      const detail = await indicators.getIndicator(id(row.key));
      expect(detail, row.key).not.toBeNull();
      const history = await observations.listObservations(id(row.key));
      expect(history, row.key).toHaveLength(1);
      expect(history[0]!.unusable, row.key).not.toBeNull();
      const chart = indicators.indicatorChart(detail!, history, TODAY);
      expect(chart.observations, row.key).toEqual([]);
      expect(chart.evaluation.latest, row.key).toBeNull();
      expect(chart.evaluation.reason === "NO_OBSERVATIONS" || chart.evaluation.reason === "NO_TARGET", row.key).toBe(
        true,
      );
      for (const locale of ["zh-CN", "en"] as const) {
        const html = renderToStaticMarkup(
          ObservationHistory({ rows: history, unit: detail!.unit, locale, t: createTranslator(locale) }),
        );
        expect(html, row.key).toContain(locale === "en" ? "Unusable value" : "无法使用的数值");
      }
    }
  });

  it("the bulletin of the current period is generated and published (all four files) without throwing", async () => {
    const period = periodContaining(NOW);
    const generated = await bulletins.generateBulletin(admin, { period: period.code }, NOW);
    const stored = await db.prisma.bulletin.findUniqueOrThrow({
      where: { id: generated.id },
      select: { snapshot: true },
    });
    const snapshot = bulletins.parseSnapshot(stored.snapshot);
    for (const row of BAD_ROWS) {
      expect(
        snapshot.indicators.find((i) => i.id === id(row.key)),
        row.key,
      ).toMatchObject({
        status: "NO_DATA",
        latest: null,
      });
    }
    const published = await bulletins.publishBulletin(admin, { bulletinId: generated.id, confirm: true }, NOW);
    expect(await db.prisma.bulletinFile.count({ where: { bulletinId: published.id } })).toBe(5);
  });

  it("a bulletin for a period outside the window is refused with 422, not 500", async () => {
    for (const period of ["0099-P1", "1999-P6"]) {
      const error = await bulletins.generateBulletin(admin, { period }, NOW).then(
        () => null,
        (e: unknown) => failures.toAppError(e),
      );
      expect(error?.code, period).toBe("VALIDATION");
      expect(JSON.stringify(error?.toBody("en")), period).toContain("2000-01-01");
    }
  });
});

describe("an admin supersedes the unusable value", () => {
  it("the admin's list (/admin/indicators) names every unusable current value with a link to correct it", async () => {
    const rows = await observations.listUnusableObservations(admin);
    for (const row of BAD_ROWS) {
      expect(rows, row.key).toContainEqual(
        expect.objectContaining({ id: badIds.get(row.key), indicator: expect.objectContaining({ id: id(row.key) }) }),
      );
    }
    expect(rows.find((r) => r.id === badIds.get("gigabit-cities"))?.asOf).toBe("infinity");
    const html = renderToStaticMarkup(UnusableValues({ rows, t: createTranslator("en") }));
    expect(html).toContain(`/indicators/${id("5g-base-stations")}#observations-title`);
    expect(html).toContain("0099-12-31");
    const viewer = { ...admin, role: "REVIEWER" as const };
    await expect(observations.listUnusableObservations(viewer)).rejects.toBeInstanceOf(Error);
  });

  it("a correction replaces it; the indicator then counts the corrected value", async () => {
    for (const key of ["5g-base-stations", "gigabit-cities", "smart-ranches", "gigabit-home-coverage"] as const) {
      const bad = badIds.get(key)!;
      const value = key === "gigabit-home-coverage" ? 61.5 : 185_000;
      const correction = await observations.recordObservation(admin, {
        indicatorId: id(key),
        value,
        asOf: "2023-06-30",
        source: "STATISTICAL_BULLETIN",
        note: "更正错误录入的统计时点",
        supersedesId: bad,
      });
      expect(correction.supersedesId).toBe(bad);
      const history = await observations.listObservations(id(key));
      expect(history.find((o) => o.id === bad)?.supersededById, key).toBe(correction.id);
      expect(history.find((o) => o.id === correction.id)?.unusable, key).toBeNull();
      const detail = await indicators.getIndicator(id(key));
      const chart = indicators.indicatorChart(detail!, history, TODAY);
      expect(
        chart.observations.map((o) => o.value),
        key,
      ).toEqual([value]);
      const item = (await indicators.listIndicators(TODAY)).find((i) => i.id === id(key));
      expect(item?.latest, key).toEqual({ value, asOf: "2023-06-30" });
    }
    // The audit keeps what was corrected, dates JavaScript cannot hold included.
    const audit = await db.prisma.auditLog.findMany({
      where: { action: "observation.correct" },
      select: { before: true },
    });
    expect(audit).toHaveLength(4);
    const left = (await observations.listUnusableObservations(admin)).map((r) => r.id);
    expect(left).not.toContain(badIds.get("5g-base-stations"));
    expect(left).toContain(badIds.get("data-center-standard-racks"));
  });
});
