/**
 * npm run bulletin -- --period 2023-P3 [--out DIR] [--runs N]
 *
 * Assembles the bulletin of a period from DATABASE_URL (or the embedded database when unset), printing
 * each step and its time on stderr, then a summary on stdout. With --out it also renders the four
 * files (marked as drafts) into DIR; with --runs it repeats the assembly N times and prints the mean
 * and the 95th percentile, for BENCHMARKS.md. Read-only: drafts and publications are made in the app,
 * where they are authorized and audited. The period may be written 2023-P3 or 2023-3.
 *
 * Runs under `--conditions=react-server` (see package.json) because lib/server modules are marked
 * server-only.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createPrismaClient } from "../lib/db/client";
import { startEmbeddedDatabase } from "../lib/db/embedded";
import { parsePeriodCode, shanghaiDate } from "../lib/domain/periods";
import { getEnv } from "../lib/env";
import {
  BULLETIN_FILE_FORMATS,
  BULLETIN_ISSUER,
  bulletinFileName,
  bulletinTitle,
  type BulletinSnapshot,
} from "../lib/reports/bulletin";
import { renderBulletinFile } from "../lib/reports/bulletin-files";

const argv = process.argv.slice(2);
const log = (line: string) => process.stderr.write(`[bulletin] ${line}\n`);
const option = (name: string) => {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
};

const periodArg = option("--period") ?? "";
const period = parsePeriodCode(periodArg.replace(/^(\d{4})-(\d)$/, "$1-P$2"));
if (!period) {
  log(`usage: npm run bulletin -- --period 2023-P3 [--out DIR] [--runs N] (got "${periodArg}")`);
  process.exit(2);
}
const runs = Math.max(1, Number(option("--runs") ?? 1) || 1);
const outDir = option("--out");

const env = getEnv();
const embedded = env.DATABASE_URL
  ? undefined
  : await startEmbeddedDatabase({ dataDir: path.resolve(env.DATA_DIR, "pglite") });
log(`database: ${embedded ? `embedded (${embedded.dataDir})` : "DATABASE_URL"}`);
// The one client of lib/server/db.ts, made here because the URL may be the embedded database's.
(globalThis as { dptPrisma?: unknown }).dptPrisma = createPrismaClient(env.DATABASE_URL ?? embedded!.url, {
  poolSize: embedded ? 1 : 4,
});

const { assembleBulletin } = await import("../lib/server/bulletins");
const { getDb } = await import("../lib/server/db");
const ms = (start: number) => `${Math.round(performance.now() - start)} ms`;

try {
  const times: number[] = [];
  let snapshot: BulletinSnapshot | null = null;
  for (let run = 1; run <= runs; run++) {
    const started = performance.now();
    let stepStarted = started;
    snapshot = await assembleBulletin(period, {
      onProgress: ({ step, steps, label }) => {
        if (run === 1) {
          if (step > 1) process.stderr.write(` ${ms(stepStarted)}\n`);
          process.stderr.write(`[bulletin] ${period.code} ${step}/${steps} ${label} …`);
        }
        stepStarted = performance.now();
      },
    });
    times.push(performance.now() - started);
    if (run === 1) process.stderr.write(` ${ms(stepStarted)}\n`);
  }
  const s = snapshot!.summary;
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
  console.log(`${bulletinTitle(period).title}`);
  console.log(
    `tasks ${s.totalTasks} · ${Object.entries(s.byStatus)
      .map(([k, v]) => `${k} ${v}`)
      .join(" · ")}`,
  );
  console.log(
    `lagging/at risk ${snapshot!.laggingTasks.length} · newly completed ${snapshot!.newlyCompleted.length} · ` +
      `departments not reported ${snapshot!.departmentsNotSubmitted.length}/${s.departmentsInScope} · ` +
      `indicators ${snapshot!.indicators.length} · narratives ${snapshot!.narratives.length}`,
  );
  console.log(
    runs === 1
      ? `assembled in ${Math.round(times[0]!)} ms`
      : `assembled ${runs} times: first ${Math.round(times[0]!)} ms, mean ${Math.round(mean)} ms, p95 ${Math.round(p95)} ms`,
  );

  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    const { title, issueLabel } = bulletinTitle(period);
    const meta = {
      title,
      issueLabel,
      issuer: BULLETIN_ISSUER,
      version: 1,
      issuedOn: shanghaiDate(new Date()),
      draft: true,
    };
    for (const format of BULLETIN_FILE_FORMATS) {
      const started = performance.now();
      process.stderr.write(`[bulletin] rendering ${format} …`);
      const bytes = await renderBulletinFile(format, snapshot!, meta);
      const file = path.join(outDir, bulletinFileName(meta, period.code, format).name);
      writeFileSync(file, bytes);
      process.stderr.write(` ${ms(started)}, ${bytes.byteLength} bytes\n`);
      console.log(file);
    }
  }
} catch (error) {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
} finally {
  await getDb().$disconnect();
  await embedded?.stop();
}
