/**
 * The daily loop on the review desk, as an editor and a reviewer do it (issue 16), on desktop and phone:
 * the editor's form starts from last period's approved report (and warns when going below it), the
 * reviewer sees each submission against it — the text diff, the evidence (downloadable), the history —
 * batch-approves two after a confirmation naming them and returns one with a required comment; the editor
 * sees the comment, fixes the report starting from the returned version and submits again. Axe clean.
 *
 * Each project takes its own three seeded tasks of the 数字政府 scheme (no other spec reports on that
 * document), led by one unit, that no test has reported on yet (sample reports aside);
 * support/fixtures.ts says why tasks are not created. Last period's approved reports are added as a department and a reviewer would have left them.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { periodContaining, previousPeriod } from "../../lib/domain/periods";
import { signIn } from "./support/auth";
import { queryE2E } from "./support/db";
import { createAccount, type Account } from "./support/fixtures";

const PDF = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const LAST_TEXT = "完成平台一期建设。接入部门 12 个。";

interface Task {
  id: number;
  number: string;
  departmentId: number;
  department: string;
}

async function tasksFor(project: string): Promise<Task[]> {
  // Units ranked by how many of the scheme's tasks they lead (a fixed order): desktop takes the first,
  // phone the second, so the two projects never share a unit or a task.
  const tasks = await queryE2E<Task>(
    `WITH leads AS (
       SELECT t.id, t.number, t.ordinal, a."departmentId"
       FROM task t
       JOIN document d ON d.id = t."documentId" AND d.slug = 'digital-government-scheme-2023'
       JOIN task_assignment a ON a."taskId" = t.id AND a.role = 'LEAD'
       JOIN department dep ON dep.id = a."departmentId"
       WHERE t."retiredAt" IS NULL AND NOT dep.generic AND dep.name <> '省大数据局'),
     unit AS (SELECT "departmentId" FROM leads GROUP BY "departmentId"
              ORDER BY count(*) DESC, "departmentId" OFFSET $1 LIMIT 1)
     SELECT l.id, l.number, l."departmentId", dep.name AS department
     FROM leads l JOIN unit USING ("departmentId") JOIN department dep ON dep.id = l."departmentId"
     WHERE NOT EXISTS (SELECT 1 FROM task_update u WHERE u."taskId" = l.id AND NOT u."isSample")
     ORDER BY l.ordinal LIMIT 3`,
    [project === "phone" ? 1 : 0],
  );
  if (tasks.length < 3) throw new Error("not enough tasks led by one unit in the 数字政府 scheme");
  return tasks;
}

/** Last period's report, submitted and approved, as the department and a reviewer would have left it. */
async function approvedLastPeriod(task: Task) {
  const period = previousPeriod(periodContaining(new Date()));
  const [row] = await queryE2E<{ id: number }>(
    `INSERT INTO reporting_period (year, index, "startDate", "endDate", state)
     VALUES ($1, $2, $3::date, $4::date, 'OPEN')
     ON CONFLICT (year, index) DO UPDATE SET year = EXCLUDED.year RETURNING id`,
    [period.year, period.index, period.start, period.end],
  );
  // After any sample report of that period: the next versions of its thread.
  for (const state of ["SUBMITTED", "APPROVED"]) {
    await queryE2E(
      `INSERT INTO task_update ("taskId", "periodId", "departmentId", kind, version, "reviewState", status, progress,
                                "progressText", problems, "nextSteps")
       SELECT $1, $2, $3, 'LEAD_REPORT', COALESCE(max(version), 0) + 1, $4::"ReviewState", 'AT_RISK', 48, $5,
              '资金尚未到位。', '年底前完成二期招标。'
       FROM task_update WHERE "taskId" = $1 AND "periodId" = $2 AND "departmentId" = $3`,
      [task.id, row!.id, task.departmentId, state, LAST_TEXT],
    );
  }
  await queryE2E(
    `UPDATE task SET "currentStatus" = 'AT_RISK', "currentProgress" = 48, "statusUpdatedAt" = now() WHERE id = $1`,
    [task.id],
  );
}

