/**
 * Single sign-on against a real OpenID Connect provider: the certified `oidc-provider` package on
 * loopback (tests/e2e/support/oidc-provider.ts, its own login and consent pages), and a production
 * server of the app of this spec's own, with OIDC_* pointing at that provider and a database of its own
 * (the main e2e server has no single sign-on, so the other specs see the sign-in page they expect).
 * Both are started here and stopped here. Accounts are provisioned the way an administrator does it:
 * through the user administration pages, with the email the provider asserts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { connect, createServer } from "node:net";
import { createInterface } from "node:readline";
import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { DEMO_PASSWORD } from "./support/auth";
import { PROVIDER_ACCOUNTS, PROVIDER_CLIENT, type ProviderAccount } from "./support/oidc-accounts";

test.skip(({ isMobile }) => isMobile, "one run is enough: this tests the sign-on protocol, not the layout");
test.describe.configure({ mode: "serial" });
// Each test walks the provider's pages once or twice against a server of its own on a shared machine.
test.setTimeout(180_000);

const DATABASE = "dpt_e2e_sso";
const PROVIDER_NAME = "测试身份平台";
const SSO_BUTTON = `使用${PROVIDER_NAME}登录`;

interface Started {
  child: ChildProcess;
  output: () => string;
}

let provider: (Started & { issuer: string; port: number }) | undefined;
let app: (Started & { base: string }) | undefined;
let databaseUrl = "";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function capture(child: ChildProcess): () => string {
  let output = "";
  const append = (d: Buffer) => (output = (output + d.toString()).slice(-100_000));
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  return () => output;
}

async function startProvider(redirectUri: string): Promise<NonNullable<typeof provider>> {
  const child = spawn(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "tests/e2e/support/oidc-provider.ts", redirectUri],
    {
      // stdin stays open: the provider stops when it closes, so it cannot outlive this worker.
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the OIDC provider exited (${code}):\n${stderr}`)));
    setTimeout(() => reject(new Error(`the OIDC provider did not start:\n${stderr}`)), 60_000);
  });
  const { issuer } = JSON.parse(first) as { issuer: string };
  const url = new URL(issuer);
  expect(url.hostname).toBe("127.0.0.1");
  return { child, issuer, port: Number(url.port), output: () => stderr };
}

async function startApp(port: number, issuer: string): Promise<NonNullable<typeof app>> {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/start.ts", "--no-build"],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: "127.0.0.1",
        SEED_ON_START: "always",
        SEED_DEMO_USERS: "true",
        NEXTAUTH_SECRET: "e2e-sso-only-secret-e2e-sso-only-secret-0123",
        NEXTAUTH_URL: base,
        // With a trailing slash, as operators paste it; the discovery document is under the realm path.
        OIDC_ISSUER: `${issuer}/`,
        OIDC_CLIENT_ID: PROVIDER_CLIENT.clientId,
        OIDC_CLIENT_SECRET: PROVIDER_CLIENT.clientSecret,
        OIDC_NAME: PROVIDER_NAME,
      },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group: the launcher and the Next.js server it spawns stop together.
      detached: true,
    },
  );
  const output = capture(child);
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${output()}`);
    const healthy = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) throw new Error(`the app did not become healthy:\n${output()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return { child, base, output };
}

function stop(child: ChildProcess, group: boolean): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => (group ? process.kill(-child.pid!, "SIGKILL") : child.kill("SIGKILL")), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    if (group) process.kill(-child.pid!, "SIGTERM");
    else child.kill("SIGTERM");
  });
}

const refusesConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });

async function adminQuery<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  return context.newPage();
}

/** The sign-in page's own form (exact name: the single sign-on button also says 登录). */
async function passwordSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${app!.base}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  // A fresh server on a busy machine: the first sign-in (bcrypt, first compile of routes) can be slow.
  await expect(page).not.toHaveURL(/\/login/, { timeout: 30_000 });
}

/** From the app's sign-in page through the provider's login and consent pages, back to the app. */
async function ssoSignIn(page: Page, account: ProviderAccount, consent: "allow" | "deny" = "allow"): Promise<void> {
  await page.goto(`${app!.base}/login`);
  await page.getByRole("button", { name: SSO_BUTTON }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider!.issuer}/interaction/`), { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Sign in to the test identity provider" })).toBeVisible();
  await page.getByLabel("Username").fill(account.login);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Authorize access" })).toBeVisible();
  await expect(page.getByText("openid profile email")).toBeVisible();
  await page.getByRole("button", { name: consent === "allow" ? "Allow" : "Deny" }).click();
  // Back in the app once its callback has exchanged the code and fetched userinfo.
  await expect(page).toHaveURL(new RegExp(`^${app!.base}/(?!api/auth/callback)`), { timeout: 30_000 });
}

async function provision(page: Page, user: { username: string; name: string; email: string; role: string }) {
  await page.goto(`${app!.base}/admin/users/new`);
  await page.getByLabel("用户名").fill(user.username);
  await page.getByLabel("姓名").fill(user.name);
  await page.getByLabel("邮箱").fill(user.email);
  await page.getByLabel("角色").selectOption(user.role);
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.getByRole("status").filter({ hasText: `已创建用户 ${user.username}` })).toBeVisible();
}

const subjectOf = async (username: string) =>
  (
    await adminQuery<{ oidc_subject: string | null }>(
      databaseUrl,
      `SELECT "oidcSubject" AS oidc_subject FROM app_user WHERE username = $1`,
      [username],
    )
  )[0]?.oidc_subject;

test.beforeAll(async ({ browser }, testInfo) => {
  if (testInfo.project.name !== "desktop") return;
  testInfo.setTimeout(240_000);
  const e2eUrl = process.env.E2E_DATABASE_URL;
  if (!e2eUrl) throw new Error("E2E_DATABASE_URL is not set: run the e2e tests through `npm test -- e2e`");
  const adminUrl = new URL(e2eUrl);
  adminUrl.pathname = "/postgres";
  await adminQuery(adminUrl.toString(), `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await adminQuery(adminUrl.toString(), `CREATE DATABASE ${DATABASE}`);
  const dbUrl = new URL(e2eUrl);
  dbUrl.pathname = `/${DATABASE}`;
  databaseUrl = dbUrl.toString();

  const appPort = await freePort();
  provider = await startProvider(`http://127.0.0.1:${appPort}/api/auth/callback/oidc`);
  app = await startApp(appPort, provider.issuer);

  // An administrator provisions the people who will sign on, with the emails the provider asserts.
  const admin = await freshPage(browser);
  await passwordSignIn(admin, "admin", DEMO_PASSWORD);
  await provision(admin, { username: "alice", name: "艾丽斯", email: "alice.sso@example.gov.cn", role: "ADMIN" });
  await provision(admin, { username: "bob", name: "鲍勃", email: "bob.viewer@example.gov.cn", role: "VIEWER" });
  await provision(admin, { username: "carol", name: "卡罗尔", email: "carol.sso@example.gov.cn", role: "VIEWER" });
  await admin.context().close();
});

