/**
 * Where the PostgreSQL client and server binaries are: backup/restore (lib/db/backup.ts) and the
 * scratch servers of tests and benchmarks (scripts/lib/postgres.ts) use the same lookup.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { postgresBinOverride } from "../env";

export function findPgBin(): string {
  const candidates = [postgresBinOverride(), "/usr/lib/postgresql/15/bin"];
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    for (const v of readdirSync(root).sort().reverse()) candidates.push(path.join(root, v, "bin"));
  }
  for (const c of candidates) if (c && existsSync(path.join(c, "pg_ctl"))) return c;
  throw new Error(
    "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin). " +
      "Install them with `apt-get install -y postgresql` or set PG_BIN.",
  );
}
