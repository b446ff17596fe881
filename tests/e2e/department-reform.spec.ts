import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { queryE2E } from "./support/db";
import { createAccount, uniqueName } from "./support/fixtures";

// The journey makes its own two departments (unique per project and run) and an editor in the first, so
// that merging never changes the seeded units other specs count. The seeded documents name neither, so
// the merge moves the editor (and would move open tasks; tests/integration/department-reform.test.ts
// covers those on the seeded documents).
async function createDepartment(name: string): Promise<number> {
  const [row] = await queryE2E<{ id: number }>(
    `INSERT INTO "department" ("name", "kind", "updatedAt") VALUES ($1, 'PROVINCIAL', now()) RETURNING id`,
    [name],
  );
  return row!.id;
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

const fitsTheScreen = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test("an admin merges two departments; the merged one's page links to the target; the merge is reversed", async ({
  page,
}) => {
  const fromName = uniqueName("省改革前局");
  const toName = uniqueName("省改革后厅");
  const fromId = await createDepartment(fromName);
  const toId = await createDepartment(toName);
  const editor = await createAccount("DEPARTMENT_EDITOR", { department: fromName });
  const admin = await createAccount("ADMIN");
  await signIn(page, admin.username, admin.password);

  await page.goto(`/admin/departments/${fromId}`);
  await expect(page.getByRole("heading", { level: 1, name: fromName })).toBeVisible();
  const reform = page.getByRole("region", { name: "机构改革" });
  await expect(reform).toContainText("将移交 0 项未完成任务、1 个账号。");
  await expectNoSeriousViolations(page);
  expect(await fitsTheScreen(page)).toBe(true);

  // A merge without a note is refused, and nothing moves.
  const merge = reform.getByRole("form", { name: "合并到其他单位" });
  await merge.getByLabel("接收单位").selectOption({ label: toName });
  page.once("dialog", (dialog) => void dialog.accept());
  await merge.getByRole("button", { name: "合并" }).click();
  await expect(merge.getByText("请填写说明（如机构改革文件名称与文号）")).toBeVisible();
  const [stillThere] = await queryE2E<{ departmentId: number }>(`SELECT "departmentId" FROM app_user WHERE id = $1`, [
    editor.id,
  ]);
  expect(stillThere!.departmentId).toBe(fromId);

  await merge.getByLabel("说明").fill("鲁机编〔2026〕1号：职能整合");
  page.once("dialog", (dialog) => void dialog.accept());
  await merge.getByRole("button", { name: "合并" }).click();
  await expect(reform.getByRole("status")).toContainText("已合并：移交 0 项任务、1 个账号、0 个 API 令牌。");
  // The admin page now says where it went; the record offers the inverse.
  await expect(reform.getByRole("note")).toContainText("本单位已于");
  await expect(reform.getByRole("link", { name: toName })).toBeVisible();
  await expect(reform.getByTestId("reform-history")).toContainText(`合并：${fromName} → ${toName}`);
  await expectNoSeriousViolations(page);

  // The department's own page still resolves, says it was merged and links to the target.
  await page.goto(`/departments/${fromId}`);
  await expect(page.getByRole("heading", { level: 1, name: fromName })).toBeVisible();
  const note = page.getByTestId("merged-into");
  await expect(note).toContainText("机构改革：本单位已于");
  await expectNoSeriousViolations(page);
  expect(await fitsTheScreen(page)).toBe(true);
  await note.getByRole("link", { name: toName }).click();
  await expect(page).toHaveURL(new RegExp(`/departments/${toId}$`));
  await expect(page.getByRole("heading", { level: 1, name: toName })).toBeVisible();

  // The editor moved with the merge.
  const [moved] = await queryE2E<{ departmentId: number }>(`SELECT "departmentId" FROM app_user WHERE id = $1`, [
    editor.id,
  ]);
  expect(moved!.departmentId).toBe(toId);

  // Reversing the merge brings the unit and its editor back.
  await page.goto(`/admin/departments/${fromId}`);
  const history = page.getByTestId("reform-history");
  await history.getByLabel("撤销说明").fill("方案调整，撤销合并");
  await history.getByRole("button", { name: "撤销" }).click();
  await expect(history.getByRole("status")).toContainText("已撤销：恢复 0 项任务、1 个账号。");
  await page.goto(`/departments/${fromId}`);
  await expect(page.getByRole("heading", { level: 1, name: fromName })).toBeVisible();
  await expect(page.getByTestId("merged-into")).toHaveCount(0);
});
