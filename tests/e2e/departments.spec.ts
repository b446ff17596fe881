import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";

test.beforeEach(async ({ page }) => {
  await signIn(page, "viewer");
});

async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test("the departments list is sorted by lag, with generic units apart", async ({ page }) => {
  await page.goto("/departments");
  await expect(page.getByRole("heading", { level: 1, name: "责任单位" })).toBeVisible();
  const tables = page.getByTestId("department-table");
  await expect(tables).toHaveCount(2);
  const attention = await tables
    .first()
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-attention"))));
  expect(attention.length).toBeGreaterThan(10);
  expect(attention[0]).toBeGreaterThan(0);
  expect([...attention].sort((a, b) => b - a)).toEqual(attention);

  const generic = tables.nth(1);
  await expect(page.getByRole("heading", { level: 2, name: "泛指单位" })).toBeVisible();
  await expect(generic.getByRole("row", { name: /省政府有关部门/ })).toContainText("泛指");
  await expect(tables.first()).not.toContainText("省政府有关部门");
  await expectNoHorizontalOverflow(page);

  await page.getByRole("navigation", { name: "排序方式" }).getByRole("link", { name: "名称" }).click();
  await expect(page).toHaveURL(/\/departments\?sort=name$/);
  await expect(page.getByRole("link", { name: "名称", exact: true })).toHaveAttribute("aria-current", "true");
});

test("a department page shows its tasks, overdue milestones and reporting state", async ({ page }) => {
  await page.goto("/departments");
  const row = page
    .getByTestId("department-table")
    .first()
    .getByRole("row", { name: /^省大数据局/ });
  const leadCount = Number(await row.locator("td").first().innerText());
  expect(leadCount).toBeGreaterThan(0);
  await row.getByRole("link", { name: "省大数据局" }).click();
  await expect(page).toHaveURL(/\/departments\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: "省大数据局" })).toBeVisible();
  await expect(
    page.getByRole("heading", { level: 2, name: new RegExp(`牵头任务（共 ${leadCount} 项）`) }),
  ).toBeVisible();

  const leadTable = page.getByTestId("task-table").first();
  // The page shows the first 20 of each group and links to the task list for the rest.
  await expect(leadTable.locator("tbody tr")).toHaveCount(Math.min(leadCount, 20));
  if (leadCount > 20) {
    await expect(page.getByRole("link", { name: `在任务清单中查看全部 ${leadCount} 项` })).toBeVisible();
  }
  await expect(page.getByRole("heading", { level: 2, name: "逾期时间节点" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "本期报送情况" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "相关指标" })).toBeVisible();
  await expectNoHorizontalOverflow(page);

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // A task row opens the task.
  await leadTable.locator("tbody tr").first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/tasks\/\d+$/);
});

test("a count on the list opens the task list filtered to those tasks", async ({ page }) => {
  await page.goto("/departments");
  const row = page.getByTestId("department-table").first().locator("tbody tr").first();
  const overdue = Number(await row.getByTestId("overdue-count").innerText());
  await row.getByTestId("overdue-count").getByRole("link").click();
  await expect(page).toHaveURL(/\/tasks\?dept=\d+&role=lead&overdue=1$/);
  await expect(page.getByTestId("task-count")).toHaveText(`共 ${overdue} 项`);
});

test("a department page counts its tasks by state, each linked to exactly that list, and owes what 督办 says", async ({
  browser,
}) => {
  // The reviewers' desk and the unit's page, for the same unit and period, by a reviewer.
  const page = await browser.newPage();
  await signIn(page, "reviewer");
  await page.goto("/review");
  await expect(page.getByRole("heading", { level: 2, name: "督办清单：本期未报送情况" })).toBeVisible();
  // The table is there unless nobody misses anything; it lists units with something missing.
  const row = page.getByRole("table", { name: "督办清单：本期未报送情况" }).getByRole("row", { name: /^省大数据局/ });
  const listed = (await row.count()) > 0;
  const cells = listed
    ? (await row.locator("td").allInnerTexts()).slice(1).map((c) => Number(c.replace(/,/g, "")))
    : [];

  await page.goto("/departments");
  await page.getByTestId("department-table").first().getByRole("link", { name: "省大数据局", exact: true }).click();
  await expect(page).toHaveURL(/\/departments\/\d+$/);
  const id = /\/departments\/(\d+)$/.exec(page.url())![1]!;
  const duty = await page.getByTestId("submission-duty").innerText();
  const [inScope, submitted, missing] = [...duty.matchAll(/(\d[\d,]*)/g)].map((m) => Number(m[1]!.replace(/,/g, "")));
  // The 督办 row lists units with something missing: the same three figures, or none missing.
  if (listed) expect([inScope, submitted, missing]).toEqual(cells);
  else expect(missing).toBe(0);
  expect(missing).toBe(inScope! - submitted!);

  // The states of the tasks it leads add up to its lead tasks; each figure opens the list filtered to it.
  const heading = await page.getByRole("heading", { level: 2, name: /^牵头任务（共/ }).innerText();
  const leadCount = Number(/共 ([\d,]+) 项/.exec(heading)![1]!.replace(/,/g, ""));
  const states = page.getByTestId("lead-state-counts").locator("li");
  await expect(states).toHaveCount(8);
  let sum = 0;
  for (const item of await states.all()) {
    const state = (await item.getAttribute("data-state"))!;
    const link = item.getByRole("link");
    if ((await link.count()) === 0) continue;
    sum += Number((await link.innerText()).replace(/,/g, ""));
    await expect(link).toHaveAttribute("href", `/tasks?dept=${id}&role=lead&status=${state.toLowerCase()}`);
  }
  expect(sum).toBe(leadCount);
  await expect(page.getByTestId("lead-roll-up")).toContainText("总体判断");
  await page.close();
});

test("an unknown department shows the not-found page", async ({ page }) => {
  // The status may be 200: the shell streams (app/(app)/loading.tsx) before the page can call notFound().
  for (const path of ["/departments/999999", "/departments/abc"]) {
    const response = await page.goto(path);
    await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
    if (response?.status() !== 404) {
      expect(response?.status()).toBe(200);
      await expect(page.locator('meta[name="robots"][content*="noindex"]').first()).toBeAttached();
    }
  }
});
