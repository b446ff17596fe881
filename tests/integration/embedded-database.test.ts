/** The embedded default (PGlite over its socket server) migrates, persists and survives a restart. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../lib/db/client";
import { startEmbeddedDatabase } from "../../lib/db/embedded";
import { applyMigrations } from "../../lib/db/migrate";
import { importDocuments } from "../../seed/import";

describe("embedded database", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "dpt-embedded-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("keeps data across a restart", async () => {
    const first = await startEmbeddedDatabase({ dataDir });
    const migrated = await applyMigrations(first.url);
    expect(migrated.applied.length).toBeGreaterThan(0);
    const prisma = createPrismaClient(first.url, { poolSize: 2 });
    await prisma.department.create({
      data: { name: "省大数据局", aliases: { create: [{ alias: "山东省大数据局" }] } },
    });
    await prisma.$disconnect();
    await first.stop();

    const second = await startEmbeddedDatabase({ dataDir });
    try {
      const again = await applyMigrations(second.url);
      expect(again.applied).toEqual([]);
      const reopened = createPrismaClient(second.url, { poolSize: 2 });
      const found = await reopened.department.findUnique({
        where: { name: "省大数据局" },
        select: { aliases: { select: { alias: true } } },
      });
      expect(found?.aliases.map((a) => a.alias)).toEqual(["山东省大数据局"]);
      await reopened.$disconnect();
    } finally {
      await second.stop();
    }
  });

  // The task state columns are kept by statement-level triggers with transition tables: PGlite runs them too.
  it("keeps the task state facts with its triggers", async () => {
    const db = await startEmbeddedDatabase({ dataDir: "memory://" });
    const prisma = createPrismaClient(db.url, { poolSize: 1 });
    try {
      await applyMigrations(db.url);
      await importDocuments(prisma, { only: ["work-points-2023"] });
      const rows = await prisma.$queryRaw<{ id: number; stored: boolean; computed: boolean; deadline: string }[]>`
        SELECT t.id, t."hasLead" AS stored,
          EXISTS (SELECT 1 FROM task_assignment a JOIN department d ON d.id = a."departmentId"
                  WHERE a."taskId" = t.id AND a.role = 'LEAD' AND NOT d.generic) AS computed,
          to_char(t.deadline, 'YYYY-MM-DD') AS deadline
        FROM task t`;
      expect(rows.length).toBeGreaterThan(40);
      expect(rows.filter((r) => r.stored !== r.computed)).toEqual([]);
      expect(rows.filter((r) => r.stored).length).toBeGreaterThan(40);
      expect(rows.every((r) => r.deadline !== null && r.deadline <= "2023-12-31")).toBe(true);
    } finally {
      await prisma.$disconnect();
      await db.stop();
    }
  }, 120_000);
});
