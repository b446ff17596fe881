/** Runs `next build` when no build exists or a source file is newer than the last build. */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const WATCHED = [
  "app",
  "components",
  "lib",
  "messages",
  "public",
  "next.config.js",
  "postcss.config.mjs",
  "package-lock.json",
];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

export function buildIfNeeded(log: (line: string) => void): void {
  const buildId = path.join(".next", "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changedAt = Math.max(...WATCHED.map(newestMtime));
  if (builtAt > changedAt) {
    log("production build is up to date");
    return;
  }
  log(builtAt ? "sources changed since the last build: building…" : "no production build yet: building (about 30 s)…");
  const res = spawnSync(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (res.status !== 0) throw new Error("next build failed; see the messages above");
}
