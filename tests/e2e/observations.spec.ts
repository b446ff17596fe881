import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";

test("a reviewer enters an actual value on the indicator page and sees it in the history", async ({
  page,
}, testInfo) => {
  // Each project enters its own, recognisable value.
  const value = testInfo.project.name === "phone" ? "187654" : "176543";
  await signIn(page, "reviewer");
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
  await expect(row).toContainText("省大数据局督导员");
});

test("a viewer sees the values but no entry form", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/indicators");
  await page.getByRole("link", { name: "5G基站数" }).click();
  await expect(page.getByRole("heading", { name: "实际值" })).toBeVisible();
  await expect(page.getByRole("form", { name: "填报实际值" })).toHaveCount(0);
});
