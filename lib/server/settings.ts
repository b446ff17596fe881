import "server-only";
import { getDb } from "./db";

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
