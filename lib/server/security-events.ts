import "server-only";
import { headers } from "next/headers";
import type { Prisma } from "../generated/prisma/client";
import { getEnv } from "../env";
import type { Actor } from "./auth/actor";
import { checkThrottle } from "./auth/throttle";
import { getDb } from "./db";
import { AppError } from "./errors";

/**
 * Security events in the append-only audit log (audit_log): sign-ins and failed sign-ins, lockouts,
 * sign-outs, the end of a user's sessions, and 403 refusals of mutating requests. (API token creation
 * and revocation are audited with the change itself, in lib/server/api-tokens.ts.)
 *
 * These rows record that something was refused or happened at the door, not a change of data, so they
 * are written on their own, after the fact, and best-effort: a failing write is logged to stderr and
 * never turns a sign-in or a refusal into an error (the refusal stays a 403, the sign-in answer stays
 * what it was). The attempted password is never recorded; an attempted username is cut to 64 characters
 * with control characters replaced (PostgreSQL refuses NUL in text).
 *
 * Volume: a failed sign-in is recorded only when the throttle let the attempt through — exactly the
 * attempts login_attempt records, at most 5 per username per 15 minutes (then the lockout, recorded
 * once) and, with TRUST_PROXY, 20 per address — and refusals while locked are not recorded at all.
 * 403 refusals come only from signed-in accounts and are recorded at most REFUSALS_PER_MINUTE per
 * account per minute.
 */

export const SECURITY_ACTIONS = {
  signIn: "auth.sign_in",
  signInFailed: "auth.sign_in_failed",
  lockout: "auth.lockout",
  signOut: "auth.sign_out",
  forbidden: "security.forbidden",
} as const;

/** The label of entries by someone not signed in (actorId is null). */
export const ANONYMOUS_LABEL = "anonymous";
export const MAX_RECORDED_USERNAME = 64;
export const REFUSALS_PER_MINUTE = 30;

/** Attempted text as it may be stored: no control characters (NUL breaks text columns), bounded. */
export function recordableText(value: string, max: number): string {
  return Array.from(value.replace(/[\u0000-\u001f\u007f]/g, "\uFFFD"))
    .slice(0, max)
    .join("");
}

/**
 * The client's address, as far as it can be trusted: X-Forwarded-For is client-controlled unless a
 * reverse proxy in front of the app sets it, so it is read only with TRUST_PROXY=true (as for the
 * sign-in throttle in lib/server/auth/options.ts); otherwise null.
 */
export function trustedClientIp(get: (name: string) => string | null | undefined): string | null {
  if (!getEnv().TRUST_PROXY) return null;
  const first = (get("x-forwarded-for") ?? "").split(",")[0]?.trim();
  return first ? recordableText(first, 64) : null;
}

interface SecurityEvent {
  actor: { id: number; label: string } | null;
  action: string;
  entityType: string;
  entityId: string | number;
  after?: Record<string, unknown>;
  ip?: string | null;
}

const json = (value: unknown) =>
  value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

/** Writes one event; never throws (see above). Returns whether it was written. */
export async function recordSecurityEvent(event: SecurityEvent): Promise<boolean> {
  try {
    await getDb().auditLog.create({
      data: {
        actorId: event.actor?.id ?? null,
        actorLabel: event.actor?.label ?? ANONYMOUS_LABEL,
        action: event.action,
        entityType: event.entityType,
        entityId: recordableText(String(event.entityId), 200),
        after: json(event.after),
        ip: event.ip ?? null,
      },
    });
    return true;
  } catch (error) {
    console.error(`audit: could not record ${event.action}`, error);
    return false;
  }
}

export type SignInOutcome =
  { user: { id: number | string } } | { error: "invalid" | "locked" | "inactive" | (string & {}) };

/**
 * Records a password sign-in that reached the throttle: success, or failure with its reason (and the
 * lockout it started, if any). Attempts refused because the account or address is already locked are
 * not recorded — they are not in login_attempt either, and recording them would let anyone grow the log
 * without limit.
 */
export async function recordPasswordSignIn(
  username: string,
  ip: string | null,
  outcome: SignInOutcome,
  throttleName: string = username,
) {
  try {
    const attempted = recordableText(username, MAX_RECORDED_USERNAME);
    if ("user" in outcome) {
      const id = Number(outcome.user.id);
      const user = await getDb().user.findUnique({ where: { id }, select: { username: true } });
      await recordSecurityEvent({
        actor: { id, label: user?.username ?? attempted },
        action: SECURITY_ACTIONS.signIn,
        entityType: "user",
        entityId: id,
        after: { method: "password" },
        ip,
      });
      return;
    }
    if (outcome.error === "locked") return;
    await recordSecurityEvent({
      actor: null,
      action: SECURITY_ACTIONS.signInFailed,
      entityType: "sign_in",
      entityId: attempted,
      after: { username: attempted, reason: outcome.error },
      ip,
    });
    // This failure was let through; if the next attempt would not be, it started a lockout.
    const verdict = await checkThrottle(throttleName, ip);
    if (!verdict.allowed) {
      await recordSecurityEvent({
        actor: null,
        action: SECURITY_ACTIONS.lockout,
        entityType: "sign_in",
        entityId: attempted,
        after: { username: attempted, retryAfterSeconds: verdict.retryAfterSeconds },
        ip,
      });
    }
  } catch (error) {
    console.error("audit: could not record a sign-in", error);
  }
}

