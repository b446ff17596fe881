/**
 * Password spraying without a trustworthy address (TRUST_PROXY=false; outside probe 2026-12, finding 8),
 * through next-auth's own handler and our credentials provider on real PostgreSQL: once 30 sign-ins
 * have failed across accounts within 15 minutes, every sign-in waits its turn (0.5 s, doubling per
 * further failure), and when the queue is full an attempt is refused as "busy" without its password
 * being checked.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AuthOptions } from "next-auth";
import { AuthHandler } from "../../node_modules/next-auth/core/index.js";
import { detectOrigin } from "../../node_modules/next-auth/utils/detect-origin.js";
import { hashPassword } from "../../lib/server/auth/passwords";
import { setUpIntegrationDatabase } from "../support/integration";

const PASSWORD = "Spray#Check2026";
const db = setUpIntegrationDatabase({
  env: {
    NEXTAUTH_URL: "http://127.0.0.1:3998",
    NEXTAUTH_SECRET: "integration-only-secret-0123456789abcdef",
    TRUST_PROXY: "false",
  },
});
let options: AuthOptions;
let origin: string;

beforeAll(async () => {
  await db.prisma.user.create({
    data: { username: "spray-target", displayName: "t", role: "VIEWER", passwordHash: await hashPassword(PASSWORD) },
  });
  const { getAuthOptions } = await db.load(() => import("../../lib/server/auth/options"));
  options = getAuthOptions() as AuthOptions;
  origin = detectOrigin(undefined, undefined) ?? "";
});

beforeEach(async () => {
  await db.prisma.loginAttempt.deleteMany();
});

/** A password sign-in through next-auth's handler: the error code, or null when signed in. */
async function signIn(username: string, password: string): Promise<string | null> {
  const csrf = await AuthHandler<{ csrfToken: string }>({
    req: { action: "csrf", method: "GET", origin, headers: {}, query: {}, cookies: {}, body: {} },
    options,
  });
  const csrfCookie = csrf.cookies!.find((cookie) => cookie.name.endsWith("next-auth.csrf-token"))!;
  const callback = await AuthHandler({
    req: {
      action: "callback",
      providerId: "credentials",
      method: "POST",
      origin,
      // A client-chosen X-Forwarded-For: ignored with TRUST_PROXY=false.
      headers: { "x-forwarded-for": `203.0.113.${Math.floor(Math.random() * 250)}` },
      query: {},
      cookies: { [csrfCookie.name]: csrfCookie.value },
      body: { username, password, csrfToken: csrf.body!.csrfToken, json: "true" },
    },
    options,
  });
  return /[?&]error=([^&]+)/.exec(callback.redirect ?? "")?.[1] ?? null;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

const sprayFailures = (count: number) =>
  db.prisma.loginAttempt.createMany({
    data: Array.from({ length: count }, (_, i) => ({ username: `sprayed-${i}`, ip: null, success: false })),
  });

describe("a password spray over direct connections", () => {
  it("neither queues nor refuses anything below the threshold", async () => {
    await sprayFailures(25);
    // Four parallel guesses bring the total to 29: all are checked ("invalid"), none is "busy".
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => signIn(`below-${i}`, "guess")));
    expect(results).toEqual(Array.from({ length: 4 }, () => "invalid"));
    expect(await signIn("spray-target", PASSWORD)).toBeNull();
  });

  it("spaces sign-ins out once 30 failures across accounts are recorded, right password or not", async () => {
    await sprayFailures(30);
    const right = await timed(() => signIn("spray-target", PASSWORD));
    expect(right.value).toBeNull();
    expect(right.ms).toBeGreaterThanOrEqual(500);
    // A wrong guess adds a failure: the next attempt waits twice as long.
    expect(await signIn("someone-else", "guess")).toBe("invalid");
    const next = await timed(() => signIn("spray-target", PASSWORD));
    expect(next.value).toBeNull();
    expect(next.ms).toBeGreaterThanOrEqual(1000);
  });

  it("refuses attempts beyond the queue as busy, without checking or recording them", async () => {
    await sprayFailures(30);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(`parallel-${i}`, "guess")));
    expect(results.filter((r) => r === "busy").length).toBeGreaterThanOrEqual(1);
    expect(results.every((r) => r === "busy" || r === "invalid")).toBe(true);
    // Only the attempts that got their turn were recorded.
    const recorded = await db.prisma.loginAttempt.count({ where: { username: { startsWith: "parallel-" } } });
    expect(recorded).toBe(results.filter((r) => r === "invalid").length);
  });
});
