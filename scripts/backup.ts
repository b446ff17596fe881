/** npm run backup -- [--out FILE] — the whole database to one file (see lib/db/backup.ts). */
import path from "node:path";
import { parseArgs } from "node:util";
import { backupEmbedded, backupPostgres, defaultBackupFile } from "../lib/db/backup";
import { getEnv } from "../lib/env";

const { values } = parseArgs({ options: { out: { type: "string" } } });
const env = getEnv();
const log = (line: string) => process.stderr.write(`[backup] ${line}\n`);
const mode = env.DATABASE_URL ? "postgres" : "embedded";
const file = path.resolve(values.out ?? defaultBackupFile(env.DATA_DIR, mode));
try {
  const result = env.DATABASE_URL
    ? await backupPostgres(env.DATABASE_URL, file, log)
    : await backupEmbedded(path.resolve(env.DATA_DIR, "pglite"), file, log);
  process.stdout.write(`${result.file}\t${result.size} bytes\tsha256 ${result.sha256}\n`);
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
