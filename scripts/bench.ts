/**
 * npm run bench [-- --duration 15] [--connections 4] [--no-scale] [--no-write] [scale options of bench:data]
 *
 * The benchmark of record (BENCHMARKS.md). It builds the app when the sources changed, starts a scratch
 * PostgreSQL with its crash-safe defaults (fsync on), and for two databases — the seed (the shipped
 * documents with the demo's sample reports) and the scale data set (scripts/lib/scale-data.ts, 50,000
 * tasks by default) — starts the production server (`next start`) and loads it over HTTP with autocannon:
 *
 *   reference   GET /robots.txt — a static file of the same server: the floor of any request
 *   overview    GET /                                   signed in as the demo viewer
 *   task list   GET /tasks?status=lagging,at_risk&sort=due&page=2
 *   department  GET /departments/{the department with the most assignments}
 *   indicator   GET /indicators/{the indicator with the most values}
 *   my editor   GET /my  signed in as an editor of the unit leading the most tasks (我的待办)
 *   my reviewer GET /my  signed in as the demo reviewer (queue by unit, units not reported)
 *   API list    GET /api/v1/tasks?status=LAGGING&page=2  with an API token
 *   review desk GET /review — the full queue (up to 500 reports awaiting review, each with its unit's last
 *               approved report, diff, evidence, history and comments), signed in as the demo reviewer;
 *               issue 16 sets no target for it: recorded
 *   submission  POST /api/v1/tasks/{id}/updates — each connection saves drafts of its own task as that
 *               task's lead department (token), carrying the version it got back: every request is a real
 *               write (a new version row + audit row in one transaction)
 *
 * Each route gets a warm-up, then `duration` seconds at `connections` concurrent connections; the
 * latency of every response is recorded (p50/p95/p99) with the throughput and any non-2xx answer. Then,
 * in process: extraction of the seed documents, and bulletin generation (assembly + the five files; issue 18: ≤ 30 s at scale) of
 * the last closed period on each database, and the 任务分工表 import (preview and commit of up to 2,000 rows,
 * issue 15). Results go to stdout and, unless --no-write, replace the
 * "Benchmark of record" section of BENCHMARKS.md, with the machine, the date and the command.
 *
 * Runs under --conditions=react-server (package.json) because lib/server modules are server-only.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import autocannon from "autocannon";
import pg from "pg";
import { createPrismaClient } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrate";
import { DEMO_PASSWORD } from "../lib/demo";
import { periodContaining, previousPeriod, shanghaiDate } from "../lib/domain/periods";
import { BULLETIN_FILE_FORMATS, BULLETIN_ISSUER, bulletinTitle } from "../lib/reports/bulletin";
import { seedDatabase } from "../seed/seed";
import { generateSampleData } from "../seed/sample";
import { generateTokenSecret } from "../lib/server/api-tokens";
import { hashPassword } from "../lib/server/auth/passwords";
import { hashToken } from "../lib/server/auth/token-hash";
import { signInCookie, startAppServer } from "./lib/app-server";
import { buildIfNeeded } from "./lib/build";
import { timeExtraction, type ExtractionTiming } from "./lib/extract-timing";
import { freePort, startScratchPostgres } from "./lib/postgres";
import { BENCH_PASSWORD, buildScaleDatabase, DEFAULT_SCALE, parseScaleArgs } from "./lib/scale-data";
import { percentile } from "./lib/stats";

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(argv[index + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const DURATION = option("duration", 15);
const CONNECTIONS = option("connections", 4);
const WITH_SCALE = !argv.includes("--no-scale");
const WRITE = !argv.includes("--no-write");
const BULLETIN_RUNS = option("bulletin-runs", 5);
/** Issue 18: generating all five files of a bulletin at 50,000 tasks stays within 30 s. */
const BULLETIN_TARGET_MS = 30_000;
const SCALE = parseScaleArgs(argv);
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** p95 targets at the scale data set (issue #7), by route key. */
const TARGETS: Record<string, number> = {
  overview: 200,
  tasks: 150,
  department: 150,
  api: 100,
  // issue #16: 我的待办
  "my-editor": 100,
  "my-reviewer": 100,
};

interface RouteResult {
  key: string;
  label: string;
  path: string;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  /** Answers by HTTP status, e.g. { 200: 1204 } — a non-2xx one is named in the report. */
  statuses: Record<number, number>;
  errors: number;
}

interface ScaleResult {
  name: string;
  counts: Record<string, number>;
  routes: RouteResult[];
  bulletin: { period: string; coldMs: number; meanMs: number; p95Ms: number; runs: number };
  assignmentImport: AssignmentImportTiming;
}

interface AssignmentImportTiming {
  document: string;
  documentTasks: number;
  rows: number;
  changed: number;
  previewColdMs: number;
  previewMeanMs: number;
  previewRuns: number;
  commitMs: number;
}

/** Issue 15: a 2,000-row 分工表 previews in ≤ 2 s and commits in ≤ 5 s on the scale data set. */
const ASSIGNMENT_TARGETS = { previewMs: 2_000, commitMs: 5_000, rows: 2_000 };

interface Route {
  key: string;
  label: string;
  path: string;
  headers?: Record<string, string>;
  /** For writes: one request cycle per connection, each run as its own single-connection load. */
  perConnection?: autocannon.RequestSpec[][];
}

// ───────────────────────────── server ─────────────────────────────

// ───────────────────────────── fixtures ─────────────────────────────

interface Fixtures {
  departmentId: number;
  /** An editor of the unit leading the most tasks, made for the run (password BENCH_PASSWORD). */
  editorUsername: string;
  indicatorId: number;
  viewerToken: string;
  writers: { taskId: number; token: string; version: number }[];
}

async function insertToken(client: pg.Client, userId: number): Promise<string> {
  const { secret, prefix, tokenHash } = generateTokenSecret();
  await client.query(`INSERT INTO api_token ("userId", name, prefix, "tokenHash") VALUES ($1, 'bench', $2, $3)`, [
    userId,
    prefix,
    tokenHash,
  ]);
  return secret;
}

/**
 * The pages' subjects and the writers: for each connection a task whose lead department has an editor
 * and whose report for the current period can still be edited (none yet, a draft or returned), with the
 * version to start from. Tokens are inserted hashed, as the app stores them.
 */
async function prepareFixtures(url: string, connections: number): Promise<Fixtures> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const period = periodContaining(new Date());
    const { rows: periodRows } = await client.query<{ id: number }>(
      `SELECT id FROM reporting_period WHERE year = $1 AND index = $2`,
      [period.year, period.index],
    );
    const periodId = periodRows[0]!.id;
    const { rows: dept } = await client.query<{ id: number }>(
      `SELECT "departmentId" AS id FROM task_assignment GROUP BY "departmentId" ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const { rows: indicator } = await client.query<{ id: number }>(
      `SELECT i.id FROM indicator i JOIN observation o ON o."indicatorId" = i.id WHERE i."mergedIntoId" IS NULL
       GROUP BY i.id ORDER BY count(*) DESC, i.id LIMIT 1`,
    );
    const { rows: viewer } = await client.query<{ id: number }>(`SELECT id FROM app_user WHERE username = 'viewer'`);
    const { rows: leadUnit } = await client.query<{ id: number }>(
      `SELECT a."departmentId" AS id FROM task_assignment a JOIN department d ON d.id = a."departmentId" AND NOT d.generic
       WHERE a.role = 'LEAD' GROUP BY a."departmentId" ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const editorUsername = "bench-my-editor";
    await client.query(
      `INSERT INTO app_user (username, "displayName", role, "departmentId", "passwordHash", "passwordChangedAt", "updatedAt")
       VALUES ($1, '压测填报员', 'DEPARTMENT_EDITOR', $2, $3, now(), now())
       ON CONFLICT (username) DO UPDATE SET "departmentId" = EXCLUDED."departmentId", "passwordHash" = EXCLUDED."passwordHash"`,
      [editorUsername, leadUnit[0]!.id, await hashPassword(BENCH_PASSWORD)],
    );
    const { rows: candidates } = await client.query<{ taskId: number; userId: number; version: number }>(
      `SELECT DISTINCT ON (a."departmentId") t.id AS "taskId", u.id AS "userId", coalesce(l.version, 0) AS version
       FROM task t
       JOIN task_assignment a ON a."taskId" = t.id AND a.role = 'LEAD'
       JOIN department d ON d.id = a."departmentId" AND NOT d.generic
       JOIN app_user u ON u."departmentId" = d.id AND u.role = 'DEPARTMENT_EDITOR' AND u.active
       LEFT JOIN LATERAL (SELECT version, "reviewState" FROM task_update x
                          WHERE x."taskId" = t.id AND x."periodId" = $1 AND x."departmentId" = d.id
                          ORDER BY version DESC LIMIT 1) l ON true
       WHERE t."retiredAt" IS NULL AND (l.version IS NULL OR l."reviewState" IN ('DRAFT', 'RETURNED'))
       ORDER BY a."departmentId", t.id
       LIMIT $2`,
      [periodId, connections],
    );
    if (candidates.length < connections) throw new Error(`only ${candidates.length} editable tasks for the writers`);
    const writers = [];
    for (const c of candidates)
      writers.push({ taskId: c.taskId, token: await insertToken(client, c.userId), version: c.version });
    return {
      departmentId: dept[0]!.id,
      editorUsername,
      indicatorId: indicator[0]!.id,
      viewerToken: await insertToken(client, viewer[0]!.id),
      writers,
    };
  } finally {
    await client.end();
  }
}

