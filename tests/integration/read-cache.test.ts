/**
 * The read cache (lib/server/cache.ts) on real PostgreSQL: results are reused while the data_version
 * counters stand, and any committed write to the tables behind a result — through the app, through
 * another connection, or by hand — makes the next read recompute. Rolled-back writes change nothing.
 */
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { EMPTY_OVERVIEW_FILTERS } from "../../lib/domain/overview-filters";
import type * as CacheModule from "../../lib/server/cache";
import type * as IndicatorsModule from "../../lib/server/indicators";
import type * as OverviewModule from "../../lib/server/overview";
import { ensureReportingPeriods } from "../../seed/seed";
import { setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase({ documents: "all" });
let overview: typeof OverviewModule;
let indicators: typeof IndicatorsModule;
let cache: typeof CacheModule;
const NOW = new Date("2023-11-15T04:00:00Z");
const TODAY = "2023-11-15";

beforeAll(async () => {
  await ensureReportingPeriods(db.prisma, 2021, 2024);
  overview = await db.load(() => import("../../lib/server/overview"));
  indicators = await db.load(() => import("../../lib/server/indicators"));
  cache = await db.load(() => import("../../lib/server/cache"));
  cache.clearReadCache();
}, 120_000);

/** A plain pg connection: another server process, a script or psql, as far as the app can tell. */
async function otherConnection<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe("read cache", () => {
  it("reuses the overview while nothing changes, and recomputes after a committed write elsewhere", async () => {
    const first = await overview.getOverview(EMPTY_OVERVIEW_FILTERS, NOW);
    const again = await overview.getOverview(EMPTY_OVERVIEW_FILTERS, NOW);
    expect(again).toBe(first); // the same object: not recomputed

    // A task with a lead unit, not yet due on NOW and never reported: 未报送 (lib/domain/task-state.ts).
    const task = await db.prisma.task.findFirstOrThrow({
      where: { retiredAt: null, hasLead: true, statusUpdatedAt: null, deadline: { gte: NOW } },
      select: { id: true },
    });
    // An approved 滞后 written by hand through another connection, as a script would.
    await otherConnection((c) =>
      c.query(`UPDATE task SET "currentStatus" = 'LAGGING', "statusUpdatedAt" = now() WHERE id = $1`, [task.id]),
    );
    const after = await overview.getOverview(EMPTY_OVERVIEW_FILTERS, NOW);
    expect(after).not.toBe(first);
    expect(after.tasks.counts.LAGGING).toBe(first.tasks.counts.LAGGING + 1);
    expect(after.tasks.counts.NO_REPORT).toBe(first.tasks.counts.NO_REPORT - 1);
  });

  it("ignores a rolled-back write: the counters only move with a commit", async () => {
    const before = await overview.getOverview(EMPTY_OVERVIEW_FILTERS, NOW);
    const version = await cache.readDataVersion();
    await otherConnection(async (c) => {
      await c.query("BEGIN");
      await c.query(`UPDATE task SET "currentStatus" = 'COMPLETED'`);
      // Inside the open transaction the counter moved; outside it, nothing is visible yet.
      expect(await cache.readDataVersion()).toEqual(version);
      await c.query("ROLLBACK");
    });
    expect(await cache.readDataVersion()).toEqual(version);
    expect(await overview.getOverview(EMPTY_OVERVIEW_FILTERS, NOW)).toBe(before);
  });

  it("keeps results apart by filter and date", async () => {
    const all = await overview.getOverview(EMPTY_OVERVIEW_FILTERS, NOW);
    const narrowed = await overview.getOverview({ ...EMPTY_OVERVIEW_FILTERS, document: "work-points-2023" }, NOW);
    expect(narrowed).not.toBe(all);
    expect(narrowed.tasks.rollUp.total).toBeLessThan(all.tasks.rollUp.total);
    const nextDay = await overview.getOverview(EMPTY_OVERVIEW_FILTERS, new Date("2023-11-16T04:00:00Z"));
    expect(nextDay).not.toBe(all);
  });

  it("invalidates the indicator catalogue on a new value but not on a task write", async () => {
    const list = await indicators.listIndicators(TODAY);
    const target = list.find((i) => i.latest === null && i.status === "NO_DATA");
    expect(target).toBeDefined();

    // A task-side write leaves the catalogue's counter alone.
    await db.prisma.task.updateMany({ where: { id: -1 }, data: { currentProgress: 1 } });
    expect(await indicators.listIndicators(TODAY)).toBe(list);

    const indicator = await db.prisma.indicator.findUniqueOrThrow({
      where: { id: target!.id },
      select: { unitScale: true },
    });
    await db.prisma.observation.create({
      data: {
        indicatorId: target!.id,
        value: 1,
        normalizedValue: indicator.unitScale,
        asOf: new Date("2023-06-30T00:00:00Z"),
        source: "DEPARTMENT_REPORT",
      },
    });
    const after = await indicators.listIndicators(TODAY);
    expect(after).not.toBe(list);
    expect(after.find((i) => i.id === target!.id)?.latest).not.toBeNull();
  });

  it("changes the thresholds' effect at once: settings belong to the catalogue's counter", async () => {
    const before = await cache.readDataVersion();
    await otherConnection((c) =>
      c.query(
        `INSERT INTO app_setting (key, value, "updatedAt") VALUES ('cache-test', '1', now())
         ON CONFLICT (key) DO UPDATE SET value = '2'`,
      ),
    );
    const after = await cache.readDataVersion();
    expect(after.indicators).not.toBe(before.indicators);
    expect(after.tasks).toBe(before.tasks);
  });

  it("computes once for concurrent readers of the same missing entry", async () => {
    await otherConnection((c) => c.query(`UPDATE task SET "currentProgress" = "currentProgress" WHERE id = -1`));
    const [a, b, c] = await Promise.all([
      overview.getOverview(EMPTY_OVERVIEW_FILTERS, NOW),
      overview.getOverview(EMPTY_OVERVIEW_FILTERS, NOW),
      overview.getOverview(EMPTY_OVERVIEW_FILTERS, NOW),
    ]);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });
});
