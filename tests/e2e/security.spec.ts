/**
 * Security controls against the real server: the headers on a page and an authenticated API answer, the
 * session cookie's flags, the same-origin check on a cookie-authenticated upload (refused, nothing
 * written), and evidence served only as a nosniff attachment. The health endpoint's headers are in
 * shell.spec.ts. Each project uploads to its own task.
 */
import { expect, test, type APIResponse } from "@playwright/test";
import { signIn } from "./support/auth";
import { queryE2E } from "./support/db";

const PDF = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

function expectSecurityHeaders(response: APIResponse): void {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("base-uri 'self'");
  expect(csp).toContain("form-action 'self'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
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
  expectSecurityHeaders(await page.request.get("/login"));
  await signIn(page, "viewer");
  expectSecurityHeaders(await page.request.get("/tasks"));
  const api = await page.request.get("/api/v1/departments");
  expect(api.status()).toBe(200);
  expectSecurityHeaders(api);
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