async function syncWriterVersions(url: string, writers: Fixtures["writers"]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const writer of writers) {
      const { rows } = await client.query<{ version: number }>(
        `SELECT coalesce(max(u.version), 0) AS version FROM task_update u
         JOIN app_user a ON a."departmentId" = u."departmentId" JOIN api_token k ON k."userId" = a.id
         WHERE u."taskId" = $1 AND k."tokenHash" = $2
           AND u."periodId" = (SELECT max("periodId") FROM task_update WHERE "taskId" = $1)`,
        [writer.taskId, hashToken(writer.token)],
      );
      writer.version = rows[0]!.version;
    }
  } finally {
    await client.end();
  }
}

function routesFor(fixtures: Fixtures, cookie: string, editorCookie: string, reviewerCookie: string): Route[] {
  const session = { cookie };
  // One connection per writer (autocannon resets a connection's context every cycle, so the version a
  // writer carries lives in this closure): no two connections ever write the same task at once.
  let reported = false; // the first unexpected answer is printed, to explain a non-2xx count
  const submission = (writer: Fixtures["writers"][number]): autocannon.RequestSpec => ({
    method: "POST",
    path: `/api/v1/tasks/${writer.taskId}/updates`,
    setupRequest: (request) => ({
      ...request,
      headers: { "content-type": "application/json", authorization: `Bearer ${writer.token}` },
      body: JSON.stringify({
        intent: "draft",
        expectedVersion: writer.version,
        status: "ON_TRACK",
        progress: 40 + (writer.version % 50),
        progressText: `压测：第${writer.version + 1}版草稿，按计划推进。`,
      }),
    }),
    onResponse: (status, body) => {
      if (status === 201) writer.version = (JSON.parse(body) as { version: number }).version;
      else if (status === 409) {
        // A response cut off when the previous run stopped still committed on the server: start from
        // the version the conflict names, as a client would. Counted, so the table shows it.
        const current = (JSON.parse(body) as { error?: { current?: { version?: number } } }).error?.current;
        if (current?.version !== undefined) writer.version = current.version;
      } else if (!reported) {
        reported = true;
        log(`  submission answered ${status}: ${body.slice(0, 400)}`);
      }
    },
  });
  return [
    { key: "reference", label: "静态文件 static file (reference)", path: "/robots.txt" },
    { key: "overview", label: "总览 overview", path: "/", headers: session },
    {
      key: "tasks",
      label: "任务列表（筛选、分页）task list",
      path: "/tasks?status=lagging,at_risk&sort=due&page=2",
      headers: session,
    },
    {
      key: "department",
      label: "单位页面 department page",
      path: `/departments/${fixtures.departmentId}`,
      headers: session,
    },
    {
      key: "indicator",
      label: "指标页面 indicator page",
      path: `/indicators/${fixtures.indicatorId}`,
      headers: session,
    },
    { key: "my-editor", label: "我的待办（填报单位）my tasks, editor", path: "/my", headers: { cookie: editorCookie } },
    {
      key: "my-reviewer",
      label: "我的待办（审核人员）my tasks, reviewer",
      path: "/my",
      headers: { cookie: reviewerCookie },
    },
    {
      key: "api",
      label: "API 任务列表 API task list",
      path: "/api/v1/tasks?status=LAGGING&page=2",
      headers: { authorization: `Bearer ${fixtures.viewerToken}` },
    },
    { key: "review", label: "审核台（满队列）review desk", path: "/review", headers: { cookie: reviewerCookie } },
    {
      key: "submission",
      label: "提交填报 update submission",
      path: "/api/v1/tasks/{id}/updates",
      perConnection: fixtures.writers.map((writer) => [submission(writer)]),
    },
  ];
}

