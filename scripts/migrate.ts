/** npm run db:migrate — apply pending migrations to DATABASE_URL (or the embedded database). */
import path from "node:path";
import { startEmbeddedDatabase } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import { getEnv } from "../lib/env";

const env = getEnv();
const log = (line: string) => process.stderr.write(`[migrate] ${line}\n`);
const embedded = env.DATABASE_URL
  ? undefined
  : await startEmbeddedDatabase({ dataDir: path.resolve(env.DATA_DIR, "pglite") });
try {
  const result = await applyMigrations(env.DATABASE_URL ?? embedded!.url, { log });
  log(`${result.applied.length} applied, ${result.alreadyApplied} already applied, ${result.total} in total`);
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}
