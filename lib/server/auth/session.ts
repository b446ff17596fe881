import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { forbidden as forbiddenPage, redirect } from "next/navigation";
import { cache } from "react";
import { sessionRefusal, type SessionClaims } from "../../domain/sessions";
import { getDb } from "../db";
import { forbidden, unauthenticated } from "../errors";
import type { Actor, RoleName } from "./actor";
import { getAuthOptions } from "./options";
import { hashToken } from "./token-hash";

const actorSelect = {
  id: true,
  username: true,
  displayName: true,
  role: true,
  departmentId: true,
  locale: true,
  active: true,
  passwordChangedAt: true,
  sessionVersion: true,
  department: { select: { name: true } },
} as const;

async function loadActor(userId: number, via: Actor["via"], claims: SessionClaims = {}): Promise<Actor | null> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: actorSelect });
  // A deactivated user loses access at once, whatever their cookie or token says.
  if (!user || !user.active) return null;
  if (via === "session") {
    const signedInAt = typeof claims.authAt === "number" ? claims.authAt : 0;
    // A session from before a password change (an admin reset after a compromise) is over.
    if (user.passwordChangedAt && signedInAt < user.passwordChangedAt.getTime()) return null;
    // Older than the absolute limit, or ended since (sign-out, reset, deactivation, "sign out everywhere").
    if (sessionRefusal(claims, user.sessionVersion, Date.now())) return null;
  }
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    departmentId: user.departmentId,
    departmentName: user.department?.name ?? null,
    locale: user.locale,
    via,
  };
}

export { hashToken };

/** A personal API token from `Authorization: Bearer dpt_…`: stored hashed, revocable, may expire. */
export async function actorFromToken(authorization: string): Promise<Actor | null> {
  const match = /^Bearer\s+(dpt_[A-Za-z0-9_-]{20,})$/.exec(authorization.trim());
  if (!match) return null;
  const db = getDb();
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(match[1]!) },
    select: { id: true, userId: true, revokedAt: true, expiresAt: true },
  });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt < new Date())) return null;
  await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
  return loadActor(token.userId, "token");
}

/** The current user from the session cookie or an API token; null when signed out. Once per request. */
/** Only `Bearer dpt_…` is ours: other Authorization schemes (a gateway's Basic auth) leave the cookie in charge. */
const isOurToken = (authorization: string | null): authorization is string =>
  authorization !== null && /^Bearer\s+dpt_/.test(authorization.trim());

export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const authorization = (await headers()).get("authorization");
  if (isOurToken(authorization)) return actorFromToken(authorization);
  return actorFromSession(await getServerSession(getAuthOptions()));
});

/** The user of a session as next-auth reads it from the cookie (getServerSession), or null when it is over. */
export async function actorFromSession(session: unknown): Promise<Actor | null> {
  const claims = (session ?? {}) as { uid?: unknown } & SessionClaims;
  return typeof claims.uid === "number"
    ? loadActor(claims.uid, "session", { authAt: claims.authAt, sv: claims.sv })
    : null;
}

/**
 * For pages: the signed-in user, or a redirect to the sign-in page; a role that may not open the page
 * gets the 403 page (app/(app)/forbidden.tsx: why, and who can help), with HTTP status 403.
 */
export async function requirePageActor(roles?: RoleName[]): Promise<Actor> {
  const actor = await getCurrentActor();
  if (!actor) redirect("/login");
  if (roles && !roles.includes(actor.role)) forbiddenPage();
  return actor;
}

/**
 * For route handlers: the token in the request's own Authorization header when present (so API calls
 * never depend on cookies), otherwise the session.
 */
export async function requireRequestActor(request: Request, roles?: RoleName[]): Promise<Actor> {
  const authorization = request.headers.get("authorization");
  const token = isOurToken(authorization) ? authorization : null;
  // No token and no cookie: certainly signed out (and no need to consult the session machinery).
  if (!token && !request.headers.get("cookie")) {
    // A malformed Bearer value is a bad token, not "signed out": same answer, 401.
    throw unauthenticated();
  }
  const actor = token ? await actorFromToken(token) : await getCurrentActor();
  if (!actor) throw unauthenticated();
  if (roles && !roles.includes(actor.role)) throw forbidden();
  return actor;
}

/** For mutations and API routes: the signed-in user, or a typed 401/403. */
export async function requireActor(roles?: RoleName[]): Promise<Actor> {
  const actor = await getCurrentActor();
  if (!actor) throw unauthenticated();
  if (roles && !roles.includes(actor.role)) throw forbidden();
  return actor;
}
