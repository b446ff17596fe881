/**
 * 1,000 malformed payloads to every mutating entry point of the production server — every
 * POST/PUT/PATCH/DELETE route handler under app/api (found on the file system, so a new route is included
 * by itself) and every server action (found in the build's server-reference manifest, checked against
 * lib/actions and app/**\/actions.ts) — answer 4xx, never 5xx, and write nothing: every table's md5 and
 * the upload directory are the same afterwards.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  malformedActionBody,
  malformedJson,
  malformedMultipart,
  seeded,
  type Payload,
  type Random,
} from "./support/payloads";
import { issueToken, leadTasks, pool, signInCookie, startStack, type Stack } from "./support/stack";

const PER_ROUTE = Number(process.env.RELIABILITY_FUZZ_COUNT ?? 1000);
// Every server action gets the full 1,000 as well (the issue's count); RELIABILITY_FUZZ_ACTION_COUNT
// lowers it for a quick local run.
const PER_ACTION = Number(process.env.RELIABILITY_FUZZ_ACTION_COUNT ?? 1000);
const IN_FLIGHT = 8;

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

// ───────────────────────────── the entry points ─────────────────────────────

const MUTATING = ["POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return entry === "route.ts" ? [full] : [];
  });
}

/** The mutating methods a route module exports, in either export style. */
function mutatingMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|async\s+function|function)\s+(POST|PUT|PATCH|DELETE)\b/g))
    found.add(m[1]!);
  for (const block of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const m of block[1]!.matchAll(/(?:\bas\s+|^|,)\s*(POST|PUT|PATCH|DELETE)\b/g)) found.add(m[1]!);
  }
  return MUTATING.filter((m) => found.has(m));
}

function actionFiles(): string[] {
  const files = readdirSync("lib/actions").map((f) => path.join("lib/actions", f));
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const full = path.join(dir, entry);
      return statSync(full).isDirectory() ? walk(full) : entry === "actions.ts" ? [full] : [];
    });
  return [...files, ...walk("app")].filter((f) => f.endsWith(".ts"));
}

interface ManifestEntry {
  workers: Record<string, unknown>;
  filename?: string;
  exportedName?: string;
}

function readActionManifest(): Record<string, ManifestEntry> {
  const file = path.join(".next", "server", "server-reference-manifest.json");
  if (!existsSync(file)) throw new Error("no production build: run through `npm test -- reliability`");
  return (JSON.parse(readFileSync(file, "utf8")) as { node: Record<string, ManifestEntry> }).node;
}

/** "app/(app)/tasks/[id]/page" → "/tasks/1": a page the action is registered for. */
function pageUrl(worker: string, values: Record<string, string>): string {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/\/page$/, "")
    .split("/")
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => (s.startsWith("[") ? (values[s.replace(/[[\].]/g, "")] ?? "1") : s));
  return `/${segments.join("/")}`.replace(/\/page$|^\/$/, "") || "/";
}

// ───────────────────────────── nothing written ─────────────────────────────

async function fingerprint(): Promise<Record<string, string>> {
  const tables = await stack.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    // A token's lastUsedAt is the one column a refused request may touch (authentication happens first).
    const columns =
      name === "api_token" ? `(t.id, t."userId", t.name, t."tokenHash", t."revokedAt", t."expiresAt")` : "t";
    const [row] = await stack.query<{ md5: string | null; n: number }>(
      `SELECT md5(string_agg(${columns}::text, '|' ORDER BY ${columns}::text)) AS md5, count(*)::int AS n FROM "${name}" t`,
    );
    result[name] = `${row!.n}:${row!.md5 ?? "-"}`;
  }
  const uploads = path.join(stack.postgres.dir, "uploads");
  result["(upload directory)"] = existsSync(uploads) ? readdirSync(uploads, { recursive: true }).sort().join(",") : "";
  return result;
}

// ───────────────────────────── the run ─────────────────────────────

interface Answer {
  target: string;
  kind: string;
  index: number;
  status: number | string;
  body: string;
}