// ───────────────────────────── load ─────────────────────────────

async function load(base: string, route: Route, seconds: number, connections: number): Promise<RouteResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const runs = (route.perConnection ?? [undefined]).map((requests) => {
    const instance = autocannon({
      url: `${base}${requests ? "" : route.path}`,
      connections: requests ? 1 : connections,
      duration: seconds,
      timeout: 30,
      headers: route.headers,
      requests,
    });
    instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
    return Promise.resolve(instance);
  });
  const results = await Promise.all(runs);
  const duration = Math.max(...results.map((r) => r.duration));
  return {
    key: route.key,
    label: route.label,
    path: route.path,
    requests: latencies.length,
    rps: latencies.length / duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    statuses,
    errors: results.reduce((n, r) => n + r.errors + r.timeouts, 0),
  };
}

async function measureRoutes(databaseUrl: string): Promise<RouteResult[]> {
  const fixtures = await prepareFixtures(databaseUrl, CONNECTIONS);
  const server = await startAppServer({
    port: await freePort(),
    env: { DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: randomBytes(32).toString("base64url") },
  });
  try {
    const cookie = await signInCookie(server.url, "viewer", DEMO_PASSWORD);
    const editorCookie = await signInCookie(server.url, fixtures.editorUsername, BENCH_PASSWORD);
    const reviewerCookie = await signInCookie(server.url, "reviewer", DEMO_PASSWORD);
    const results: RouteResult[] = [];
    for (const route of routesFor(fixtures, cookie, editorCookie, reviewerCookie)) {
      // Warm-up: compile caches, connection pool, PostgreSQL buffers. Not recorded.
      await load(server.url, route, Math.min(3, DURATION), CONNECTIONS);
      // The warm-up's last requests were cut off mid-flight but committed: start from the stored versions.
      if (route.perConnection) {
        await new Promise((resolve) => setTimeout(resolve, 1_000)); // let the cut-off requests commit
        await syncWriterVersions(databaseUrl, fixtures.writers);
      }
      const result = await load(server.url, route, DURATION, CONNECTIONS);
      log(
        `  ${route.key.padEnd(10)} p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms, ` +
          `${result.rps.toFixed(1)} req/s, statuses ${JSON.stringify(result.statuses)}${result.errors ? `, ${result.errors} errors` : ""}`,
      );
      results.push(result);
    }
    return results;
  } finally {
    await server.stop();
  }
}

