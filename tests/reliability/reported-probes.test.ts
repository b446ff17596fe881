/**
 * The outside probe of 2026-12, finding 5, replayed against the production server (`next start`): each
 * reported request, and its obvious variants, answers 4xx — never 500 — and writes nothing. The same
 * shapes are generated for every route and action by malformed.test.ts; this file is the quick check.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { issueToken, leadTasks, signInCookie, startStack, type Stack } from "./support/stack";

let stack: Stack;
let token: string;
let cookie: string;
let taskId: number;

beforeAll(async () => {
  stack = await startStack();
  const [task] = await leadTasks(stack, 1);
  taskId = task!.taskId;
  token = await issueToken(stack, task!.editor);
  cookie = await signInCookie(stack, task!.editor);
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

const send = (url: string, init: RequestInit = {}) =>
  fetch(`${stack.baseUrl}${url}`, { redirect: "manual", ...init, signal: AbortSignal.timeout(30_000) });

/** Through node:http: fetch refuses to send TRACE at all. */
function rawRequest(
  method: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; allow: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${stack.baseUrl}${url}`, { method, headers, timeout: 30_000 }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, allow: response.headers.allow, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

const counts = async () =>
  (
    await stack.query<{ updates: number; audit: number }>(
      `SELECT (SELECT count(*) FROM task_update)::int AS updates, (SELECT count(*) FROM audit_log)::int AS audit`,
    )
  )[0]!;

describe("reported probes", () => {
  test("a NUL in q or area: 422 on the API, 400 on pages and the export (proxy.ts)", async () => {
    const auth = { authorization: `Bearer ${token}` };
    for (const url of [
      "/api/v1/tasks?q=%00",
      "/api/v1/tasks?q=a%00b",
      "/api/departments/search?q=%00",
      "/api/v1/indicators?area=%00",
    ]) {
      const response = await send(url, { headers: auth });
      expect(response.status, url).toBe(422);
      const body = (await response.json()) as { error: { code: string } };
      expect(body.error.code).toBe("VALIDATION");
    }
    for (const url of [
      "/tasks/export?q=%00",
      "/tasks/export?format=csv&area=%00",
      "/tasks?q=%00",
      "/?area=%00",
      "/indicators?area=a%00",
      "/documents/a%00b",
      "/admin/audit?q=%00",
    ]) {
      const response = await send(url, { headers: { cookie } });
      expect(response.status, url).toBe(400);
      // Worded in the visitor's language (no cookie, no Accept-Language: the default, zh-CN).
      expect(await response.text()).toMatch(/U\+0000/);
    }
  });

  test('"progressText": "a\\u0000b" and lone surrogates in a task update: 422, nothing written', async () => {
    const before = await counts();
    for (const progressText of ["a\u0000b", "\ud800", "x\udc00"]) {
      const response = await send(`/api/v1/tasks/${taskId}/updates`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ intent: "draft", expectedVersion: 0, status: "ON_TRACK", progress: 5, progressText }),
      });
      expect(response.status, JSON.stringify(progressText)).toBe(422);
    }
    expect(await counts()).toEqual(before);
  });

  test("the same through the server action: refused as { ok: false }, nothing written", async () => {
    const manifest = JSON.parse(
      readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8"),
    ) as { node: Record<string, { exportedName?: string }> };
    const actionId = Object.entries(manifest.node).find(([, e]) => e.exportedName === "saveTaskUpdateAction")![0];
    const before = await counts();
    for (const progressText of ["a\u0000b", "\ud800"]) {
      const response = await send(`/tasks/${taskId}`, {
        method: "POST",
        headers: {
          cookie,
          origin: stack.baseUrl,
          "next-action": actionId,
          accept: "text/x-component",
          "content-type": "text/plain;charset=UTF-8",
        },
        body: JSON.stringify([
          { taskId, intent: "draft", expectedVersion: 0, status: "ON_TRACK", progress: 5, progressText },
        ]),
      });
      const body = await response.text();
      expect(response.status).toBe(200);
      expect(body).toContain('"ok":false');
      expect(body).toContain("VALIDATION");
    }
    expect(await counts()).toEqual(before);
  });

  test("TRACE and other unknown methods: 405 with Allow on API routes and pages", async () => {
    for (const method of ["TRACE", "PROPFIND", "MKCOL", "LOCK"]) {
      for (const url of [
        "/api/v1/tasks",
        "/api/health",
        "/api/v1/tasks/1/updates",
        "/api/v1/no/such",
        "/tasks/export",
      ]) {
        const response = await rawRequest(method, url, { authorization: `Bearer ${token}` });
        expect(response.status, `${method} ${url}`).toBe(405);
        expect(response.allow, `${method} ${url}`).toMatch(/GET/);
      }
      for (const url of ["/", "/tasks", "/login", "/tasks/1"]) {
        const response = await rawRequest(method, url, { cookie });
        expect(response.status, `${method} ${url}`).toBe(405);
        expect(response.allow).toBe("GET, HEAD, OPTIONS, POST");
      }
    }
    // The route's own methods: the updates route reads and writes, health only reads.
    expect((await rawRequest("TRACE", "/api/v1/tasks/1/updates")).allow).toBe("GET, HEAD, OPTIONS, POST");
    expect((await rawRequest("TRACE", "/api/health")).allow).toBe("GET, HEAD, OPTIONS");
    // Methods a page has no use for; OPTIONS and HEAD behave.
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      expect((await rawRequest(method, "/tasks", { cookie })).status).toBe(405);
    }
    const options = await rawRequest("OPTIONS", "/tasks");
    expect(options.status).toBe(204);
    expect(options.allow).toBe("GET, HEAD, OPTIONS, POST");
    expect((await rawRequest("OPTIONS", "/api/v1/tasks")).status).toBe(204);
    expect((await rawRequest("HEAD", "/tasks", { cookie })).status).toBe(200);
    expect((await rawRequest("HEAD", "/api/health")).status).toBe(200);
  });

  test("a no-JS form-style server action from a foreign Origin: 403, like the JS one", async () => {
    const manifest = JSON.parse(
      readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8"),
    ) as { node: Record<string, { exportedName?: string }> };
    const actionId = Object.entries(manifest.node).find(([, e]) => e.exportedName === "setLocale")![0];
    const before = await counts();
    const multipart = new FormData();
    multipart.set(`$ACTION_ID_${actionId}`, "");
    multipart.set("locale", "en");
    const urlencoded = new URLSearchParams({ [`$ACTION_ID_${actionId}`]: "", locale: "en" });
    for (const [url, headers] of [
      ["/tasks", { cookie }],
      ["/login", {}],
    ] as const) {
      for (const body of [multipart, urlencoded]) {
        const response = await send(url, {
          method: "POST",
          headers: { ...headers, origin: "https://elsewhere.example" },
          body,
        });
        expect(response.status, `${url} ${body.constructor.name}`).toBe(403);
        expect(response.headers.get("set-cookie") ?? "").not.toContain("locale=");
      }
    }
    // From our own origin the same form still works.
    const own = await send("/login", { method: "POST", headers: { origin: stack.baseUrl }, body: multipart });
    expect(own.status).toBeLessThan(400);
    expect(await counts()).toEqual(before);
    expect(stack.serverLog()).not.toContain("unexpected failure");
    expect(stack.serverLog()).not.toMatch(/TypeError: 'TRACE'/);
  });
});
