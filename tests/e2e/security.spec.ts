/**
 * Security controls against the real server: the headers on a page and an authenticated API answer, the
 * per-request CSP nonce and the absence of CSP violations on the main pages, the session cookie's flags,
 * the lockout message, cross-site refusal on every cookie-authenticated mutation (routes, server actions,
 * the sign-in form), the same-origin check on a cookie-authenticated upload (refused, nothing
 * written), and evidence served only as a nosniff attachment. The health endpoint's headers are in
 * shell.spec.ts. Each project uploads to its own task.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import bcrypt from "bcryptjs";
import { DEMO_PASSWORD, signIn } from "./support/auth";
import { queryE2E } from "./support/db";

const PDF = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

function expectSecurityHeaders(response: APIResponse, kind: "page" | "api"): void {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  if (kind === "page") {
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'(;|$)/);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).toContain("form-action 'self'");
  } else {
    // An API answer is data: nothing may load or run in it.
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("base-uri 'none'");
  }
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
}

/** The nonce of a page's policy, after checking that every script of its HTML carries exactly that one. */
async function pageNonce(response: APIResponse): Promise<string> {
  const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
  expect(nonce, "nonce in the Content-Security-Policy").toBeDefined();
  const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, "the page has Next.js scripts").toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, "every script is signed").toContain(`nonce="${nonce}"`);
  return nonce!;
}

interface Violation {
  page: string;
  directive: string;
  blocked: string;
}

/**
 * Collects CSP violations from every document the page loads: the `securitypolicyviolation` event
 * (reported through a binding, which survives navigations) and the browser's console message.
 */
async function watchViolations(page: Page): Promise<Violation[]> {
  const violations: Violation[] = [];
  await page.exposeFunction("reportCspViolation", (violation: Violation) => violations.push(violation));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportCspViolation: (v: Violation) => void }).reportCspViolation;
      report({ page: location.pathname, directive: event.effectiveDirective, blocked: event.blockedURI });
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error" && /Content[- ]Security[- ]Policy/i.test(message.text())) {
      violations.push({ page: page.url(), directive: "console", blocked: message.text() });
    }
  });
  return violations;
}

async function taskFor(project: string): Promise<number> {
  // Tasks of the 2022 work points that 省大数据局 leads (the update journey uses the 2023 ones).
  const rows = await queryE2E<{ id: number }>(
    `SELECT t.id FROM task t
       JOIN document d ON d.id = t."documentId" AND d.slug = 'work-points-2022'
       JOIN task_assignment a ON a."taskId" = t.id AND a.role = 'LEAD'
       JOIN department dep ON dep.id = a."departmentId" AND dep.name = '省大数据局'
     WHERE t."retiredAt" IS NULL
     ORDER BY t.ordinal`,
  );
  const row = rows[project === "phone" ? 1 : 0];
  if (!row) throw new Error("no task led by 省大数据局 in the 2022 work points");
  return row.id;
}

async function evidenceCount(taskId: number): Promise<number> {
  const rows = await queryE2E<{ n: number }>(`SELECT count(*)::int AS n FROM evidence WHERE "taskId" = $1`, [taskId]);
  return rows[0]?.n ?? 0;
}

test("pages and API answers carry the security headers", async ({ page }) => {
  expectSecurityHeaders(await page.request.get("/login"), "page");
  await signIn(page, "viewer");
  expectSecurityHeaders(await page.request.get("/tasks"), "page");
  const api = await page.request.get("/api/v1/departments");
  expect(api.status()).toBe(200);
  expectSecurityHeaders(api, "api");
});

test("every page answer carries a fresh nonce that signs all of its scripts", async ({ page }) => {
  const first = await pageNonce(await page.request.get("/login"));
  const second = await pageNonce(await page.request.get("/login"));
  expect(second).not.toBe(first);
  await signIn(page, "viewer");
  const third = await pageNonce(await page.request.get("/tasks"));
  expect([first, second]).not.toContain(third);
});

