/** GET /api/health: 200 with the migration count on a live database, 503 when it cannot be reached. */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { setUpIntegrationDatabase } from "../support/integration";

async function callHealth(env: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  vi.resetModules();
  delete (globalThis as { dptPrisma?: unknown }).dptPrisma;
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  const { GET } = await import("../../app/api/health/route");
  const response = await GET();
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("GET /api/health", () => {
  const db = setUpIntegrationDatabase();
  beforeEach(() => vi.unstubAllEnvs());

  it("reports the mode, connectivity and applied migrations", async () => {
    const { status, body } = await callHealth({ DATABASE_URL: db.url, DATABASE_MODE: "external" });
    expect(status).toBe(200);
    const migrations = await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "_prisma_migrations"`;
    expect(body).toMatchObject({
      status: "ok",
      database: { mode: "external", connected: true, migrations: migrations[0]!.n },
    });
  });

  it("answers 503 without leaking connection details when the database is unreachable", async () => {
    const { status, body } = await callHealth({
      DATABASE_URL: "postgresql://user:secret@127.0.0.1:1/nowhere",
      DATABASE_MODE: "embedded",
    });
    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: "unavailable",
      database: { mode: "embedded", connected: false, migrations: null },
    });
    expect(JSON.stringify(body)).not.toContain("secret");
  });
});
