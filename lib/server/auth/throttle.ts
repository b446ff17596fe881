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

/**
 * Slowing guessers down before the hard limits above (outside probe 2026-12, finding 8).
 *
 * - Per address, when an address is known (TRUST_PROXY=true): after 5 failures from one address in the
 *   window, each further attempt from it waits 0.5 s, then 1, 2, 4, 8 s (at most), until the refusal at 20.
 * - Site-wide, always: with TRUST_PROXY=false the app has no address it can trust (Next.js hands it no
 *   socket address, and X-Forwarded-For is whatever the client sent), so a password spray — a few
 *   guesses at each of many accounts, under the per-account lockout — is caught by its total: once
 *   there are 30 failed sign-ins in the window, across all names and addresses, every sign-in waits its
 *   turn in one queue per server process, spaced 0.5 s apart and doubling with each further failure up
 *   to 8 s. A spray then gets at most one guess per 8 s per process; people signing in during one wait
 *   a few seconds, and when more than five already wait, they are told to try again in a moment.
 */
export const DELAYS = {
  addressFreeFailures: 5,
  /** The default of SIGN_IN_SPRAY_THRESHOLD (lib/env.ts). */
  sprayFreeFailures: 30,
  baseMs: 500,
  maxMs: 8_000,
  maxQueue: 5,
} as const;

/** 0 below `free` failures, then `base`, doubling with each further failure, at most `max`. */
export function progressiveDelayMs(
  failures: number,
  free: number,
  base: number = DELAYS.baseMs,
  max: number = DELAYS.maxMs,
) {
  if (failures < free) return 0;
  return Math.min(max, base * 2 ** Math.min(failures - free, 30));
}

export interface SignInWait {
  /** For this address (0 when no address is known). */
  addressMs: number;
  /** Site-wide spacing while a spray is suspected (0 otherwise). */
  sprayMs: number;
}

export async function signInWait(
  ip: string | null,
  now = new Date(),
  db: Client = getDb(),
  sprayFreeFailures: number = DELAYS.sprayFreeFailures,
): Promise<SignInWait> {
  const since = new Date(now.getTime() - LIMITS.window);
  const [everywhere, fromAddress] = await Promise.all([
    db.loginAttempt.count({ where: { success: false, createdAt: { gte: since, lte: now } } }),
    ip ? db.loginAttempt.count({ where: { ip, success: false, createdAt: { gte: since, lte: now } } }) : 0,
  ]);
  return {
    addressMs: progressiveDelayMs(fromAddress, DELAYS.addressFreeFailures),
    sprayMs: progressiveDelayMs(everywhere, sprayFreeFailures),
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One queue: each holder waits for the one before it, then its own delay, so passes are spaced out. */
export function createSignInQueue(maxQueue: number = DELAYS.maxQueue) {
  let tail: Promise<void> = Promise.resolve();
  let waiting = 0;
  return {
    /** Resolves true once it is this caller's turn and `ms` have passed; false at once if the queue is full. */
    async pass(ms: number): Promise<boolean> {
      if (waiting >= maxQueue) return false;
      waiting++;
      const previous = tail;
      let release!: () => void;
      tail = new Promise<void>((resolve) => (release = resolve));
      try {
        await previous;
        await sleep(ms);
        return true;
      } finally {
        waiting--;
        release();
      }
    },
  };
}

const sprayQueue = createSignInQueue();

/**
 * Waits as `signInWait` says before a password is checked. False when the site-wide queue is full:
 * the caller refuses the attempt ("busy") without checking the password.
 */
export async function waitBeforeSignIn(wait: SignInWait, queue = sprayQueue): Promise<boolean> {
  if (wait.addressMs > 0) await sleep(wait.addressMs);
  return wait.sprayMs > 0 ? queue.pass(wait.sprayMs) : true;
}
