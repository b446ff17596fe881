/**
 * Security controls against the real server: the headers on a page and an authenticated API answer, the
 * per-request CSP nonce and the absence of CSP violations on the main pages, the session cookie's flags, the same-origin check on a cookie-authenticated upload (refused, nothing
 * written), and evidence served only as a nosniff attachment. The health endpoint's headers are in
 * shell.spec.ts. Each project uploads to its own task.
 */
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
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
