/**
 * Task assignment in the browser (issue 15): a reviewer gives a plan task whose text names no unit a lead
 * unit — the registry combobox, the required note, the effective date — on a desktop and on a 375 px
 * phone (axe clean with the editor open and after saving); the page shows 原文 beside 分工 and the history.
 * Then the lead unit's editor sees the task as its own and files a report; an editor never sees the editor.
 * Each project takes its own plan task from the end of the plan (the 分工表 journey works from the start).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { queryE2E } from "./support/db";
import { createAccount, type Account } from "./support/fixtures";

async function planTaskFor(project: string): Promise<{ id: number; number: string }> {
  const rows = await queryE2E<{ id: number; number: string }>(
    `SELECT t.id, t.number FROM task t
       JOIN document d ON d.id = t."documentId" AND d.slug = 'plan-2021-2025'
     WHERE t."retiredAt" IS NULL AND NOT t."assignmentDecided" AND t.kind = 'TASK'
       AND NOT EXISTS (SELECT 1 FROM task_assignment a WHERE a."taskId" = t.id)
       AND NOT EXISTS (SELECT 1 FROM milestone m WHERE m."taskId" = t.id)
     ORDER BY t.ordinal DESC`,
  );
  const row = rows[project === "phone" ? 1 : 0];
  if (!row) throw new Error("no unassigned plan task");
  return row;
}

async function asUser(browser: Browser, account: Account, project: string): Promise<Page> {
  const context = await browser.newContext(
    project === "phone" ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true } : {},
  );
  const page = await context.newPage();
  await signIn(page, account.username, account.password);
  return page;
}

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a reviewer assigns a plan task; the lead unit's editor then reports on it", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const task = await planTaskFor(project);
  const reviewerAccount = await createAccount("REVIEWER");
  const reviewer = await asUser(browser, reviewerAccount, project);

  await reviewer.goto(`/tasks/${task.id}`);
  const section = reviewer.getByRole("region", { name: "责任分工" });
  await expect(section.getByTestId("units-source")).toContainText("原文未列明责任单位");
  await expect(section.getByTestId("units-current")).toContainText("尚未明确责任单位");
  await expect(reviewer.getByTestId("task-status")).toContainText("待明确责任单位");

  await section.getByRole("button", { name: "调整分工" }).click();
  const form = section.getByRole("form", { name: "调整责任分工" });
  await expect(form).toBeVisible();
  // The combobox: type part of a name, choose the match.
  const lead = form.getByRole("combobox", { name: "添加牵头单位" });
  await lead.fill("大数据");
  await form.getByRole("option", { name: "省大数据局" }).click();
  await expect(form.getByRole("list", { name: "牵头单位" })).toContainText("省大数据局");
  // A group is offered and labelled as such.
  const cooperating = form.getByRole("combobox", { name: "添加配合单位" });
  await cooperating.fill("有关部门");
  await expect(form.getByRole("option", { name: /省政府有关部门（泛指）/ })).toBeVisible();
  await cooperating.press("Escape");
  await cooperating.fill("");
  // Keyboard: arrow down and Enter choose the first match.
  const responsible = form.getByRole("combobox", { name: "添加责任单位" });
  await responsible.fill("工业和信息化");
  await responsible.press("ArrowDown");
  await responsible.press("Enter");
  await expect(form.getByRole("list", { name: "责任单位" })).toContainText("省工业和信息化厅");
  await expect(form.getByLabel("生效日期")).not.toHaveValue("");
  await form.getByLabel("调整说明（必填）").fill("依据数字强省建设领导小组办公室任务分工方案");
  await expectAxeClean(reviewer);
  if (project === "phone") {
    const width = await reviewer.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
  }
  await form.getByRole("button", { name: "保存分工" }).click();
  await expect(section.getByRole("status")).toHaveText("分工已保存");

  await expect(section.getByTestId("units-current")).toContainText("省大数据局");
  await expect(section.getByTestId("units-current")).toContainText("省工业和信息化厅");
  await expect(section.getByTestId("units-source")).toContainText("原文未列明责任单位");
  const history = section.getByTestId("assignment-history").getByRole("listitem");
  await expect(history).toHaveCount(1);
  await expect(history.first()).toContainText(reviewerAccount.displayName);
  await expect(history.first()).toContainText("网页");
  await expect(history.first()).toContainText("依据数字强省建设领导小组办公室任务分工方案");
  await expect(history.first()).toContainText("牵头单位：省大数据局");
  // It has a lead unit now; the plan's period ended on 2025-12-31, so the task is overdue (滞后), no longer 待明确.
  await expect(reviewer.getByTestId("task-status")).toContainText("滞后");
  await expectAxeClean(reviewer);

  // The lead unit's editor: sees the task as its own, no assignment editor, and reports.
  const editor = await asUser(browser, await createAccount("DEPARTMENT_EDITOR", { department: "省大数据局" }), project);
  await editor.goto(`/tasks/${task.id}`);
  await expect(editor.getByRole("region", { name: "责任分工" }).getByTestId("assignment-history")).toBeVisible();
  await expect(editor.getByRole("button", { name: "调整分工" })).toHaveCount(0);
  const report = editor.getByRole("region", { name: /本期进展填报/ });
  await expect(report).toBeVisible();
  await report.getByLabel("推进状态").selectOption("ON_TRACK");
  await report.getByLabel("完成进度（%）").fill("10");
  await report.getByLabel("工作进展").fill("已按分工方案启动，完成工作方案编制。");
  await report.getByRole("button", { name: "提交审核" }).click();
  await expect(report.getByRole("status")).toHaveText("已提交审核（第 1 版）");
});
