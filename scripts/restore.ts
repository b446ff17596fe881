/** npm run restore -- FILE [--yes] — replace the configured database with a backup (see lib/db/backup.ts). */
import path from "node:path";
import { parseArgs } from "node:util";
import { restoreEmbedded, restorePostgres } from "../lib/db/backup";
import { getEnv } from "../lib/env";

const { values, positionals } = parseArgs({
  options: { yes: { type: "boolean", default: false } },
  allowPositionals: true,
});
const log = (line: string) => process.stderr.write(`[restore] ${line}\n`);
const file = positionals[0];
if (!file || positionals.length > 1) {
  log("usage: npm run restore -- FILE [--yes]");
  process.exit(2);
}
const env = getEnv();
try {
  if (env.DATABASE_URL) await restorePostgres(file, env.DATABASE_URL, { force: values.yes, log });
  else await restoreEmbedded(file, path.resolve(env.DATA_DIR, "pglite"), { force: values.yes, log });
  log(`restored ${path.resolve(file)}`);
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
