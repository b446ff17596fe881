/**
 * Whole-database backup and restore, used by `npm run backup` / `npm run restore` (thin CLIs in
 * scripts/) and by the round-trip tests.
 *
 * PostgreSQL (DATABASE_URL): `pg_dump --format=custom` without owners or privileges, so the file
 * restores into any database regardless of role names. Restore drops and recreates the `public`
 * schema and replays the dump in ONE transaction (psql --single-transaction): a corrupt file or a
 * failing statement leaves the target exactly as it was, and tables created by newer migrations do not
 * linger next to an older backup. The append-only triggers on audit_log / task_update / observation
 * only refuse row UPDATE/DELETE, so dropping the schema is unaffected; the dump recreates them.
 *
 * Embedded PGlite: the Debian pg_dump cannot be used (PGlite is PostgreSQL 17, pg_dump 15 refuses newer
 * servers, and it hangs on pglite-socket), so the backup is PGlite's own `dumpDataDir()` tarball —
 * a consistent copy of the whole cluster taken while the database is opened by this process only.
 *
 * Every restore ends by applying pending migrations, so an older backup is brought up to date.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, openSync, readSync, closeSync, readFileSync } from "node:fs";
import { rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { childProcessEnv } from "../env";
import pg from "pg";
import { findPgBin } from "./postgres-bin";
import { applyMigrations } from "./migrate";

export class BackupError extends Error {
  override name = "BackupError";
}

export interface BackupResult {
  file: string;
  size: number;
  sha256: string;
}

type Log = (line: string) => void;
const silent: Log = () => undefined;

export function defaultBackupFile(dataDir: string, mode: "postgres" | "embedded", now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const ext = mode === "postgres" ? "dump" : "pglite.tar.gz";
  return path.resolve(dataDir, "backups", `dpt-${stamp}.${ext}`);
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Runs a client binary; rejects with its stderr (never the connection URL's password) on failure. */
function runTool(bin: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"], env: childProcessEnv(options.env) });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (error) => reject(new BackupError(`${path.basename(bin)} could not start: ${error.message}`)));
    child.on("close", (code) => {
      if (code === 0) resolve(stdout);
      else reject(new BackupError(`${path.basename(bin)} failed (exit ${code}): ${stderr.trim() || stdout.trim()}`));
    });
  });
}

function clientBin(name: "pg_dump" | "pg_restore" | "psql"): string {
  return path.join(findPgBin(), name);
}

/** Writes to a temporary sibling first and renames on success: no partial backup is ever left behind. */
async function writeAtomically(file: string, produce: (tmp: string) => Promise<void>): Promise<BackupResult> {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.partial-${process.pid}`;
  try {
    await produce(tmp);
    const sha256 = await sha256File(tmp);
    await rename(tmp, file);
    await writeFile(`${file}.sha256`, `${sha256}  ${path.basename(file)}\n`);
    return { file, size: (await stat(file)).size, sha256 };
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

export async function backupPostgres(databaseUrl: string, file: string, log: Log = silent): Promise<BackupResult> {
  log(`dumping PostgreSQL database to ${file}`);
  return writeAtomically(path.resolve(file), async (tmp) => {
    await runTool(clientBin("pg_dump"), [
      "--format=custom",
      "--no-owner",
      "--no-privileges",
      "--file",
      tmp,
      "--dbname",
      databaseUrl,
    ]);
  });
}

/**
 * PGlite writes postmaster.pid while the database is open and removes it on a clean close. Two PGlite
 * instances on one directory would corrupt it, so backup and restore refuse while the app runs.
 */
export function assertEmbeddedNotRunning(pgliteDir: string): void {
  if (existsSync(path.join(pgliteDir, "postmaster.pid"))) {
    throw new BackupError(
      `the embedded database in ${pgliteDir} is in use (is the app running?); stop it first. ` +
        "If the app is not running it did not shut down cleanly: run `npm run db:migrate` once to clear the lock. " +
        "内置数据库正在使用中，请先停止应用。",
    );
  }
}

export async function backupEmbedded(pgliteDir: string, file: string, log: Log = silent): Promise<BackupResult> {
  if (!existsSync(path.join(pgliteDir, "PG_VERSION"))) {
    throw new BackupError(`no embedded database in ${pgliteDir} 未找到内置数据库`);
  }
  assertEmbeddedNotRunning(pgliteDir);
  log(`dumping embedded database ${pgliteDir} to ${file}`);
  const { PGlite } = await import("@electric-sql/pglite");
  return writeAtomically(path.resolve(file), async (tmp) => {
    const db = await PGlite.create({ dataDir: pgliteDir });
    try {
      const dump = await db.dumpDataDir("gzip");
      await writeFile(tmp, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await db.close();
    }
  });
}

/** Checks the `.sha256` sidecar when there is one; a mismatch means a damaged or altered file. */
export async function verifyChecksum(file: string, log: Log = silent): Promise<void> {
  const sidecar = `${file}.sha256`;
  if (!existsSync(sidecar)) {
    log("no .sha256 file next to the backup; skipping the checksum check");
    return;
  }
  const expected = readFileSync(sidecar, "utf8").trim().split(/\s+/)[0]?.toLowerCase();
  const actual = await sha256File(file);
  if (expected !== actual) {
    throw new BackupError(
      `checksum mismatch for ${file}: expected ${expected}, got ${actual}; the file is damaged 备份文件已损坏`,
    );
  }
  log(`checksum ok (${actual})`);
}

export function detectBackupKind(file: string): "postgres" | "embedded" {
  const fd = openSync(file, "r");
  const head = Buffer.alloc(5);
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString("latin1") === "PGDMP") return "postgres";
  if (head[0] === 0x1f && head[1] === 0x8b) return "embedded";
  throw new BackupError(`${file} is not a backup made by \`npm run backup\` 不是有效的备份文件`);
}

