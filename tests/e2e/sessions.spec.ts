/**
 * Sessions end on the server, against the production build in Chromium: a copy of the session cookie
 * taken before sign-out is refused after it (401 from the API, the sign-in page for pages), as is a
 * cookie whose sign-in lies more than 12 hours back however fresh the JWT; an administrator's "sign out
 * everywhere" ends a user's sessions; the audit page lists these events under their catalogue labels;
 * and a server action refused with 403 is recorded.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import bcrypt from "bcryptjs";
import { encode } from "next-auth/jwt";
import { DEMO_PASSWORD } from "./support/auth";
import { queryE2E } from "./support/db";

// The e2e server's secret (playwright.config.ts): the test forges a cookie exactly as the server would.
const SECRET = "e2e-only-secret-e2e-only-secret-0123456789";
const COOKIE = "next-auth.session-token";
const PASSWORD = "Session#Replay2026";
const HOUR = 3_600_000;

// Several browser contexts per test against a production server shared with other workers.
test.describe.configure({ timeout: 180_000 });

async function makeUser(prefix: string, project: string): Promise<{ id: number; username: string }> {
  const username = `${prefix}-${project}-${Date.now()}`;
  const [row] = await queryE2E<{ id: number }>(
    `INSERT INTO app_user (username, "displayName", role, "passwordHash", "updatedAt")
     VALUES ($1, $1, 'VIEWER', $2, now()) RETURNING id`,
    [username, await bcrypt.hash(PASSWORD, 4)],
  );
  return { id: row!.id, username };
}

/** The sign-in form, waiting longer than the shared helper: these tests start on a cold, shared server. */
async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).not.toHaveURL(/\/login/, { timeout: 60_000 });
}

const sessionCookie = async (page: Page) => (await page.context().cookies()).find((c) => c.name === COOKIE)!;

/** A fresh browser context holding only this session cookie value: the attacker's replay. */
async function replay(browser: Browser, baseURL: string, value: string) {
  const context = await browser.newContext({ baseURL });
  await context.addCookies([{ name: COOKIE, value, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
  const page = await context.newPage();
  const api = (await page.request.get("/api/v1/departments")).status();
  // A refused cookie also sends pages to the sign-in page (a light page: the check is the session's).
  let url: string | null = null;
  if (api === 401) {
    await page.goto("/account");
    url = page.url();
  }
  await context.close();
  return { api, url };
}

test("a copy of the session cookie stops working when its user signs out", async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  const user = await makeUser("replay", testInfo.project.name);
  await signIn(page, user.username, PASSWORD);
  const copied = (await sessionCookie(page)).value;
  // The copy works while the session is open…
  expect((await replay(browser, baseURL!, copied)).api).toBe(200);

  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);

  // …and not after the sign-out, though its JWT has not expired.
  const after = await replay(browser, baseURL!, copied);
  expect(after.api).toBe(401);
  expect(after.url).toMatch(/\/login/);
  const audit = await queryE2E(`SELECT id FROM audit_log WHERE action = 'auth.sign_out' AND "actorId" = $1`, [user.id]);
  expect(audit).toHaveLength(1);
});

test("a session signed in more than 12 hours ago is refused, however fresh its cookie", async ({
  browser,
  baseURL,
}, testInfo) => {
  const user = await makeUser("aged", testInfo.project.name);
  const forge = (signedInHoursAgo: number) =>
    encode({
      token: { uid: user.id, authAt: Date.now() - signedInHoursAgo * HOUR, sv: 0 },
      secret: SECRET,
      maxAge: 3600,
    });
  // The same cookie with a sign-in an hour ago is a session: the refusal is the age, nothing else.
  expect((await replay(browser, baseURL!, await forge(1))).api).toBe(200);
  const aged = await replay(browser, baseURL!, await forge(13));
  expect(aged.api).toBe(401);
  expect(aged.url).toMatch(/\/login/);
});

test("an administrator signs a user out everywhere, and the audit page lists the security events", async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  const user = await makeUser("everywhere", testInfo.project.name);
  const userContext = await browser.newContext({ baseURL });
  const userPage = await userContext.newPage();
  await signIn(userPage, user.username, PASSWORD);
  const copied = (await sessionCookie(userPage)).value;
  await userContext.close();
  expect((await replay(browser, baseURL!, copied)).api).toBe(200);

  await signIn(page, "admin");
  await page.goto(`/admin/users/${user.id}`);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "强制退出全部会话" }).click();
  await expect(page.getByText("该用户的全部会话已结束，需重新登录。")).toBeVisible();
  expect((await replay(browser, baseURL!, copied)).api).toBe(401);

  await page.goto(`/admin/audit?category=security&entityId=${user.id}`);
  const entries = page.getByTestId("audit-entries");
  await expect(entries.getByText("强制退出全部会话")).toBeVisible();
  await expect(entries.getByText("登录成功")).toBeVisible();
  await expect(page.getByLabel("类别")).toHaveValue("security");
});

test("a server action refused with 403 is recorded in the audit log", async ({ page }, testInfo) => {
  // Action ids change with every build: take unlockUserAction's from the build being tested.
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const actionId = Object.entries(manifest.node).find(([, action]) => action.exportedName === "unlockUserAction")?.[0];
  expect(actionId, "unlockUserAction in the build").toBeDefined();
  const user = await makeUser("refused", testInfo.project.name);
  await signIn(page, user.username, PASSWORD);
  const response = await page.request.post("/admin/users", {
    headers: {
      "next-action": actionId!,
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      referer: new URL("/admin/users", page.url()).toString(),
    },
    data: JSON.stringify([{ userId: user.id }]),
  });
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain("FORBIDDEN");
  const rows = await queryE2E<{ entityType: string; entityId: string; after: { path: string; role: string } }>(
    `SELECT "entityType", "entityId", after FROM audit_log WHERE action = 'security.forbidden' AND "actorId" = $1`,
    [user.id],
  );
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    entityType: "server_action",
    entityId: actionId,
    after: { path: "/admin/users", role: "VIEWER" },
  });
});
