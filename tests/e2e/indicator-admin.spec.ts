import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { queryE2E } from "./support/db";
import { createAccount, type Role } from "./support/fixtures";

// Indicators come from the document import; these journeys make their own (unique per project and run)
// so that desktop and phone never touch the same rows, nor the seeded ones other specs rely on.
const unique = (prefix: string) =>
  `${prefix}-${test.info().project.name}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** An indicator with one baseline (so the catalogue lists it) and one synonym. */
async function createIndicator(name: string, area = "其他"): Promise<number> {
  const key = unique("e2e-ind");
  const [row] = await queryE2E<{ id: number }>(
    `INSERT INTO "indicator" ("key", "name", "unit", "area", "updatedAt") VALUES ($1, $2, '个', $3, now()) RETURNING id`,
    [key, name, area],
  );
  const id = row!.id;
  await queryE2E(
    `INSERT INTO "indicator_baseline" ("key", "indicatorId", "name", "value", "normalizedValue", "valueAsWritten", "unit", "asOf", "quote")
     VALUES ($1, $2, $3, 12, 12, '12个', '个', '2022-12-31', $4)`,
    [`${key}#baseline`, id, name, `${name}达到12个`],
  );
  await queryE2E(`INSERT INTO "indicator_synonym" ("indicatorId", "synonym") VALUES ($1, $2)`, [id, `${key}-别名`]);
  return id;
}

/** Signs in as a new account of the role (no journey shares the demo administrator's session state). */
async function signInAs(page: Page, role: Role): Promise<void> {
  const account = await createAccount(role);
  await signIn(page, account.username, account.password);
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

test("an admin renames an indicator and changes its area; the catalogue shows it", async ({ page }) => {
  const name = unique("端到端指标");
  const renamed = `${name}（改）`;
  const id = await createIndicator(name);
  await signInAs(page, "ADMIN");

  // From the indicator's own page, the admin's "管理" link leads to the admin page.
  await page.goto(`/indicators/${id}`);
  await page.getByRole("link", { name: `管理指标「${name}」` }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expectNoSeriousViolations(page);
  // Usable on a phone: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  const details = page.getByRole("region", { name: "基本信息" });
  await details.getByLabel("名称", { exact: true }).fill(renamed);
  await details.getByLabel("英文名称").fill("End-to-end indicator");
  await details.getByLabel("领域").selectOption("数字政府");
  await details.getByRole("button", { name: "保存修改" }).click();
  await expect(details.getByRole("status")).toContainText("已保存");
  await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();

  // The admin list finds it by its new name, in its new area.
  await page.goto("/admin/indicators");
  await expectNoSeriousViolations(page);
  await page.getByLabel("搜索（名称、英文名、标识、别名）").fill(renamed);
  await page.getByLabel("领域").selectOption("数字政府");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/q=/);
  const row = page.getByRole("row").filter({ hasText: renamed });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("数字政府");

  // The catalogue groups indicators by area: the renamed one is listed under its new area.
  await page.goto("/indicators");
  // The catalogue groups by area: the renamed indicator now stands under 数字政府.
  const catalogueRow = page
    .locator('section[data-area="数字政府"]')
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: renamed, exact: true }) });
  await expect(catalogueRow).toHaveCount(1);
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);

  const audit = await queryE2E<{ after: { name: string; area: string } }>(
    `SELECT "after" FROM "audit_log" WHERE "action" = 'indicator.update' AND "entityId" = $1`,
    [String(id)],
  );
  expect(audit.map((a) => [a.after.name, a.after.area])).toEqual([[renamed, "数字政府"]]);
});

