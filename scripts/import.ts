/**
 * npm run import [-- --force] [-- --only slug,slug] [-- --demo]
 *
 * Loads seed/documents (per manifest.json) into DATABASE_URL, or the embedded database when unset.
 * Progress on stderr; exit 2 when a document cannot be read or extracted (nothing is written then).
 */
import path from "node:path";
import { createPrismaClient } from "../lib/db/client";
import { startEmbeddedDatabase } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import { getEnv } from "../lib/env";
import { IngestError } from "../lib/ingest";
import { ImportError } from "../seed/import";
import { seedDatabase } from "../seed/seed";

const argv = process.argv.slice(2);
const log = (line: string) => process.stderr.write(`[import] ${line}\n`);
const env = getEnv();
const embedded = env.DATABASE_URL
  ? undefined
  : await startEmbeddedDatabase({ dataDir: path.resolve(env.DATA_DIR, "pglite") });
const url = env.DATABASE_URL ?? embedded!.url;
log(`database: ${embedded ? `embedded (${embedded.dataDir})` : "DATABASE_URL"}`);
const db = createPrismaClient(url, { poolSize: embedded ? 1 : 2 });
try {
  await applyMigrations(url, { log });
  if (argv.includes("--force") || argv.includes("--only")) {
    const { importDocuments } = await import("../seed/import");
    const onlyIndex = argv.indexOf("--only");
    const only = onlyIndex >= 0 ? argv[onlyIndex + 1]?.split(",") : undefined;
    await importDocuments(db, { force: argv.includes("--force"), only, log });
  } else {
    // Demo accounts only for the embedded database, or when asked with --demo.
    await seedDatabase(db, log, { demo: !env.DATABASE_URL || argv.includes("--demo") });
  }
} catch (error) {
  if (error instanceof IngestError || error instanceof ImportError) {
    log(`error: ${error.message}`);
    process.exitCode = 2;
  } else {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  }
} finally {
  await db.$disconnect();
  await embedded?.stop();
}
