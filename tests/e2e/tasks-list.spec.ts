import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { signIn } from "./support/auth";

test.beforeEach(async ({ page }) => {
  await signIn(page, "viewer");
});

/** The number in "共 N 项". */
async function shownCount(page: Page): Promise<number> {
  const text = await page.getByTestId("task-count").innerText();
  const match = /共\s*([\d,]+)\s*项/.exec(text);
  expect(match, text).not.toBeNull();
  return Number(match![1]!.replace(/,/g, ""));
}

const rowIds = (page: Page) =>
  page
    .getByTestId("task-table")
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-task-id")));

/** On a phone the panel is collapsed behind its toggle. */
async function openFilters(page: Page): Promise<void> {
  const toggle = page.locator('label[for="task-filters-toggle"]');
  if (await toggle.isVisible()) await toggle.click();
  await expect(page.getByRole("search")).toBeVisible();
}

async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test("filters change the rows and the URL, and a shared URL reproduces the view", async ({ page, browser }) => {
  await page.goto("/tasks");
  await expect(page.getByRole("heading", { level: 1, name: "任务" })).toBeVisible();
  const all = await shownCount(page);
  expect(all).toBeGreaterThan(100);
  await expect(page.getByTestId("task-table").locator("tbody tr")).toHaveCount(20);

  await openFilters(page);
  await page.getByLabel("文件", { exact: true }).selectOption({ label: "2023年工作要点" });
  await page.getByLabel("仅看有逾期节点的任务").check();
  await expectNoHorizontalOverflow(page);
  await page.getByRole("button", { name: "应用" }).click();

  // The form's empty fields are dropped: the URL is the canonical view.
  await expect(page).toHaveURL(/\/tasks\?doc=work-points-2023&overdue=1$/);
  const filtered = await shownCount(page);
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(all);
  const rows = page.getByTestId("task-table").locator("tbody tr");
  for (const row of await rows.all()) {
    await expect(row).toContainText("2023年工作要点");
    await expect(row).toContainText("节点逾期");
  }

  // Search narrows further; the view stays in the URL.
  await openFilters(page);
  await page.getByLabel("搜索").fill("数据");
  await page.getByRole("button", { name: "应用" }).click();
  await expect(page).toHaveURL(/q=%E6%95%B0%E6%8D%AE/);
  const searched = await shownCount(page);
  expect(searched).toBeLessThanOrEqual(filtered);
  const ids = await rowIds(page);

  // Someone else opening the link sees the same view.
  const url = page.url();
  const context = await browser.newContext();
  const other = await context.newPage();
  await signIn(other, "viewer");
  await other.goto(url);
  expect(await shownCount(other)).toBe(searched);
  expect(await rowIds(other)).toEqual(ids);
  await context.close();
});

test("pagination and sorting live in the URL", async ({ page }) => {
  await page.goto("/tasks");
  const all = await shownCount(page);
  const firstPage = await rowIds(page);
  await page.getByRole("navigation", { name: "分页" }).getByRole("link", { name: "下一页" }).click();
  await expect(page).toHaveURL(/\/tasks\?page=2$/);
  expect(await shownCount(page)).toBe(all);
  const secondPage = await rowIds(page);
  expect(secondPage.some((id) => firstPage.includes(id))).toBe(false);

  await openFilters(page);
  await page.getByLabel("排序", { exact: true }).selectOption("due");
  await page.getByLabel("每页", { exact: true }).selectOption("50");
  await page.getByRole("button", { name: "应用" }).click();
  await expect(page).toHaveURL(/\/tasks\?sort=due&size=50$/);
  await expect(page.getByTestId("task-table").locator("tbody tr")).toHaveCount(50);
  const dates = await page
    .getByTestId("task-table")
    .locator("tbody tr time")
    .evaluateAll((times) => times.map((el) => el.getAttribute("datetime") ?? ""));
  expect(dates.length).toBeGreaterThan(0);
  expect([...dates].sort()).toEqual(dates);
});

test("invalid parameters fall back to the default view", async ({ page }) => {
  await page.goto("/tasks");
  const all = await shownCount(page);
  await page.goto("/tasks?page=abc&status=bogus&size=7&sort=random&dueFrom=2026-02-30");
  await expect(page).toHaveURL(/\/tasks$/);
  expect(await shownCount(page)).toBe(all);
  // A section that is not in the chosen document (left over from another one) is dropped.
  await page.goto(`/tasks?doc=work-points-2023&section=${encodeURIComponent("不存在/（一）")}`);
  await expect(page).toHaveURL(/\/tasks\?doc=work-points-2023$/);
  // A page past the end shows the last page.
  await page.goto("/tasks?page=9999");
  await expect(page.getByTestId("task-table").locator("tbody tr").first()).toBeVisible();
});

test("the export link downloads an xlsx of the current view with as many rows as shown", async ({ page }) => {
  await page.goto("/tasks?doc=digital-government-scheme-2023&overdue=1");
  const count = await shownCount(page);
  expect(count).toBeGreaterThan(0);
  const link = page.getByRole("link", { name: "导出 Excel" });
  await expect(link).toHaveAttribute("href", "/tasks/export?format=xlsx&doc=digital-government-scheme-2023&overdue=1");
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^任务清单-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const sheet = workbook.getWorksheet("任务")!;
  expect(sheet.getRow(1).getCell(1).value).toBe("文件");
  expect(sheet.rowCount - 1).toBe(count);
  for (let row = 2; row <= sheet.rowCount; row++) {
    expect(sheet.getRow(row).getCell(1).value).toBe("数字政府建设实施方案");
    // Column 12: 有逾期节点 (column 11 is the task's deadline).
    expect(sheet.getRow(row).getCell(12).value).toBe("是");
  }

  const csv = await page.request.get("/tasks/export?format=csv&doc=digital-government-scheme-2023&overdue=1");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["content-disposition"]).toContain("filename*=UTF-8''");
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
});

test("the export refuses an unknown format and anyone signed out", async ({ page, playwright }) => {
  await page.goto("/tasks");
  const bad = await page.request.get("/tasks/export?format=pdf");
  expect(bad.status()).toBe(422);
  const anonymous = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
  // Without a session cookie the proxy sends the browser to sign in …
  const redirected = await anonymous.get("/tasks/export?format=csv", { maxRedirects: 0 });
  expect(redirected.status()).toBe(307);
  expect(redirected.headers().location).toContain("/login");
  // … and with a forged one the route itself refuses.
  const forged = await anonymous.get("/tasks/export?format=csv", {
    headers: { cookie: "next-auth.session-token=forged" },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(401);
  await anonymous.dispose();
});

test("a task row links to its page; the list fits a phone and has no serious accessibility violations", async ({
  page,
}) => {
  await page.goto("/tasks?status=lagging");
  await expectNoHorizontalOverflow(page);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  const first = page.getByTestId("task-table").locator("tbody tr").first();
  const id = await first.getAttribute("data-task-id");
  await first.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${id}$`));
});