test("an admin merges two indicators and the catalogue shows one", async ({ page }) => {
  const sourceName = unique("待合并指标");
  const targetName = unique("保留指标");
  const sourceId = await createIndicator(sourceName);
  const targetId = await createIndicator(targetName);
  await signInAs(page, "ADMIN");

  await page.goto(`/admin/indicators/${sourceId}`);
  const merge = page.getByRole("region", { name: "合并到另一个指标" });
  await merge.getByLabel("搜索目标指标").fill(targetName);
  await merge.getByLabel("合并到", { exact: true }).selectOption({ label: `${targetName}（个 · 其他）` });
  await expect(merge.getByText(`将移到「${targetName}」：`)).toBeVisible();
  await expect(merge.getByText("基期值 1 个")).toBeVisible();
  await expect(merge.getByText("别名 1 个")).toBeVisible();
  await expectNoSeriousViolations(page);

  page.once("dialog", (dialog) => void dialog.accept());
  await merge.getByRole("button", { name: "合并" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/indicators/${targetId}\\?merged=${sourceId}$`));
  await expect(page.getByRole("status").filter({ hasText: "已合并。" })).toBeVisible();
  // The survivor now offers to undo it.
  await expect(page.getByRole("region", { name: "撤销合并" })).toContainText(sourceName);
  await expectNoSeriousViolations(page);

  await page.goto("/indicators");
  await expect(page.getByRole("link", { name: targetName, exact: true })).toHaveCount(1);
  await expect(page.getByRole("link", { name: sourceName, exact: true })).toHaveCount(0);

  // The old address says where the indicator went.
  await page.goto(`/indicators/${sourceId}`);
  await page.getByRole("link", { name: "前往合并后的指标" }).click();
  await expect(page).toHaveURL(new RegExp(`/indicators/${targetId}$`));
  await expect(page.getByRole("heading", { level: 1, name: targetName })).toBeVisible();
});

test("an admin splits a baseline off into a new indicator", async ({ page }) => {
  const name = unique("混合指标");
  const newName = `${name}（拆分）`;
  const newKey = unique("e2e-split")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-");
  const id = await createIndicator(name);
  await signInAs(page, "ADMIN");

  await page.goto(`/admin/indicators/${id}`);
  const split = page.getByRole("region", { name: "拆分出新指标" });
  await split.getByLabel("新指标标识").fill(newKey);
  await split.getByLabel("新指标名称").fill(newName);
  await split.getByLabel("新指标单位").fill("%");
  await split.getByLabel("领域").selectOption("数字社会");
  await split.getByRole("checkbox", { name: /12个/ }).check();
  await split.getByRole("button", { name: "拆分" }).click();
  await expect(split.getByRole("status")).toContainText("已拆分出新指标。");
  await split.getByRole("link", { name: "打开新指标" }).click();

  await expect(page.getByRole("heading", { level: 1, name: newName })).toBeVisible();
  await expect(
    page.getByRole("region", { name: "拆分出新指标" }).getByRole("checkbox", { name: /12个/ }),
  ).toBeVisible();
  const [row] = await queryE2E<{ count: string }>(
    `SELECT count(*) FROM "indicator_baseline" b JOIN "indicator" i ON i.id = b."indicatorId" WHERE i."key" = $1`,
    [newKey],
  );
  expect(Number(row?.count)).toBe(1);
});

test("merging indicators with different units is refused with a clear message", async ({ page }) => {
  const sourceName = unique("百分比指标");
  const targetName = unique("个数指标");
  const sourceId = await createIndicator(sourceName);
  await createIndicator(targetName);
  await queryE2E(`UPDATE "indicator" SET "unit" = '%' WHERE id = $1`, [sourceId]);
  await signInAs(page, "ADMIN");

  await page.goto(`/admin/indicators/${sourceId}`);
  const merge = page.getByRole("region", { name: "合并到另一个指标" });
  await merge.getByLabel("搜索目标指标").fill(targetName);
  await merge.getByLabel("合并到", { exact: true }).selectOption({ label: `${targetName}（个 · 其他）` });
  await expect(merge.getByText("单位不一致（% 与 个），不能合并。")).toBeVisible();
  page.once("dialog", (dialog) => void dialog.accept());
  await merge.getByRole("button", { name: "合并" }).click();
  await expect(merge.getByRole("alert")).toContainText("单位不一致（% 与 个）");
  const [row] = await queryE2E<{ mergedIntoId: number | null }>(
    `SELECT "mergedIntoId" FROM "indicator" WHERE id = $1`,
    [sourceId],
  );
  expect(row?.mergedIntoId).toBeNull();
});

test("non-admins get no manage link and cannot open the admin pages", async ({ page }) => {
  const name = unique("只读指标");
  const id = await createIndicator(name);
  await signInAs(page, "REVIEWER");
  await page.goto(`/indicators/${id}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("link", { name: `管理指标「${name}」` })).toHaveCount(0);
  // The admin page answers 403 and says why, instead of showing anything of the indicator's management.
  const response = await page.goto(`/admin/indicators/${id}`);
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden-page")).toBeVisible();
  await expect(page.getByRole("link", { name: `管理指标「${name}」` })).toHaveCount(0);
});
