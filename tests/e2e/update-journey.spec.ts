/**
 * The bimonthly cycle as people do it: an editor reports (on a phone in the phone project) with
 * evidence, a reviewer returns it, the editor fixes and resubmits, the reviewer approves; the history
 * shows all four steps. Each run makes its own accounts; each project works on its own seeded task
 * (support/fixtures.ts says why tasks are not created), so the two projects never share data.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { queryE2E } from "./support/db";
import { createAccount, type Account } from "./support/fixtures";

const PDF = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

async function taskFor(project: string): Promise<{ id: number; number: string }> {
  // Tasks of the 2023 work points that 省大数据局 leads: one per project.
  const rows = await queryE2E<{ id: number; number: string }>(
    `SELECT t.id, t.number FROM task t
       JOIN document d ON d.id = t."documentId" AND d.slug = 'work-points-2023'
       JOIN task_assignment a ON a."taskId" = t.id AND a.role = 'LEAD'
       JOIN department dep ON dep.id = a."departmentId" AND dep.name = '省大数据局'
     ORDER BY t.ordinal`,
  );
  const row = rows[project === "phone" ? 1 : 0];
  if (!row) throw new Error("no task led by 省大数据局");
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

test("report → return → resubmit → approve, with evidence, history and audit", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const task = await taskFor(project);
  const editor = await asUser(browser, await createAccount("DEPARTMENT_EDITOR", { department: "省大数据局" }), project);
  const reviewer = await asUser(browser, await createAccount("REVIEWER"), project);

  // 1. The editor reports, with a file as evidence.
  await editor.goto(`/tasks/${task.id}`);
  const form = editor.getByRole("region", { name: /本期进展填报/ });
  await expect(form).toBeVisible();
  await form.getByLabel("推进状态").selectOption("ON_TRACK");
  await form.getByLabel("完成进度（%）").fill("40");
  await form.getByLabel("工作进展").fill("已完成需求调研和方案编制。");
  await form.getByLabel("存在问题").fill("资金尚未全部到位。");
  await form.getByLabel("下步计划").fill("6月底前完成招标。");
  await form
    .locator('input[type="file"]')
    .setInputFiles({ name: "方案.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(form.getByRole("link", { name: "方案.pdf" })).toBeVisible();
  await form.getByRole("button", { name: "提交审核" }).click();
  await expect(form.getByRole("status")).toHaveText("已提交审核（第 1 版）");
  await expect(form.getByTestId("report-state")).toContainText("待审核");

  // 2. The reviewer finds it in the queue and returns it with a comment.
  await reviewer.goto("/review");
  const item = reviewer
    .getByRole("listitem")
    .filter({ hasText: `编号 ${task.number}` })
    .filter({ hasText: "省大数据局" });
  await item.getByRole("link", { name: "打开审核" }).click();
  const panel = reviewer.getByRole("region", { name: /审核：省大数据局/ });
  await panel.getByLabel("审核意见（退回时必填）").fill("请补充招标计划的时间安排。");
  await panel.getByRole("button", { name: "退回修改" }).click();
  // Handled: the panel leaves the page and the history starts with the return.
  await expect(panel).toHaveCount(0);
  const reviewerHistory = reviewer.getByRole("list", { name: "进展记录" }).getByTestId("timeline-update");
  await expect(reviewerHistory.first()).toContainText("已退回");
  await expect(reviewerHistory.first()).toContainText("请补充招标计划的时间安排。");

  // 3. The editor sees why, fixes it and submits again.
  await editor.reload();
  await expect(form).toContainText("审核意见：请补充招标计划的时间安排。");
  await form.getByLabel("下步计划").fill("5月完成招标文件，6月底前完成招标。");
  await form.getByRole("button", { name: "提交审核" }).click();
  await expect(form.getByRole("status")).toHaveText("已提交审核（第 3 版）");

  // 4. The reviewer approves; the task's status follows.
  await reviewer.reload();
  await reviewer
    .getByRole("region", { name: /审核：省大数据局/ })
    .getByRole("button", { name: "审核通过" })
    .click();
  await expect(reviewer.getByRole("region", { name: /审核：省大数据局/ })).toHaveCount(0);
  await expect(reviewerHistory.first()).toContainText("已通过");
  // The approved report says 按计划推进, but the task's deadline (the 2023 work points: 2023-12-31) has
  // passed unfinished: its state is 滞后, with the reason beside it (lib/domain/task-state.ts).
  await expect(reviewer.getByTestId("task-status")).toHaveText("滞后");
  await expect(reviewer.getByTestId("task-state-reason")).toContainText("逾期未完成");
  await expect(reviewerHistory.first()).toContainText("按计划推进");

  // The history shows the four steps (newest first), visible to a viewer too.
  const viewer = await asUser(browser, await createAccount("VIEWER"), project);
  await viewer.goto(`/tasks/${task.id}`);
  const history = viewer.getByRole("list", { name: "进展记录" }).getByTestId("timeline-update");
  await expect(history).toHaveCount(4);
  // Each version as it was (its own state, who wrote it): reviewed submissions no longer await review.
  await expect(history.nth(0)).toContainText("已通过");
  await expect(history.nth(0)).toContainText("审核：");
  await expect(history.nth(1)).toContainText("已提交");
  await expect(history.nth(2)).toContainText("已退回");
  await expect(history.nth(3)).toContainText("已提交");
  await expect(history.nth(3)).toContainText("填报：");
  await expect(history.filter({ hasText: "待审核" })).toHaveCount(0);
  await expect(history.nth(0)).toHaveAttribute("data-state", "APPROVED");
  await expect(history.nth(1)).toHaveAttribute("data-state", "SUBMITTED");
  await expect(history.nth(3).getByRole("link", { name: "方案.pdf" })).toBeVisible();
  // The viewer has no form and no review panel.
  await expect(viewer.getByRole("region", { name: /本期进展填报/ })).toHaveCount(0);

  // The audit log has the four steps.
  const audit = await queryE2E<{ action: string }>(
    `SELECT action FROM audit_log WHERE "entityType" = 'task_update' AND "entityId" LIKE $1 ORDER BY id`,
    [`${task.id}/%`],
  );
  expect(audit.map((a) => a.action)).toEqual([
    "task_update.submit",
    "task_update.return",
    "task_update.submit",
    "task_update.approve",
  ]);
});
