/** The embedded default (PGlite over its socket server) migrates, persists and survives a restart. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../lib/db/client";
import { startEmbeddedDatabase } from "../../lib/db/embedded";
import { applyMigrations } from "../../lib/db/migrate";

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
});
