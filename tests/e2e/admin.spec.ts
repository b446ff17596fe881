import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { createAccount, type Role } from "./support/fixtures";

// Every test makes its own accounts: unique per run, per project (desktop/phone) and per test.
const unique = (prefix: string) =>
  `${prefix}-${test.info().project.name}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** Signs in as a new account of the role, so journeys never share the demo administrator. */
async function signInAs(page: Page, role: Role): Promise<void> {
  const account = await createAccount(role);
  await signIn(page, account.username, account.password);
}

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  return context.newPage();
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

test("an admin creates an editor who signs in, deactivates them, and the audit log shows it", async ({
  page,
  browser,
}) => {
  const username = unique("e2e-editor");
  const admin = await createAccount("ADMIN");
  await signIn(page, admin.username, admin.password);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "系统管理" })).toBeVisible();
  await page.getByRole("link", { name: /用户管理/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "用户管理" })).toBeVisible();
  await page.getByRole("link", { name: "新建用户" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "新建用户" })).toBeVisible();
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("姓名").fill("端到端填报员");
  await expect(page.getByLabel("角色")).toHaveValue("DEPARTMENT_EDITOR");
  await page.getByLabel("所属单位").selectOption({ label: "省大数据局" });
  await expectNoSeriousViolations(page);
  await page.getByRole("button", { name: "创建用户" }).click();

  await expect(page.getByRole("status").filter({ hasText: `已创建用户 ${username}` })).toBeVisible();
  const password = (await page.getByTestId("generated-password").textContent())?.trim() ?? "";
  expect(password).toHaveLength(16);
  await page.getByRole("link", { name: "查看该用户" }).click();
  await expect(page).toHaveURL(/\/admin\/users\/\d+$/);
  const userId = /\/admin\/users\/(\d+)$/.exec(page.url())![1]!;
  await expect(page.getByRole("heading", { level: 1, name: `端到端填报员（${username}）` })).toBeVisible();

  // The new editor signs in with the generated password.
  const editor = await freshPage(browser);
  await signIn(editor, username, password);
  await expect(editor.getByRole("heading", { level: 1 }).first()).toBeVisible();

  // The admin deactivates them: their open session ends and they cannot sign in again.
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "停用账号" }).click();
  await expect(page.getByRole("status").filter({ hasText: "账号已停用。" })).toBeVisible();
  await expect(page.getByRole("button", { name: "重新启用" })).toBeVisible();

  await editor.reload();
  await expect(editor).toHaveURL(/\/login/);
  await editor.getByLabel("用户名").fill(username);
  await editor.getByLabel("密码").fill(password);
  await editor.getByRole("button", { name: "登录" }).click();
  await expect(editor.getByRole("main").getByRole("alert")).toHaveText("该账号已停用，请联系管理员。");
  await editor.context().close();

  // The audit log, filtered through its form, shows both changes by admin and, between them, the
  // editor's sign-in (a security event), newest first.
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1, name: "审计日志" })).toBeVisible();
  await page.getByLabel("对象类型").selectOption("user");
  await page.getByLabel("对象编号").fill(userId);
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(new RegExp(`entityType=user.*entityId=${userId}`));
  const entries = page.getByTestId("audit-entries").getByRole("listitem");
  await expect(entries).toHaveCount(3);
  // Labels from the catalogue, the actor by display name and department, the object by its kind.
  await expect(entries.nth(0).getByTestId("audit-action")).toHaveText("停用账号");
  await expect(entries.nth(0).getByTestId("audit-actor")).toHaveText(admin.displayName);
  await expect(entries.nth(0).getByTestId("audit-entity")).toHaveText(`账号 #${userId}`);
  await expect(entries.nth(0)).toContainText("user.deactivate");
  await expect(entries.nth(1).getByTestId("audit-action")).toHaveText("登录成功");
  await expect(entries.nth(1).getByTestId("audit-actor")).toHaveText("端到端填报员（省大数据局）");
  await expect(entries.nth(2).getByTestId("audit-action")).toHaveText("创建账号");
  // Deactivation changes two things: the account is inactive, and its sessions end (session version).
  await entries.nth(0).getByText("查看 2 项变更").click();
  const change = entries.nth(0).getByRole("row", { name: /active/ });
  await expect(change).toContainText("true");
  await expect(change).toContainText("false");
  await expect(entries.nth(0).getByRole("row", { name: /sessionVersion/ })).toBeVisible();
  await expect(page.getByText(/\$2[aby]\$/)).toHaveCount(0);
  // Filtered by action kind and by the actor's display name.
  await page.goto(`/admin/audit?kind=user&actor=${encodeURIComponent("端到端填报员")}&entityId=${userId}`);
  await expect(page.getByLabel("操作类型")).toHaveValue("user");
  await expect(entries).toHaveCount(0);
  // By username: both projects create an editor named 端到端填报员, so the display name alone is not one user.
  await page.goto(`/admin/audit?kind=auth&actor=${encodeURIComponent(username)}`);
  await expect(entries.getByTestId("audit-action").filter({ hasText: "登录成功" })).toHaveCount(1);
  await expect(entries.getByTestId("audit-actor").first()).toHaveText("端到端填报员（省大数据局）");
  await expectNoSeriousViolations(page);
});

