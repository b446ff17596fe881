import { expect, test } from "@playwright/test";
import bcrypt from "bcryptjs";
import { DEMO_PASSWORD } from "./support/auth";
import { queryE2E } from "./support/db";

test("a signed-out visitor is sent to sign in and comes back to the page they asked for", async ({
  page,
}, testInfo) => {
  // An account of its own: signing out ends every session of the account (lib/server/auth/session.ts),
  // and the demo accounts are signed in by other tests running at the same time.
  const username = `signout-${testInfo.project.name}-${Date.now()}`;
  await queryE2E(
    `INSERT INTO app_user (username, "displayName", role, "passwordHash", "updatedAt")
     VALUES ($1, $1, 'VIEWER', $2, now())`,
    [username, await bcrypt.hash(DEMO_PASSWORD, 4)],
  );
  await page.goto("/indicators");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Findicators/);
  await expect(page.getByRole("heading", { level: 1, name: "登录" })).toBeVisible();
  // The demo banner lists the accounts.
  await expect(page.getByText(DEMO_PASSWORD)).toBeVisible();

  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill("wrong-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("用户名或密码不正确。");

  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/indicators$/);
  await expect(page.getByRole("heading", { level: 1, name: "指标" })).toBeVisible();

  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/login/);
});

test("the API answers 401 without a session", async ({ request }) => {
  const response = await request.get("/api/auth/session");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({});
});

test("the sign-in page's language switch works signed out (a server action through proxy.ts)", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByLabel("Username")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByLabel("用户名")).toBeVisible();
});
