/**
 * How long a signed-in session lasts, and when one is over. Pure: lib/server/auth/options.ts (the JWT)
 * and lib/server/auth/session.ts (every request) apply it.
 *
 * A session lives at most SESSION_MAX_AGE_SECONDS after its sign-in (`authAt`), however often its
 * cookie is re-issued, and ends early when the user's session version moves on (sign-out, password
 * reset, deactivation, an administrator's "sign out everywhere").
 */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** What the session's JWT carries about its sign-in. */
export interface SessionClaims {
  /** Epoch milliseconds of the sign-in. */
  authAt?: unknown;
  /** The user's session version at sign-in. */
  sv?: unknown;
  [claim: string]: unknown;
}

export type SessionRefusal = "no-sign-in-time" | "expired" | "from-the-future" | "no-version" | "ended";

/** A minute of clock difference between processes is tolerated; a sign-in further ahead is forged or broken. */
const CLOCK_SKEW_MS = 60_000;

/** Why a session's sign-in time no longer admits it, or null while it is within the absolute limit. */
export function sessionAgeRefusal(claims: SessionClaims, now: number): SessionRefusal | null {
  const { authAt } = claims;
  if (typeof authAt !== "number" || !Number.isFinite(authAt)) return "no-sign-in-time";
  if (authAt > now + CLOCK_SKEW_MS) return "from-the-future";
  if (now - authAt >= SESSION_MAX_AGE_SECONDS * 1000) return "expired";
  return null;
}

/**
 * Why a session is over, or null while it is current: too old, or issued under an earlier session
 * version (a token without one predates versions and fails closed).
 */
export function sessionRefusal(claims: SessionClaims, currentVersion: number, now: number): SessionRefusal | null {
  const age = sessionAgeRefusal(claims, now);
  if (age) return age;
  if (typeof claims.sv !== "number" || !Number.isInteger(claims.sv)) return "no-version";
  return claims.sv === currentVersion ? null : "ended";
}

/** Seconds the JWT may still live: the configured lifetime, cut at the absolute limit from sign-in. */
export function remainingSessionSeconds(claims: SessionClaims, maxAge: number, now: number): number {
  if (typeof claims.authAt !== "number" || !Number.isFinite(claims.authAt)) return 0;
  const left = Math.floor((claims.authAt + SESSION_MAX_AGE_SECONDS * 1000 - now) / 1000);
  return Math.max(0, Math.min(maxAge, left));
}