// ───────────────────────────── bulletin ─────────────────────────────

async function timeBulletin(databaseUrl: string): Promise<ScaleResult["bulletin"]> {
  // getDb() keeps its client on globalThis: give it this database's client for the in-process runs.
  const prisma = createPrismaClient(databaseUrl, { poolSize: 10 });
  (globalThis as { dptPrisma?: unknown }).dptPrisma = prisma;
  const { assembleBulletin } = await import("../lib/server/bulletins");
  const { renderBulletinFile } = await import("../lib/reports/bulletin-files");
  const period = previousPeriod(periodContaining(new Date()));
  const meta = {
    ...bulletinTitle(period),
    issuer: BULLETIN_ISSUER,
    version: 1,
    issuedOn: shanghaiDate(new Date()),
    draft: true,
  };
  const once = async () => {
    const started = performance.now();
    const snapshot = await assembleBulletin(period);
    for (const format of BULLETIN_FILE_FORMATS) await renderBulletinFile(format, snapshot, meta);
    return performance.now() - started;
  };
  const coldMs = await once();
  const times: number[] = [];
  for (let i = 0; i < BULLETIN_RUNS; i++) times.push(await once());
  await prisma.$disconnect();
  (globalThis as { dptPrisma?: unknown }).dptPrisma = undefined;
  return {
    period: period.code,
    coldMs,
    runs: times.length,
    meanMs: times.reduce((a, b) => a + b, 0) / times.length,
    p95Ms: percentile(times, 95),
  };
}

