/**
 * How long a session lives and when it ends, through next-auth's own handler with our options
 * (lib/server/auth/options.ts), its real JWT encode/decode and a real PostgreSQL:
 * - the JWT in the cookie expires with the cookie (12 h), not at next-auth's 30-day default, and a token
 *   re-issued as the session rolls never outlives 12 h after the sign-in;
 * - a session older than that is refused, however fresh its JWT;
 * - sign-out ends the session on the server: the same cookie, replayed, no longer has a user
 *   (lib/server/auth/session.ts), and neither has any other session of the user's;
 * - a password reset, a deactivation and an admin's "sign out everywhere" end sessions the same way, and
 *   reactivating a user revives none of the sessions or API tokens from before the deactivation.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthOptions } from "next-auth";
import { decode, encode } from "next-auth/jwt";
// next-auth's framework-neutral handler, which its Next.js route handler calls with the same arguments.
import { AuthHandler } from "../../node_modules/next-auth/core/index.js";
import { hashPassword } from "../../lib/server/auth/passwords";
import type * as SessionModule from "../../lib/server/auth/session";
import type * as UsersModule from "../../lib/server/user-admin";
import type * as ApiTokensModule from "../../lib/server/api-tokens";
import { makeActor, setUpIntegrationDatabase } from "../support/integration";

const PASSWORD = "Session#Life2026";
const SECRET = "integration-only-secret-0123456789abcdef";
const ORIGIN = "http://127.0.0.1:3000";
const HOUR = 3_600_000;
const COOKIE = "next-auth.session-token";

const db = setUpIntegrationDatabase({ env: { NEXTAUTH_URL: ORIGIN, NEXTAUTH_SECRET: SECRET } });
let options: AuthOptions;
let session: typeof SessionModule;
let users: typeof UsersModule;
let apiTokens: typeof ApiTokensModule;
let serial = 0;

beforeAll(async () => {
  options = (await db.load(() => import("../../lib/server/auth/options"))).getAuthOptions() as AuthOptions;
  session = await db.load(() => import("../../lib/server/auth/session"));
  users = await db.load(() => import("../../lib/server/user-admin"));
  apiTokens = await db.load(() => import("../../lib/server/api-tokens"));
});

const makeUser = async (role: "VIEWER" | "ADMIN" = "VIEWER") =>
  makeActor(db.prisma, {
    role,
    username: `life-${serial++}-${Date.now().toString(36)}`,
    passwordHash: await hashPassword(PASSWORD),
  });

async function csrf() {
  const response = await AuthHandler<{ csrfToken: string }>({
    req: { action: "csrf", method: "GET", origin: ORIGIN, headers: {}, query: {}, cookies: {}, body: {} },
    options,
  });
  const cookie = response.cookies!.find((c) => c.name.endsWith("next-auth.csrf-token"))!;
  return { token: response.body!.csrfToken, cookie: { [cookie.name]: cookie.value } };
}

/** Signs in through next-auth's credentials callback; returns the session cookie's value. */
async function signIn(username: string): Promise<string> {
  const { token, cookie } = await csrf();
  const response = await AuthHandler({
    req: {
      action: "callback",
      providerId: "credentials",
      method: "POST",
      origin: ORIGIN,
      headers: {},
      query: {},
      cookies: cookie,
      body: { username, password: PASSWORD, csrfToken: token, json: "true" },
    },
    options,
  });
  expect(response.redirect ?? "").not.toContain("error");
  const value = response.cookies?.find((c) => c.name === COOKIE)?.value;
  expect(value).toBeTruthy();
  return value!;
}

async function signOut(sessionToken: string) {
  const { token, cookie } = await csrf();
  const response = await AuthHandler({
    req: {
      action: "signout",
      method: "POST",
      origin: ORIGIN,
      headers: {},
      query: {},
      cookies: { ...cookie, [COOKIE]: sessionToken },
      body: { csrfToken: token, json: "true" },
    },
    options,
  });
  // next-auth clears the cookie in the browser; a copy taken before is what an attacker would replay.
  expect(response.cookies?.find((c) => c.name === COOKIE)?.value).toBe("");
}

/** What getServerSession returns for this cookie (next-auth's session endpoint), and the re-issued cookie. */
async function readSession(sessionToken: string) {
  const response = await AuthHandler<Record<string, unknown>>({
    req: {
      action: "session",
      method: "GET",
      origin: ORIGIN,
      headers: {},
      query: {},
      cookies: { [COOKIE]: sessionToken },
      body: {},
    },
    options,
  });
  return { body: response.body ?? {}, cookie: response.cookies?.find((c) => c.name === COOKIE) };
}

/** The user a request with this cookie acts as (null: signed out), as every page, action and route decides. */
async function actorOf(sessionToken: string) {
  return session.actorFromSession((await readSession(sessionToken)).body);
}

