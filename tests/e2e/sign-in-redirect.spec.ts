/**
 * The callback after sign-in stays on this site (outside probe 2026-12, finding 2): a callbackUrl whose
 * path normalises to a scheme-relative URL ("/.//evil.example/…" → "//evil.example/…") used to send the
 * browser to another host once the password was right. Each variant signs in through the real form in a
 * fresh browser context; the foreign host is intercepted in the browser (it answers a marker page, no
 * traffic leaves the machine), so on the old code the test sees the browser land there.
 */
import { expect, test, type Browser } from "@playwright/test";
import { DEMO_PASSWORD } from "./support/auth";

const VARIANTS = [
  "/.//evil.example/phish",
  "/..//evil.example/phish",
  "/./\\evil.example/phish",
  "/%2e//evil.example/phish",
  "/%2E%2E//evil.example/phish",
  "/tasks/..//evil.example/phish",
  "/a/b/../..//evil.example/phish",
  "/.//evil.example",
  "/.///evil.example/phish",
  "/%2F%2Fevil.example/phish",
  "/%5cevil.example/phish",
  "/%2F/evil.example/phish",
  "/\uff0fevil.example/phish",
  "//evil.example/phish",
  "/\\evil.example/phish",
  "http://evil.example/phish",
];

async function signInWithCallback(browser: Browser, baseURL: string, callbackUrl: string) {
  const context = await browser.newContext({ baseURL, locale: "zh-CN" });
  // Anything the browser asks of the foreign host is answered here, so a redirect there is visible.
  await context.route(/^https?:\/\/evil\.example(\/|$)/, (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<title>phished</title><h1>phished</h1>" }),
  );
  const page = await context.newPage();
  await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("用户名").fill("viewer");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login") || url.host !== new URL(baseURL).host, {
    timeout: 15_000,
  });
  // Let a client-side navigation that follows the first one finish.
  await page.waitForLoadState("load");
  return { page, context };
}

test.describe("the callback after sign-in", () => {
  // URL resolution is the browser engine's, the same Chromium in both projects: one run is the proof.
  test.beforeEach(({}, testInfo) => {
    test.skip(testInfo.project.name === "phone", "same engine as desktop");
  });

  for (const variant of VARIANTS) {
    test(`stays on this site for callbackUrl ${JSON.stringify(variant)}`, async ({ browser, baseURL }) => {
      const { page, context } = await signInWithCallback(browser, baseURL!, variant);
      try {
        const landed = new URL(page.url());
        expect(landed.origin, `landed on ${page.url()}`).toBe(new URL(baseURL!).origin);
        // A refused callback falls back to the home page.
        expect(landed.pathname).toBe("/");
        await expect(page.getByRole("heading", { name: "phished" })).toHaveCount(0);
        // Signed in on this site: the app's own sign-out button is there.
        await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
      } finally {
        await context.close();
      }
    });
  }

  test("still follows a same-site callback", async ({ browser, baseURL }) => {
    const { page, context } = await signInWithCallback(browser, baseURL!, "/indicators?x=1");
    try {
      await expect(page).toHaveURL(new URL("/indicators?x=1", baseURL).toString());
      await expect(page.getByRole("heading", { level: 1, name: "指标" })).toBeVisible();
    } finally {
      await context.close();
    }
  });
});
