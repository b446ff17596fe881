/**
 * The overview, the indicator catalogue and the indicator charts, on the desktop and the phone
 * project. Read-only: both projects can run at once against the same seeded database.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signIn } from "./support/auth";

/** A chart has real content: drawn shapes of non-zero size, not an empty SVG. */
async function expectDrawn(chart: Locator, selector: string, atLeast = 1) {
  await expect(chart.locator("svg").first()).toBeVisible();
  const shapes = chart.locator(selector);
  await expect.poll(() => shapes.count()).toBeGreaterThanOrEqual(atLeast);
  const sizes = await shapes.evaluateAll((nodes) =>
    nodes.map((node) => {
      const box = (node as SVGGraphicsElement).getBBox();
      return box.width * box.height + box.width + box.height;
    }),
  );
  expect(sizes.filter((size) => size > 0).length).toBeGreaterThanOrEqual(atLeast);
}

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

const cardValue = (page: Page, testId: string) => page.getByTestId(testId).locator("[data-value]");

test.beforeEach(async ({ page }) => {
  await signIn(page, "viewer");
});

test("the overview draws its charts, and its filters change the numbers", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "总览" })).toBeVisible();
  await expectDrawn(page.getByTestId("chart-by-document"), ".recharts-bar-rectangle", 4);
  await expectDrawn(page.getByTestId("chart-by-area"), ".recharts-bar-rectangle", 5);
  await expectDrawn(page.getByTestId("chart-indicators"), ".recharts-bar-rectangle", 1);
  const allTasks = Number((await cardValue(page, "card-tasks").innerText()).replace(/,/g, ""));
  expect(allTasks).toBeGreaterThan(200);
  // Every colour has its text: the legend names each status.
  await expect(page.getByTestId("chart-by-document").locator(".recharts-legend-item-text")).toHaveText([
    "已完成",
    "按计划推进",
    "常态化推进",
    "未启动",
    "未报送",
    "待明确责任单位",
    "存在风险",
    "滞后",
  ]);
  await expectAccessible(page);

  const form = page.getByRole("form", { name: "筛选" });
  await form.getByLabel("文件").selectOption({ label: "2023年工作要点" });
  await form.getByRole("button", { name: "应用" }).click();
  await expect(page).toHaveURL(/doc=work-points-2023/);
  await expect(cardValue(page, "card-tasks")).toHaveText("46");
  await expect(page.getByTestId("chart-by-document").locator("tbody tr")).toHaveCount(1);

  await form.getByLabel("领域").selectOption("数字政府");
  await form.getByRole("button", { name: "应用" }).click();
  await expect(page).toHaveURL(/area=/);
  const narrowed = Number(await cardValue(page, "card-tasks").innerText());
  expect(narrowed).toBeGreaterThan(0);
  expect(narrowed).toBeLessThan(46);
  // The filtered view is a URL: the task list it links to shows the same number of tasks.
  await page.getByTestId("card-tasks").click();
  await expect(page).toHaveURL(/\/tasks\?.*doc=work-points-2023.*area=/);
  await expect(page.getByRole("main")).toContainText(`${narrowed}`);

  await page.goto("/?period=2023-P3");
  await expect(page.getByTestId("overview-as-of")).toContainText("2023年6月30日");
  await expect(page.getByRole("form", { name: "筛选" }).getByLabel("报送期")).toHaveValue("2023-P3");
  // Usable on a phone: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

