/**
 * 我的待办 (/my) and the clear refusals: an editor signs in, lands on /my and sees the report a reviewer
 * returned, with the comment; a viewer follows an indicator and finds it on /my; a viewer opening
 * /review gets the 403 page; an editor on a task of another unit is told which unit reports it. Desktop
 * and phone (375 px), axe clean. Each run makes its own accounts; the returned report is written as the
 * append-only rows the editor's submission and the reviewer's return produce, on a seeded task of its
 * own per project (support/fixtures.ts says why tasks are not created).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { periodContaining } from "../../lib/domain/periods";
import { signIn } from "./support/auth";
import { queryE2E } from "./support/db";
import { createAccount } from "./support/fixtures";

async function expectAccessible(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id} (${v.impact}): ${v.help}`)).toEqual([]);
  const overflows = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(overflows).toBe(false);
}

/** A seeded task of the 2023 work points with a lead unit that can report, one per project. */
async function taskFor(project: string) {
  const [task] = await queryE2E<{ id: number; number: string; departmentId: number; department: string }>(
    `SELECT t.id, t.number, a."departmentId", dep.name AS department FROM task t
       JOIN document d ON d.id = t."documentId" AND d.slug = 'work-points-2023'
       JOIN task_assignment a ON a."taskId" = t.id AND a.role = 'LEAD'
       JOIN department dep ON dep.id = a."departmentId" AND NOT dep.generic
     WHERE t."retiredAt" IS NULL
     ORDER BY t.ordinal, a.ordinal OFFSET $1 LIMIT 1`,
    [project === "phone" ? 13 : 12],
  );
  return task!;
}

/** A submitted report, then the reviewer's return with a comment: the rows the two steps write. */
async function returnedReport(task: Awaited<ReturnType<typeof taskFor>>, editorId: number, reviewerId: number) {
  const period = periodContaining(new Date());
  const [row] = await queryE2E<{ id: number }>(
    `INSERT INTO reporting_period (year, index, "startDate", "endDate", state)
     VALUES ($1, $2, $3::date, $4::date, 'OPEN')
     ON CONFLICT (year, index) DO UPDATE SET year = EXCLUDED.year RETURNING id`,
    [period.year, period.index, period.start, period.end],
  );
  const [latest] = await queryE2E<{ version: number | null }>(
    `SELECT max(version) AS version FROM task_update WHERE "taskId" = $1 AND "periodId" = $2 AND "departmentId" = $3`,
    [task.id, row!.id, task.departmentId],
  );
  const version = (latest?.version ?? 0) + 1;
  const comment = `请补充佐证材料（${test.info().project.name}-${Date.now().toString(36)}）`;
  for (const [v, state, author, reviewComment] of [
    [version, "SUBMITTED", editorId, null],
    [version + 1, "RETURNED", reviewerId, comment],
  ] as const) {
    await queryE2E(
      `INSERT INTO task_update ("taskId", "periodId", "departmentId", kind, version, "reviewState", status, progress,
                                "progressText", "reviewComment", "authorId")
       VALUES ($1, $2, $3, 'LEAD_REPORT', $4, $5, 'ON_TRACK', 35, '已完成方案编制。', $6, $7)`,
      [task.id, row!.id, task.departmentId, v, state, reviewComment, author],
    );
  }
  return comment;
}

