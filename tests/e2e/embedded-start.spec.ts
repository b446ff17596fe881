/**
 * The README's start command on the embedded default: a fresh data directory is migrated and seeded,
 * /api/health reports the embedded mode, and the data survives a hard kill and restart.
 * Runs the real launcher (scripts/start.ts) against the production build made for the e2e run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./support/auth";

test.skip(({ isMobile }) => isMobile, "one run is enough: this tests the launcher, not the layout");
test.setTimeout(180_000);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function startApp(dataDir: string, port: number): { child: ChildProcess; output: () => string } {
  let output = "";
  const child = spawn(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/start.ts", "--no-build"],
    {
      env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

async function waitForHealth(base: string, app: { output: () => string }): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) return (await response.json()) as Record<string, unknown>;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not become healthy:\n${app.output()}`);
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    // The whole process group: the launcher (holding PGlite) and the Next.js server it spawned.
    process.kill(-child.pid!, "SIGKILL");
  });
}

test("npm start on the embedded database: seeded, healthy, and durable across a hard kill", async ({ page }) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "dpt-embedded-start-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  try {
    const first = startApp(dataDir, port);
    const health = await waitForHealth(base, first);
    expect(health).toMatchObject({ status: "ok", database: { mode: "embedded", connected: true } });
    expect(first.output()).toContain("database: embedded PGlite");
    // The embedded demo seeds its demo accounts.
    await signIn(page, "viewer", DEMO_PASSWORD, base);
    await page.goto(`${base}/documents`);
    await expect(page.getByRole("main").getByRole("listitem")).toHaveCount(4);
    // The demo's first start adds sample data, and every page says so.
    expect(first.output()).toContain("sample data:");
    await expect(page.getByTestId("sample-data-banner")).toContainText("示例数据");
    // A page that runs several queries at once (task, history, report form) on the single-connection pool.
    await page.goto(`${base}/tasks`);
    await page.locator('main a[href^="/tasks/"]:not([href^="/tasks/export"])').first().click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("编号");
    await expect(page.getByRole("heading", { name: "进展记录" })).toBeVisible();
    await killHard(first.child);

    const second = startApp(dataDir, port);
    await waitForHealth(base, second);
    expect(second.output()).toContain("seed: documents already present");
    await page.goto(`${base}/documents`);
    await expect(page.getByRole("main").getByRole("listitem")).toHaveCount(4);
    await killHard(second.child);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
