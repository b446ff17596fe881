/**
 * Malformed input to every entry point of the production server. First, 1,000 malformed payloads to every
 * mutating entry point — every
 * POST/PUT/PATCH/DELETE route handler under app/api (found on the file system, so a new route is included
 * by itself) and every server action (found in the build's server-reference manifest, checked against
 * lib/actions and app/**\/actions.ts) — answer 4xx, never 5xx, and write nothing: every table's md5 and
 * the upload directory are the same afterwards. Besides (the outside probe of 2026-12): a NUL or a lone
 * surrogate in the query string and path of every GET route and every page (422 / 400), methods Next does
 * not route (TRACE, PROPFIND, …) on every route and page (405 with Allow), and server actions posted the
 * way a form does before JavaScript runs from a foreign origin (403). The payload generator also puts
 * NUL and lone surrogates into every string field of otherwise valid bodies and forms.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  formStyleAction,
  pick,
  malformedActionBody,
  malformedJson,
  malformedMultipart,
  seeded,
  type Payload,
  type Random,
  unsafeText,
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

function pageFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return pageFiles(full);
    return entry === "page.tsx" ? [full] : [];
  });
}

/** Methods Next's route handlers cannot export: refused with 405 and an Allow header everywhere. */
const UNROUTED_METHODS = [
  "TRACE",
  "PROPFIND",
  "PROPPATCH",
  "MKCOL",
  "COPY",
  "MOVE",
  "LOCK",
  "UNLOCK",
  "SEARCH",
  "PURGE",
];

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
    // Refusals are themselves audited as security events (lib/server/security-events.ts): those rows
    // are the one thing a refused request adds; every other row of the audit log stays as it was.
    const where = name === "audit_log" ? ` WHERE t.action NOT LIKE 'security.%' AND t.action NOT LIKE 'auth.%'` : "";
    const [row] = await stack.query<{ md5: string | null; n: number }>(
      `SELECT md5(string_agg(${columns}::text, '|' ORDER BY ${columns}::text)) AS md5, count(*)::int AS n FROM "${name}" t${where}`,
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

/** Through node:http, which sends any method (fetch refuses TRACE); the Allow header is returned too. */
function sendRaw(
  url: string,
  method: string,
  headers: Record<string, string>,
): Promise<{ status: number | string; body: string; allow: string }> {
  return new Promise((resolve) => {
    const request = http.request(`${stack.baseUrl}${url}`, { method, headers, timeout: 30_000 }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body = (body + chunk).slice(0, 400)));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, body, allow: response.headers.allow ?? "" }),
      );
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", (error) => resolve({ status: `no answer (${error.message})`, body: "", allow: "" }));
    request.end();
  });
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
      body: method === "GET" ? undefined : payload.body,
      signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status, body: (await response.text()).slice(0, 400) };
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    const detail = cause ? `: ${cause.code ?? ""} ${cause.message ?? ""}`.trimEnd() : "";
    return { status: `no answer (${(error as Error).message}${detail})`, body: "" };
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
      format: "pdf",
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

    // ── The outside probe of 2026-12: text and methods on every route and page, form-style actions. ──
    const toUrl = (dir: string) =>
      `/${dir.replace(/^app\/?/, "")}`
        .split("/")
        .filter((s) => !/^\(.*\)$/.test(s))
        .map((s) => s.replace(/^\[(?:\.\.\.)?([^\]]+)\]$/, (_, name: string) => segmentValues[name] ?? "1"))
        .join("/")
        .replace(/\/$/, "") || "/";
    const getRoutes = routeFiles("app")
      .filter((file) =>
        /export\s+(?:const|async\s+function|function)\s+GET\b|\bas\s+GET\b/.test(readFileSync(file, "utf8")),
      )
      // Routes in the wrapper (defineRoute) check every parameter; the few outside it (health, the evidence
      // download, next-auth) read no free text from the address and need only never fail.
      .map((file) => ({
        file,
        url: toUrl(path.dirname(file)),
        strict: readFileSync(file, "utf8").includes("defineRoute("),
      }));
    const pages = pageFiles("app").map((file) => ({ file, url: toUrl(path.dirname(file)), strict: true }));
    expect(getRoutes.map((r) => r.url)).toEqual(expect.arrayContaining(["/api/v1/tasks", "/tasks/export"]));
    expect(pages.map((p) => p.url)).toEqual(expect.arrayContaining(["/", "/tasks", "/login"]));
    const probeRandom = seeded(0x0b5e);
    const encode = (value: string) => {
      // A lone surrogate cannot be percent-encoded as UTF-8: it reaches a URL only as U+FFFD. NUL can.
      const safe = value.replace(/[\ud800-\udfff]/g, "\u0000");
      return encodeURIComponent(safe);
    };
    const unsafeQueries = () => [
      `q=${encode(unsafeText(probeRandom))}`,
      `area=${encode(unsafeText(probeRandom))}`,
      `page=${encode(unsafeText(probeRandom))}`,
      `sort=%00`,
      `${encode(unsafeText(probeRandom))}=1`,
      `format=csv&q=ok&q=${encode(unsafeText(probeRandom))}`,
    ];
    const textProbes: (Answer & { strict: boolean })[] = [];
    const methodProbes: (Answer & { allow: string })[] = [];
    for (const target of [
      ...getRoutes.map((r) => ({ ...r, kind: "route" })),
      ...pages.map((p) => ({ ...p, kind: "page" })),
    ]) {
      const headers: Record<string, string> =
        target.kind === "page" || !target.url.startsWith("/api/")
          ? { cookie: cookies.admin }
          : { authorization: `Bearer ${tokens.admin}` };
      for (const [index, query] of unsafeQueries().entries()) {
        jobs.push(async () => {
          const { status, body } = await send(`${target.url}?${query}`, "GET", headers, {
            kind: "",
            contentType: null,
            body: new Uint8Array(0),
          });
          textProbes.push({
            target: `GET ${target.url}`,
            kind: `NUL in the query (${query})`,
            index,
            status,
            body,
            strict: target.strict,
          });
        });
      }
      if (target.url !== "/") {
        // The last segment with a NUL in it: a dynamic one reaches a query, a static one 404s.
        const url = target.url.replace(/\/([^/]*)$/, (_, last: string) => `/${last}%00x`);
        jobs.push(async () => {
          const { status, body } = await send(url, "GET", headers, {
            kind: "",
            contentType: null,
            body: new Uint8Array(0),
          });
          textProbes.push({
            target: `GET ${url}`,
            kind: "NUL in the path",
            index: 0,
            status,
            body,
            strict: target.strict,
          });
        });
      }
    }
    const methodTargets = [
      ...new Map(
        [...routeFiles("app").map((file) => toUrl(path.dirname(file))), ...pages.map((p) => p.url)].map((url) => [
          url,
          url,
        ]),
      ).values(),
    ];
    for (const url of methodTargets) {
      for (const [index, method] of UNROUTED_METHODS.entries()) {
        const headers: Record<string, string> =
          index % 2 === 0 ? { cookie: cookies.admin } : { authorization: `Bearer ${tokens.admin}` };
        jobs.push(async () => {
          const { status, body, allow } = await sendRaw(url, method, headers);
          methodProbes.push({ target: `${method} ${url}`, kind: "unrouted method", index, status, body, allow });
        });
      }
    }
    const formActionProbes: Answer[] = [];
    for (const action of actions) {
      const random = seeded(0xf0 + formActionProbes.length + jobs.length);
      for (let index = 0; index < 20; index++) {
        const payload = formStyleAction(random, action.id);
        const headers: Record<string, string> = {
          origin: pick(random, ["https://elsewhere.example", "null", "http://127.0.0.1.evil.example"]),
          ...(random() < 0.8 ? { cookie: cookies.admin } : {}),
        };
        jobs.push(async () => {
          const { status, body } = await send(action.url, "POST", headers, payload);
          formActionProbes.push({ target: `form action ${action.name}`, kind: payload.kind, index, status, body });
        });
      }
    }

    // Building the payloads above keeps the event loop busy for seconds, long enough for the server to
    // close the keep-alive connections the set-up used; let their closing be seen before the first
    // request, or fetch would send it into a socket the server already closed ("other side closed").
    await new Promise((resolve) => setTimeout(resolve, 250));
    const started = Date.now();
    await pool(jobs, IN_FLIGHT, (job) => job());
    const seconds = (Date.now() - started) / 1000;
    const statuses = new Map<string, number>();
    for (const a of [...answers, ...textProbes, ...methodProbes, ...formActionProbes]) {
      const key = `${
        a.target.startsWith("action ")
          ? "actions"
          : a.target.startsWith("form action ")
            ? "form-style actions"
            : a.kind === "unrouted method"
              ? "unrouted methods"
              : a.kind.startsWith("NUL in")
                ? "NUL in GET addresses"
                : a.target
      } ${a.status}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
    console.log(
      `[malformed] ${answers.length + textProbes.length + methodProbes.length + formActionProbes.length} requests in ${seconds.toFixed(1)} s (${routes.length} routes, ${actions.length} actions)\n` +
        [...statuses].map(([k, n]) => `  ${k}: ${n}`).join("\n"),
    );

    const notFourXx = [...answers, ...textProbes, ...methodProbes, ...formActionProbes].filter(
      (a) => typeof a.status !== "number" || a.status >= 500,
    );
    if (notFourXx.length > 0) console.log("[malformed] not 4xx:", JSON.stringify(notFourXx.slice(0, 20), null, 1));

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

    // GET routes and pages: a NUL in the address is refused — 422 from the route wrapper (401 first when
    // the route wants credentials it did not get), 400 from proxy.ts for a page or a route it covers;
    // a NUL in a static path segment simply names no page (404).
    // (next-auth's credentials callback is a form post only: a GET of it is 405, never its own 500.)
    const badText = textProbes.filter((a) =>
      a.strict
        ? !(typeof a.status === "number" && [400, 401, 404, 405, 422].includes(a.status))
        : !(typeof a.status === "number" && a.status < 500),
    );
    expect(badText.slice(0, 10)).toEqual([]);
    // Methods Next does not route: 405 and an Allow header (the route's own methods), everywhere.
    const badMethods = methodProbes.filter((a) => a.status !== 405 || !/\bOPTIONS\b/.test(a.allow));
    expect(badMethods.slice(0, 10)).toEqual([]);
    // Form-style server actions from another origin: 403, exactly like the JS call.
    const badFormActions = formActionProbes.filter((a) => a.status !== 403);
    expect(badFormActions.slice(0, 10)).toEqual([]);

    expect(await fingerprint()).toEqual(before);
    expect(stack.serverLog()).not.toContain("unexpected failure");
    // And the server still works for a real request.
    const health = await fetch(`${stack.baseUrl}/api/health`);
    expect(health.status).toBe(200);
  }, 900_000);
});