test("the main pages run without a single CSP violation", async ({ page }, testInfo) => {
  const violations = await watchViolations(page);
  const taskId = await taskFor(testInfo.project.name);
  const [indicator] = await queryE2E<{ id: number }>(`SELECT id FROM indicator ORDER BY id LIMIT 1`);
  if (!indicator) throw new Error("no indicator seeded");

  await page.goto("/login");
  await expect(page.getByRole("button", { name: "登录" })).toBeVisible();
  await signIn(page, "admin");
  for (const path of [
    "/",
    "/tasks",
    `/tasks/${taskId}`,
    "/indicators",
    `/indicators/${indicator.id}`,
    "/documents",
    "/reports",
    "/admin",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    expect(response?.headers()["content-security-policy"], path).toMatch(/'nonce-[^']+' 'strict-dynamic'/);
    // Charts and client components render after hydration: wait for the chunks they load.
    await page.waitForLoadState("networkidle");
    await expect(page.locator("main")).toBeVisible();
  }
  // A client-side navigation loads further chunks and styles without a new document (and nonce).
  await page.goto("/tasks");
  await page.getByRole("navigation", { name: "分页" }).getByRole("link", { name: "下一页" }).click();
  await expect(page).toHaveURL(/page=2/);
  await page.waitForLoadState("networkidle");

  expect(violations).toEqual([]);
});

test("the session cookie is HttpOnly and SameSite=Lax", async ({ page, context, baseURL }) => {
  await signIn(page, "viewer");
  const cookies = await context.cookies();
  // next-auth names it __Secure-… and sets Secure only when NEXTAUTH_URL is https; the test server is http.
  const expectSecure = (baseURL ?? "").startsWith("https://");
  const session = cookies.find(
    (c) => c.name === (expectSecure ? "__Secure-next-auth.session-token" : "next-auth.session-token"),
  );
  expect(session, "session cookie").toBeDefined();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");
  expect(session!.secure).toBe(expectSecure);
});

test("a cross-origin upload with a session cookie is refused and writes nothing; downloads are attachments", async ({
  page,
  baseURL,
}, testInfo) => {
  const taskId = await taskFor(testInfo.project.name);
  await signIn(page, "省大数据局");
  const multipart = { file: { name: "安全测试.pdf", mimeType: "application/pdf", buffer: PDF } };
  const before = await evidenceCount(taskId);

  for (const origin of ["https://evil.example", null]) {
    const refused = await page.request.post(`/api/tasks/${taskId}/evidence`, {
      multipart,
      // Without Origin or Referer the request cannot prove where it came from: refused as well.
      headers: origin ? { origin } : {},
    });
    expect(refused.status(), `origin ${origin ?? "(none)"}`).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
  }
  expect(await evidenceCount(taskId)).toBe(before);

  // The same request from our own origin goes through.
  const accepted = await page.request.post(`/api/tasks/${taskId}/evidence`, {
    multipart,
    headers: { origin: baseURL! },
  });
  expect(accepted.status()).toBe(201);
  const stored = (await accepted.json()) as { id: number };
  expect(await evidenceCount(taskId)).toBe(before + 1);

  const download = await page.request.get(`/api/evidence/${stored.id}`);
  expect(download.status()).toBe(200);
  const headers = download.headers();
  expect(headers["content-disposition"]).toMatch(/^attachment;/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["content-type"]).toBe("application/pdf");
  // Uploaded content gets the strictest policy (next.config.js), not the application's.
  expect(headers["content-security-policy"]).toBe("default-src 'none'; sandbox");
  expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);
});

// The refusal is worded in the request's language (Accept-Language, or the locale cookie for actions).
const CROSS_SITE = /跨站请求被拒绝|Cross-site request refused/;

/** Every route handler file under app/ that exports a mutating method. */
function mutatingRouteFiles(dir = "app"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return mutatingRouteFiles(full);
    const mutating =
      /export\s+(?:async\s+function\s+|const\s+)(?:POST|PUT|PATCH|DELETE)\b|export\s*\{[^}]*\b(?:POST|PUT|PATCH|DELETE)\b/;
    return entry.name === "route.ts" && mutating.test(readFileSync(full, "utf8")) ? [full] : [];
  });
}

test("every cookie-authenticated mutating route refuses a cross-site request before reading it", async ({
  page,
  baseURL,
}) => {
  // One URL per route file; next-auth's own endpoint is checked with its CSRF token below.
  const routes: Record<string, string> = {
    "app/api/indicators/observations/import/route.ts": "/api/indicators/observations/import",
    "app/api/tasks/[id]/evidence/route.ts": "/api/tasks/1/evidence",
    "app/api/v1/[...path]/route.ts": "/api/v1/no-such-endpoint",
    "app/api/v1/assignments/import/route.ts": "/api/v1/assignments/import",
    "app/api/v1/tasks/[id]/assignments/route.ts": "/api/v1/tasks/1/assignments",
    "app/api/v1/tasks/[id]/reviews/route.ts": "/api/v1/tasks/1/reviews",
    "app/api/v1/tasks/[id]/updates/route.ts": "/api/v1/tasks/1/updates",
  };
  expect(mutatingRouteFiles().sort()).toEqual([...Object.keys(routes), "app/api/auth/[...nextauth]/route.ts"].sort());

  // The method each route's mutation answers to (POST unless named here).
  const methods: Record<string, string> = { "/api/v1/tasks/1/assignments": "PUT" };
  await signIn(page, "admin");
  for (const url of Object.values(routes)) {
    const method = methods[url] ?? "POST";
    const foreign: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { referer: "https://evil.example/page" },
      {},
    ];
    for (const headers of foreign) {
      const refused = await page.request.fetch(url, { method, headers, data: {} });
      expect(refused.status(), `${url} ${JSON.stringify(headers)}`).toBe(403);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(CROSS_SITE);
    }
    // From our own origin the request gets past the check (and fails on its content instead).
    const own = await page.request.fetch(url, { method, headers: { origin: baseURL! }, data: {} });
    expect(own.status(), url).toBeGreaterThanOrEqual(400);
    expect(await own.text(), url).not.toMatch(CROSS_SITE);
  }
});

