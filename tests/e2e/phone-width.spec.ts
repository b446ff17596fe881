/**
 * Every page fits a 375 px phone: `document.documentElement.scrollWidth` ≤ 375 on each, signed in as an
 * admin so the admin pages count too, and /login signed out. Wide content (tables, charts) must scroll
 * inside its own container, never widen the page. The spec collects every too-wide page before failing,
 * so one run lists them all with their widths.
 *
 * Ids come from the seeded database (reference data; nothing here writes): the task with the longest
 * report history, the department leading the most tasks, an indicator with values, every document.
 */
import { expect, test, type Page } from "@playwright/test";
import { createAccount } from "./support/fixtures";
import { queryE2E } from "./support/db";

const PHONE_WIDTH = 375;

test.skip(({ viewport }) => (viewport?.width ?? 0) > PHONE_WIDTH, "phone width only (the phone project)");

async function pagesToVisit(): Promise<string[]> {
  const one = async (sql: string): Promise<string> => {
    const [row] = await queryE2E<{ id: number | string }>(sql);
    if (!row) throw new Error(`nothing found for: ${sql}`);
    return String(row.id);
  };
  const slugs = (await queryE2E<{ slug: string }>(`SELECT slug FROM document ORDER BY slug`)).map((r) => r.slug);
  const task = await one(
    `SELECT t.id FROM task t LEFT JOIN task_update u ON u."taskId" = t.id
     WHERE t."retiredAt" IS NULL GROUP BY t.id ORDER BY count(u.id) DESC, t.id LIMIT 1`,
  );
  const department = await one(
    `SELECT a."departmentId" AS id FROM task_assignment a WHERE a.role = 'LEAD'
     GROUP BY a."departmentId" ORDER BY count(*) DESC, a."departmentId" LIMIT 1`,
  );
  const indicator = await one(
    `SELECT i.id FROM indicator i LEFT JOIN observation o ON o."indicatorId" = i.id
     WHERE i."mergedIntoId" IS NULL GROUP BY i.id ORDER BY count(o.id) DESC, i.id LIMIT 1`,
  );
  const user = await one(`SELECT id FROM app_user ORDER BY id LIMIT 1`);
  // A period with a bulletin if one exists (another spec may publish one), else the latest closed period.
  const [period] = await queryE2E<{ year: number; index: number }>(
    `SELECT p.year, p.index FROM reporting_period p
     WHERE p."endDate" < now() ORDER BY EXISTS (SELECT 1 FROM bulletin b WHERE b."periodId" = p.id) DESC,
     p."startDate" DESC LIMIT 1`,
  );
  const periodCode = period ? `${period.year}-P${period.index}` : "2026-P1";
  return [
    "/",
    "/my",
    "/tasks",
    `/tasks/${task}`,
    "/documents",
    ...slugs.flatMap((slug) => [`/documents/${slug}`, `/documents/${slug}/dashboard`]),
    "/documents/compare",
    "/documents/compare?from=work-points-2022&to=work-points-2023",
    "/indicators",
    `/indicators/${indicator}`,
    "/indicators/import",
    "/departments",
    `/departments/${department}`,
    "/review",
    "/reports",
    `/reports/${periodCode}`,
    "/account",
    "/admin",
    "/admin/audit",
    "/admin/departments",
    `/admin/departments/${department}`,
    "/admin/indicators",
    `/admin/indicators/${indicator}`,
    "/admin/users",
    `/admin/users/${user}`,
    "/admin/users/new",
  ];
}

async function widthOf(page: Page, path: string): Promise<number> {
  const response = await page.goto(path);
  expect(response?.status(), `${path} answers`).toBeLessThan(400);
  await page.waitForLoadState("networkidle");
  return page.evaluate(() => document.documentElement.scrollWidth);
}

test("every page is at most 375 px wide at phone width (admin pages and sign-in included)", async ({ page }) => {
  test.setTimeout(240_000);
  const admin = await createAccount("ADMIN", { prefix: "e2e-phone-admin" });
  await page.goto("/login");
  await page.getByLabel("用户名").fill(admin.username);
  await page.getByLabel("密码").fill(admin.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).not.toHaveURL(/\/login/);

  const tooWide: string[] = [];
  for (const path of await pagesToVisit()) {
    const width = await widthOf(page, path);
    if (width > PHONE_WIDTH) tooWide.push(`${path}: ${width} px`);
  }
  // Signed out: the sign-in page.
  await page.context().clearCookies();
  const loginWidth = await widthOf(page, "/login");
  if (loginWidth > PHONE_WIDTH) tooWide.push(`/login: ${loginWidth} px`);
  expect(tooWide, `pages wider than ${PHONE_WIDTH} px:\n${tooWide.join("\n")}`).toEqual([]);
});