async function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  payload: Payload,
): Promise<{ status: number | string; body: string }> {
  try {
    const response = await fetch(`${stack.baseUrl}${url}`, {
      method,
      redirect: "manual",
      headers: { ...headers, ...(payload.contentType ? { "content-type": payload.contentType } : {}) },
      body: payload.body,
      signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status, body: (await response.text()).slice(0, 400) };
  } catch (error) {
    return { status: `no answer (${(error as Error).message})`, body: "" };
  }
}

describe("malformed payloads", () => {
  test(`${PER_ROUTE} to every mutating route, ${PER_ACTION} to every server action: only 4xx, nothing written`, async () => {
    const [task] = await leadTasks(stack, 1);
    const documentSlug = (await stack.query<{ slug: string }>(`SELECT slug FROM document ORDER BY id LIMIT 1`))[0]!
      .slug;
    const period = (
      await stack.query<{ id: number; code: string }>(
        `SELECT id, year || '-P' || index AS code FROM reporting_period ORDER BY "startDate" DESC LIMIT 1`,
      )
    )[0]!;
    const tokens = {
      editor: await issueToken(stack, task!.editor),
      reviewer: await issueToken(stack, "reviewer"),
      admin: await issueToken(stack, "admin"),
    };
    const cookies = {
      admin: await signInCookie(stack, "admin"),
      editor: await signInCookie(stack, task!.editor),
      viewer: await signInCookie(stack, "viewer"),
    };

    // Whoever may call the route, so the body is what gets refused — and now and then someone else.
    const credentials = (random: Random): Record<string, string> =>
      [
        () => ({ authorization: `Bearer ${tokens.editor}` }),
        () => ({ authorization: `Bearer ${tokens.reviewer}` }),
        () => ({ authorization: `Bearer ${tokens.admin}` }),
        () => ({ cookie: cookies.editor, origin: stack.baseUrl }),
        () => ({ cookie: cookies.admin, origin: stack.baseUrl }),
        () => ({ cookie: cookies.admin }),
        () => ({ authorization: "Bearer dpt_forged_token_that_is_long_enough" }),
        () => ({}),
      ][Math.floor(random() * 8)]!();

    // Values for dynamic segments; a new segment name fails here until it gets one.
    const segmentValues: Record<string, string> = {
      id: String(task!.taskId),
      slug: documentSlug,
      nextauth: "callback/credentials",
      path: "no/such/endpoint",
      period: period.code,
    };
    const routes = routeFiles(path.join("app", "api")).flatMap((file) => {
      const url = `/${path.dirname(file).replace(/^app\//, "")}`.replace(
        /\[(?:\.\.\.)?([^\]]+)\]/g,
        (_, name: string) => {
          const value = segmentValues[name];
          if (!value) throw new Error(`${file}: no test value for the segment [${name}]`);
          return value;
        },
      );
      return mutatingMethods(readFileSync(file, "utf8")).map((method) => ({ file, method, url }));
    });
    const templates: Record<string, { template: Record<string, unknown>; required: string[] }> = {
      "/api/v1/tasks/[id]/updates": {
        template: { intent: "draft", expectedVersion: 0, status: "ON_TRACK", progress: 50, progressText: "进展" },
        required: ["intent", "expectedVersion", "status", "progress", "progressText"],
      },
      "/api/v1/tasks/[id]/reviews": {
        template: { periodId: period.id, departmentId: task!.departmentId, expectedVersion: 1, decision: "approve" },
        required: ["periodId", "departmentId", "expectedVersion", "decision"],
      },
    };
    const uploadRoutes = new Set(["/api/tasks/[id]/evidence", "/api/indicators/observations/import"]);
    // The route files this suite must have found (it finds new ones by itself).
    expect(routes.map((r) => `${r.method} ${r.file}`)).toEqual(
      expect.arrayContaining([
        "POST app/api/v1/tasks/[id]/updates/route.ts",
        "POST app/api/v1/tasks/[id]/reviews/route.ts",
        "POST app/api/tasks/[id]/evidence/route.ts",
        "POST app/api/indicators/observations/import/route.ts",
        "POST app/api/auth/[...nextauth]/route.ts",
      ]),
    );

    const manifest = readActionManifest();
    const actions = Object.entries(manifest).map(([id, entry]) => ({
      id,
      name: `${entry.filename}#${entry.exportedName}`,
      url: pageUrl(Object.keys(entry.workers)[0]!, segmentValues),
    }));
    // Every action file's exports are in the build, hence in this run.
    for (const file of actionFiles()) {
      const exported = [
        ...readFileSync(file, "utf8").matchAll(/export\s+(?:const|async\s+function|function)\s+(\w+)/g),
      ].map((m) => `${file}#${m[1]}`);
      expect(actions.map((a) => a.name)).toEqual(expect.arrayContaining(exported));
    }

    const before = await fingerprint();
    const answers: Answer[] = [];
    const jobs: (() => Promise<void>)[] = [];

    for (const route of routes) {
      const routeKey = path.dirname(route.file).replace(/^app/, "");
      const random = seeded(0x5eed + jobs.length);
      for (let index = 0; index < PER_ROUTE; index++) {
        const payload = uploadRoutes.has(routeKey)
          ? malformedMultipart(random)
          : malformedJson(
              random,
              templates[routeKey]?.template ?? { name: "fuzz", value: 1 },
              templates[routeKey]?.required ?? ["name", "value"],
            );
        const headers = credentials(random);
        jobs.push(async () => {
          const { status, body } = await send(route.url, route.method, headers, payload);
          answers.push({ target: `${route.method} ${routeKey}`, kind: payload.kind, index, status, body });
        });
      }
    }
    for (const action of actions) {
      const random = seeded(0xac7 + jobs.length);
      for (let index = 0; index < PER_ACTION; index++) {
        const payload = malformedActionBody(random);
        // Mostly signed in as the admin (every action's role check passes, so the input is what is
        // refused); sometimes as a viewer, signed out, or from another origin.
        const who = random();
        const headers: Record<string, string> = {
          "next-action": action.id,
          accept: "text/x-component",
          ...(who < 0.8 ? { cookie: cookies.admin } : who < 0.9 ? { cookie: cookies.viewer } : {}),
          origin: random() < 0.95 ? stack.baseUrl : "https://elsewhere.example",
        };
        jobs.push(async () => {
          const { status, body } = await send(action.url, "POST", headers, payload);
          answers.push({ target: `action ${action.name}`, kind: payload.kind, index, status, body });
        });
      }
    }

    const started = Date.now();
    await pool(jobs, IN_FLIGHT, (job) => job());
    const seconds = (Date.now() - started) / 1000;
    const statuses = new Map<string, number>();
    for (const a of answers) {
      const key = `${a.target.startsWith("action ") ? "actions" : a.target} ${a.status}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
    console.log(
      `[malformed] ${answers.length} requests in ${seconds.toFixed(1)} s (${routes.length} routes, ${actions.length} actions)\n` +
        [...statuses].map(([k, n]) => `  ${k}: ${n}`).join("\n"),
    );

    // Route handlers: 4xx only. next-auth's own endpoints refuse by redirecting to its error page (3xx).
    const routeAnswers = answers.filter((a) => !a.target.startsWith("action "));
    const badRoutes = routeAnswers.filter(
      (a) =>
        !(typeof a.status === "number" && a.status >= 400 && a.status < 500) &&
        !(a.target.includes("[...nextauth]") && typeof a.status === "number" && a.status >= 300 && a.status < 400),
    );
    expect(badRoutes.slice(0, 10)).toEqual([]);

    // Server actions: 4xx (what proxy.ts or Next refuses before decoding), or the action's own refusal —
    // an RSC answer (200) whose result is { ok: false } — never a 5xx and never a success.
    const actionAnswers = answers.filter((a) => a.target.startsWith("action "));
    const badActions = actionAnswers.filter(
      (a) =>
        !(typeof a.status === "number" && a.status >= 400 && a.status < 500) &&
        !(a.status === 200 && !a.body.includes('"ok":true')),
    );
    expect(badActions.slice(0, 10)).toEqual([]);

    expect(await fingerprint()).toEqual(before);
    expect(stack.serverLog()).not.toContain("unexpected failure");
    // And the server still works for a real request.
    const health = await fetch(`${stack.baseUrl}/api/health`);
    expect(health.status).toBe(200);
  }, 600_000);
});