/** A sign-in through single sign-on (its address is not known to next-auth's events). */
export async function recordSingleSignOn(userId: number) {
  const user = await getDb()
    .user.findUnique({ where: { id: userId }, select: { username: true } })
    .catch(() => null);
  await recordSecurityEvent({
    actor: { id: userId, label: user?.username ?? String(userId) },
    action: SECURITY_ACTIONS.signIn,
    entityType: "user",
    entityId: userId,
    after: { method: "oidc" },
  });
}

/** The headers of the request being handled, or null outside one (a test calling code directly). */
async function currentRequestHeaders(): Promise<Headers | null> {
  try {
    return await headers();
  } catch {
    return null;
  }
}

/** The trusted client address of the request being handled, when there is one (next-auth's events get none). */
export async function currentRequestIp(): Promise<string | null> {
  const request = await currentRequestHeaders();
  return request ? trustedClientIp((name) => request.get(name)) : null;
}

/**
 * A single sign-on the app refused (unknown, unverified, deactivated, another subject). Only people who
 * hold an account at the identity provider reach this, so the provider bounds the volume.
 */
export async function recordSingleSignOnRefusal(subject: string, redirect: string) {
  const reason = new URL(redirect, "http://local").searchParams.get("error") ?? "sso-failed";
  await recordSecurityEvent({
    actor: null,
    action: SECURITY_ACTIONS.signInFailed,
    entityType: "sign_in",
    entityId: recordableText(subject, MAX_RECORDED_USERNAME),
    after: { method: "oidc", subject: recordableText(subject, MAX_RECORDED_USERNAME), reason },
    ip: await currentRequestIp(),
  });
}

/**
 * Sign-out: raises the user's session version — only when the signing-out session is current, so a
 * stale copied cookie cannot end the user's newer sessions — which ends this session and every other
 * one of the user's (copies of the cookie included), and records it in the same transaction.
 * Never throws: next-auth clears the cookie whatever happens here.
 */
export async function endSessionAtSignOut(token: { uid?: unknown; sv?: unknown } | null, ip: string | null) {
  if (!token || typeof token.uid !== "number" || typeof token.sv !== "number") return;
  const { uid, sv } = token;
  try {
    await getDb().$transaction(async (tx) => {
      const { count } = await tx.user.updateMany({
        where: { id: uid, sessionVersion: sv },
        data: { sessionVersion: { increment: 1 } },
      });
      if (count !== 1) return;
      const user = await tx.user.findUniqueOrThrow({ where: { id: uid }, select: { username: true } });
      await tx.auditLog.create({
        data: {
          actorId: uid,
          actorLabel: user.username,
          action: SECURITY_ACTIONS.signOut,
          entityType: "user",
          entityId: String(uid),
          after: { sessionVersion: sv + 1 },
          ip,
        },
      });
    });
  } catch (error) {
    console.error("sign-out: could not end the session on the server", error);
  }
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Records a 403 refusal of a mutating request by a signed-in actor (route handlers: `defineRoute` and
 * the evidence upload; server actions: `defineAction`). Other errors and reads are not recorded.
 * Never throws, so the refusal stays a 403.
 */
export async function recordRefusal(
  error: unknown,
  actor: Actor | null,
  target: { kind: "route" | "server_action"; method: string; path: string; id?: string | null; ip: string | null },
): Promise<void> {
  if (!(error instanceof AppError) || error.code !== "FORBIDDEN" || !actor) return;
  if (!MUTATING.has(target.method.toUpperCase())) return;
  try {
    const since = new Date(Date.now() - 60_000);
    const recent = await getDb().auditLog.count({
      where: { actorId: actor.id, action: SECURITY_ACTIONS.forbidden, at: { gte: since } },
    });
    if (recent >= REFUSALS_PER_MINUTE) return;
    const path = recordableText(target.path, 200);
    await recordSecurityEvent({
      actor: { id: actor.id, label: actor.username },
      action: SECURITY_ACTIONS.forbidden,
      entityType: target.kind,
      entityId: target.kind === "route" ? `${target.method.toUpperCase()} ${path}` : target.id || path || "?",
      after: {
        method: target.method.toUpperCase(),
        path,
        reason: recordableText(error.message, 200),
        role: actor.role,
        via: actor.via,
      },
      ip: target.ip,
    });
  } catch (failure) {
    console.error("audit: could not record a refusal", failure);
  }
}

/** A server action's 403: its id (Next's `next-action` header) and the page it was called from. */
export async function recordActionRefusal(actor: Actor | null, error: unknown): Promise<void> {
  if (!(error instanceof AppError) || error.code !== "FORBIDDEN" || !actor) return;
  const request = await currentRequestHeaders();
  const referer = request?.get("referer") ?? "";
  await recordRefusal(error, actor, {
    kind: "server_action",
    method: "POST",
    path: URL.canParse(referer) ? new URL(referer).pathname : "",
    id: request?.get("next-action") ?? null,
    ip: request ? trustedClientIp((name) => request.get(name)) : null,
  });
}
