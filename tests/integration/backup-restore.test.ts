/**
 * `npm run backup` / `npm run restore` round trip on real PostgreSQL: a seeded database with rows in
 * every kind of table is dumped, restored into an empty database, and every table is compared (row
 * count and an md5 over all rows in primary-key order), along with the append-only triggers. Also: a
 * non-empty target is refused without the force flag, and a truncated file fails before any change.
 * The embedded mode (PGlite tarball) round-trips too.
 */
import { execFile } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BackupError,
  RestoreRefusedError,
  backupEmbedded,
  backupPostgres,
  restoreEmbedded,
  restorePostgres,
  sha256File,
} from "../../lib/db/backup";
import { createPrismaClient } from "../../lib/db/client";
import { startEmbeddedDatabase } from "../../lib/db/embedded";
import { applyMigrations, countAppliedMigrations, listMigrations } from "../../lib/db/migrate";
import { importDocuments } from "../../seed/import";
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from "../support/db";

const execFileAsync = promisify(execFile);

interface TableFingerprint {
  rows: number;
  md5: string;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Every base table of the public schema: row count and md5 of all its rows ordered by every column. */
async function fingerprint(url: string): Promise<Map<string, TableFingerprint>> {
  return withClient(url, async (client) => {
    const { rows: tables } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const result = new Map<string, TableFingerprint>();
    for (const { table_name } of tables) {
      const t = pg.escapeIdentifier(table_name);
      // Ordering by the whole row's text is total (it includes the primary key) and type-independent.
      const { rows } = await client.query<{ n: string; md5: string | null }>(
        `SELECT count(*)::text AS n, md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '')) AS md5
           FROM public.${t} r`,
      );
      result.set(table_name, { rows: Number(rows[0]!.n), md5: rows[0]!.md5 ?? "" });
    }
    return result;
  });
}

async function triggerNames(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ tgname: string }>(
      `SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`,
    );
    return rows.map((r) => r.tgname);
  });
}

