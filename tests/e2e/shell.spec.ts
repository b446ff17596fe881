import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";

test.beforeEach(async ({ page }) => {
  await signIn(page, "viewer");
});

const NAV = ["我的待办", "总览", "规划文件", "任务", "责任单位", "指标", "进展通报"];

test("the Chinese shell: navigation, every section reachable, no horizontal overflow", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/数字强省建设/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  const nav = page.getByRole("navigation", { name: "主导航" });
  for (const label of NAV) await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();

  for (const [label, path] of [
    ["我的待办", "/my"],
    ["规划文件", "/documents"],
    ["任务", "/tasks"],
    ["责任单位", "/departments"],
    ["指标", "/indicators"],
    ["进展通报", "/reports"],
  ] as const) {
    await nav.getByRole("link", { name: label, exact: true }).click();
    await expect(page).toHaveURL(path);
    await expect(page.getByRole("heading", { level: 1, name: label })).toBeVisible();
    await expect(nav.getByRole("link", { name: label, exact: true })).toHaveAttribute("aria-current", "page");
    // Nothing wider than the viewport (the phone project runs this at 375 px).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
});

test("the language switch changes the interface to English and back", async ({ page }) => {
  await page.goto("/documents");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(
    page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Indicators" }),
  ).toBeVisible();
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "规划文件" })).toBeVisible();
});

test("the overview has no serious accessibility violations", async ({ page }) => {
  await page.goto("/");
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("GET /api/health reports the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    status: string;
    database: { mode: string; connected: boolean; migrations: number };
  };
  expect(body.status).toBe("ok");
  expect(body.database.mode).toBe("external");
  expect(body.database.connected).toBe(true);
  expect(body.database.migrations).toBeGreaterThanOrEqual(1);
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  // An API answer is data: its policy lets nothing load (pages get theirs, with a nonce, from proxy.ts).
  expect(headers["content-security-policy"]).toContain("default-src 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-powered-by"]).toBeUndefined();
});
