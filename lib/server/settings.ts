import "server-only";
import { readBulletinSettings, type BulletinSettings } from "../domain/bulletin-settings";
import { readIndicatorThresholds } from "../domain/indicator-thresholds";
import { bulletinSettingsSchema } from "../schemas/bulletins";
import { indicatorThresholdsSchema } from "../schemas/indicator-admin";
import type { IndicatorThresholds } from "../domain/indicator-status";
import { writeAudit } from "./audit";
import { isAdmin, type Actor } from "./auth/actor";
import { getDb } from "./db";
import { forbidden } from "./errors";

export const DEMO_SETTING = "demo";

/** Set by the seed when it created demo accounts and sample data: the UI says so. */
export async function isDemo(): Promise<boolean> {
  const row = await getDb().appSetting.findUnique({ where: { key: DEMO_SETTING }, select: { value: true } });
  return row?.value === true;
}

/** The sample-data record written by seed/sample.ts (same key as SAMPLE_SETTING there). */
const SAMPLE_SETTING = "sampleData";

/** When sample data was generated, or null when the database holds none. */
export async function getSampleDataInfo(): Promise<{ generatedAt: string } | null> {
  const row = await getDb().appSetting.findUnique({ where: { key: SAMPLE_SETTING }, select: { value: true } });
  const value = row?.value;
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const generatedAt = (value as Record<string, unknown>).generatedAt;
  return { generatedAt: typeof generatedAt === "string" ? generatedAt : "" };
}

export const THRESHOLDS_SETTING = "indicatorThresholds";

/** The status rules' margins in force: the admin's setting, or the defaults. */
export async function getIndicatorThresholds(): Promise<IndicatorThresholds> {
  const row = await getDb().appSetting.findUnique({ where: { key: THRESHOLDS_SETTING }, select: { value: true } });
  return readIndicatorThresholds(row?.value);
}

/** Admins only; the change and the previous values are audited in the same transaction. */
export async function updateIndicatorThresholds(
  actor: Actor,
  input: IndicatorThresholds,
): Promise<IndicatorThresholds> {
  if (!isAdmin(actor)) throw forbidden("changeThresholds");
  const next = indicatorThresholdsSchema.parse(input);
  return getDb().$transaction(async (tx) => {
    const row = await tx.appSetting.findUnique({ where: { key: THRESHOLDS_SETTING }, select: { value: true } });
    const before = readIndicatorThresholds(row?.value);
    await tx.appSetting.upsert({
      where: { key: THRESHOLDS_SETTING },
      create: { key: THRESHOLDS_SETTING, value: { ...next } },
      update: { value: { ...next } },
    });
    await writeAudit(tx, actor, {
      action: "settings.indicator_thresholds",
      entityType: "setting",
      entityId: THRESHOLDS_SETTING,
      before: { ...before },
      after: { ...next },
    });
    return next;
  });
}

export const BULLETIN_SETTING = "bulletin";

/** The bulletin's issuer, 文号 pattern, 抄送 list and default layout: the admin's setting, or the defaults. */
export async function getBulletinSettings(): Promise<BulletinSettings> {
  const row = await getDb().appSetting.findUnique({ where: { key: BULLETIN_SETTING }, select: { value: true } });
  return readBulletinSettings(row?.value);
}

/** Admins only; the change and the previous values are audited in the same transaction. */
export async function updateBulletinSettings(actor: Actor, input: BulletinSettings): Promise<BulletinSettings> {
  if (!isAdmin(actor)) throw forbidden("changeBulletinSettings");
  const next = bulletinSettingsSchema.parse(input);
  return getDb().$transaction(async (tx) => {
    const row = await tx.appSetting.findUnique({ where: { key: BULLETIN_SETTING }, select: { value: true } });
    const before = readBulletinSettings(row?.value);
    await tx.appSetting.upsert({
      where: { key: BULLETIN_SETTING },
      create: { key: BULLETIN_SETTING, value: { ...next } },
      update: { value: { ...next } },
    });
    await writeAudit(tx, actor, {
      action: "settings.bulletin",
      entityType: "setting",
      entityId: BULLETIN_SETTING,
      before: { ...before },
      after: { ...next },
    });
    return next;
  });
}