test.afterAll(async ({}, testInfo) => {
  if (testInfo.project.name !== "desktop") return;
  if (app) await stop(app.child, true);
  if (provider) {
    await stop(provider.child, false);
    // Stopped by the test: nothing listens on the provider's port any more.
    expect(await refusesConnections(provider.port)).toBe(true);
  }
});

test("a provisioned administrator signs on through the provider, gets the admin pages, and signs out", async ({
  browser,
}) => {
  const page = await freshPage(browser);
  await ssoSignIn(page, PROVIDER_ACCOUNTS.alice);
  await expect(page).toHaveURL(`${app!.base}/`);
  // The app's own account (name and role from the app, not from the provider's claims).
  await expect(page.getByLabel("当前用户")).toHaveText("艾丽斯（管理员）");
  expect(await subjectOf("alice")).toBe(PROVIDER_ACCOUNTS.alice.sub);
  await page.goto(`${app!.base}/admin/users`);
  await expect(page.getByRole("heading", { level: 1, name: "用户管理" })).toBeVisible();

  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
  for (const path of ["/", "/tasks", "/admin/users"]) {
    await page.goto(`${app!.base}${path}`);
    await expect(page).toHaveURL(/\/login/);
  }
  const session = await page.request.get(`${app!.base}/api/auth/session`);
  expect(await session.json()).toEqual({});

  // Signing on again later finds her by subject.
  const again = await freshPage(browser);
  await ssoSignIn(again, PROVIDER_ACCOUNTS.alice);
  await expect(again.getByLabel("当前用户")).toHaveText("艾丽斯（管理员）");
});

test("another provider account asserting the same email under another subject cannot take the account", async ({
  browser,
}) => {
  expect(await subjectOf("alice")).toBe(PROVIDER_ACCOUNTS.alice.sub);
  const page = await freshPage(browser);
  await ssoSignIn(page, PROVIDER_ACCOUNTS.mallory);
  await expect(page).toHaveURL(/\/login\?error=sso-subject-mismatch/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "该邮箱对应的本平台账号已绑定另一个统一身份认证账号，不能用当前身份登录。如需更换，请联系管理员。",
  );
  await page.goto(`${app!.base}/tasks`);
  await expect(page).toHaveURL(/\/login/);
  expect(await subjectOf("alice")).toBe(PROVIDER_ACCOUNTS.alice.sub);
});

test("a provisioned viewer signs on (email asserted in another case) and is kept out of the admin pages", async ({
  browser,
}) => {
  const page = await freshPage(browser);
  await ssoSignIn(page, PROVIDER_ACCOUNTS.bob);
  await expect(page.getByLabel("当前用户")).toHaveText("鲍勃（只读用户）");
  expect(await subjectOf("bob")).toBe(PROVIDER_ACCOUNTS.bob.sub);
  await page.goto(`${app!.base}/admin/users`);
  await expect(page.getByRole("heading", { level: 1, name: "无权访问此页面" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "用户管理" })).toHaveCount(0);
});

test("a user the app does not know is refused with a clear message", async ({ browser }) => {
  const page = await freshPage(browser);
  await ssoSignIn(page, PROVIDER_ACCOUNTS.dave);
  await expect(page).toHaveURL(/\/login\?error=sso-unknown-user/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "统一身份认证通过，但本平台尚未为您开通账号，请联系管理员。",
  );
  await page.goto(`${app!.base}/`);
  await expect(page).toHaveURL(/\/login/);
});

test("an email the provider has not verified is refused, and the account stays unbound", async ({ browser }) => {
  const page = await freshPage(browser);
  await ssoSignIn(page, PROVIDER_ACCOUNTS.carol);
  await expect(page).toHaveURL(/\/login\?error=sso-unverified-email/);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("未提供经过验证的邮箱");
  expect(await subjectOf("carol")).toBeNull();
});

test("declining consent at the provider comes back to the sign-in page with a message", async ({ browser }) => {
  const page = await freshPage(browser);
  await ssoSignIn(page, PROVIDER_ACCOUNTS.alice, "deny");
  // The provider answers access_denied; next-auth sends its own code (Callback) to the sign-in page.
  await expect(page).toHaveURL(/\/login\?(.*&)?error=Callback/);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("统一身份认证未完成");
  await page.goto(`${app!.base}/`);
  await expect(page).toHaveURL(/\/login/);
});