test("an editor signs in, lands on 我的待办 and sees a returned report with the reviewer's comment", async ({
  page,
}, testInfo) => {
  const task = await taskFor(testInfo.project.name);
  const editor = await createAccount("DEPARTMENT_EDITOR", { department: task.department });
  const reviewer = await createAccount("REVIEWER");
  const comment = await returnedReport(task, editor.id, reviewer.id);

  await signIn(page, editor.username, editor.password);
  await expect(page).toHaveURL(/\/my$/);
  await expect(page.getByRole("heading", { level: 1, name: "我的待办" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "我的待办" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("my-period")).toContainText("报送截止");
  const returned = page.getByTestId("my-returned-section");
  const card = returned
    .getByTestId("my-returned")
    .filter({ hasText: `${task.number}` })
    .filter({ hasText: comment });
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId("my-return-comment")).toHaveText(comment);
  // The section's count is its list (the list is whole below the display limit).
  const heading = await returned.getByRole("heading", { level: 2 }).innerText();
  const count = Number(/（([\d,]+)）/.exec(heading)![1]!.replace(/,/g, ""));
  expect(await returned.getByTestId("my-returned").count()).toBe(Math.min(count, 50));
  // Every section says what it means, full or empty.
  for (const id of ["my-not-filed-section", "my-drafts-section", "my-overdue-section", "my-due-soon-section"]) {
    await expect(page.getByTestId(id).getByRole("heading", { level: 2 })).toBeVisible();
  }
  await expectAccessible(page);

  // Opening it leads to the task, where the report is fixed.
  await card.getByRole("link", { name: `去填报 编号 ${task.number}`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${task.id}$`));
});

test("a viewer follows an indicator and sees it on 我的待办", async ({ page }) => {
  const viewer = await createAccount("VIEWER");
  await signIn(page, viewer.username, viewer.password);
  // A viewer keeps the overview as landing page.
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/my");
  await expect(page.getByTestId("my-followed-indicators")).toContainText("还没有关注指标");
  await expectAccessible(page);

  const [indicator] = await queryE2E<{ id: number; name: string }>(
    `SELECT id, name FROM indicator WHERE "mergedIntoId" IS NULL ORDER BY id LIMIT 1`,
  );
  await page.goto(`/indicators/${indicator!.id}`);
  const toggle = page.getByTestId("follow-toggle").getByRole("button", { name: "关注" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expectAccessible(page);

  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "我的待办" }).click();
  await expect(page).toHaveURL(/\/my$/);
  const followed = page.getByTestId("my-followed-indicators");
  await expect(followed.getByRole("heading", { level: 2 })).toHaveText("关注的指标（1）");
  await expect(followed.getByRole("link", { name: indicator!.name })).toHaveAttribute(
    "href",
    `/indicators/${indicator!.id}`,
  );
  await expect(page.getByTestId("my-followed-tasks")).toContainText("还没有关注任务");
  await expectAccessible(page);
});

test("a viewer opening /review gets the 403 page saying why and who can help", async ({ page }) => {
  const viewer = await createAccount("VIEWER");
  await signIn(page, viewer.username, viewer.password);
  const response = await page.goto("/review");
  expect(response?.status()).toBe(403);
  await expect(page).toHaveURL(/\/review$/);
  const refusal = page.getByTestId("forbidden-page");
  await expect(refusal.getByRole("heading", { level: 1 })).toHaveText("无权访问此页面");
  await expect(refusal).toContainText("此页面需要审核人员权限，您当前的角色是只读用户。");
  await expect(refusal).toContainText("请联系省大数据局管理员");
  await expectAccessible(page);
});

test("an editor on a task of another unit is told which unit reports it", async ({ page }, testInfo) => {
  const task = await taskFor(testInfo.project.name);
  const [other] = await queryE2E<{ name: string }>(
    `SELECT dep.name FROM department dep
     WHERE NOT dep.generic AND NOT EXISTS (SELECT 1 FROM task_assignment a WHERE a."taskId" = $1 AND a."departmentId" = dep.id)
     ORDER BY dep.id LIMIT 1`,
    [task.id],
  );
  const editor = await createAccount("DEPARTMENT_EDITOR", { department: other!.name });
  await signIn(page, editor.username, editor.password);
  await page.goto(`/tasks/${task.id}`);
  await expect(page.getByTestId("not-reporter")).toContainText(`此任务由${task.department}`);
  await expect(page.getByTestId("not-reporter")).toContainText(other!.name);
  await expectAccessible(page);
});
