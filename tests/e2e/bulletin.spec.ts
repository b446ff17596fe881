/**
 * The bimonthly bulletin as reviewers and readers use it: a reviewer generates a draft for a period,
 * previews it (with a lagging task this test reported), publishes it — after a confirmation that can be
 * cancelled, then offered to lock the period — and downloads the files; a viewer
 * reads and downloads the published bulletin but cannot generate. The desktop and phone projects each
 * work on their own (past) period, so they never share a bulletin when they run in parallel; the accounts
 * are each run's own, the lagging task a seeded one per project (support/fixtures.ts says why).
 */
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import JSZip from "jszip";
import { periodContaining, previousPeriod, type Period } from "../../lib/domain/periods";
import { signIn } from "./support/auth";
import { queryE2E } from "./support/db";
import { createAccount } from "./support/fixtures";

/** Two and three periods back from today: both in the generate form's list, one per project. */
function periodFor(project: string): Period {
  let period = periodContaining(new Date());
  for (let i = 0; i < (project === "phone" ? 3 : 2); i++) period = previousPeriod(period);
  return period;
}

/**
 * An approved lead report marking a task 滞后 in the period. task_update is append-only; this adds the
 * row a department and a reviewer would have produced, so the bulletin has a lagging task to list.
 */
async function reportLagging(period: Period, project: string): Promise<{ number: string; problems: string }> {
  // A seeded task, one per project (tests/e2e/support/fixtures.ts says why tasks are not created here).
  const [task] = await queryE2E<{ id: number; number: string; departmentId: number }>(
    `SELECT t.id, t.number, a."departmentId" FROM task t
       JOIN document d ON d.id = t."documentId" AND d.slug = 'work-points-2023'
       JOIN task_assignment a ON a."taskId" = t.id AND a.role = 'LEAD'
     ORDER BY t.ordinal, a.ordinal OFFSET $1 LIMIT 1`,
    [project === "phone" ? 8 : 7],
  );
  const [row] = await queryE2E<{ id: number }>(
    `INSERT INTO reporting_period (year, index, "startDate", "endDate", state)
     VALUES ($1, $2, $3::date, $4::date, 'OPEN')
     ON CONFLICT (year, index) DO UPDATE SET year = EXCLUDED.year RETURNING id`,
    [period.year, period.index, period.start, period.end],
  );
  const problems = `e2e-${project}-资金未到位`;
  const [latest] = await queryE2E<{ version: number | null }>(
    `SELECT max(version) AS version FROM task_update WHERE "taskId" = $1 AND "periodId" = $2 AND "departmentId" = $3`,
    [task!.id, row!.id, task!.departmentId],
  );
  await queryE2E(
    `INSERT INTO task_update ("taskId", "periodId", "departmentId", kind, version, "reviewState", status, progress,
                              "progressText", problems)
     VALUES ($1, $2, $3, 'LEAD_REPORT', $4, 'APPROVED', 'LAGGING', 15, '项目前期论证尚未完成。', $5)`,
    [task!.id, row!.id, task!.departmentId, (latest?.version ?? 0) + 1, problems],
  );
  return { number: task!.number, problems };
}

