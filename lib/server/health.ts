import "server-only";
import { getEnv } from "../env";
import { getDb } from "./db";

export interface HealthReport {
  status: "ok" | "unavailable";
  database: { mode: "embedded" | "external"; connected: boolean; migrations: number | null; error?: string };
  time: string;
}

const TIMEOUT_MS = 3_000;

export async function checkHealth(): Promise<HealthReport> {
  const mode = getEnv().DATABASE_MODE;
  const time = new Date().toISOString();
  try {
    const query = getDb().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const rows = await Promise.race([
      query,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), TIMEOUT_MS)),
    ]);
    return { status: "ok", database: { mode, connected: true, migrations: rows[0]?.n ?? 0 }, time };
  } catch (error) {
    // Say what kind of failure, not the driver's message (it can carry host names).
    const reason = error instanceof Error && error.message === "timed out" ? "timeout" : "unreachable";
    return { status: "unavailable", database: { mode, connected: false, migrations: null, error: reason }, time };
  }
}
