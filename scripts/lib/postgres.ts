/**
 * Starts a throw-away PostgreSQL server (the Debian binaries) in a scratch directory, for tests,
 * benchmarks and migration generation. PostgreSQL refuses to run as root, so as root the server runs
 * as the `postgres` OS user through runuser.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { findPgBin } from "../../lib/db/postgres-bin";

export interface ScratchPostgres {
  url: (database?: string) => string;
  port: number;
  dir: string;
  stop: () => void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

function run(bin: string, args: string[], opts: { quiet?: boolean } = {}): void {
  const cmd = isRoot ? "runuser" : bin;
  const full = isRoot ? ["-u", "postgres", "--", bin, ...args] : args;
  const res = spawnSync(cmd, full, { encoding: "utf8" });
  if (res.status !== 0) {
    throw new Error(`${path.basename(bin)} ${args.join(" ")} failed:\n${res.stdout}\n${res.stderr}`);
  }
  if (!opts.quiet && res.stderr.trim()) process.stderr.write(res.stderr);
}

/**
 * `durable: true` keeps PostgreSQL's crash-safe defaults (fsync, synchronous commit, full-page writes) —
 * for benchmarks, whose write numbers must be what a real server would see. Tests trade them for speed.
 */
export async function startScratchPostgres(
  options: { port?: number; durable?: boolean } = {},
): Promise<ScratchPostgres> {
  const bin = findPgBin();
  const dir = mkdtempSync(path.join(tmpdir(), "dpt-pg-"));
  const data = path.join(dir, "data");
  if (isRoot) {
    chmodSync(dir, 0o755);
    execFileSync("chown", ["postgres:postgres", dir]);
  }
  const port = options.port ?? (await freePort());
  run(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], {
    quiet: true,
  });
  const settings = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    ...(options.durable ? [] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]),
    "-c max_connections=200",
    "-c shared_buffers=256MB",
  ].join(" ");
  run(path.join(bin, "pg_ctl"), ["-D", data, "-o", settings, "-l", path.join(dir, "server.log"), "-w", "start"], {
    quiet: true,
  });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], { quiet: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return {
    port,
    dir,
    url: (database = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    stop,
  };
}

/** Restart helper for reliability tests: stop and start the same data directory. */
export function pgCtl(dir: string, action: "stop" | "start", port: number): void {
  const bin = findPgBin();
  const data = path.join(dir, "data");
  if (action === "stop") run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"], { quiet: true });
  else
    run(
      path.join(bin, "pg_ctl"),
      [
        "-D",
        data,
        "-o",
        `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off`,
        "-l",
        path.join(dir, "server.log"),
        "-w",
        "start",
      ],
      { quiet: true },
    );
}
