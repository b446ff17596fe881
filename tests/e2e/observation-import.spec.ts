import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { signIn } from "./support/auth";
import { createAccount } from "./support/fixtures";

const FIVE_G = "5g-base-stations";
const RACKS = "data-center-standard-racks";

/** The downloaded template with some pre-filled rows completed (by key), as the bytes of a new xlsx. */
async function fillTemplate(
  path: string,
  values: Record<string, [value: string | number, asOf: string, source: string]>,
): Promise<{ buffer: Buffer; rows: Record<string, number> }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet("实际值")!;
  const rows: Record<string, number> = {};
  sheet.eachRow((row, rowNumber) => {
    const key = String(row.getCell(1).value);
    const entry = values[key];
    if (!entry) return;
    rows[key] = rowNumber;
    row.getCell(4).value = entry[0];
    row.getCell(5).value = entry[1];
    row.getCell(6).value = entry[2];
  });
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), rows };
}

async function upload(page: Page, name: string, buffer: Buffer) {
  await page.getByLabel(/选择文件/).setInputFiles({
    name,
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer,
  });
  await page.getByRole("button", { name: "上传并预览" }).click();
  await expect(page.getByTestId("import-summary")).toBeVisible();
}

test("a reviewer downloads the template, sees a bad row refused, then imports a good file", async ({
  page,
}, testInfo) => {
  // The desktop and phone projects share one database: each enters its own dates, and every run its own
  // value, as its own reviewer.
  const phone = testInfo.project.name === "phone";
  const asOf = phone ? "2021-09-30" : "2021-03-31";
  const asOfShown = phone ? "2021年9月30日" : "2021年3月31日";
  const fiveGValue = 100_000 + Math.floor(Math.random() * 900_000);

  const reviewer = await createAccount("REVIEWER");
  await signIn(page, reviewer.username, reviewer.password);
  await page.goto("/indicators");
  await page.getByRole("link", { name: "批量填报" }).click();
  await expect(page.getByRole("heading", { name: "批量填报实际值" })).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "下载 Excel 模板" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^指标实际值导入模板-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const templatePath = await download.path();

  // One bad row: the value is written in words.
  const bad = await fillTemplate(templatePath, {
    [FIVE_G]: ["十二万", asOf, "统计公报"],
    [RACKS]: ["1.5万", asOf, "部门报送"],
  });
  await upload(page, "bad.xlsx", bad.buffer);
  const badRow = page.getByTestId("import-row").filter({ hasText: "数值无法识别" });
  await expect(badRow).toHaveCount(1);
  await expect(badRow).toHaveAttribute("data-status", "error");
  await expect(badRow.locator("td").first()).toHaveText(String(bad.rows[FIVE_G]));
  await expect(badRow).toContainText("有误");
  await expect(page.getByTestId("import-summary")).toContainText("1 行有误");
  await expect(page.getByRole("button", { name: /确认导入/ })).toBeDisabled();

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  const good = await fillTemplate(templatePath, {
    [FIVE_G]: [`${fiveGValue.toLocaleString("en-US")}`, asOf, "统计公报"],
    [RACKS]: ["1.5万", asOf, "部门报送"],
  });
  await upload(page, "good.xlsx", good.buffer);
  await expect(page.getByTestId("import-row").and(page.locator('[data-status="ok"]'))).toHaveCount(2);
  const commit = page.getByRole("button", { name: "确认导入 2 行" });
  await expect(commit).toBeEnabled();
  await commit.click();
  const result = page.getByTestId("import-result");
  await expect(result.getByRole("status")).toHaveText("已导入 2 个实际值。");

  await result.getByRole("link", { name: /5G基站数/ }).click();
  const row = page.getByTestId("observation-row").filter({ hasText: fiveGValue.toLocaleString("zh-CN") });
  await expect(row).toContainText(asOfShown);
  await expect(row).toContainText("统计公报");
});

test("a viewer gets neither the link nor the upload", async ({ page }) => {
  const viewer = await createAccount("VIEWER");
  await signIn(page, viewer.username, viewer.password);
  await page.goto("/indicators");
  await expect(page.getByRole("heading", { name: "指标" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "批量填报" })).toHaveCount(0);
  await page.goto("/indicators/import");
  await expect(page.getByText("您没有可填报的指标")).toBeVisible();
  await expect(page.getByLabel(/选择文件/)).toHaveCount(0);
  const response = await page.request.get("/api/indicators/observations/template?format=csv");
  expect(response.status()).toBe(403);
});