test("the create form ties clear errors to their fields", async ({ page }) => {
  await signInAs(page, "ADMIN");
  await page.goto("/admin/users/new");
  // A taken username, a weak password of one's own, an editor without a department.
  await page.getByLabel("用户名").fill("admin");
  await page.getByLabel("姓名").fill("重复的账号");
  await page.getByLabel("由我设定").check();
  await page.getByLabel("初始密码", { exact: true }).fill("short");
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.getByRole("alert").first()).toContainText("提交的内容不符合要求");
  await expect(page.getByLabel("所属单位")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("所属单位")).toHaveAccessibleDescription(/单位填报员必须指定所属单位/);
  await expect(page.getByLabel("初始密码", { exact: true })).toHaveAccessibleDescription(/至少 10 个字符/);

  // With a department and a good password, the taken username is the remaining problem.
  await page.getByLabel("所属单位").selectOption({ label: "省大数据局" });
  await page.getByLabel("初始密码", { exact: true }).fill("Good#Password2026");
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.getByRole("alert").first()).toContainText("用户名与已有账号「admin」相同或形近");
  await expect(page.getByLabel("用户名")).toHaveAccessibleDescription(/已有账号「admin」相同或形近/);

  // Look-alikes of it are the same name (outside probe 2026-12): upper case, full width…
  for (const twin of ["ADMIN", "ａｄｍｉｎ"]) {
    await page.getByLabel("用户名").fill(twin);
    await page.getByRole("button", { name: "创建用户" }).click();
    await expect(page.getByLabel("用户名")).toHaveAccessibleDescription(/已有账号「admin」相同或形近/);
  }
  // …and a Cyrillic а mixed into Latin is refused outright.
  await page.getByLabel("用户名").fill("\u0430dmin");
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.getByLabel("用户名")).toHaveAccessibleDescription(/不能混用拉丁字母与西里尔字母或希腊字母/);
});

test("refusals come in the interface's language: switching to English switches the errors", async ({ page }) => {
  await signInAs(page, "ADMIN");
  await page.goto("/admin/users/new");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByLabel("Username").fill("admin");
  await page.getByRole("textbox", { name: /^Name/ }).fill("Duplicate");
  await page.getByLabel("Set it myself").check();
  await page.getByLabel("Initial password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Create user" }).click();
  const alert = page.getByRole("alert").first();
  await expect(alert).toContainText("The input is invalid");
  await expect(page.getByLabel("Department")).toHaveAccessibleDescription(/A department editor needs a department/);
  await expect(page.getByLabel("Initial password", { exact: true })).toHaveAccessibleDescription(
    /The password needs at least 10 characters/,
  );
  // One language per screen: nothing of the refusal is in Chinese.
  expect(await alert.textContent()).not.toMatch(/[\u4e00-\u9fff]/);

  // Back in Chinese, the same refusal is worded in Chinese only.
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByLabel("用户名").fill("admin");
  await page.getByLabel("由我设定").check();
  await page.getByLabel("初始密码", { exact: true }).fill("short");
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.getByRole("alert").first()).toContainText("提交的内容不符合要求");
  expect(await page.getByRole("alert").first().textContent()).not.toContain("invalid");
});

test("an admin resets a password and the user signs in with the new one", async ({ page, browser }) => {
  const username = unique("e2e-viewer");
  await signInAs(page, "ADMIN");
  await page.goto("/admin/users/new");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("姓名").fill("端到端观察员");
  await page.getByLabel("角色").selectOption("VIEWER");
  await expect(page.getByLabel("所属单位")).toBeDisabled();
  await page.getByLabel("由我设定").check();
  await page.getByLabel("初始密码", { exact: true }).fill("First#Pass2026");
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page).toHaveURL(/\/admin\/users\/\d+\?created=1$/);

  await page.getByRole("button", { name: "重置密码" }).click();
  await expect(page.getByRole("status").filter({ hasText: "密码已重置。" })).toBeVisible();
  const password = (await page.getByTestId("generated-password").textContent())?.trim() ?? "";

  const user = await freshPage(browser);
  await signIn(user, username, password);
  await user.context().close();

  // Back in the list, filtered by text and role.
  await page.goto(`/admin/users?q=${encodeURIComponent(username)}&role=VIEWER`);
  await expect(page.getByText("共 1 个账号")).toBeVisible();
  await expect(page.getByRole("link", { name: username }).first()).toBeVisible();
});

test("an admin adds and removes a department alias; a taken alias is refused clearly", async ({ page }) => {
  const alias = unique("别名");
  await signInAs(page, "ADMIN");
  await page.goto("/admin/departments");
  await expect(page.getByRole("heading", { level: 1, name: "单位管理" })).toBeVisible();
  await page.getByRole("link", { name: "省大数据局", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "省大数据局" })).toBeVisible();

  await page.getByLabel("新别名").fill(alias);
  await page.getByRole("button", { name: "添加别名" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: alias })).toBeVisible();

  await page.getByLabel("新别名").fill("山东省大数据局");
  await page.getByRole("button", { name: "添加别名" }).click();
  await expect(page.getByLabel("新别名")).toHaveAccessibleDescription(/已属于「省大数据局」/);

  await page.getByRole("button", { name: `删除别名 ${alias}` }).click();
  await expect(page.getByRole("listitem").filter({ hasText: alias })).toHaveCount(0);
});

test("a viewer gets the 403 page on every admin page and sees no admin link", async ({ page }) => {
  await signInAs(page, "VIEWER");
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "系统管理" })).toHaveCount(0);
  for (const path of [
    "/admin",
    "/admin/users",
    "/admin/users/new",
    "/admin/users/1",
    "/admin/departments",
    "/admin/audit",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "无权访问此页面" })).toBeVisible();
    await expect(page.getByTestId("forbidden-page")).toContainText(
      "此页面需要系统管理员权限，您当前的角色是只读用户。",
    );
    await expect(page.getByTestId("forbidden-page")).toContainText("请联系省大数据局管理员");
  }
});

test("the admin pages never scroll sideways (375 px in the phone project)", async ({ page }) => {
  await signInAs(page, "ADMIN");
  for (const path of ["/admin", "/admin/users", "/admin/users/new", "/admin/departments", "/admin/audit"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // Wide tables scroll inside their own container; the page itself never scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});
