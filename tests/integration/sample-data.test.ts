/**
 * Sample data for the demo: generated only when asked, marked in the database, consistent with the
 * tasks' statuses, idempotent, and announced by the setting the UI banner reads. Real PostgreSQL.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type * as SettingsModule from "../../lib/server/settings";
import { isWholeWhereCounted, valueKind } from "../../lib/domain/indicator-values";
import { generateSampleData, SAMPLE_SETTING } from "../../seed/sample";
import { seedOnStart } from "../../seed/seed";
import { setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase();
let settings: typeof SettingsModule;
const NOW = new Date("2023-11-15T04:00:00Z");
const logs: string[] = [];

beforeAll(async () => {
  settings = await db.load(() => import("../../lib/server/settings"));
}, 120_000);

describe("sample data", () => {
  it("is never created against DATABASE_URL unless asked", async () => {
    await seedOnStart(db.url, { mode: "external", policy: "always", demo: false, log: (l) => logs.push(l) });
    expect(await db.prisma.document.count()).toBeGreaterThan(0);
    expect(await db.prisma.taskUpdate.count()).toBe(0);
    expect(await db.prisma.observation.count()).toBe(0);
    expect(await settings.getSampleDataInfo()).toBeNull();
  });

  it("marks every generated report and value as sample data, and the tasks' statuses follow the approved reports", async () => {
    // A real report and a real value already in the database: the sample must leave them alone.
    const realTask = await db.prisma.task.findFirstOrThrow({
      where: { assignments: { some: { role: "LEAD", department: { generic: false } } } },
      select: { id: true, assignments: { where: { role: "LEAD" }, select: { departmentId: true }, take: 1 } },
    });
    const period = await db.prisma.reportingPeriod.findFirstOrThrow({ where: { year: 2023, index: 5 } });
    await db.prisma.taskUpdate.create({
      data: {
        taskId: realTask.id,
        periodId: period.id,
        departmentId: realTask.assignments[0]!.departmentId,
        kind: "LEAD_REPORT",
        version: 1,
        reviewState: "SUBMITTED",
        status: "ON_TRACK",
        progress: 30,
        progressText: "真实报送",
      },
    });
    const fiveG = await db.prisma.indicator.findUniqueOrThrow({ where: { key: "5g-base-stations" } });
    await db.prisma.observation.create({
      data: {
        indicatorId: fiveG.id,
        value: 185_000,
        normalizedValue: 185_000,
        asOf: new Date("2023-06-30T00:00:00Z"),
        source: "STATISTICAL_BULLETIN",
      },
    });
    const summary = await generateSampleData(db.prisma, { now: NOW, log: (l) => logs.push(l) });
    expect(summary).not.toBeNull();
    expect(summary!.taskReports).toBeGreaterThan(50);
    expect(summary!.observations).toBeGreaterThan(50);
    expect(logs.some((l) => l.includes("sample data: task reports"))).toBe(true);

    expect(await db.prisma.taskUpdate.count({ where: { isSample: false } })).toBe(1);
    expect(await db.prisma.taskUpdate.count({ where: { taskId: realTask.id, isSample: true } })).toBe(0);
    expect(await db.prisma.observation.count({ where: { indicatorId: fiveG.id, isSample: true } })).toBe(0);
    expect(await db.prisma.observation.count({ where: { isSample: true } })).toBe(summary!.observations);

    const approved = await db.prisma.taskUpdate.findMany({
      where: { reviewState: "APPROVED" },
      select: {
        status: true,
        progress: true,
        taskId: true,
        task: { select: { currentStatus: true, currentProgress: true } },
      },
    });
    expect(approved.length).toBeGreaterThan(50);
    for (const report of approved) {
      expect(report.task).toEqual({ currentStatus: report.status, currentProgress: report.progress });
    }
    // A completed task has no open milestone left; each status change is audited as an approval is.
    const completedIds = approved.filter((r) => r.status === "COMPLETED").map((r) => r.taskId);
    expect(
      await db.prisma.milestone.count({
        where: { taskId: { in: completedIds }, completedDate: null, retiredAt: null },
      }),
    ).toBe(0);
    expect(await db.prisma.auditLog.count({ where: { actorLabel: "sample-data", action: "task.status" } })).toBe(
      approved.length,
    );
    // A mix of statuses, so the dashboards have something to show.
    const statuses = new Set(approved.map((r) => r.status));
    expect(statuses.has("COMPLETED")).toBe(true);
    expect(statuses.has("LAGGING") || statuses.has("AT_RISK")).toBe(true);
    // No value is dated after the day it was generated, and none claims to be a real statistic.
    const values = await db.prisma.observation.findMany({
      where: { isSample: true },
      select: { asOf: true, note: true },
    });
    for (const value of values) {
      expect(value.asOf.toISOString().slice(0, 10) <= "2023-11-15").toBe(true);
      expect(value.note).toContain("示例数据");
    }
    const info = await settings.getSampleDataInfo();
    expect(info?.generatedAt).toBe(NOW.toISOString());
  });

  it("generates values that could be real: whole counts and places, shares in 0–100, cumulative levels that never fall", async () => {
    const indicators = await db.prisma.indicator.findMany({
      where: { observations: { some: { isSample: true } } },
      select: {
        id: true,
        name: true,
        unit: true,
        unitScale: true,
        targets: { where: { retiredAt: null }, select: { normalizedValue: true, cumulative: true } },
        observations: {
          where: { isSample: true },
          orderBy: { asOf: "asc" },
          select: { value: true, normalizedValue: true, asOf: true },
        },
      },
    });
    expect(indicators.length).toBeGreaterThan(30);
    const kinds = new Set<string>();
    let checkedSeries = 0;
    for (const indicator of indicators) {
      const subject = { unit: indicator.unit, name: indicator.name, unitScale: Number(indicator.unitScale) || 1 };
      const kind = valueKind(subject);
      kinds.add(kind);
      const values = indicator.observations.map((o) => Number(o.value));
      const label = `${indicator.name} (${indicator.unit}): ${values.join(", ")}`;
      for (const o of indicator.observations) {
        const value = Number(o.value);
        // value × unitScale = the stored base value, and a count or ranking is whole in it.
        expect(Number(o.normalizedValue), label).toBeCloseTo(value * subject.unitScale, 4);
        expect(isWholeWhereCounted(value, subject), label).toBe(true);
        if (kind === "COUNT") expect(Number.isInteger(Number(o.normalizedValue)), label).toBe(true);
        if (kind === "RANK") expect(value >= 1 && value <= 31 && Number.isInteger(value), label).toBe(true);
        if (kind === "SHARE" && indicator.unit === "%") expect(value >= 0 && value <= 100, label).toBe(true);
      }
      // A count is a level of things built or reached: it moves only towards its target, never back.
      if (kind === "COUNT" && values.length > 1) {
        const rising = values[values.length - 1]! >= values[0]!;
        for (let i = 1; i < values.length; i++) {
          expect(rising ? values[i]! >= values[i - 1]! : values[i]! <= values[i - 1]!, label).toBe(true);
        }
        checkedSeries += 1;
      }
    }
    expect(kinds.has("COUNT") && kinds.has("SHARE")).toBe(true);
    expect(checkedSeries).toBeGreaterThan(10);
    // The examples, by name: no fractional cities, parks or ranking places.
    const fractional = await db.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "observation" o JOIN "indicator" i ON i.id = o."indicatorId"
      WHERE o."isSample" AND i.unit IN ('个', '家', '座', '项', '市', '名', '位', '处', '所')
        AND o."normalizedValue" <> trunc(o."normalizedValue")`;
    expect(fractional[0]!.n).toBe(0);
  });

  it("is generated once: a second run changes nothing", async () => {
    const before = [await db.prisma.taskUpdate.count(), await db.prisma.observation.count()];
    expect(await generateSampleData(db.prisma, { now: NOW })).toBeNull();
    expect([await db.prisma.taskUpdate.count(), await db.prisma.observation.count()]).toEqual(before);
    await seedOnStart(db.url, {
      mode: "external",
      policy: "never",
      demo: false,
      sample: "always",
      log: (l) => logs.push(l),
    });
    expect([await db.prisma.taskUpdate.count(), await db.prisma.observation.count()]).toEqual(before);
    expect(await db.prisma.appSetting.count({ where: { key: SAMPLE_SETTING } })).toBe(1);
  });

  it("resumes an interrupted run without writing anything twice", async () => {
    const before = [await db.prisma.taskUpdate.count(), await db.prisma.observation.count()];
    await db.prisma.appSetting.update({
      where: { key: SAMPLE_SETTING },
      data: { value: { state: "generating", generatedAt: NOW.toISOString() } },
    });
    expect(await settings.getSampleDataInfo()).not.toBeNull(); // the banner stays up meanwhile
    const resumed = await generateSampleData(db.prisma, { now: NOW });
    expect(resumed).toMatchObject({ taskReports: 0, observations: 0 });
    expect([await db.prisma.taskUpdate.count(), await db.prisma.observation.count()]).toEqual(before);
    const setting = await db.prisma.appSetting.findUniqueOrThrow({ where: { key: SAMPLE_SETTING } });
    expect(setting.value).toMatchObject({ state: "complete" });
  });
});