async function asUser(browser: Browser, account: Account, project: string): Promise<Page> {
  const context = await browser.newContext(
    project === "phone" ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true } : {},
  );
  const page = await context.newPage();
  await signIn(page, account.username, account.password);
  return page;
}

async function expectAccessible(page: Page, project: string) {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id} (${v.impact}): ${v.help}`)).toEqual([]);
  if (project === "phone") {
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
  }
}

test("an editor starts from last period; a reviewer compares, batch-approves two and returns one", async ({
  browser,
}, testInfo) => {
  test.setTimeout(420_000);
  const project = testInfo.project.name;
  const tasks = await tasksFor(project);
  for (const task of tasks) await approvedLastPeriod(task);
  const [worse, second, third] = tasks as [Task, Task, Task];
  const editor = await asUser(
    browser,
    await createAccount("DEPARTMENT_EDITOR", { department: worse.department }),
    project,
  );
  const reviewer = await asUser(browser, await createAccount("REVIEWER"), project);

  // 1. The form starts from last period's approved report: 存在风险 48 %, its texts beside (folded on a phone).
  await editor.goto(`/tasks/${worse.id}`);
  const form = editor.getByRole("region", { name: /本期进展填报/ });
  await expect(form.getByLabel("推进状态")).toHaveValue("AT_RISK");
  await expect(form.getByLabel("完成进度（%）")).toHaveValue("48");
  await expect(form.getByTestId("prefilled")).toContainText("已按上期审核通过的报告");
  if (project === "phone") {
    const last = form.getByTestId("last-report-phone");
    await last.getByText(/查看上期审核通过的报告/).click();
    await expect(last).toContainText(LAST_TEXT);
  } else {
    await expect(form.getByTestId("last-progressText")).toContainText(LAST_TEXT);
  }
  // Going below it warns, without blocking.
  await form.getByLabel("完成进度（%）").fill("40");
  await expect(form.getByTestId("regression-warning")).toContainText("完成进度由 48% 降为 40%");
  await form.getByLabel("工作进展").fill("完成平台一期建设。二期招标延期。接入部门 12 个。");
  // Submitting without evidence for 已完成 puts the error next to the evidence, not at the top only.
  await form.getByLabel("推进状态").selectOption("COMPLETED");
  await form.getByRole("button", { name: "提交审核" }).click();
  await expect(form.getByTestId("evidence-block")).toContainText("状态为“已完成”时须上传佐证材料。");
  await expect(form.getByLabel("完成进度（%）")).toHaveAccessibleDescription(/进度应为 100%/);
  await form.getByLabel("推进状态").selectOption("AT_RISK");
  await form
    .locator('input[type="file"]')
    .setInputFiles({ name: "招标公告.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(form.getByRole("link", { name: "招标公告.pdf" })).toBeVisible();
  await expectAccessible(editor, project);
  await form.getByRole("button", { name: "提交审核" }).click();
  await expect(form.getByRole("status")).toHaveText("已提交审核（第 1 版）");

  for (const task of [second, third]) {
    await editor.goto(`/tasks/${task.id}`);
    await form.getByLabel("工作进展").fill("完成平台一期建设。接入部门 15 个。");
    await form.getByLabel("完成进度（%）").fill("60");
    await form.getByRole("button", { name: "提交审核" }).click();
    await expect(form.getByRole("status")).toHaveText("已提交审核（第 1 版）");
  }

  // 2. The reviewer filters the desk to the unit and sees what changed, with the evidence.
  await reviewer.goto("/review");
  await reviewer.getByLabel("单位", { exact: true }).selectOption(String(worse.departmentId));
  await reviewer.getByRole("button", { name: "筛选", exact: true }).click();
  await expect(reviewer).toHaveURL(new RegExp(`unit=${worse.departmentId}`));
  const card = (task: Task) =>
    reviewer.locator(`[data-testid="review-item"][data-task-id="${task.id}"]`).filter({ hasText: task.department });
  const worseCard = card(worse);
  await expect(worseCard.getByTestId("reported")).toContainText("存在风险 · 40%");
  await expect(worseCard.getByTestId("reported")).toContainText("较上期下降");
  await expect(worseCard.getByTestId("last-approved")).toHaveText("存在风险 · 48%");
  await expect(worseCard.getByTestId("review-diff").locator("ins")).toContainText(["二期招标延期。"]);
  const evidence = worseCard.getByTestId("review-evidence").getByRole("link", { name: "招标公告.pdf" });
  const download = await reviewer.request.get((await evidence.getAttribute("href"))!);
  expect(download.status()).toBe(200);
  expect((await download.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await worseCard.getByText(/填报记录/).click();
  await expect(worseCard.getByRole("listitem").filter({ hasText: "第 1 版" })).toBeVisible();
  // "Got worse" keeps the lowered one and drops the others.
  await reviewer.getByLabel("只看较上期下降的").check();
  await reviewer.getByRole("button", { name: "筛选", exact: true }).click();
  await expect(card(worse)).toHaveCount(1);
  await expect(card(second)).toHaveCount(0);
  await reviewer.getByRole("link", { name: "清除筛选" }).click();
  await expectAccessible(reviewer, project);

  // 3. Batch-approve two, after a confirmation naming them (keyboard: Space ticks, Enter confirms).
  for (const task of [second, third]) {
    const box = card(task).getByRole("checkbox");
    await box.focus();
    await reviewer.keyboard.press("Space");
    await expect(box).toBeChecked();
  }
  await reviewer.getByRole("button", { name: "批量通过所选（2）" }).click();
  const confirm = reviewer.getByRole("alertdialog", { name: "确认通过以下 2 份填报？" });
  await expect(confirm.getByTestId("batch-confirm-list")).toContainText(`编号 ${second.number}`);
  await expect(confirm.getByTestId("batch-confirm-list")).toContainText(`编号 ${third.number}`);
  await expect(confirm.getByRole("heading")).toBeFocused();
  await confirm.getByRole("button", { name: "确认通过" }).click();
  await expect(reviewer.getByTestId("desk-notice")).toHaveText("已通过 2 份填报。");
  await expect(card(second)).toHaveCount(0);
  await expect(card(third)).toHaveCount(0);

  // 4. Return the lowered one: a comment is required.
  await worseCard.getByRole("button", { name: "退回" }).click();
  await worseCard.getByRole("button", { name: "确认退回" }).click();
  await expect(worseCard.getByRole("alert")).toHaveText("退回时须说明原因");
  await worseCard.getByLabel("退回意见（必填）").fill("请说明二期招标延期的原因和新的时间安排。");
  await worseCard.getByRole("button", { name: "确认退回" }).click();
  await expect(reviewer.getByTestId("desk-notice")).toContainText(`已退回：编号 ${worse.number}`);
  await expect(card(worse)).toHaveCount(0);

  // 5. The editor sees the comment and fixes the report, starting from what was returned.
  await editor.goto(`/tasks/${worse.id}`);
  await expect(form.getByTestId("return-comment")).toContainText("请说明二期招标延期的原因和新的时间安排。");
  await expect(form.getByLabel("完成进度（%）")).toHaveValue("40");
  await expect(form.getByLabel("工作进展")).toHaveValue("完成平台一期建设。二期招标延期。接入部门 12 个。");
  await form.getByLabel("下步计划").fill("因预算调整延期，明年3月前完成二期招标。");
  await form.getByRole("button", { name: "提交审核" }).click();
  await expect(form.getByRole("status")).toHaveText("已提交审核（第 3 版）");

  // The approvals are stored as new versions (the tasks' status follows by the co-lead rule, tested in
  // tests/integration/review-desk.test.ts) and are each in the audit log.
  const approved = await queryE2E<{ n: number }>(
    `SELECT count(*)::int AS n FROM task_update
      WHERE "taskId" = ANY($1::int[]) AND "reviewState" = 'APPROVED' AND progress = 60 AND NOT "isSample"`,
    [[second.id, third.id]],
  );
  expect(approved[0]!.n).toBe(2);
  const audit = await queryE2E<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log WHERE action = 'task_update.approve' AND ("entityId" LIKE $1 OR "entityId" LIKE $2)`,
    [`${second.id}/%`, `${third.id}/%`],
  );
  expect(audit[0]!.n).toBe(2);
});
