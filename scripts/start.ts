/**
 * npm start — the one command that serves the app.
 *
 *   npm start              build if the sources changed, migrate, seed on first start, `next start`
 *   npm run serve          the same without the build check (the build must exist)
 *   npm run dev            `next dev` on the same database setup
 *
 * Without DATABASE_URL the launcher opens the embedded database (PGlite under DATA_DIR/pglite) in this
 * process and serves it on loopback to the Next.js server it spawns. With DATABASE_URL it migrates that
 * PostgreSQL and passes it through.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import { getEnv } from "../lib/env";
import { ensurePeriodsOnStart, seedOnStart } from "../seed/seed";
import { buildIfNeeded } from "./lib/build";

const args = new Set(process.argv.slice(2));
const devMode = args.has("--dev");
const log = (line: string) => process.stderr.write(`[start] ${line}\n`);

/** The embedded demo keeps a generated session secret next to its data, so sessions survive restarts. */
function embeddedAuthSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function main(): Promise<void> {
  const env = getEnv();
  log(`runtime: Node ${process.version}`);
  if (!devMode && !args.has("--no-build")) buildIfNeeded(log);

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = env.DATABASE_URL;
  if (databaseUrl) {
    log(`database: external PostgreSQL (${databaseUrl.replace(/\/\/[^@/]*@/, "//***@")})`);
  } else {
    const dataDir = path.resolve(env.DATA_DIR, "pglite");
    const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
    log(`database: embedded PGlite in ${dataDir}${fresh ? " (new, first start takes a few seconds)" : ""}`);
    embedded = await startEmbeddedDatabase({ dataDir, port: env.EMBEDDED_DB_PORT });
    databaseUrl = embedded.url;
  }

  const migrations = await applyMigrations(databaseUrl, { log });
  log(`migrations: ${migrations.total} in total, ${migrations.applied.length} applied now`);
  await seedOnStart(databaseUrl, {
    mode: embedded ? "embedded" : "external",
    policy: env.SEED_ON_START,
    demo: embedded !== undefined || env.SEED_DEMO_USERS === "true",
    sample:
      env.SEED_SAMPLE_DATA === "true"
        ? "always"
        : env.SEED_SAMPLE_DATA === "false" || embedded === undefined
          ? "never"
          : "fresh",
    log,
  });

  const periodsAdded = await ensurePeriodsOnStart(databaseUrl);
  if (periodsAdded > 0) log(`periods: ${periodsAdded} reporting periods added for this year and next`);

  const authSecret = env.NEXTAUTH_SECRET ?? (embedded ? embeddedAuthSecret(path.resolve(env.DATA_DIR)) : undefined);
  if (!authSecret) {
    log("NEXTAUTH_SECRET must be set when DATABASE_URL is (32+ random characters, e.g. `openssl rand -base64 32`)");
    process.exit(1);
  }

  const nextBin = path.join("node_modules", "next", "dist", "bin", "next");
  const nextArgs = devMode
    ? [nextBin, "dev", "-p", String(env.PORT), "-H", env.HOST]
    : [nextBin, "start", "-p", String(env.PORT), "-H", env.HOST];
  const child = spawn(process.execPath, nextArgs, {
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATABASE_MODE: embedded ? "embedded" : "external",
      // PGlite executes one statement at a time, and its socket server can interleave the extended-protocol
      // messages of concurrent connections (a "bind message supplies N parameters" error): with the
      // embedded database every query goes through one connection, in turn.
      DATABASE_POOL_SIZE: embedded ? "1" : String(env.DATABASE_POOL_SIZE),
      NEXTAUTH_SECRET: authSecret,
      NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
    },
  });
  log(`serving on http://localhost:${env.PORT}`);

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null) child.kill("SIGTERM");
    await embedded?.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  child.on("exit", (code) => {
    if (!stopping) log(`the web server exited (code ${code ?? "?"})`);
    void shutdown(code ?? 1);
  });
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
