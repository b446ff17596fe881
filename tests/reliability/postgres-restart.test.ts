/**
 * PostgreSQL stopped and started again while requests flow: meanwhile the API and /api/health answer
 * 503 (never 500, never a hang), and once PostgreSQL is back the same server process answers 2xx again
 * by itself, within a bounded time.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { findHalfWrittenRows } from "./support/invariants";
import { issueToken, leadTasks, signInCookie, startStack, waitFor, type Stack } from "./support/stack";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

interface Sample {
  endpoint: string;
  startedAt: number;
  endedAt: number;
  status: number | "no answer";
  /** Pages only: the answer names no database detail (host, port, driver message, error code). */
  discreet?: boolean;
  /** Pages only: Next's error document, which the browser turns into app/error.tsx's retry page. */
  errorDocument?: boolean;
}

/** No request may take longer than this: a hang is a failure, not a slow answer. */
const REQUEST_BOUND_MS = 15_000;
const RECOVERY_BOUND_MS = 30_000;

test("503 while PostgreSQL is down, 2xx again by itself after it is back", async () => {
  const [task] = await leadTasks(stack, 1);
  const editorToken = await issueToken(stack, task!.editor);
  const viewerToken = await issueToken(stack, "viewer");
  const cookie = await signInCookie(stack, "viewer");

  let version = 0;
  const endpoints: Record<string, () => Promise<Response>> = {
    health: () => fetch(`${stack.baseUrl}/api/health`, { signal: AbortSignal.timeout(REQUEST_BOUND_MS) }),
    "api task list": () =>
      fetch(`${stack.baseUrl}/api/v1/tasks?pageSize=20`, {
        headers: { authorization: `Bearer ${viewerToken}` },
        signal: AbortSignal.timeout(REQUEST_BOUND_MS),
      }),
    "api task": () =>
      fetch(`${stack.baseUrl}/api/v1/tasks/${task!.taskId}`, {
        headers: { authorization: `Bearer ${viewerToken}` },
        signal: AbortSignal.timeout(REQUEST_BOUND_MS),
      }),
    "api save report": async () => {
      const response = await fetch(`${stack.baseUrl}/api/v1/tasks/${task!.taskId}/updates`, {
        method: "POST",
        headers: { authorization: `Bearer ${editorToken}`, "content-type": "application/json" },
        body: JSON.stringify({
          intent: "draft",
          expectedVersion: version,
          status: "ON_TRACK",
          progress: 40,
          progressText: `数据库重启期间的填报 v${version + 1}`,
        }),
        signal: AbortSignal.timeout(REQUEST_BOUND_MS),
      });
      const body = (await response.clone().json()) as { version?: number; error?: { current?: { version: number } } };
      // A commit whose answer was lost with the connection shows up as a 409 naming the newer version.
      version = body.version ?? body.error?.current?.version ?? version;
      return response;
    },
    "overview page": () =>
      fetch(`${stack.baseUrl}/`, {
        headers: { cookie },
        redirect: "manual",
        signal: AbortSignal.timeout(REQUEST_BOUND_MS),
      }),
  };

  let running = true;
  const samples: Sample[] = [];
  const loop = async (endpoint: string, call: () => Promise<Response>) => {
    while (running) {
      const startedAt = Date.now();
      let status: Sample["status"];
      let discreet: boolean | undefined;
      let errorDocument: boolean | undefined;
      try {
        const response = await call();
        const body = await response.text();
        status = response.status;
        if (endpoint === "overview page") {
          discreet = !/Can't reach|ECONNREFUSED|P1001|57P0|terminat|127\.0\.0\.1:\d/.test(body);
          errorDocument = body.includes('id="__next_error__"');
        }
      } catch {
        status = "no answer";
      }
      samples.push({ endpoint, startedAt, endedAt: Date.now(), status, discreet, errorDocument });
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const names = Object.keys(endpoints);
  const loops = Object.entries(endpoints).map(([name, call]) => loop(name, call));
  const ok = (s: Sample) => s.status === 200 || s.status === 201;

  await waitFor(
    "every endpoint answered 2xx before the stop",
    () => Promise.resolve(names.every((e) => samples.some((s) => s.endpoint === e && ok(s)))),
    { timeoutMs: 30_000 },
  );

  // pg_ctl stop -m fast: open sessions are terminated (57P01), new connections refused until the start.
  stack.stopPostgres();
  const downFrom = Date.now();
  // Fully inside the outage: asked after the stop completed, answered before the start began.
  const inOutage = (s: Sample) => s.startedAt >= downFrom && s.endedAt <= downUntil;
  let downUntil = Number.POSITIVE_INFINITY;
  await waitFor(
    "every endpoint asked three times while PostgreSQL is down",
    () => Promise.resolve(names.every((e) => samples.filter((s) => s.endpoint === e && inOutage(s)).length >= 3)),
    { timeoutMs: 60_000 },
  );
  downUntil = Date.now();
  stack.startPostgres();
  const upFrom = Date.now();

  // Recovery by itself: the same server process, nothing restarted, 2xx again on every endpoint.
  const recoveredIn = await waitFor(
    "every endpoint answers 2xx again after PostgreSQL is back",
    () =>
      Promise.resolve(
        names.every((e) => {
          const last = samples.findLast((s) => s.endpoint === e && s.startedAt >= upFrom);
          return last !== undefined && (ok(last) || (e === "api save report" && last.status === 409));
        }),
      ),
    { timeoutMs: RECOVERY_BOUND_MS },
  );
  running = false;
  await Promise.all(loops);
  const outage = samples.filter(inOutage);
  const api = samples.filter((s) => s.endpoint !== "overview page");

  // During the outage the API and the health check answer 503, nothing else.
  expect(outage.filter((s) => s.endpoint !== "overview page" && s.status !== 503)).toEqual([]);
  // At no moment — before, at the stop, during, at the start, after — a 500 or no answer from the API;
  // a write whose commit raced the stop may come back as 409 (its answer was lost, the version moved).
  expect(api.filter((s) => s.status === "no answer" || (s.status >= 500 && s.status !== 503))).toEqual([]);
  expect(samples.filter((s) => s.endedAt - s.startedAt > REQUEST_BOUND_MS)).toEqual([]);
  expect(recoveredIn).toBeLessThan(RECOVERY_BOUND_MS);

  // Every failure was one toAppError recognised: nothing fell through to the "unexpected failure" path.
  expect(stack.serverLog()).not.toContain("unexpected failure");

  // Pages: a server component cannot choose its status in Next 16 (there is no 503 interrupt, only
  // notFound/forbidden/unauthorized), so a page asked during the outage is Next's error document with
  // status 500, which the browser renders as app/error.tsx ("数据暂时无法加载，请稍后重试" + retry). We
  // guarantee: no database detail in it, an answer within the bound, and 200 again once PostgreSQL is back.
  const pages = samples.filter((s) => s.endpoint === "overview page");
  const pagesInOutage = pages.filter(inOutage);
  expect(pagesInOutage.length).toBeGreaterThan(0);
  expect(pagesInOutage.filter((s) => !((s.status === 500 || s.status === 503) && s.errorDocument))).toEqual([]);
  expect(pages.filter((s) => !s.discreet)).toEqual([]);
  expect(pages.findLast((s) => s.startedAt >= upFrom)?.status).toBe(200);
  expect(await findHalfWrittenRows(stack)).toEqual({});
}, 120_000);