// ───────────────────────────── 任务分工表 import ─────────────────────────────

/**
 * In process, like the bulletin: a 分工表 CSV (UTF-8 with BOM, as the template) of the document with the
 * most tasks — up to 2,000 rows, each giving its task a lead, a responsible and a cooperating unit other
 * than its own — previewed (cold, then mean of three) and committed once by an administrator, through the
 * same functions the route calls (reader, validation, applyAssignments, audit).
 */
async function timeAssignmentImport(databaseUrl: string): Promise<AssignmentImportTiming> {
  const prisma = createPrismaClient(databaseUrl, { poolSize: 10 });
  (globalThis as { dptPrisma?: unknown }).dptPrisma = prisma;
  try {
    const { previewAssignmentImport, commitAssignmentImport } = await import("../lib/server/assignment-import");
    const [largest] = await prisma.task.groupBy({
      by: ["documentId"],
      where: { retiredAt: null },
      _count: { _all: true },
      orderBy: { _count: { id: "desc" } },
      take: 1,
    });
    const document = await prisma.document.findUniqueOrThrow({
      where: { id: largest!.documentId },
      select: { slug: true },
    });
    const tasks = await prisma.task.findMany({
      where: { documentId: largest!.documentId, retiredAt: null },
      orderBy: { ordinal: "asc" },
      take: ASSIGNMENT_TARGETS.rows,
      select: { number: true },
    });
    const units = await prisma.department.findMany({
      where: { generic: false },
      orderBy: { id: "desc" },
      take: 61,
      select: { name: true },
    });
    const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
    const lines = ["编号,标题,牵头单位,责任单位,配合单位,完成时限,备注"];
    tasks.forEach((task, i) => {
      const [lead, responsible, cooperating] = [0, 1, 2].map((k) => units[(i + k * 20) % units.length]!.name);
      lines.push([task.number, "", lead, responsible, cooperating, "", ""].map((c) => quote(c!)).join(","));
    });
    const file = { name: "bench.csv", bytes: new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`) };
    const admin = await prisma.user.create({
      data: { username: `bench-assign-${randomBytes(4).toString("hex")}`, displayName: "bench", role: "ADMIN" },
      select: { id: true, username: true, displayName: true },
    });
    const actor = {
      ...admin,
      role: "ADMIN" as const,
      departmentId: null,
      departmentName: null,
      locale: "zh-CN",
      via: "session" as const,
    };
    const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
      const started = performance.now();
      const value = await run();
      return [value, performance.now() - started];
    };
    const [preview, previewColdMs] = await timed(() => previewAssignmentImport(actor, document.slug, file));
    if (!preview.canCommit) {
      throw new Error(`the bench 分工表 does not pass its own preview: ${JSON.stringify(preview.errors.slice(0, 3))}`);
    }
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) runs.push((await timed(() => previewAssignmentImport(actor, document.slug, file)))[1]);
    const [result, commitMs] = await timed(() =>
      commitAssignmentImport(actor, document.slug, file, {
        sha256: preview.sha256,
        version: preview.version,
        note: "benchmark: 任务分工表",
      }),
    );
    return {
      document: document.slug,
      documentTasks: largest!._count._all,
      rows: tasks.length,
      changed: result.changed,
      previewColdMs,
      previewMeanMs: runs.reduce((a, b) => a + b, 0) / runs.length,
      previewRuns: runs.length,
      commitMs,
    };
  } finally {
    await prisma.$disconnect();
    (globalThis as { dptPrisma?: unknown }).dptPrisma = undefined;
  }
}

// ───────────────────────────── report ─────────────────────────────

async function tableCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM task) AS task, (SELECT count(*)::int FROM department) AS department,
              (SELECT count(*)::int FROM task_update) AS task_update, (SELECT count(*)::int FROM indicator) AS indicator,
              (SELECT count(*)::int FROM observation) AS observation`,
    );
    return rows[0]!;
  } finally {
    await client.end();
  }
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 1 : 0)}` : "–");

function renderMarkdown(results: ScaleResult[], extraction: ExtractionTiming, pgVersion: string): string {
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  const command = argv.length ? `npm run bench -- ${argv.join(" ")}` : "npm run bench";
  const lines = [
    "## Benchmark of record (`npm run bench`)",
    "",
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC by \`${command}\` on ${os.cpus().length} × ${cpu}, ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, PostgreSQL ${pgVersion} ` +
      `(scratch server, fsync on). Production build (\`next start\`), ${CONNECTIONS} concurrent connections, ` +
      `${DURATION} s per route after a warm-up; autocannon 9 in the same machine's bench process. Latencies in ms.`,
    "",
  ];
  const seed = results[0];
  for (const r of results) {
    const counts = Object.entries(r.counts)
      .map(([k, v]) => `${v.toLocaleString("en-US")} ${k}`)
      .join(", ");
    lines.push(`### ${r.name} (${counts})`, "");
    lines.push("| route | request | p50 | p95 | p99 | req/s | non-2xx | target p95 | verdict |");
    lines.push("|---|---|---:|---:|---:|---:|---:|---|---|");
    for (const route of r.routes) {
      const seedP95 = seed?.routes.find((s) => s.key === route.key)?.p95;
      const targets: string[] = [];
      const verdicts: string[] = [];
      if (r !== seed && TARGETS[route.key] !== undefined) {
        targets.push(`≤ ${TARGETS[route.key]}`);
        verdicts.push(route.p95 <= TARGETS[route.key]! ? "met" : `missed by ${ms(route.p95 - TARGETS[route.key]!)} ms`);
      }
      if (r !== seed && seedP95 !== undefined && route.key !== "reference") {
        targets.push(`≤ 2 × seed (${ms(2 * seedP95)})`);
        verdicts.push(route.p95 <= 2 * seedP95 ? "met" : `${(route.p95 / seedP95).toFixed(1)} × seed`);
      }
      lines.push(
        `| ${route.label} | \`${route.key === "submission" ? `POST ${route.path}` : route.path}\` | ${ms(route.p50)} | ${ms(route.p95)} | ${ms(route.p99)} | ` +
          `${route.rps.toFixed(1)} | ${route.non2xx + route.errors} | ${targets.join("; ") || "–"} | ${verdicts.join("; ") || "–"} |`,
      );
    }
    lines.push(
      "",
      `Bulletin generation for ${r.bulletin.period} (assembly + ${BULLETIN_FILE_FORMATS.join(", ")}): cold ${ms(r.bulletin.coldMs)} ms, ` +
        `then mean ${ms(r.bulletin.meanMs)} ms, p95 ${ms(r.bulletin.p95Ms)} ms over ${r.bulletin.runs} runs.` +
        (r === seed
          ? ""
          : ` Target (issue 18): all files ≤ ${ms(BULLETIN_TARGET_MS)} ms, ` +
            `${Math.max(r.bulletin.coldMs, r.bulletin.p95Ms) <= BULLETIN_TARGET_MS ? "met" : "missed"} (cold and p95).`),
      "",
      assignmentLine(r.assignmentImport, r !== seed),
      "",
    );
  }
  lines.push(
    `Extraction of the seed documents (${extraction.files} files): cold ${ms(extraction.coldMs)} ms, then mean ` +
      `${ms(extraction.meanMs)} ms, p95 ${ms(extraction.p95Ms)} ms over ${extraction.runs} runs.`,
    "",
  );
  return lines.join("\n");
}

