import "server-only";
import { getDb } from "../db";

/**
 * Sign-in throttling: after 5 failures for a username within 15 minutes the account is locked for
 * 15 minutes; after 20 failures from one address within 15 minutes that address is refused. Every
 * attempt is recorded (LoginAttempt), so the limits hold across server processes.
 */
export const LIMITS = { window: 15 * 60_000, perUser: 5, perIp: 20, lockout: 15 * 60_000 } as const;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export async function checkThrottle(username: string, ip: string | null, now = new Date()): Promise<ThrottleVerdict> {
  const db = getDb();
  const since = new Date(now.getTime() - LIMITS.window);
  const user = await db.user.findUnique({ where: { username }, select: { lockedUntil: true } });
  if (user?.lockedUntil && user.lockedUntil > now) {
    return { allowed: false, retryAfterSeconds: Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000) };
  }
  if (ip) {
    const failures = await db.loginAttempt.count({ where: { ip, success: false, createdAt: { gte: since } } });
    if (failures >= LIMITS.perIp) return { allowed: false, retryAfterSeconds: Math.ceil(LIMITS.window / 1000) };
  }
  return { allowed: true };
}

export async function recordAttempt(username: string, ip: string | null, success: boolean, now = new Date()) {
  const db = getDb();
  await db.loginAttempt.create({ data: { username, ip, success, createdAt: now } });
  const user = await db.user.findUnique({ where: { username }, select: { id: true } });
  if (!user) return;
  if (success) {
    await db.user.update({
      where: { id: user.id },
      data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now },
    });
    return;
  }
  const since = new Date(now.getTime() - LIMITS.window);
  const failures = await db.loginAttempt.count({ where: { username, success: false, createdAt: { gte: since } } });
  await db.user.update({
    where: { id: user.id },
    data: {
      failedLoginCount: failures,
      lockedUntil: failures >= LIMITS.perUser ? new Date(now.getTime() + LIMITS.lockout) : undefined,
    },
  });
}