describe("the session's lifetime", () => {
  it("the JWT issued at sign-in expires when the cookie does: 12 hours, not 30 days", async () => {
    const user = await makeUser();
    const token = await signIn(user.username);
    const claims = await decode({ token, secret: SECRET });
    expect(claims).not.toBeNull();
    const lifetime = (claims!.exp as number) - (claims!.iat as number);
    expect(lifetime).toBeLessThanOrEqual(12 * 3600);
    expect(lifetime).toBeGreaterThan(12 * 3600 - 60);
    expect(claims).toMatchObject({ uid: user.id, sv: 0 });
  });

  it("a rolled token never outlives 12 hours after the sign-in", async () => {
    const user = await makeUser();
    const authAt = Date.now() - 11 * HOUR;
    const old = await encode({ token: { uid: user.id, authAt, sv: 0 }, secret: SECRET, maxAge: 3600 });
    const { body, cookie } = await readSession(old);
    expect(body.uid).toBe(user.id);
    expect(await session.actorFromSession(body)).toMatchObject({ id: user.id });
    const rolled = await decode({ token: cookie!.value, secret: SECRET });
    // Re-issued, but its expiry stays at sign-in + 12 h (about an hour from now), not now + 12 h.
    expect((rolled!.exp as number) * 1000).toBeLessThanOrEqual(authAt + 12 * HOUR + 1000);
    expect(rolled!.authAt).toBe(authAt);
  });

  it("a session signed in more than 12 hours ago is refused, however fresh its JWT", async () => {
    const user = await makeUser();
    const stale = await encode({
      token: { uid: user.id, authAt: Date.now() - 13 * HOUR, sv: 0 },
      secret: SECRET,
      maxAge: 3600,
    });
    const { body, cookie } = await readSession(stale);
    expect(body).toEqual({});
    expect(cookie?.value).toBe(""); // next-auth clears it
    expect(await session.actorFromSession({ uid: user.id, authAt: Date.now() - 13 * HOUR, sv: 0 })).toBeNull();
    // The same claims within the limit are a session (the refusal above is the age, nothing else).
    expect(await session.actorFromSession({ uid: user.id, authAt: Date.now() - HOUR, sv: 0 })).toMatchObject({
      id: user.id,
    });
  });

  it("a token without a sign-in time or session version is refused", async () => {
    const user = await makeUser();
    expect(await session.actorFromSession({ uid: user.id, sv: 0 })).toBeNull();
    expect(await session.actorFromSession({ uid: user.id, authAt: Date.now() })).toBeNull();
    expect(await session.actorFromSession({ uid: user.id, authAt: Date.now() + 10 * 60_000, sv: 0 })).toBeNull();
  });
});

describe("ending sessions on the server", () => {
  it("after sign-out, the same cookie replayed has no user — nor has the user's other session", async () => {
    const user = await makeUser();
    const cookie = await signIn(user.username);
    const otherDevice = await signIn(user.username);
    expect(await actorOf(cookie)).toMatchObject({ id: user.id });
    expect(await actorOf(otherDevice)).toMatchObject({ id: user.id });

    await signOut(cookie);
    expect(await actorOf(cookie)).toBeNull();
    expect(await actorOf(otherDevice)).toBeNull();
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(1);

    // Signing in again works, and a stale cookie's sign-out does not end the new session.
    const fresh = await signIn(user.username);
    await signOut(cookie);
    expect(await actorOf(fresh)).toMatchObject({ id: user.id });
  });

  it("a password reset, a deactivation and an admin's sign-out-everywhere end open sessions", async () => {
    const admin = { id: null, label: "cli" };
    for (const end of [
      (id: number) => users.resetPassword(db.prisma, admin, { userId: id, password: { mode: "generate" } }),
      (id: number) => users.setUserActive(db.prisma, admin, { userId: id, active: false }),
      (id: number) => users.endUserSessions(db.prisma, admin, { userId: id }),
    ]) {
      const user = await makeUser();
      const cookie = await signIn(user.username);
      expect(await actorOf(cookie)).toMatchObject({ id: user.id });
      await end(user.id);
      expect(await actorOf(cookie)).toBeNull();
      // Whatever else happens to the account afterwards, the old session stays over.
      await db.prisma.user.update({ where: { id: user.id }, data: { active: true, passwordChangedAt: null } });
      expect(await actorOf(cookie)).toBeNull();
    }
    const audit = await db.prisma.auditLog.findFirst({ where: { action: "user.end_sessions" } });
    expect(audit).toMatchObject({ actorLabel: "cli", entityType: "user" });
  });

  it("reactivating a user revives neither sessions nor API tokens from before the deactivation", async () => {
    const user = await makeUser();
    const cookie = await signIn(user.username);
    const actor = { id: user.id, username: user.username, displayName: user.username, role: "VIEWER" as const };
    const { secret } = await apiTokens.createApiToken(
      {
        ...actor,
        departmentId: null,
        departmentName: null,
        locale: "zh-CN",
        via: "session",
      },
      { name: "before deactivation", expiresInDays: 30 },
    );
    expect(await session.actorFromToken(`Bearer ${secret}`)).toMatchObject({ id: user.id });

    const operator = { id: null, label: "cli" };
    await users.setUserActive(db.prisma, operator, { userId: user.id, active: false });
    await users.setUserActive(db.prisma, operator, { userId: user.id, active: true });

    expect(await actorOf(cookie)).toBeNull();
    expect(await session.actorFromToken(`Bearer ${secret}`)).toBeNull();
    const revokeAll = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "api_token.revoke_all", entityId: String(user.id) },
    });
    expect(revokeAll.after).toMatchObject({ revokedTokens: 1, reason: "deactivation" });
    // The user signs in again and works as before.
    expect(await actorOf(await signIn(user.username))).toMatchObject({ id: user.id });
  });
});