function assignmentLine(a: AssignmentImportTiming, judged: boolean): string {
  const verdict = (value: number, target: number) => (value <= target ? "met" : `missed by ${ms(value - target)} ms`);
  const short =
    a.rows < ASSIGNMENT_TARGETS.rows
      ? ` (the largest document has ${a.documentTasks.toLocaleString("en-US")} tasks: every one is a row)`
      : "";
  const targets = judged
    ? ` Targets: preview ≤ ${ASSIGNMENT_TARGETS.previewMs} ms (${verdict(a.previewMeanMs, ASSIGNMENT_TARGETS.previewMs)}), ` +
      `commit ≤ ${ASSIGNMENT_TARGETS.commitMs} ms (${verdict(a.commitMs, ASSIGNMENT_TARGETS.commitMs)}).`
    : "";
  return (
    `任务分工表 import of ${a.rows.toLocaleString("en-US")} rows${short} into ${a.document}: preview cold ` +
    `${ms(a.previewColdMs)} ms, then mean ${ms(a.previewMeanMs)} ms over ${a.previewRuns} runs; commit of ` +
    `${a.changed.toLocaleString("en-US")} changed tasks (one transaction) ${ms(a.commitMs)} ms.${targets}`
  );
}

const SECTION_START = "<!-- bench:start -->";
const SECTION_END = "<!-- bench:end -->";