/** Tables of the public schema holding rows (apart from the migration ledger): what a restore overwrites. */
export async function listTablesWithData(databaseUrl: string): Promise<{ table: string; rows: number }[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
        ORDER BY table_name`,
    );
    const result: { table: string; rows: number }[] = [];
    for (const { table_name } of tables) {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM public.${pg.escapeIdentifier(table_name)}`,
      );
      const n = Number(rows[0]?.n ?? 0);
      if (n > 0) result.push({ table: table_name, rows: n });
    }
    return result;
  } finally {
    await client.end();
  }
}

export class RestoreRefusedError extends BackupError {
  override name = "RestoreRefusedError";
  constructor(readonly tables: { table: string; rows: number }[]) {
    super(
      `the target database already has data; restoring would overwrite it (run again with --yes):\n` +
        tables.map((t) => `  - ${t.table}: ${t.rows} rows`).join("\n") +
        `\n目标数据库已有数据，恢复将覆盖以上内容；确认请加 --yes`,
    );
  }
}

export interface RestoreOptions {
  force?: boolean;
  log?: Log;
}

export async function restorePostgres(file: string, databaseUrl: string, options: RestoreOptions = {}): Promise<void> {
  const log = options.log ?? silent;
  const source = path.resolve(file);
  if (!existsSync(source)) throw new BackupError(`backup file not found: ${source}`);
  await verifyChecksum(source, log);
  if (detectBackupKind(source) !== "postgres") {
    throw new BackupError(`${source} is an embedded-database backup; restore it without DATABASE_URL`);
  }
  const existing = await listTablesWithData(databaseUrl);
  if (existing.length > 0 && !options.force) throw new RestoreRefusedError(existing);

  // Turning the whole archive into SQL reads every byte: a truncated file fails here, before any change.
  log("reading the archive");
  const script = path.join(tmpdir(), `dpt-restore-${process.pid}-${Date.now()}.sql`);
  try {
    await runTool(clientBin("pg_restore"), ["--no-owner", "--no-privileges", "--file", script, source]);
    log("restoring (one transaction: on any error nothing changes)");
    await runTool(clientBin("psql"), [
      "--no-psqlrc",
      "--quiet",
      "--set",
      "ON_ERROR_STOP=1",
      "--single-transaction",
      "--dbname",
      databaseUrl,
      "--command",
      "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;",
      "--file",
      script,
    ]);
  } finally {
    await rm(script, { force: true });
  }
  const migrated = await applyMigrations(databaseUrl, { log });
  log(`migrations: ${migrated.applied.length} applied after the restore, ${migrated.total} in total`);
}

/**
 * Replaces the embedded data directory with the backup. The new cluster is built beside the old one and
 * swapped in only when it opened and migrated cleanly; the previous directory is kept until then.
 */
export async function restoreEmbedded(file: string, pgliteDir: string, options: RestoreOptions = {}): Promise<void> {
  const log = options.log ?? silent;
  const source = path.resolve(file);
  if (!existsSync(source)) throw new BackupError(`backup file not found: ${source}`);
  await verifyChecksum(source, log);
  if (detectBackupKind(source) !== "embedded") {
    throw new BackupError(`${source} is a PostgreSQL backup; restore it with DATABASE_URL set`);
  }
  assertEmbeddedNotRunning(pgliteDir);
  const { startEmbeddedDatabase } = await import("./embedded");
  if (existsSync(path.join(pgliteDir, "PG_VERSION"))) {
    const current = await startEmbeddedDatabase({ dataDir: pgliteDir });
    try {
      const existing = await listTablesWithData(current.url);
      if (existing.length > 0 && !options.force) throw new RestoreRefusedError(existing);
    } finally {
      await current.stop();
    }
  }
  const staging = `${pgliteDir}.restoring-${process.pid}`;
  const previous = `${pgliteDir}.previous-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    log("unpacking the backup");
    const { PGlite } = await import("@electric-sql/pglite");
    const blob = new Blob([readFileSync(source)]);
    try {
      const db = await PGlite.create({ dataDir: staging, loadDataDir: blob });
      await db.close();
    } catch (error) {
      throw new BackupError(
        `cannot read ${source}: ${error instanceof Error ? error.message : String(error)} 备份文件无法读取`,
      );
    }
    const staged = await startEmbeddedDatabase({ dataDir: staging });
    try {
      const migrated = await applyMigrations(staged.url, { log });
      log(`migrations: ${migrated.applied.length} applied after the restore, ${migrated.total} in total`);
    } finally {
      await staged.stop();
    }
    if (existsSync(pgliteDir)) await rename(pgliteDir, previous);
    await rename(staging, pgliteDir);
    await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
