/**
 * /account: the profile and personal API tokens — create one, see it once, call the REST API with it,
 * revoke it. Runs in both projects (desktop and phone); each run creates its own token.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { createAccount } from "./support/fixtures";

test("a user creates an API token, sees it once, uses it with the API, and revokes it", async ({
  page,
  request,
}, testInfo) => {
  const viewer = await createAccount("VIEWER");
  await signIn(page, viewer.username, viewer.password);
  await page.goto("/account");
  const main = page.getByRole("main");
  await expect(page.getByRole("heading", { level: 1, name: "我的账户" })).toBeVisible();
  await expect(main).toContainText(viewer.displayName);
  await expect(main).toContainText("只读用户");

  const name = `e2e-${testInfo.project.name}-${Date.now()}`;
  await page.getByLabel("令牌名称").fill(name);
  await page.getByLabel("有效期").selectOption("30");
  await page.getByRole("button", { name: "创建令牌" }).click();

  const secretBox = page.getByLabel("新令牌");
  await expect(secretBox).toHaveValue(/^dpt_[A-Za-z0-9_-]{32}$/);
  const secret = await secretBox.inputValue();
  const item = main.getByRole("listitem").filter({ hasText: name });
  await expect(item).toContainText(secret.slice(0, 10));
  await expect(item).toContainText("有效");
  await expect(item).toContainText("从未");

  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  if (testInfo.project.name === "phone") {
    const overflows = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflows).toBe(false);
  }

  // Shown once: after a reload only the prefix remains.
  await page.reload();
  await expect(page.getByLabel("新令牌")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(secret);

  // The API answers with the token (a separate request context: no session cookie) and refuses without it.
  const authorization = { Authorization: `Bearer ${secret}` };
  const ok = await request.get("/api/v1/tasks?pageSize=5", { headers: authorization });
  expect(ok.status()).toBe(200);
  const body = (await ok.json()) as { items: { id: number }[]; page: number; pageSize: number; total: number };
  expect(body).toMatchObject({ page: 1, pageSize: 5 });
  expect(body.items).toHaveLength(5);
  expect((await request.get("/api/v1/tasks")).status()).toBe(401);
  // A viewer's token cannot write.
  const write = await request.post(`/api/v1/tasks/${body.items[0]!.id}/updates`, {
    headers: authorization,
    data: { intent: "draft", expectedVersion: 0, status: "ON_TRACK", progress: 10, progressText: "x" },
  });
  expect(write.status()).toBe(403);

  await page.reload();
  await expect(item).not.toContainText("从未"); // last used is recorded
  await item.getByRole("button", { name: `撤销：${name}` }).click();
  await item.getByRole("button", { name: "确认撤销" }).click();
  await expect(item).toContainText("已撤销");
  await expect(item.getByRole("button", { name: `撤销：${name}` })).toHaveCount(0);

  const refused = await request.get("/api/v1/tasks?pageSize=5", { headers: authorization });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
});

test("the OpenAPI description is public and lists the task endpoints", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/tasks", "/tasks/{id}/updates"]));
});

test("an empty token name is refused with a message next to the field", async ({ page }) => {
  const viewer = await createAccount("VIEWER");
  await signIn(page, viewer.username, viewer.password);
  await page.goto("/account");
  await page.getByRole("button", { name: "创建令牌" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("请填写令牌名称");
  await expect(page.getByLabel("令牌名称")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("新令牌")).toHaveCount(0);
});