test("every task-state count on the overview equals the task list it links to", async ({ page }) => {
  // Nine page loads: a slow test by design.
  test.slow();
  const states = ["LAGGING", "AT_RISK", "UNASSIGNED", "NO_REPORT", "NOT_STARTED", "ON_TRACK", "ONGOING", "COMPLETED"];
  // Retried as a whole: journeys running in parallel (the 任务分工表 assigns plan tasks, reports get
  // approved) may move a task between states while the lists are opened one after another.
  await expect(async () => {
    await page.goto("/");
    const counts: Record<string, { value: number; href: string }> = {};
    for (const state of states) {
      const link = page.getByTestId(`task-status-${state}`);
      counts[state] = {
        value: Number((await link.locator("[data-value]").innerText()).replace(/,/g, "")),
        href: (await link.getAttribute("href"))!,
      };
      expect(counts[state].href).toContain(`status=${state.toLowerCase()}`);
    }
    // The plan names no units: its tasks are 待明确责任单位 (but for the few the 分工表 journeys assign),
    // never counted as on track.
    expect(counts.UNASSIGNED!.value).toBeGreaterThanOrEqual(178 - 6);
    // The states partition the tasks.
    const total = Number((await cardValue(page, "card-tasks").innerText()).replace(/,/g, ""));
    expect(states.reduce((sum, s) => sum + counts[s]!.value, 0)).toBe(total);
    for (const state of states) {
      await page.goto(counts[state]!.href);
      const text = await page.getByTestId("task-count").innerText();
      expect(Number(/([\d,]+)/.exec(text)![1]!.replace(/,/g, "")), state).toBe(counts[state]!.value);
    }
  }).toPass({ timeout: 120_000 });
  // The unit ranking states its order.
  await page.goto("/");
  await expect(page.getByText("按滞后任务数排序，其次存在风险")).toBeVisible();
  // A past period's counts are judged from its history and carry no links (the list judges on today).
  await page.goto("/?period=2023-P3");
  await expect(page.getByTestId("task-status-LAGGING")).not.toHaveAttribute("href", /./);
});

test("the catalogue groups indicators by area with every target and a status, and filters by status", async ({
  page,
}) => {
  await page.goto("/indicators");
  const infrastructure = page.locator('section[data-area="数字基础设施"]');
  await expect(infrastructure.getByRole("heading", { name: /数字基础设施/ })).toBeVisible();
  const fiveG = infrastructure.locator('tr[data-indicator="5g-base-stations"]');
  await expect(fiveG).toContainText("5.1万个");
  await expect(fiveG).toContainText("2022年工作要点");
  await expect(fiveG).toContainText("2023年工作要点");
  await expect(fiveG.locator("[data-status]")).toHaveText(/已实现|符合序时进度|存在风险|滞后|暂无数据/);
  await expectAccessible(page);

  const total = await page.getByTestId("indicator-count").innerText();
  await page.getByLabel("领域").selectOption("数字经济");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/area=/);
  await expect(page.getByTestId("indicator-count")).not.toHaveText(total);
  await expect(page.locator("section[data-area]")).toHaveCount(1);
  await expect(page.locator('section[data-area="数字经济"]')).toBeVisible();

  // A status filter keeps only indicators in that status (possibly none on a fresh database).
  await page.goto("/indicators?status=achieved");
  await expect(page.getByLabel("状态")).toHaveValue("achieved");
  for (const badge of await page.locator("main tbody [data-status]").all()) {
    await expect(badge).toHaveAttribute("data-status", "ACHIEVED");
  }
});

for (const { name, key, labels } of [
  { name: "5G基站数", key: "5g-base-stations", labels: ["基线 2020", "2022年工作要点", "2023年工作要点"] },
  {
    name: "数据中心在用标准机架数",
    key: "data-center-standard-racks",
    labels: ["基线 2020", "2022年工作要点", "2023年工作要点"],
  },
  { name: "智慧社区（村居）数", key: "smart-communities", labels: ["2022年工作要点", "2023年工作要点"] },
]) {
  test(`the ${key} chart shows the baseline and each document's targets on one time axis`, async ({ page }) => {
    await page.goto("/indicators");
    await page.locator(`tr[data-indicator="${key}"]`).getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const chart = page.getByTestId("indicator-chart");
    await expectDrawn(chart, ".recharts-scatter-symbol", labels.length);
    const texts = await chart.locator(".recharts-label-list text, .recharts-label-list tspan").allTextContents();
    for (const label of labels) expect(texts.join(" ")).toContain(label);
    // The same figures as a table, for screen readers and for anyone who prefers numbers.
    await chart.locator("summary").click();
    await expect(chart.locator("table")).toContainText("目标");
    await expect(page.getByTestId("indicator-pace")).toContainText("当前考核目标");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page);
  });
}