test("a server action called from another site is refused and runs nothing", async ({ page, baseURL }, testInfo) => {
  // Action ids change with every build: take createApiTokenAction's from the build being tested.
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const actionId = Object.entries(manifest.node).find(
    ([, action]) => action.exportedName === "createApiTokenAction",
  )?.[0];
  expect(actionId, "createApiTokenAction in the build").toBeDefined();
  await signIn(page, "viewer");
  const call = (origin: string, name: string) =>
    page.request.post("/account", {
      headers: {
        origin,
        "next-action": actionId!,
        accept: "text/x-component",
        "content-type": "text/plain;charset=UTF-8",
      },
      data: JSON.stringify([{ name, expiresInDays: 1 }]),
    });

  const name = `csrf-${testInfo.project.name}-${Date.now()}`;
  const refused = await call("https://evil.example", name);
  // proxy.ts refuses it before Next.js (whose own check would abort with a 500).
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toMatch(CROSS_SITE);
  expect(await queryE2E(`SELECT id FROM api_token WHERE name = $1`, [name])).toEqual([]);

  // The same call from our own origin reaches the action, which validates its input (an empty name).
  const own = await call(baseURL!, "");
  expect(own.status()).toBe(200);
  // Worded in the interface's language (no locale cookie: the default, zh-CN).
  expect(await own.text()).toContain("请填写令牌名称");
});

test("a sign-in posted from another site without next-auth's CSRF token opens no session", async ({ request }) => {
  const response = await request.post("/api/auth/callback/credentials", {
    headers: { origin: "https://evil.example" },
    form: { username: "viewer", password: DEMO_PASSWORD, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).toContain("csrf=true");
  expect(response.headers()["set-cookie"] ?? "").not.toContain("session-token");
});

test("five wrong passwords lock the account, and the sign-in page says for how long", async ({ page }, testInfo) => {
  // A username of its own, unknown to the database: it locks like an account, so the lockout reveals
  // nothing (lib/server/auth/throttle.ts), and no other test's account is locked.
  const username = `lockout-${testInfo.project.name}-${Date.now()}`;
  await page.goto("/login");
  const alert = page.getByRole("main").getByRole("alert");
  const attempt = async (password: string) => {
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("密码").fill(password);
    // Wait for the answer itself: the alert still shows the previous attempt's message meanwhile.
    await Promise.all([
      page.waitForResponse((response) => response.url().includes("/api/auth/callback/credentials")),
      page.getByRole("button", { name: "登录" }).click(),
    ]);
  };
  for (let i = 1; i <= 5; i++) {
    await attempt(`wrong-${i}`);
    await expect(alert).toHaveText("用户名或密码不正确。");
  }
  await attempt("wrong-6");
  await expect(alert).toHaveText("登录失败次数过多，账号已暂时锁定，请 15 分钟后再试。");
});

test("a password change or a deactivation ends the sessions already open", async ({ page }, testInfo) => {
  for (const change of [`"passwordChangedAt" = now()`, `active = false`]) {
    // An account of its own, so no other test's session ends.
    const username = `session-end-${testInfo.project.name}-${Date.now()}`;
    const password = "Session#End2026";
    await queryE2E(
      `INSERT INTO app_user (username, "displayName", role, "passwordHash", "updatedAt")
       VALUES ($1, $1, 'VIEWER', $2, now())`,
      [username, await bcrypt.hash(password, 4)],
    );
    await signIn(page, username, password);
    expect((await page.request.get("/api/v1/departments")).status()).toBe(200);

    await queryE2E(`UPDATE app_user SET ${change} WHERE username = $1`, [username]);
    // The same cookie no longer works: the API answers 401 and pages send the visitor to sign in.
    expect((await page.request.get("/api/v1/departments")).status(), change).toBe(401);
    await page.goto("/tasks");
    await expect(page).toHaveURL(/\/login/);
    await page.context().clearCookies();
  }
});
