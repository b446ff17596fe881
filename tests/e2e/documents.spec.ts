import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";

test.beforeEach(async ({ page }) => {
  await signIn(page, "viewer");
});

test("the documents list shows the four imported documents with their task counts", async ({ page }) => {
  await page.goto("/documents");
  const items = page.getByRole("main").getByRole("listitem");
  await expect(items).toHaveCount(4);
  await expect(page.getByRole("link", { name: "山东省数字政府建设实施方案" })).toBeVisible();
  const item2023 = items.filter({ hasText: "数字强省建设2023年工作要点" });
  await expect(item2023).toContainText("山东省人民政府办公厅");
  await expect(item2023).toContainText("46");
});

test("an indicator links its targets across documents, and a task's 原文 link highlights its sentence", async ({
  page,
}) => {
  await page.goto("/indicators");
  await page.getByRole("link", { name: "5G基站数" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "5G基站数" })).toBeVisible();
  const main = page.getByRole("main");
  // 2020 baseline from the plan; targets from the 2022 and 2023 work points.
  await expect(main).toContainText("2020年12月31日");
  await expect(main).toContainText("“十四五”数字强省建设规划");
  await expect(main.getByRole("link", { name: "2022年工作要点" }).first()).toBeVisible();
  await expect(main.getByRole("link", { name: "2023年工作要点" }).first()).toBeVisible();

  // Open the 2023 task that sets the ≥20万 target.
  const target2023 = main.getByRole("listitem").filter({ hasText: "2023年工作要点" }).filter({ hasText: "20万" });
  await target2023.getByRole("link", { name: /^任务 \d+$/ }).click();
  await expect(page).toHaveURL(/\/tasks\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("编号");
  // The units as the text gives them (原文); the current assignment (分工) stands beside them.
  await expect(page.getByTestId("units-source").getByText("牵头单位", { exact: true })).toBeVisible();

  await page.getByRole("link", { name: /原文 · 在原文中查看/ }).click();
  await expect(page).toHaveURL(/\/documents\/work-points-2023\?file=2023-work-points\.txt#task-\d+$/);
  const anchor = new URL(page.url()).hash.slice(1);
  const sentence = page.locator(`[id="${anchor}"]`);
  await expect(sentence).toBeInViewport();
  await expect(sentence).toHaveAttribute("data-kind", "task");
  // The raw text (traditional script with pinyin glosses) holds the figure.
  await expect(sentence).toContainText("20萬");
  // Highlighted: outlined in red.
  await expect(sentence).toHaveAttribute("data-highlighted", "true");
  const outline = await sentence.evaluate((el) => [
    getComputedStyle(el).outlineStyle,
    getComputedStyle(el).outlineWidth,
  ]);
  expect(outline).toEqual(["solid", "2px"]);
});

test("the reader shows the structure tree beside the text with the legend", async ({ page }) => {
  await page.goto("/documents/plan-2021-2025");
  await expect(page.getByRole("heading", { level: 1, name: "山东省“十四五”数字强省建设规划" })).toBeVisible();
  const tree = page.getByRole("navigation", { name: "文件结构" });
  await expect(tree.getByRole("link").first()).toBeVisible();
  for (const label of ["任务", "责任单位清单", "时间节点", "量化目标", "基期值"]) {
    await expect(page.getByRole("list", { name: "图例" }).getByText(label, { exact: true })).toBeVisible();
  }
  await expect(page.locator('[data-kind="baseline"]').first()).toBeVisible();
  await expect(page.locator('[data-kind="target"]').first()).toBeAttached();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
