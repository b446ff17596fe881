import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { createAccount } from "./support/fixtures";

test("a reviewer enters an actual value on the indicator page and sees it in the history", async ({ page }) => {
  // Each run enters its own, recognisable value, as its own reviewer.
  const value = String(100_000 + Math.floor(Math.random() * 900_000));
  const reviewer = await createAccount("REVIEWER");
  await signIn(page, reviewer.username, reviewer.password);
  await page.goto("/indicators");
  await page.getByRole("link", { name: "5G基站数" }).click();
  const form = page.getByRole("form", { name: "填报实际值" });
  await form.getByLabel("数值（个）").fill(value);
  await form.getByLabel("统计时点").fill("2023-06-30");
  await form.getByLabel("来源", { exact: true }).selectOption("STATISTICAL_BULLETIN");
  await form.getByLabel("来源说明（如统计公报名称）").fill("2023年上半年通信业统计公报");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(form.getByRole("status")).toHaveText("已保存");
  const row = page.getByTestId("observation-row").filter({ hasText: Number(value).toLocaleString("zh-CN") });
  await expect(row).toContainText("统计公报");
  await expect(row).toContainText(reviewer.displayName);
});

test("a viewer sees the values but no entry form", async ({ page }) => {
  const viewer = await createAccount("VIEWER");
  await signIn(page, viewer.username, viewer.password);
  await page.goto("/indicators");
  await page.getByRole("link", { name: "5G基站数" }).click();
  await expect(page.getByRole("heading", { name: "实际值" })).toBeVisible();
  await expect(page.getByRole("form", { name: "填报实际值" })).toHaveCount(0);
});
