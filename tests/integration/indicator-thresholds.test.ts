/** Admins set the status rules' margins; statuses follow at once; the change is audited. Real PostgreSQL. */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/server/auth/actor";
import type * as IndicatorsModule from "../../lib/server/indicators";
import type * as SettingsModule from "../../lib/server/settings";
import { setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase({ documents: "all" });
let settings: typeof SettingsModule;
let indicators: typeof IndicatorsModule;
let admin: Actor;
let reviewer: Actor;

const actor = (id: number, username: string, role: Actor["role"]): Actor => ({
  id,
  username,
  displayName: username,
  role,
  departmentId: null,
  departmentName: null,
  locale: "zh-CN",
  via: "session",
});

beforeAll(async () => {
  settings = await db.load(() => import("../../lib/server/settings"));
  indicators = await db.load(() => import("../../lib/server/indicators"));
  const a = await db.prisma.user.create({ data: { username: "th-admin", displayName: "th-admin", role: "ADMIN" } });
  const r = await db.prisma.user.create({ data: { username: "th-rev", displayName: "th-rev", role: "REVIEWER" } });
  admin = actor(a.id, "th-admin", "ADMIN");
  reviewer = actor(r.id, "th-rev", "REVIEWER");
  // 5G base stations, mid-2023: 16.5万 of the way from 5.1万 (2020) to 20万 (2023) is 0.765 of the path
  // against 0.833 expected — 6.8 points behind 序时进度.
  const fiveG = await db.prisma.indicator.findUniqueOrThrow({ where: { key: "5g-base-stations" } });
  await db.prisma.observation.create({
    data: {
      indicatorId: fiveG.id,
      value: 165_000,
      normalizedValue: 165_000,
      asOf: new Date("2023-06-30T00:00:00Z"),
      source: "STATISTICAL_BULLETIN",
    },
  });
}, 120_000);

const fiveGStatus = async () =>
  (await indicators.listIndicators("2023-07-01")).find((i) => i.key === "5g-base-stations")!.status;

describe("indicator status thresholds", () => {
  it("uses the defaults until an admin sets them", async () => {
    expect(await settings.getIndicatorThresholds()).toEqual({
      onPaceMargin: 0.05,
      atRiskMargin: 0.15,
      approxTolerance: 0.02,
    });
    expect(await fiveGStatus()).toBe("AT_RISK");
  });

  it("an admin's wider margin turns the same figures on pace, audited with the values before and after", async () => {
    await settings.updateIndicatorThresholds(admin, { onPaceMargin: 0.1, atRiskMargin: 0.2, approxTolerance: 0.02 });
    expect(await fiveGStatus()).toBe("ON_PACE");
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "settings.indicator_thresholds" } });
    expect(audit.before).toMatchObject({ onPaceMargin: 0.05 });
    expect(audit.after).toMatchObject({ onPaceMargin: 0.1 });
    await settings.updateIndicatorThresholds(admin, { onPaceMargin: 0.01, atRiskMargin: 0.05, approxTolerance: 0.02 });
    expect(await fiveGStatus()).toBe("BEHIND");
  });

  it("refuses non-admins and inconsistent margins, and writes nothing", async () => {
    const before = await db.prisma.auditLog.count();
    await expect(
      settings.updateIndicatorThresholds(reviewer, { onPaceMargin: 0.3, atRiskMargin: 0.4, approxTolerance: 0.02 }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      settings.updateIndicatorThresholds(admin, { onPaceMargin: 0.3, atRiskMargin: 0.1, approxTolerance: 0.02 }),
    ).rejects.toThrow();
    expect(await db.prisma.auditLog.count()).toBe(before);
    expect(await settings.getIndicatorThresholds()).toMatchObject({ onPaceMargin: 0.01, atRiskMargin: 0.05 });
  });
});
