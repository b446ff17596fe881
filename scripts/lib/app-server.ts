/**
 * The production server (`next start` of the existing build) on loopback, driven over HTTP: shared by
 * the benchmark (scripts/bench.ts) and the reliability layer (tests/reliability/support/stack.ts), which
 * also kills and restarts it; and a session cookie through next-auth's credentials sign-in, as the login
 * form gets one. (API tokens: `generateTokenSecret` in lib/server/api-tokens.ts.)
 */
import { spawn } from "node:child_process";
import path from "node:path";

const OUTPUT_LIMIT = 200_000;

export interface AppServer {
  url: string;
  port: number;
  /** What the server printed (the tail), for failure messages and for finding logged failures. */
  output: () => string;
  /** SIGKILL stops it with no shutdown hooks (in-flight requests die with it); SIGTERM lets it finish. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** Starts `next start` on 127.0.0.1:`port` and resolves once /api/health answers 200. */
export async function startAppServer(options: {
  port: number;
  env: Record<string, string>;
  timeoutMs?: number;
}): Promise<AppServer> {
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(
    process.execPath,
    [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(options.port), "-H", "127.0.0.1"],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NODE_ENV: "production", NEXTAUTH_URL: url, ...options.env },
    },
  );
  let output = "";
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-OUTPUT_LIMIT);
  };
  child.stdout.on("data", append);
  child.stderr.on("data", append);
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await exited;
  };

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output}`);
    const healthy = await fetch(`${url}/api/health`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      await stop("SIGKILL");
      throw new Error(`next start did not answer /api/health in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, port: options.port, output: () => output, stop };
}

/** A session cookie (`name=value`) through next-auth's credentials sign-in. */
export async function signInCookie(baseUrl: string, username: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookies.join("; ") },
    body: new URLSearchParams({ username, password, csrfToken, json: "true" }),
  });
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => /^(__Secure-)?next-auth\.session-token=/.test(c));
  if (!session) throw new Error(`sign-in of ${username} failed (${response.status})`);
  return session;
}
