import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, listMigrations, MigrationError } from "../../lib/db/migrate";
import { createEmptyDatabase } from "../support/db";

async function rows<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migration runner", () => {
  let db: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    db = await createEmptyDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("applies every migration once and records it as prisma migrate deploy does", async () => {
    const first = await applyMigrations(db.url);
    const files = listMigrations();
    expect(files.length).toBeGreaterThan(0);
    expect(first.applied).toEqual(files.map((f) => f.name));

    const recorded = await rows<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
      rolled_back_at: Date | null;
      id: string;
    }>(db.url, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(recorded.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of recorded.entries()) {
      expect(row.checksum).toBe(files[i]!.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
    }

    const second = await applyMigrations(db.url);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toBe(files.length);
    const tables = await rows<{ n: number }>(
      db.url,
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables[0]!.n).toBeGreaterThan(20);
  });

  it("rolls back a failing migration, records the failure, and refuses to continue until it is resolved", async () => {
    const scratch = await createEmptyDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), "dpt-mig-"));
    try {
      mkdirSync(path.join(dir, "20240101000000_ok"));
      writeFileSync(path.join(dir, "20240101000000_ok", "migration.sql"), "CREATE TABLE a (id int);");
      mkdirSync(path.join(dir, "20240102000000_broken"));
      writeFileSync(
        path.join(dir, "20240102000000_broken", "migration.sql"),
        "CREATE TABLE b (id int); SELECT * FROM no_such_table;",
      );
      await expect(applyMigrations(scratch.url, { dir })).rejects.toThrow(MigrationError);
      const tables = await rows<{ table_name: string }>(
        scratch.url,
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
      );
      // The broken migration's first statement was rolled back with it.
      expect(tables.map((t) => t.table_name)).toEqual(["_prisma_migrations", "a"]);
      const failed = await rows<{ migration_name: string; finished_at: Date | null; logs: string }>(
        scratch.url,
        `SELECT migration_name, finished_at, logs FROM "_prisma_migrations" WHERE finished_at IS NULL`,
      );
      expect(failed).toHaveLength(1);
      expect(failed[0]!.migration_name).toBe("20240102000000_broken");
      expect(failed[0]!.logs).toContain("no_such_table");
      await expect(applyMigrations(scratch.url, { dir })).rejects.toThrow(/failed earlier/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await scratch.drop();
    }
  });
});
