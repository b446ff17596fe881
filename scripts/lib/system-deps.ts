/**
 * The Debian packages the test suite needs: Chromium and CJK fonts for Playwright, the PostgreSQL
 * server binaries for the scratch database, and LibreOffice with poppler-utils for the tests that render
 * the bulletin's Word, Excel and PDF files as an office suite prints them (with the CJK fonts and the
 * Liberation faces that stand in for Times New Roman). Installed with apt-get when missing and running as root
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

function hasLiberation(): boolean {
  const res = spawnSync("fc-list", [":family=Liberation Serif"], { encoding: "utf8" });
  return res.status === 0 && res.stdout.trim() !== "";
}

export function ensureSystemPackages(
  needs: { browser: boolean; postgres: boolean; office?: boolean },
  log: (l: string) => void,
): void {
  const missing: string[] = [];
  if (needs.office) {
    if (!existsSync("/usr/bin/soffice")) missing.push("libreoffice-writer", "libreoffice-calc", "libreoffice-impress");
    else if (!existsSync("/usr/lib/libreoffice/program/libsdlo.so")) missing.push("libreoffice-impress");
    if (!existsSync("/usr/bin/pdftotext")) missing.push("poppler-utils");
    if (!hasLiberation()) missing.push("fonts-liberation");
    if (!hasCjkFont()) missing.push("fonts-noto-cjk");
  }
  if (needs.browser && !existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium")) missing.push("chromium");
  if (needs.browser && !hasCjkFont() && !missing.includes("fonts-noto-cjk")) missing.push("fonts-noto-cjk");
  if (needs.postgres && !process.env.TEST_DATABASE_URL && !hasPostgres()) missing.push("postgresql");
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `Missing system packages: ${missing.join(" ")}. Install them with: sudo apt-get install -y ${missing.join(" ")}`,
    );
  }
  log(`installing system packages: ${missing.join(" ")} (about 30 s; LibreOffice a few minutes)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execSync("apt-get update -qq", { stdio: "inherit", env });
  execSync(`apt-get install -y -qq --no-install-recommends ${missing.join(" ")} fontconfig`, { stdio: "inherit", env });
}
