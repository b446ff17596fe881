import "server-only";
import type { Db } from "../../db/client";
import { getDb } from "../db";

/**
 * Sign-in throttling: after 5 failures for a username, each within 15 minutes of the previous one,
 * the account is locked for 15 minutes (an admin can unlock it sooner); after 20 failures from one address within 15 minutes that address is refused. Every
 * attempt is recorded (LoginAttempt), so the limits hold across server processes.
 */
export const LIMITS = { window: 15 * 60_000, perUser: 5, perIp: 20, lockout: 15 * 60_000 } as const;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type Client = Pick<Db, "user" | "loginAttempt">;

export async function checkThrottle(
  username: string,
  ip: string | null,
  now = new Date(),
  db: Client = getDb(),
): Promise<ThrottleVerdict> {
  const since = new Date(now.getTime() - LIMITS.window);
  const user = await db.user.findUnique({ where: { username }, select: { lockedUntil: true } });
  const lockedUntil = user ? user.lockedUntil : await phantomLockedUntil(username, now, db);
  if (lockedUntil && lockedUntil > now) {
    return { allowed: false, retryAfterSeconds: Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000) };
  }
  if (ip) {
    const failures = await db.loginAttempt.count({ where: { ip, success: false, createdAt: { gte: since } } });
    if (failures >= LIMITS.perIp) return { allowed: false, retryAfterSeconds: Math.ceil(LIMITS.window / 1000) };
  }
  return { allowed: true };
}

/**
 * An unknown username locks like an account (else "locked" after five guesses would tell that the
 * account exists): the last five attempts all failed, each within the window of the one before, and the
 * lockout since the latest has not run out. Attempts refused while locked are not recorded, as for
 * accounts, so the lockout does not extend itself.
 */
async function phantomLockedUntil(username: string, now: Date, db: Client): Promise<Date | null> {
  const recent = await db.loginAttempt.findMany({
    where: { username, createdAt: { lte: now } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LIMITS.perUser,
    select: { createdAt: true, success: true },
  });
  const chained =
    recent.length === LIMITS.perUser &&
    recent.every(
      (attempt, i) =>
        !attempt.success &&
        (i === 0 || recent[i - 1]!.createdAt.getTime() - attempt.createdAt.getTime() <= LIMITS.window),
    );
  return chained ? new Date(recent[0]!.createdAt.getTime() + LIMITS.lockout) : null;
}

export async function recordAttempt(
  username: string,
  ip: string | null,
  success: boolean,
  now = new Date(),
  db: Client = getDb(),
) {
  const attempt = await db.loginAttempt.create({
    data: { username, ip, success, createdAt: now },
    select: { id: true },
  });
  const user = await db.user.findUnique({ where: { username }, select: { id: true, failedLoginCount: true } });
  if (!user) return;
  if (success) {
    await db.user.update({
      where: { id: user.id },
      data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now },
    });
    return;
  }
  // The counter runs while failures follow each other within the window; an unlock or a success sets
  // it to 0 (the attempts themselves stay recorded).
  const since = new Date(now.getTime() - LIMITS.window);
  const previous = await db.loginAttempt.findFirst({
    where: { username, success: false, id: { not: attempt.id }, createdAt: { lte: now } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const continuing = user.failedLoginCount > 0 && previous !== null && previous.createdAt >= since;
  const updated = await db.user.update({
    where: { id: user.id },
    data: { failedLoginCount: continuing ? { increment: 1 } : 1 },
    select: { failedLoginCount: true },
  });
  if (updated.failedLoginCount >= LIMITS.perUser) {
    await db.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(now.getTime() + LIMITS.lockout) } });
  }
}
