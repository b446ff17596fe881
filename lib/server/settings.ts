import "server-only";
import { getDb } from "./db";

export const DEMO_SETTING = "demo";

/** Set by the seed when it created demo accounts and sample data: the UI says so. */
export async function isDemo(): Promise<boolean> {
  const row = await getDb().appSetting.findUnique({ where: { key: DEMO_SETTING }, select: { value: true } });
  return row?.value === true;
}
