/**
 * npm test — the whole suite: the static checks (`npm run check`: lint with the import boundaries, types,
 * formatting), unit (vitest), integration (vitest against a real PostgreSQL), reliability
 * (vitest driving the production server: concurrent writers, kill -9, PostgreSQL restarts, malformed
 * payloads — each file starts its own PostgreSQL and `next start`), end-to-end (Playwright in Debian's
 * Chromium against `next build` + `next start`).
 *
 *   npm test                 everything
 *   npm test -- unit         one layer: check | unit | integration | reliability | e2e
 *   npm test -- e2e tests/e2e/overview.spec.ts
 *                            one layer, with the rest passed to its runner (file filters, -t, --grep…)
 *
 * PostgreSQL: TEST_DATABASE_URL (a server where the tests may create databases) when given; otherwise a
 * scratch server from the Debian binaries, started here and removed afterwards.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { buildIfNeeded } from "./lib/build";
import { freePort, startScratchPostgres, type ScratchPostgres } from "./lib/postgres";
import { ensureSystemPackages } from "./lib/system-deps";

const LAYERS = ["check", "unit", "integration", "reliability", "e2e"] as const;
type Layer = (typeof LAYERS)[number];
const requested = process.argv.slice(2).filter((a) => (LAYERS as readonly string[]).includes(a)) as Layer[];
const layers: Layer[] = requested.length ? requested : [...LAYERS];
// Anything else goes to the runner; only meaningful with a single layer.
const passThrough = process.argv.slice(2).filter((a) => !(LAYERS as readonly string[]).includes(a));
if (passThrough.length && layers.length !== 1) {
  process.stderr.write("[test] runner arguments need exactly one layer, e.g. npm test -- e2e tests/e2e/x.spec.ts\n");
  process.exit(2);
}
const REPORTS = path.join(".tmp", "test-reports");
const log = (line: string) => process.stderr.write(`[test] ${line}\n`);

function run(command: string, args: string[], env: Record<string, string | undefined> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

function readVitest(file: string): Tally {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  const json = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return {
    passed: json.numPassedTests,
    failed: json.numFailedTests,
    skipped: json.numPendingTests + json.numTodoTests,
  };
}

function readPlaywright(file: string): Tally {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  const json = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return {
    passed: json.stats.expected + json.stats.flaky,
    failed: json.stats.unexpected,
    skipped: json.stats.skipped,
  };
}

const bin = (name: string) => path.join("node_modules", ".bin", name);

async function main(): Promise<number> {
  rmSync(REPORTS, { recursive: true, force: true });
  mkdirSync(REPORTS, { recursive: true });
  const started = Date.now();
  const tallies: Tally[] = [];
  let exitCode = 0;
  let scratch: ScratchPostgres | undefined;
  // Which Node runs the suite: the pinned one from node_modules when started through npm (see README, Runtime).
  log(`runtime: Node ${process.version} (${process.execPath})`);

  try {
    ensureSystemPackages(
      {
        browser: layers.includes("e2e"),
        postgres: layers.includes("integration") || layers.includes("reliability") || layers.includes("e2e"),
        office: layers.includes("unit"),
      },
      log,
    );
    if (layers.includes("check")) {
      // A wrong-way import fails here (eslint/boundaries.mjs). Counted as one test.
      log("static checks: npm run check");
      const code = await run("npm", ["run", "check"]);
      tallies.push({ passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 });
      exitCode ||= code;
    }
    if (layers.includes("unit")) {
      log("unit tests");
      const file = path.join(REPORTS, "unit.json");
      const code = await run(bin("vitest"), [
        "run",
        "--project",
        "unit",
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${file}`,
        ...passThrough,
      ]);
      tallies.push(readVitest(file));
      exitCode ||= code;
    }

    let adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl && (layers.includes("integration") || layers.includes("e2e"))) {
      scratch = await startScratchPostgres();
      adminUrl = scratch.url();
      log(`scratch PostgreSQL on port ${scratch.port}`);
    }

    if (layers.includes("integration")) {
      log("integration tests (real PostgreSQL)");
      const file = path.join(REPORTS, "integration.json");
      const code = await run(
        bin("vitest"),
        [
          "run",
          "--project",
          "integration",
          "--reporter=default",
          "--reporter=json",
          `--outputFile.json=${file}`,
          ...passThrough,
        ],
        { TEST_DATABASE_URL: adminUrl },
      );
      tallies.push(readVitest(file));
      exitCode ||= code;
    }

    if (layers.includes("reliability")) {
      // Needs the production build; each test file starts (and stops, kills, restarts) its own PostgreSQL
      // and server on loopback, so no scratch server from here.
      log("reliability tests (production server under load, crashes and restarts)");
      buildIfNeeded(log);
      const file = path.join(REPORTS, "reliability.json");
      const code = await run(bin("vitest"), [
        "run",
        "--project",
        "reliability",
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${file}`,
        ...passThrough,
      ]);
      tallies.push(readVitest(file));
      exitCode ||= code;
    }

    if (layers.includes("e2e")) {
      log("end-to-end tests (Playwright, Chromium, production build)");
      buildIfNeeded(log);
      const database = "dpt_e2e";
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${database}`);
      await admin.end();
      const url = new URL(adminUrl!);
      url.pathname = `/${database}`;
      const file = path.join(REPORTS, "e2e.json");
      const code = await run(bin("playwright"), ["test", ...passThrough], {
        E2E_DATABASE_URL: url.toString(),
        E2E_PORT: String(await freePort()),
        PLAYWRIGHT_JSON_OUTPUT_NAME: file,
      });
      tallies.push(readPlaywright(file));
      exitCode ||= code;
    }
  } finally {
    scratch?.stop();
  }

  const total = tallies.reduce((a, b) => ({
    passed: a.passed + b.passed,
    failed: a.failed + b.failed,
    skipped: a.skipped + b.skipped,
  }));
  log(`layers: ${layers.join(", ")} in ${Math.round((Date.now() - started) / 1000)} s`);
  if (exitCode !== 0 && total.failed === 0) total.failed = 1; // a layer crashed before reporting
  // The plain closing line CI reads.
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    console.log("0 passed, 1 failed");
    process.exit(1);
  },
);