async function expectAccessible(page: Page, project: string) {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id} (${v.impact}): ${v.help}`)).toEqual([]);
  if (project === "phone") {
    const overflows = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflows).toBe(false);
  }
}

test("a reviewer generates, previews, publishes and downloads a bulletin; a viewer reads it", async ({
  page,
  browser,
}, testInfo) => {
  // Generate, publish (cancel, then confirm, rendering five files), download, and a viewer: several
  // axe scans on a machine shared with other suites.
  test.setTimeout(240_000);
  const project = testInfo.project.name;
  const period = periodFor(project);
  const title = `数字强省建设工作进展通报（${period.year}年第${period.index}期）`;
  const lagging = await reportLagging(period, project);

  // 1. Generate a draft from the archive page.
  const reviewer = await createAccount("REVIEWER");
  await signIn(page, reviewer.username, reviewer.password);
  await page.goto("/reports");
  await expect(page.getByRole("heading", { name: "生成通报" })).toBeVisible();
  await expectAccessible(page, project);
  // Whether the period has history to compare with: some lead report approved up to the previous period.
  // Reports are only ever added (by the other project, in parallel), so "some before generating" means
  // differences, and "none after generating" means 无上期数据.
  const approvedUpTo = async () =>
    (
      await queryE2E<{ n: number }>(
        `SELECT count(*)::int AS n FROM task_update u JOIN reporting_period p ON p.id = u."periodId"
         WHERE u.kind = 'LEAD_REPORT' AND u."reviewState" = 'APPROVED' AND p."startDate" <= $1::date`,
        [previousPeriod(period).start],
      )
    )[0]!.n;
  const historyBefore = await approvedUpTo();
  await page.getByRole("combobox", { name: "报送期" }).selectOption(period.code);
  await page.getByRole("button", { name: "生成草稿" }).click();
  await expect(page).toHaveURL(new RegExp(`/reports/${period.code}$`));
  const historyAfter = await approvedUpTo();

  // 2. Preview: the draft, with this test's lagging task and its problems.
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId("bulletin-status")).toContainText("草稿");
  await expect(page.getByRole("heading", { name: "二、滞后和存在风险的任务" })).toBeVisible();
  const laggingRow = page.getByTestId("bulletin-lagging").getByRole("row").filter({ hasText: lagging.problems });
  await expect(laggingRow).toContainText(lagging.number);
  await expect(laggingRow).toContainText("滞后");
  // Table 1: every state, 待明确责任单位 and 未报送 included; 较上期 from history, or 无上期数据.
  const byStatus = page.getByTestId("bulletin-by-status");
  await expect(byStatus.locator("tbody tr")).toHaveCount(8);
  await expect(byStatus).toContainText("待明确责任单位");
  await expect(byStatus).toContainText("未报送");
  if (historyBefore > 0) await expect(byStatus).not.toContainText("无上期数据");
  if (historyAfter === 0) {
    for (const row of await byStatus.locator("tbody tr").all()) {
      await expect(row.locator("td").nth(2)).toHaveText("无上期数据");
      await expect(row.locator("td").nth(3)).toHaveText("无上期数据");
    }
  }
  await expectAccessible(page, project);

  // 3. Publish asks first, naming the period, the version and the files; cancelling publishes nothing.
  const draftState = async () =>
    (
      await queryE2E<{ state: string }>(
        `SELECT b.state FROM bulletin b JOIN reporting_period p ON p.id = b."periodId"
         WHERE p.year = $1 AND p.index = $2 ORDER BY b.version DESC LIMIT 1`,
        [period.year, period.index],
      )
    )[0]!.state;
  await page.getByRole("button", { name: "发布通报" }).click();
  const dialog = page.getByRole("dialog", { name: "确认发布" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`${period.year}年第${period.index}期`);
  await expect(dialog).toContainText("Word、PDF、Excel、CSV、PPT");
  await expect(dialog).toContainText("不可撤销");
  await expectAccessible(page, project);
  await dialog.getByRole("button", { name: "取消" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("bulletin-status")).toContainText("草稿");
  expect(await draftState()).toBe("DRAFT");

  // Confirmed: the draft becomes the frozen, published version, and locking the open period is offered.
  await page.getByRole("button", { name: "发布通报" }).click();
  await dialog.getByRole("button", { name: "确认发布" }).click();
  // Publishing renders the five files (a cold server's first PDF loads the font): seconds, not instant.
  await expect(page.getByTestId("bulletin-status")).toContainText("已发布", { timeout: 30_000 });
  expect(await draftState()).toBe("PUBLISHED");
  const offer = page.getByTestId("lock-offer");
  await expect(offer).toContainText("建议现在锁定");
  await expect(offer.getByRole("button", { name: /^锁定/ })).toBeVisible();
  await expectAccessible(page, project);
  // (The lock itself is the next test's journey, on this period: here it is declined.)
  await offer.getByRole("button", { name: "暂不锁定" }).click();
  await expect(offer).toHaveCount(0);
  await expect(page.getByRole("button", { name: "发布通报" })).toHaveCount(0);
  const [version] = await queryE2E<{ version: number; files: number }>(
    `SELECT b.version, (SELECT count(*)::int FROM bulletin_file f WHERE f."bulletinId" = b.id) AS files
     FROM bulletin b JOIN reporting_period p ON p.id = b."periodId"
     WHERE p.year = $1 AND p.index = $2 AND b.state = 'PUBLISHED'`,
    [period.year, period.index],
  );
  expect(version!.files).toBe(5);
  const suffix = version!.version > 1 ? `（第${version!.version}版）` : "";

  // 4. Download the Word file and the PDF.
  const downloads = page.getByRole("list", { name: /下载/ });
  const [docx] = await Promise.all([
    page.waitForEvent("download"),
    downloads.getByRole("link", { name: /Word/ }).click(),
  ]);
  expect(docx.suggestedFilename()).toBe(`${title}${suffix}.docx`);
  const zip = await JSZip.loadAsync(readFileSync((await docx.path())!));
  const xml = await zip.file("word/document.xml")!.async("string");
  expect(xml).toContain(title);
  expect(xml).toContain(lagging.problems);
  const [pdf] = await Promise.all([
    page.waitForEvent("download"),
    downloads.getByRole("link", { name: /PDF/ }).click(),
  ]);
  expect(pdf.suggestedFilename()).toBe(`${title}${suffix}.pdf`);
  expect(
    readFileSync((await pdf.path())!)
      .subarray(0, 5)
      .toString("latin1"),
  ).toBe("%PDF-");

  // 5. A viewer finds it in the archive, opens and downloads it, and cannot generate.
  const viewerContext = await browser.newContext(
    project === "phone" ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true } : {},
  );
  const viewer = await viewerContext.newPage();
  const viewerAccount = await createAccount("VIEWER");
  await signIn(viewer, viewerAccount.username, viewerAccount.password);
  await viewer.goto("/reports");
  await expect(viewer.getByRole("heading", { name: "生成通报" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "生成草稿" })).toHaveCount(0);
  const entry = viewer.getByRole("listitem").filter({ hasText: title }).filter({ hasText: "已发布" });
  const xlsxLink = entry.getByRole("link", { name: /Excel/ });
  const response = await viewer.request.get((await xlsxLink.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  expect(response.headers()["content-disposition"]).toContain("filename*=UTF-8''");
  await entry.getByRole("link", { name: title, exact: true }).click();
  await expect(viewer.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(viewer.getByRole("button", { name: /发布通报|生成更正版/ })).toHaveCount(0);
  await expectAccessible(viewer, project);
  await viewerContext.close();
});

test("a reviewer locks a period and reopens it", async ({ page }, testInfo) => {
  const period = periodFor(testInfo.project.name);
  const reviewer = await createAccount("REVIEWER");
  await signIn(page, reviewer.username, reviewer.password);
  await page.goto("/reports");
  const row = page.getByTestId(`period-${period.code}`);
  await expect(row.getByTestId("period-state")).toHaveText("开放");
  await row.getByRole("button", { name: /^锁定/ }).click();
  await expect(row.getByTestId("period-state")).toHaveText("已锁定");
  await expect(row).toContainText(reviewer.displayName);
  await row.getByRole("button", { name: /^重新开放/ }).click();
  await expect(row.getByTestId("period-state")).toHaveText("开放");
  const audit = await queryE2E<{ action: string }>(
    `SELECT action FROM audit_log WHERE "entityType" = 'reporting_period' AND "entityId" = $1 ORDER BY id`,
    [period.code],
  );
  expect(audit.map((a) => a.action)).toEqual(["period.lock", "period.reopen"]);
});

test("a viewer gets no draft and no preview of an unpublished period", async ({ page }, testInfo) => {
  // Five periods back: never generated by these tests.
  let period = periodFor(testInfo.project.name);
  for (let i = 0; i < 3; i++) period = previousPeriod(period);
  const viewer = await createAccount("VIEWER");
  await signIn(page, viewer.username, viewer.password);
  await page.goto(`/reports/${period.code}`);
  // The status may be 200: the shell streams (loading.tsx) before the page can call notFound().
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /数字强省建设工作进展通报/ })).toHaveCount(0);
});
