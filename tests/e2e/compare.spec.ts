import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signIn } from "./support/auth";

// The page only reads the imported documents: nothing to create, and the two projects cannot collide.
test.beforeEach(async ({ page }) => {
  await signIn(page, "viewer");
});

async function stat(page: Page, key: string): Promise<number> {
  const text = await page.locator(`[data-stat="${key}"]`).locator("div").last().innerText();
  return Number(text.replace(/[^\d]/g, ""));
}

/** Sizes of the bars a chart drew: recharts paints each bar as a path.recharts-rectangle. */
async function barSizes(chart: Locator): Promise<{ width: number; height: number }[]> {
  await expect(chart.locator("svg path.recharts-rectangle").first()).toBeAttached();
  return chart.locator("svg path.recharts-rectangle").evaluateAll((paths) =>
    paths.map((path) => {
      const box = (path as SVGGraphicsElement).getBBox();
      return { width: box.width, height: box.height };
    }),
  );
}

test("the documents list links to the comparison, which defaults to the 2022 → 2023 work points", async ({
  page,
}, testInfo) => {
  await page.goto("/documents");
  await page.getByRole("link", { name: "对比两份文件" }).click();
  await expect(page).toHaveURL(/\/documents\/compare$/);
  await expect(page.getByRole("heading", { level: 1, name: "文件对比" })).toBeVisible();
  await expect(page.getByLabel("原文件")).toHaveValue("work-points-2022");
  await expect(page.getByLabel("对比文件")).toHaveValue("work-points-2023");
  await expect(page.getByTestId("compare-heading")).toHaveText("2022年工作要点 → 2023年工作要点");

  expect(await stat(page, "carried")).toBeGreaterThan(0);
  expect(await stat(page, "added")).toBeGreaterThan(0);
  expect(await stat(page, "dropped")).toBeGreaterThan(0);
  expect(await stat(page, "raised")).toBeGreaterThan(0);

  // Both charts drew real bars, not an empty SVG.
  for (const id of ["compare-chart-areas", "compare-chart-targets"]) {
    const chart = page.getByTestId(id);
    await chart.scrollIntoViewIfNeeded();
    const sizes = await barSizes(chart);
    expect(sizes.filter((size) => size.width > 1 && size.height > 1).length, id).toBeGreaterThan(0);
  }
  await expect(page.getByTestId("compare-chart-areas")).toContainText("各领域任务变化");

  // The 5G target: 16万个 in 2022, 20万个以上 in 2023, raised.
  const fiveG = page
    .getByTestId("targets-table")
    .locator('tr[data-indicator="5g-base-stations"][data-change="RAISED"]');
  await expect(fiveG).toContainText("16万个");
  await expect(fiveG).toContainText("20万个以上");
  await expect(fiveG).toContainText("↑ 提高");

  // A carried-over pair links to both source texts.
  const pair = page.getByTestId("carried-list").getByRole("listitem").filter({ hasText: "15 → 30" });
  await expect(pair).toContainText("双千兆");
  await expect(pair.getByRole("link", { name: "2022年工作要点第15项原文" })).toHaveAttribute(
    "href",
    /^\/documents\/work-points-2022\?file=.+#task-\d+$/,
  );
  await pair.getByRole("link", { name: "2023年工作要点第30项原文" }).click();
  await expect(page).toHaveURL(/\/documents\/work-points-2023\?file=2023-work-points\.txt#task-\d+$/);
  await page.goBack();

  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  if (testInfo.project.name === "phone") {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
});

test("changing the selects changes the comparison", async ({ page }) => {
  await page.goto("/documents/compare");
  const carried2022 = await stat(page, "carried");
  const dropped2022 = await stat(page, "dropped");

  await page.getByLabel("原文件").selectOption("plan-2021-2025");
  await page.getByRole("button", { name: "比较" }).click();
  await expect(page).toHaveURL(/from=plan-2021-2025&to=work-points-2023/);
  await expect(page.getByTestId("compare-heading")).toHaveText("“十四五”数字强省建设规划 → 2023年工作要点");
  const carriedPlan = await stat(page, "carried");
  const droppedPlan = await stat(page, "dropped");
  expect(carriedPlan).not.toBe(carried2022);
  expect(droppedPlan).toBeGreaterThan(dropped2022);
  expect(droppedPlan).toBeGreaterThan(100);
  const sizes = await barSizes(page.getByTestId("compare-chart-areas"));
  expect(sizes.some((size) => size.width > 1 && size.height > 1)).toBe(true);

  // Swapping makes the added tasks the dropped ones.
  const addedPlan = await stat(page, "added");
  await page.getByRole("link", { name: "交换前后" }).click();
  await expect(page).toHaveURL(/from=work-points-2023&to=plan-2021-2025/);
  await expect.poll(() => stat(page, "dropped")).toBe(addedPlan);
});

test("the same document twice or an unknown one gives a clear message", async ({ page }) => {
  await page.goto("/documents/compare?from=work-points-2023&to=work-points-2023");
  await expect(page.getByTestId("compare-problem")).toHaveText("原文件与对比文件相同，请选择两份不同的文件。");
  await expect(page.getByTestId("compare-summary")).toHaveCount(0);
  // The form still works from there.
  await page.getByLabel("原文件").selectOption("work-points-2022");
  await page.getByRole("button", { name: "比较" }).click();
  await expect(page.getByTestId("compare-heading")).toHaveText("2022年工作要点 → 2023年工作要点");

  await page.goto("/documents/compare?from=no-such-document");
  await expect(page.getByTestId("compare-problem")).toHaveText("找不到所选的原文件，请重新选择。");
});