const workDir = mkdtempSync(path.join(tmpdir(), "dpt-backup-test-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe("backup and restore (PostgreSQL)", () => {
  let source: TestDatabase;
  let backupFile: string;

  beforeAll(async () => {
    source = await createTestDatabase();
    const db = source.prisma;
    await importDocuments(db);
    const department = await db.department.findFirstOrThrow({ select: { id: true } });
    const task = await db.task.findFirstOrThrow({ select: { id: true } });
    const indicator = await db.indicator.findFirstOrThrow({ select: { id: true } });
    const editor = await db.user.create({
      data: {
        username: "backup-editor",
        displayName: "备份测试编辑",
        role: "DEPARTMENT_EDITOR",
        departmentId: department.id,
        passwordHash: "x",
      },
      select: { id: true },
    });
    await db.user.create({ data: { username: "backup-viewer", displayName: "查看者" } });
    const period = await db.reportingPeriod.upsert({
      where: { year_index: { year: 2023, index: 3 } },
      create: { year: 2023, index: 3, startDate: new Date("2023-05-01"), endDate: new Date("2023-06-30") },
      update: {},
      select: { id: true },
    });
    await db.taskUpdate.create({
      data: {
        taskId: task.id,
        periodId: period.id,
        departmentId: department.id,
        kind: "LEAD_REPORT",
        version: 1,
        reviewState: "SUBMITTED",
        status: "ON_TRACK",
        progress: 40,
        progressText: "完成平台建设方案",
        milestoneDates: [],
        authorId: editor.id,
      },
    });
    await db.observation.create({
      data: {
        indicatorId: indicator.id,
        value: "12.5",
        normalizedValue: "12.5",
        asOf: new Date("2023-12-31"),
        source: "STATISTICAL_BULLETIN",
        enteredById: editor.id,
      },
    });
    await db.auditLog.createMany({
      data: [
        { actorLabel: "backup-editor", action: "task_update.submit", entityType: "task", entityId: String(task.id) },
        {
          actorLabel: "system",
          action: "user.create",
          entityType: "user",
          entityId: String(editor.id),
          after: { a: 1 },
        },
      ],
    });
    const bulletin = await db.bulletin.create({
      data: {
        periodId: period.id,
        version: 1,
        title: "数字强省建设工作进展通报（2023年第3期）",
        issueLabel: "2023年第3期",
        issuer: "省大数据局",
        snapshot: { tasks: [] },
      },
      select: { id: true },
    });
    const bytes = Buffer.from([0, 1, 2, 255, 254, 0x50, 0x4b, 3, 4]);
    await db.bulletinFile.create({
      data: {
        bulletinId: bulletin.id,
        format: "CSV",
        fileName: "bulletin.csv",
        contentType: "text/csv",
        byteSize: bytes.length,
        sha256: "0".repeat(64),
        content: bytes,
      },
    });
    backupFile = path.join(workDir, "source.dump");
  });

  afterAll(async () => {
    await source?.drop();
  });

  it("dumps to a file with a checksum sidecar", async () => {
    const result = await backupPostgres(source.url, backupFile);
    expect(result.file).toBe(backupFile);
    expect(result.size).toBeGreaterThan(10_000);
    expect(result.sha256).toBe(await sha256File(backupFile));
    expect(readFileSync(`${backupFile}.sha256`, "utf8")).toBe(`${result.sha256}  source.dump\n`);
    expect(readdirSync(workDir).filter((f) => f.includes(".partial"))).toEqual([]);
  });

  it("restores into an empty database identically: every table, the migrations, the triggers", async () => {
    const target = await createEmptyDatabase("dpt_restore");
    try {
      await restorePostgres(backupFile, target.url);
      const [expected, actual] = await Promise.all([fingerprint(source.url), fingerprint(target.url)]);
      expect([...actual.keys()]).toEqual([...expected.keys()]);
      expect(expected.get("_prisma_migrations")!.rows).toBeGreaterThan(0);
      for (const table of ["app_user", "task_update", "observation", "audit_log", "bulletin_file", "task"]) {
        expect(expected.get(table)!.rows, table).toBeGreaterThan(0);
      }
      for (const [table, print] of expected) expect(actual.get(table), table).toEqual(print);

      expect(await triggerNames(target.url)).toEqual(await triggerNames(source.url));
      expect(await triggerNames(target.url)).toEqual(
        expect.arrayContaining(["audit_log_append_only", "observation_append_only", "task_update_append_only"]),
      );
      await withClient(target.url, async (client) => {
        await expect(client.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow();
        const { rows } = await client.query<{ content: Buffer }>(`SELECT content FROM bulletin_file`);
        expect([...rows[0]!.content]).toEqual([0, 1, 2, 255, 254, 0x50, 0x4b, 3, 4]);
      });
    } finally {
      await target.drop();
    }
  });

  it("refuses a non-empty target without force, and replaces it with force", async () => {
    const target = await createTestDatabase();
    try {
      await target.prisma.user.create({ data: { username: "only-in-target", displayName: "目标" } });
      const before = await fingerprint(target.url);
      const refused = await restorePostgres(backupFile, target.url).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(RestoreRefusedError);
      expect((refused as RestoreRefusedError).message).toMatch(/app_user: \d+ rows/);
      expect(await fingerprint(target.url)).toEqual(before);

      await restorePostgres(backupFile, target.url, { force: true });
      expect(await fingerprint(target.url)).toEqual(await fingerprint(source.url));
    } finally {
      await target.drop();
    }
  });

  it("rejects a truncated file with a clear error and leaves the target unchanged", async () => {
    const damaged = path.join(workDir, "damaged.dump");
    writeFileSync(damaged, readFileSync(backupFile));
    truncateSync(damaged, Math.floor(readFileSync(damaged).length * 0.6));
    const target = await createTestDatabase();
    try {
      await target.prisma.user.create({ data: { username: "keep-me", displayName: "保留" } });
      const before = await fingerprint(target.url);
      // Without a sidecar the archive itself is read fully before anything is touched.
      await expect(restorePostgres(damaged, target.url, { force: true })).rejects.toThrow(/pg_restore failed/);
      expect(await fingerprint(target.url)).toEqual(before);

      // With the original sidecar, the checksum catches it first.
      writeFileSync(`${damaged}.sha256`, readFileSync(`${backupFile}.sha256`));
      await expect(restorePostgres(damaged, target.url, { force: true })).rejects.toThrow(/checksum mismatch/);
      expect(await fingerprint(target.url)).toEqual(before);
    } finally {
      await target.drop();
    }
  });

  it("brings an older backup up to date by applying the newer migrations after the restore", async () => {
    const migrations = listMigrations();
    const olderDir = path.join(workDir, "older-migrations");
    for (const m of migrations.slice(0, -1)) {
      mkdirSync(path.join(olderDir, m.name), { recursive: true });
      writeFileSync(path.join(olderDir, m.name, "migration.sql"), m.sql);
    }
    const older = await createEmptyDatabase("dpt_older");
    const target = await createEmptyDatabase("dpt_upgraded");
    try {
      await applyMigrations(older.url, { dir: olderDir });
      const file = path.join(workDir, "older.dump");
      await backupPostgres(older.url, file);
      await restorePostgres(file, target.url);
      const applied = await withClient(target.url, (client) => countAppliedMigrations(client));
      expect(applied).toBe(migrations.length);
    } finally {
      await older.drop();
      await target.drop();
    }
  });

  it("runs as `npm run backup` / `npm run restore`: paths and checksum on stdout, refusal without --yes", async () => {
    const out = path.join(workDir, "cli.dump");
    const env = { ...process.env, DATABASE_URL: source.url };
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    const backup = await execFileAsync(tsx, ["scripts/backup.ts", "--out", out], { env });
    expect(backup.stdout).toBe(`${out}\t${statSync(out).size} bytes\tsha256 ${await sha256File(out)}\n`);
    expect(backup.stderr).toContain("[backup] dumping PostgreSQL database");

    const refused = await execFileAsync(tsx, ["scripts/restore.ts", out], { env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toMatch(/already has data[\s\S]*app_user: \d+ rows[\s\S]*--yes/);
  });

  it("leaves no partial file when the dump fails", async () => {
    const out = path.join(workDir, "unreachable.dump");
    await expect(backupPostgres("postgresql://postgres@127.0.0.1:1/nothing", out)).rejects.toBeInstanceOf(BackupError);
    expect(readdirSync(workDir).filter((f) => f.startsWith("unreachable"))).toEqual([]);
  });
});

describe("backup and restore (embedded PGlite)", () => {
  it("round-trips the data directory and refuses to overwrite without force", { timeout: 180_000 }, async () => {
    const sourceDir = path.join(workDir, "source-pglite");
    const embedded = await startEmbeddedDatabase({ dataDir: sourceDir });
    try {
      await applyMigrations(embedded.url);
      const prisma = createPrismaClient(embedded.url, { poolSize: 1 });
      await prisma.department.create({ data: { name: "省大数据局" } });
      await prisma.auditLog.create({
        data: { actorLabel: "system", action: "x", entityType: "department", entityId: "1" },
      });
      await prisma.$disconnect();
    } finally {
      await embedded.stop();
    }

    const file = path.join(workDir, "embedded.pglite.tar.gz");
    // While the app holds the database (PGlite's postmaster.pid), both directions refuse.
    writeFileSync(path.join(sourceDir, "postmaster.pid"), "-42\n");
    await expect(backupEmbedded(sourceDir, file)).rejects.toThrow(/in use/);
    rmSync(path.join(sourceDir, "postmaster.pid"));
    expect(existsSync(file)).toBe(false);

    const result = await backupEmbedded(sourceDir, file);
    expect(result.size).toBeGreaterThan(0);
    expect(existsSync(`${file}.sha256`)).toBe(true);

    const targetDir = path.join(workDir, "target-pglite");
    await restoreEmbedded(file, targetDir);
    await expect(restoreEmbedded(file, targetDir)).rejects.toBeInstanceOf(RestoreRefusedError);
    writeFileSync(path.join(targetDir, "postmaster.pid"), "-42\n");
    await expect(restoreEmbedded(file, targetDir, { force: true })).rejects.toThrow(/in use/);
    rmSync(path.join(targetDir, "postmaster.pid"));

    const [sourceDb, targetDb] = [
      await startEmbeddedDatabase({ dataDir: sourceDir }),
      await startEmbeddedDatabase({ dataDir: targetDir }),
    ];
    try {
      expect(await fingerprint(targetDb.url)).toEqual(await fingerprint(sourceDb.url));
      expect(await triggerNames(targetDb.url)).toContain("audit_log_append_only");
    } finally {
      await sourceDb.stop();
      await targetDb.stop();
    }
    expect(readdirSync(workDir).filter((f) => f.includes(".restoring-") || f.includes(".previous-"))).toEqual([]);
  });
});
