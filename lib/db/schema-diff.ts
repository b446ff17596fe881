/**
 * Offline DDL generation. Prisma 7's CLI needs a native schema engine it cannot download here; the
 * Prisma 6.19 CLI (installed as the `prisma6` alias) with `engine: "js"` and a pg driver adapter prints
 * correct PostgreSQL DDL for schema-to-schema diffs. It insists on a reachable database for its adapter
 * (it does not write to it), so the caller passes one. The CLI runs asynchronously: the database may
 * be served from this very process (embedded PGlite).
 */
const execFileAsync = promisify(execFile);
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { childProcessEnv } from "../env";

const CONFIG = `import { PrismaPg } from "prisma6-adapter-pg";
import { defineConfig } from "prisma6/config";
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "to.prisma",
  async adapter() {
    return new PrismaPg({ connectionString: process.env.SCHEMA_DIFF_URL });
  },
});
`;

/** Prisma 6 wants `url` in the datasource; Prisma 7 forbids it. Add it for the diff only. */
function withUrl(schema: string): string {
  return schema.replace(/datasource\s+db\s*\{/, (m) => `${m}\n  url = env("SCHEMA_DIFF_URL")`);
}

/**
 * DDL that turns a database described by `fromSchema` (null = empty database) into one described by
 * `toSchema`. Returns "" when there is nothing to do.
 */
export async function diffSchemas(fromSchema: string | null, toSchema: string, databaseUrl: string): Promise<string> {
  // Inside the project so the config resolves prisma6 packages from its node_modules.
  mkdirSync(path.join(process.cwd(), ".tmp"), { recursive: true });
  const work = mkdtempSync(path.join(process.cwd(), ".tmp", "schema-diff-"));
  try {
    writeFileSync(path.join(work, "prisma.config.ts"), CONFIG);
    writeFileSync(path.join(work, "to.prisma"), withUrl(toSchema));
    const args = [
      path.join(process.cwd(), "node_modules", "prisma6", "build", "index.js"),
      "migrate",
      "diff",
      ...(fromSchema === null ? ["--from-empty"] : ["--from-schema-datamodel", "from.prisma"]),
      "--to-schema-datamodel",
      "to.prisma",
      "--script",
    ];
    if (fromSchema !== null) writeFileSync(path.join(work, "from.prisma"), withUrl(fromSchema));
    const res = await execFileAsync(process.execPath, args, {
      cwd: work,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      env: childProcessEnv({
        SCHEMA_DIFF_URL: databaseUrl,
        PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false",
        PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
        CHECKPOINT_DISABLE: "1",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      }),
    }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`prisma migrate diff failed: ${error.message}\n${error.stdout ?? ""}\n${error.stderr ?? ""}`);
    });
    const sql = res.stdout;
    return /^\s*-- This is an empty migration\.\s*$/.test(sql) ? "" : sql;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function readSchema(file = path.join(process.cwd(), "prisma", "schema.prisma")): string {
  return readFileSync(file, "utf8");
}
