/**
 * The Debian packages the test suite needs: Chromium and CJK fonts for Playwright, and the PostgreSQL
 * server binaries for the scratch database. Installed with apt-get when missing and running as root
 * (CI, fresh machines); otherwise a clear message says what to install.
 */
import { execSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

function hasCjkFont(): boolean {
  const res = spawnSync("fc-list", [":lang=zh"], { encoding: "utf8" });
  return res.status === 0 && /Noto (Sans|Serif) CJK/i.test(res.stdout);
}

function hasPostgres(): boolean {
  const root = "/usr/lib/postgresql";
  return existsSync(root) && readdirSync(root).some((v) => existsSync(`${root}/${v}/bin/pg_ctl`));
}

export function ensureSystemPackages(needs: { browser: boolean; postgres: boolean }, log: (l: string) => void): void {
  const missing: string[] = [];
  if (needs.browser && !existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium")) missing.push("chromium");
  if (needs.browser && !hasCjkFont()) missing.push("fonts-noto-cjk");
  if (needs.postgres && !process.env.TEST_DATABASE_URL && !hasPostgres()) missing.push("postgresql");
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `Missing system packages: ${missing.join(" ")}. Install them with: sudo apt-get install -y ${missing.join(" ")}`,
    );
  }
  log(`installing system packages: ${missing.join(" ")} (about 30 s)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execSync("apt-get update -qq", { stdio: "inherit", env });
  execSync(`apt-get install -y -qq --no-install-recommends ${missing.join(" ")} fontconfig`, { stdio: "inherit", env });
}
