import { defineConfig, devices } from "@playwright/test";

// Run through `npm test` (scripts/test.ts), which provides a fresh database and a free port.
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [["list"], ["json"]],
  use: { baseURL, launchOptions: chromium, locale: "zh-CN", timezoneId: "Asia/Shanghai", trace: "retain-on-failure" },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions: chromium } },
    {
      name: "phone",
      use: {
        viewport: { width: 375, height: 812 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        launchOptions: chromium,
      },
    },
  ],
  webServer: {
    command: "node_modules/.bin/tsx --conditions=react-server scripts/start.ts --no-build",
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_ON_START: "always",
      SEED_DEMO_USERS: "true",
      // The seed has about 70 lead units: a low limit puts the overview's unit search (used at national
      // scale) under test in the browser; the plain list is the same SelectField as elsewhere.
      OVERVIEW_UNIT_LIST_LIMIT: "20",
      // The suite's deliberate wrong passwords (lockout tests) must not slow every later sign-in down as a
      // suspected password spray; that is proven in tests/integration/sign-in-spray.test.ts.
      SIGN_IN_SPRAY_THRESHOLD: "100000",
      NEXTAUTH_SECRET: "e2e-only-secret-e2e-only-secret-0123456789",
      NEXTAUTH_URL: baseURL,
    },
  },
});
