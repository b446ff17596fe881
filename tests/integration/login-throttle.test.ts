/**
 * Sign-in throttling (lib/server/auth/throttle.ts) on real PostgreSQL: five failures lock the account
 * for 15 minutes, one address is refused after twenty failures, a success resets the count, an
 * administrator's unlock (lib/server/user-admin.ts) lifts the lock, and an unknown username locks the
 * same way (the lockout must not reveal which accounts exist).
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "../../lib/server/auth/passwords";
import { unlockUser } from "../../lib/server/user-admin";
import type * as throttleModule from "../../lib/server/auth/throttle";
import { setUpIntegrationDatabase } from "../support/integration";

// Loaded after DATABASE_URL points at the test database (getDb reads it once per module graph).
type Throttle = typeof throttleModule;

const db = setUpIntegrationDatabase();
let throttle: Throttle;
let serial = 0;
const MINUTE = 60_000;

async function makeUser(): Promise<string> {
  const username = `throttle${Date.now().toString(36)}${serial++}`;
  await db.prisma.user.create({
    data: { username, displayName: username, role: "VIEWER", passwordHash: await hashPassword("Throttle#2026") },
  });
  return username;
}

const user = (username: string) =>
  db.prisma.user.findUniqueOrThrow({
    where: { username },
    select: { failedLoginCount: true, lockedUntil: true, lastLoginAt: true, id: true },
  });

async function fail(username: string, ip: string | null, times: number, at: Date): Promise<void> {
  for (let i = 0; i < times; i++) await throttle.recordAttempt(username, ip, false, at);
}

beforeAll(async () => {
  // throttle.ts reaches the database through getDb(), which reads DATABASE_URL once per module graph.
  throttle = await db.load(() => import("../../lib/server/auth/throttle"));
});

beforeEach(async () => {
  await db.prisma.loginAttempt.deleteMany();
});

describe("login throttle", () => {
  it("locks an account for 15 minutes after 5 failures within the window", async () => {
    const username = await makeUser();
    const now = new Date();
    await fail(username, "10.0.0.1", 4, now);
    expect(await throttle.checkThrottle(username, "10.0.0.1", now)).toEqual({ allowed: true });
    expect((await user(username)).lockedUntil).toBeNull();

    await fail(username, "10.0.0.1", 1, now);
    const row = await user(username);
    expect(row.failedLoginCount).toBe(5);
    expect(row.lockedUntil?.getTime()).toBe(now.getTime() + 15 * MINUTE);

    // Locked from any address, with the remaining time…
    expect(await throttle.checkThrottle(username, "10.9.9.9", new Date(now.getTime() + MINUTE))).toEqual({
      allowed: false,
      retryAfterSeconds: 14 * 60,
    });
    // …and free again once the lock has expired.
    expect(await throttle.checkThrottle(username, "10.0.0.1", new Date(now.getTime() + 15 * MINUTE + 1000))).toEqual({
      allowed: true,
    });
  });

  it("does not count failures older than the window", async () => {
    const username = await makeUser();
    const now = new Date();
    await fail(username, null, 4, new Date(now.getTime() - 16 * MINUTE));
    await fail(username, null, 1, now);
    const row = await user(username);
    expect(row.failedLoginCount).toBe(1);
    expect(row.lockedUntil).toBeNull();
  });

  it("resets the count and records the sign-in on success", async () => {
    const username = await makeUser();
    const now = new Date();
    await fail(username, "10.0.0.2", 3, now);
    expect((await user(username)).failedLoginCount).toBe(3);
    await throttle.recordAttempt(username, "10.0.0.2", true, now);
    const row = await user(username);
    expect(row).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
    expect(row.lastLoginAt?.getTime()).toBe(now.getTime());
  });

  it("refuses an address after 20 failures within the window, whatever the username", async () => {
    const now = new Date();
    for (let i = 0; i < 20; i++) await throttle.recordAttempt(`nobody-${i}`, "10.6.6.6", false, now);
    const username = await makeUser();
    expect(await throttle.checkThrottle(username, "10.6.6.6", now)).toEqual({ allowed: false, retryAfterSeconds: 900 });
    // Another address and the same user: still allowed (the user is not locked).
    expect(await throttle.checkThrottle(username, "10.7.7.7", now)).toEqual({ allowed: true });
    // Unknown usernames leave no user rows behind.
    expect(await db.prisma.user.count({ where: { username: { startsWith: "nobody-" } } })).toBe(0);
  });

  it("lets an administrator unlock a locked account at once", async () => {
    const username = await makeUser();
    const now = new Date();
    await fail(username, null, 5, now);
    expect((await throttle.checkThrottle(username, null, now)).allowed).toBe(false);
    const { id } = await user(username);
    await unlockUser(db.prisma, { id: null, label: "cli" }, { userId: id });
    expect(await throttle.checkThrottle(username, null, now)).toEqual({ allowed: true });
    // After an unlock the count starts again: one more mistake does not lock the account again.
    const later = new Date(now.getTime() + MINUTE);
    await fail(username, null, 1, later);
    expect(await throttle.checkThrottle(username, null, later)).toEqual({ allowed: true });
    expect((await user(username)).failedLoginCount).toBe(1);
    await fail(username, null, 4, new Date(later.getTime() + MINUTE));
    expect((await throttle.checkThrottle(username, null, new Date(later.getTime() + 2 * MINUTE))).allowed).toBe(false);
  });

  it("locks an unknown username exactly like an account, so the lockout reveals nothing", async () => {
    const known = await makeUser();
    const unknown = `nobody${Date.now().toString(36)}`;
    const start = new Date();
    const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);
    // Four failures, each within 15 minutes of the one before: both still allowed.
    for (const minute of [0, 10, 20, 30]) {
      await fail(known, null, 1, at(minute));
      await fail(unknown, null, 1, at(minute));
    }
    for (const name of [known, unknown])
      expect(await throttle.checkThrottle(name, null, at(31))).toEqual({ allowed: true });
    // The fifth locks both for 15 minutes from then.
    await fail(known, null, 1, at(40));
    await fail(unknown, null, 1, at(40));
    for (const name of [known, unknown]) {
      expect(await throttle.checkThrottle(name, null, at(41))).toEqual({ allowed: false, retryAfterSeconds: 14 * 60 });
      expect(await throttle.checkThrottle(name, null, at(55))).toEqual({ allowed: true });
    }
    expect(await db.prisma.user.count({ where: { username: unknown } })).toBe(0);
  });

  it("does not lock an unknown username whose failures are more than the window apart", async () => {
    const unknown = `nobody${Date.now().toString(36)}gap`;
    const start = new Date();
    for (const minute of [0, 10, 20, 36, 40]) {
      await fail(unknown, null, 1, new Date(start.getTime() + minute * MINUTE));
    }
    expect(await throttle.checkThrottle(unknown, null, new Date(start.getTime() + 41 * MINUTE))).toEqual({
      allowed: true,
    });
  });
});

describe("slowing guessers down (progressive delays)", () => {
  const failAt = async (count: number, at: Date, ip: string | null, prefix = "spray") => {
    await db.prisma.loginAttempt.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        username: `${prefix}-${i}`,
        ip,
        success: false,
        createdAt: at,
      })),
    });
  };

  it("doubles the wait per address after 5 failures, up to 8 s, only for that address", async () => {
    const now = new Date();
    await failAt(4, now, "10.8.8.8");
    expect(await throttle.signInWait("10.8.8.8", now)).toEqual({ addressMs: 0, sprayMs: 0 });
    await failAt(1, now, "10.8.8.8", "more");
    expect((await throttle.signInWait("10.8.8.8", now)).addressMs).toBe(500);
    await failAt(3, now, "10.8.8.8", "again");
    expect((await throttle.signInWait("10.8.8.8", now)).addressMs).toBe(4000);
    await failAt(5, now, "10.8.8.8", "later");
    expect((await throttle.signInWait("10.8.8.8", now)).addressMs).toBe(8000);
    expect((await throttle.signInWait("10.9.9.9", now)).addressMs).toBe(0);
    // No address known (TRUST_PROXY=false): no per-address wait.
    expect((await throttle.signInWait(null, now)).addressMs).toBe(0);
    // Failures older than the window no longer count.
    expect((await throttle.signInWait("10.8.8.8", new Date(now.getTime() + 16 * MINUTE))).addressMs).toBe(0);
  });

  it("spaces every sign-in out once 30 failures across accounts suggest a password spray", async () => {
    const now = new Date();
    // 29 failures at 29 different accounts, no address (a direct connection): no spray yet.
    await failAt(29, now, null);
    expect(await throttle.signInWait(null, now)).toEqual({ addressMs: 0, sprayMs: 0 });
    await failAt(1, now, null, "thirtieth");
    expect(await throttle.signInWait(null, now)).toEqual({ addressMs: 0, sprayMs: 500 });
    await failAt(2, now, null, "more");
    expect((await throttle.signInWait(null, now)).sprayMs).toBe(2000);
    // Successes do not count, and the spray mode ends with the window.
    await db.prisma.loginAttempt.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({ username: `ok-${i}`, ip: null, success: true, createdAt: now })),
    });
    expect((await throttle.signInWait(null, now)).sprayMs).toBe(2000);
    expect((await throttle.signInWait(null, new Date(now.getTime() + 16 * MINUTE))).sprayMs).toBe(0);
  });

  it("lets queued sign-ins through one at a time, spaced by the delay, and refuses beyond the queue", async () => {
    const queue = throttle.createSignInQueue(3);
    const started = Date.now();
    const passed: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        throttle.waitBeforeSignIn({ addressMs: 0, sprayMs: 150 }, queue).then((ok) => {
          if (ok) passed.push(Date.now() - started);
          return ok;
        }),
      ),
    );
    // Three waited their turn; the fourth and fifth were refused at once.
    expect(results).toEqual([true, true, true, false, false]);
    passed.sort((a, b) => a - b);
    expect(passed[0]).toBeGreaterThanOrEqual(140);
    expect(passed[1]! - passed[0]!).toBeGreaterThanOrEqual(140);
    expect(passed[2]! - passed[1]!).toBeGreaterThanOrEqual(140);
    // Once the queue has drained, sign-ins pass again; without a spray they do not wait at all.
    const before = Date.now();
    expect(await throttle.waitBeforeSignIn({ addressMs: 0, sprayMs: 0 }, queue)).toBe(true);
    expect(Date.now() - before).toBeLessThan(100);
    expect(await throttle.waitBeforeSignIn({ addressMs: 0, sprayMs: 10 }, queue)).toBe(true);
  });
});
