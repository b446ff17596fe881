/**
 * The 任务分工表 acceptance journey (issue 15): an administrator downloads the five-year plan's table,
 * fills three of its unassigned tasks (written here with exceljs, as a person would in Excel), uploads it,
 * checks the preview and confirms; the lead unit's editor then finds those tasks and files a report on
 * one; the overview's 待明确责任单位 count has dropped by three.
 *
 * Each project takes its own three tasks (desktop: even ordinals, phone: odd; the plan's last ones, which
 * no other spec names) and makes its own accounts. The two projects' journeys take turns (a PostgreSQL
 * advisory lock), so each sees exactly its own three tasks leave the count (plus any task the task-page
 * journey, assignments.spec.ts, assigns in the same minutes — counted from the history, not guessed).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import pg from "pg";
import { signIn } from "./support/auth";
import { queryE2E } from "./support/db";
import { createAccount, type Account } from "./support/fixtures";

const PLAN = "plan-2021-2025";
const LEAD = "省大数据局";
const COOPERATING = "省工业和信息化厅";

async function pickTasks(project: string): Promise<{ id: number; number: string }[]> {
  const rows = await queryE2E<{ id: number; number: string }>(
    `SELECT t.id, t.number FROM task t JOIN document d ON d.id = t."documentId" AND d.slug = $1
      WHERE NOT t."hasLead" AND t."retiredAt" IS NULL AND NOT t."assignmentDecided" AND t.ordinal % 2 = $2
      ORDER BY t.ordinal DESC LIMIT 3`,
    [PLAN, project === "phone" ? 1 : 0],
  );
  expect(rows).toHaveLength(3);
  return rows;
}

async function expectAccessible(page: Page, project: string) {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id} (${v.impact}): ${v.help}`)).toEqual([]);
  if (project === "phone") {
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
  }
}

async function unassignedOnOverview(page: Page): Promise<number> {
  await page.goto("/");
  const text = await page.getByTestId("task-status-UNASSIGNED").locator("[data-value]").innerText();
  return Number(text.replace(/,/g, ""));
}

async function asUser(browser: Browser, account: Account, project: string): Promise<Page> {
  const context = await browser.newContext(
    project === "phone" ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true } : {},
  );
  const page = await context.newPage();
  await signIn(page, account.username, account.password);
  return page;
}

test("an admin fills three plan tasks in the 任务分工表; their lead unit reports; 待明确责任单位 drops by three", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const project = testInfo.project.name;
  const lock = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await lock.connect();
  await lock.query("SELECT pg_advisory_lock(915015)");
  try {
    const tasks = await pickTasks(project);
    const admin = await createAccount("ADMIN");
    await signIn(page, admin.username, admin.password);
    const before = await unassignedOnOverview(page);
    const since = (await queryE2E<{ since: Date }>(`SELECT now() AS since`))[0]!.since;

    // 1. From the plan's dashboard to its 任务分工表; the template downloads with every task listed.
    await page.goto(`/documents/${PLAN}/dashboard`);
    await page.getByTestId("assignment-table-link").click();
    await expect(page).toHaveURL(new RegExp(`/documents/${PLAN}/assignments$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("任务分工表");
    await expectAccessible(page, project);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "下载 Excel 分工表" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^任务分工表-${PLAN}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));

    // 2. Three tasks filled in, as a person would: a lead unit each, a cooperating unit for one.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.getWorksheet("分工表")!;
    expect(sheet.getCell("D2").dataValidation.type).toBe("list");
    const wanted = new Set(tasks.map((t) => t.number));
    let filled = 0;
    sheet.eachRow((row, rowNumber) => {
      if (rowNumber === 1 || !wanted.has(String(row.getCell(1).value))) return;
      row.getCell(4).value = LEAD;
      if (filled === 0) row.getCell(6).value = COOPERATING;
      filled++;
    });
    expect(filled).toBe(3);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());

    // 3. Upload: the preview names the three tasks, before → after.
    await page.getByLabel(/选择文件/).setInputFiles({
      name: "分工表.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer,
    });
    await page.getByRole("button", { name: "上传并预览" }).click();
    await expect(page.getByTestId("assign-summary")).toContainText("3 项任务将调整");
    await expect(page.getByTestId("assign-summary")).toContainText("0 行有误");
    const changes = page.getByTestId("assign-change-row");
    await expect(changes).toHaveCount(3);
    for (const task of tasks) {
      const row = page.locator(`[data-testid="assign-change-row"][data-number="${task.number}"]`);
      await expect(row.locator("td").nth(2)).toContainText("（无）");
      await expect(row.locator("td").nth(3)).toContainText(LEAD);
    }
    await expectAccessible(page, project);

    // 4. Confirm with a reason: stored, and the tasks are listed as changed.
    await page.getByLabel(/调整说明/).fill("依据省数字强省建设领导小组办公室重点任务分工方案");
    await page.getByRole("button", { name: "确认调整 3 项任务" }).click();
    await expect(page.getByTestId("assign-result")).toContainText("已调整 3 项任务的分工。");
    for (const task of tasks) {
      await expect(page.getByTestId("assign-result").getByRole("link", { name: task.number })).toBeVisible();
    }
    await expectAccessible(page, project);

    // 5. The overview's 待明确责任单位 has lost exactly these three — and any task another journey running
    //    in parallel (a reviewer assigning on a task page) gave its first lead meanwhile.
    const after = await unassignedOnOverview(page);
    const [counted] = await queryE2E<{ others: string }>(
      `SELECT count(DISTINCT "taskId") AS others FROM task_assignment_change
        WHERE "recordedAt" >= $1 AND NOT ("taskId" = ANY($2::int[]))
          AND jsonb_array_length(before->'lead') = 0 AND jsonb_array_length(after->'lead') > 0`,
      [since, tasks.map((t) => t.id)],
    );
    expect(after).toBe(before - 3 - Number(counted!.others));

    // 6. The lead unit's editor finds the three tasks in the unit's list and reports on one.
    const [unit] = await queryE2E<{ id: number }>(`SELECT id FROM department WHERE name = $1`, [LEAD]);
    const editor = await asUser(browser, await createAccount("DEPARTMENT_EDITOR", { department: LEAD }), project);
    await editor.goto(`/tasks?doc=${PLAN}&dept=${unit!.id}&role=lead`);
    const table = editor.getByTestId("task-table");
    for (const task of tasks) {
      await expect(table.locator(`a[href="/tasks/${task.id}"]`).first()).toBeVisible();
    }
    await editor.goto(`/tasks/${tasks[0]!.id}`);
    const form = editor.getByRole("region", { name: /本期进展填报/ });
    await expect(form).toBeVisible();
    await form.getByLabel("推进状态").selectOption("ON_TRACK");
    await form.getByLabel("完成进度（%）").fill("20");
    await form.getByLabel("工作进展").fill("已按分工方案牵头制定工作计划。");
    await form.getByLabel("下步计划").fill("下月召开推进会。");
    await form.getByRole("button", { name: "提交审核" }).click();
    await expect(form.getByRole("status")).toHaveText("已提交审核（第 1 版）");
    await expectAccessible(editor, project);
    await editor.context().close();
  } finally {
    await lock.end(); // closing the session releases the lock
  }
});