function writeBenchmarks(markdown: string): void {
  const file = "BENCHMARKS.md";
  const current = readFileSync(file, "utf8");
  const block = `${SECTION_START}\n${markdown}\n${SECTION_END}`;
  const start = current.indexOf(SECTION_START);
  const end = current.indexOf(SECTION_END);
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, start)}${block}${current.slice(end + SECTION_END.length)}`
      : current.replace(/\n(## )/, `\n${block}\n\n$1`);
  writeFileSync(file, next);
}

// ───────────────────────────── main ─────────────────────────────

async function main(): Promise<void> {
  buildIfNeeded(log);
  const server = await startScratchPostgres({ durable: true });
  log(`scratch PostgreSQL (fsync on) on port ${server.port}`);
  try {
    const admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    const pgVersion = (await admin.query<{ server_version: string }>(`SHOW server_version`)).rows[0]!.server_version;
    await admin.query(`CREATE DATABASE bench_seed`);
    if (WITH_SCALE) await admin.query(`CREATE DATABASE bench_scale`);
    await admin.end();

    const results: ScaleResult[] = [];
    const seedUrl = server.url("bench_seed");
    log("seed database: documents, demo accounts, sample reports…");
    await applyMigrations(seedUrl);
    const prisma = createPrismaClient(seedUrl, { poolSize: 2 });
    try {
      await seedDatabase(prisma, (line) => log(`  ${line}`), { demo: true });
      await generateSampleData(prisma, { log: (line) => log(`  ${line}`) });
    } finally {
      await prisma.$disconnect();
    }
    const databases: { name: string; url: string }[] = [
      { name: "Seed (the shipped documents and sample reports)", url: seedUrl },
    ];
    if (WITH_SCALE) {
      const scaleUrl = server.url("bench_scale");
      log(`scale database: ${JSON.stringify(SCALE)}…`);
      await buildScaleDatabase(scaleUrl, SCALE, BENCH_PASSWORD, (line) => log(`  ${line}`));
      databases.push({
        name: `Scale data set${JSON.stringify(SCALE) === JSON.stringify(DEFAULT_SCALE) ? "" : " (custom size)"}`,
        url: scaleUrl,
      });
    }
    for (const database of databases) {
      log(`${database.name}: loading the production server…`);
      const routes = await measureRoutes(database.url);
      log(`${database.name}: bulletin generation…`);
      const bulletin = await timeBulletin(database.url);
      log(
        `  bulletin ${bulletin.period}: cold ${ms(bulletin.coldMs)} ms, mean ${ms(bulletin.meanMs)} ms, p95 ${ms(bulletin.p95Ms)} ms`,
      );
      log(`${database.name}: 任务分工表 import…`);
      const assignmentImport = await timeAssignmentImport(database.url);
      log(`  ${assignmentLine(assignmentImport, false)}`);
      results.push({
        name: database.name,
        counts: await tableCounts(database.url),
        routes,
        bulletin,
        assignmentImport,
      });
    }
    log("extraction of the seed documents…");
    const extraction = timeExtraction(20);
    const markdown = renderMarkdown(results, extraction, pgVersion);
    process.stdout.write(`${markdown}\n`);
    if (WRITE) {
      writeBenchmarks(markdown);
      log("BENCHMARKS.md updated");
    }
    log(`today ${shanghaiDate(new Date())}`);
  } finally {
    server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
