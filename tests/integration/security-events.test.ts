/**
 * Security events in the append-only audit log (lib/server/security-events.ts), written by the real code
 * paths on a real PostgreSQL: password sign-ins through next-auth's own handler (success, failure,
 * lockout), sign-out, API token creation and revocation, and 403 refusals of mutating API requests —
 * each with its actor (null for someone not signed in), the trusted client address and never the
 * attempted password. Failed sign-ins are bounded by the throttle, refusals by a per-account cap, and a
 * failing audit write changes no answer. The audit page's "security events" filter finds them.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { AuthOptions } from "next-auth";
// next-auth's framework-neutral handler, which its Next.js route handler calls with the same arguments.
import { AuthHandler } from "../../node_modules/next-auth/core/index.js";
import { hashPassword } from "../../lib/server/auth/passwords";
import { hashToken } from "../../lib/server/auth/token-hash";
import type * as ApiTokensModule from "../../lib/server/api-tokens";
import type * as AuditLogModule from "../../lib/server/audit-log";
import type { Actor } from "../../lib/server/auth/actor";
import type { Db } from "../../lib/db/client";
import { makeActor, setUpIntegrationDatabase } from "../support/integration";

const PASSWORD = "Audit#Events2026";
const SECRET = "integration-only-secret-0123456789abcdef";
const ORIGIN = "http://127.0.0.1:3000";
const COOKIE = "next-auth.session-token";

type Handler = (request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

const db = setUpIntegrationDatabase({ env: { NEXTAUTH_URL: ORIGIN, NEXTAUTH_SECRET: SECRET, TRUST_PROXY: "true" } });
let options: AuthOptions;
let apiTokens: typeof ApiTokensModule;
let auditLog: typeof AuditLogModule;
let review: Handler;
let serial = 0;

beforeAll(async () => {
  // Behind a reverse proxy that sets X-Forwarded-For: the address is trusted and recorded.
  options = (await db.load(() => import("../../lib/server/auth/options"))).getAuthOptions() as AuthOptions;
  apiTokens = await db.load(() => import("../../lib/server/api-tokens"));
  auditLog = await db.load(() => import("../../lib/server/audit-log"));
  review = (await db.load(() => import("../../app/api/v1/tasks/[id]/reviews/route"))).POST as Handler;
});

const unique = (prefix: string) => `${prefix}-${serial++}-${Date.now().toString(36)}`;

const makeUser = async (role: Actor["role"] = "VIEWER") =>
  makeActor(db.prisma, { role, username: unique("audit"), passwordHash: await hashPassword(PASSWORD) });

async function csrf() {
  const response = await AuthHandler<{ csrfToken: string }>({
    req: { action: "csrf", method: "GET", origin: ORIGIN, headers: {}, query: {}, cookies: {}, body: {} },
    options,
  });
  const cookie = response.cookies!.find((c) => c.name.endsWith("next-auth.csrf-token"))!;
  return { token: response.body!.csrfToken, cookie: { [cookie.name]: cookie.value } };
}

/** A password sign-in through next-auth from `ip` (as the proxy reports it); the redirect and cookie. */
async function signIn(username: string, password: string, ip = "203.0.113.7") {
  const { token, cookie } = await csrf();
  const response = await AuthHandler({
    req: {
      action: "callback",
      providerId: "credentials",
      method: "POST",
      origin: ORIGIN,
      headers: { "x-forwarded-for": `${ip}, 10.0.0.1` },
      query: {},
      cookies: cookie,
      body: { username, password, csrfToken: token, json: "true" },
    },
    options,
  });
  return { redirect: response.redirect ?? "", session: response.cookies?.find((c) => c.name === COOKIE)?.value };
}

const rows = (args: { where: NonNullable<Parameters<Db["auditLog"]["findMany"]>[0]>["where"] }) =>
  db.prisma.auditLog.findMany({ where: args.where, orderBy: { id: "asc" } });

/** A token for the actor, made directly (its creation is not what these tests are about). */
async function tokenFor(userId: number): Promise<string> {
  const secret = `dpt_${unique("x")
    .replace(/[^A-Za-z0-9]/g, "")
    .padEnd(32, "a")}`;
  await db.prisma.apiToken.create({
    data: { userId, name: "audit", prefix: secret.slice(0, 10), tokenHash: hashToken(secret) },
  });
  return secret;
}

const postReview = (secret: string | null, ip = "198.51.100.9") =>
  review(
    new Request("http://localhost/api/v1/tasks/1/reviews", {
      method: "POST",
      headers: {
        ...(secret ? { authorization: `Bearer ${secret}` } : {}),
        "content-type": "application/json",
        "x-forwarded-for": ip,
      },
      body: JSON.stringify({ periodId: 1, departmentId: 1, expectedVersion: 1, decision: "approve" }),
    }),
    { params: Promise.resolve({ id: "1" }) },
  );

describe("sign-in events", () => {
  it("a successful sign-in is recorded with its user and the trusted client address", async () => {
    const user = await makeUser();
    const { redirect } = await signIn(user.username, PASSWORD);
    expect(redirect).not.toContain("error");
    const [entry] = await rows({ where: { action: "auth.sign_in", actorId: user.id } });
    expect(entry).toMatchObject({
      actorLabel: user.username,
      entityType: "user",
      entityId: String(user.id),
      ip: "203.0.113.7",
      after: { method: "password" },
    });
  });

  it("a failed sign-in is recorded without an actor and without the password, the username cut to 64", async () => {
    const user = await makeUser();
    const wrong = "Wrong#Password-9f3k";
    expect((await signIn(user.username, wrong)).redirect).toContain("error=invalid");
    const unknown = `nobody-${"x".repeat(57)}`.slice(0, 64);
    expect((await signIn(unknown, wrong, "203.0.113.8")).redirect).toContain("error=invalid");

    const known = await rows({ where: { action: "auth.sign_in_failed", entityId: user.username } });
    expect(known).toHaveLength(1);
    expect(known[0]).toMatchObject({
      actorId: null,
      actorLabel: "anonymous",
      entityType: "sign_in",
      ip: "203.0.113.7",
      after: { username: user.username, reason: "invalid" },
    });
    const stranger = await rows({ where: { action: "auth.sign_in_failed", ip: "203.0.113.8" } });
    expect(stranger).toHaveLength(1);
    expect(stranger[0]!.entityId).toBe(unknown);
    expect(stranger[0]!.entityId.length).toBeLessThanOrEqual(64);

    const everything = JSON.stringify(
      await db.prisma.auditLog.findMany({ select: { actorLabel: true, entityId: true, before: true, after: true } }),
    );
    expect(everything).not.toContain(wrong);
    expect(everything).not.toContain(PASSWORD);
  });

  it("five failures record five rows and one lockout; attempts refused while locked record nothing", async () => {
    const user = await makeUser();
    for (let i = 0; i < 5; i++) expect((await signIn(user.username, `wrong-${i}`)).redirect).toContain("error=invalid");
    for (let i = 0; i < 4; i++) expect((await signIn(user.username, `wrong-${i}`)).redirect).toContain("error=locked");
    expect(await db.prisma.auditLog.count({ where: { action: "auth.sign_in_failed", entityId: user.username } })).toBe(
      5,
    );
    const lockouts = await rows({ where: { action: "auth.lockout", entityId: user.username } });
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]).toMatchObject({ actorId: null, ip: "203.0.113.7", after: { username: user.username } });
    expect((lockouts[0]!.after as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
  });

  it("sign-out is recorded with its user", async () => {
    const user = await makeUser();
    const { session } = await signIn(user.username, PASSWORD);
    const { token, cookie } = await csrf();
    await AuthHandler({
      req: {
        action: "signout",
        method: "POST",
        origin: ORIGIN,
        headers: {},
        query: {},
        cookies: { ...cookie, [COOKIE]: session! },
        body: { csrfToken: token, json: "true" },
      },
      options,
    });
    const [entry] = await rows({ where: { action: "auth.sign_out", actorId: user.id } });
    expect(entry).toMatchObject({ actorLabel: user.username, entityType: "user", entityId: String(user.id) });
  });
});

describe("token events", () => {
  it("creating and revoking an API token are recorded with their owner", async () => {
    const user = await makeUser();
    const actor: Actor = { ...user, departmentId: null, departmentName: null, locale: "zh-CN", via: "session" };
    const { token } = await apiTokens.createApiToken(actor, { name: "审计脚本", expiresInDays: 7 });
    await apiTokens.revokeApiToken(actor, { id: token.id });
    const entries = await rows({ where: { entityType: "api_token", entityId: String(token.id) } });
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([
      ["api_token.create", user.id],
      ["api_token.revoke", user.id],
    ]);
  });
});

describe("403 refusals", () => {
  it("a refused mutating API request is recorded with its actor, route, reason and address", async () => {
    const user = await makeUser("VIEWER");
    const secret = await tokenFor(user.id);
    const response = await postReview(secret);
    expect(response.status).toBe(403);
    const [entry] = await rows({ where: { action: "security.forbidden", actorId: user.id } });
    expect(entry).toMatchObject({
      actorLabel: user.username,
      entityType: "route",
      entityId: "POST /api/v1/tasks/1/reviews",
      ip: "198.51.100.9",
      after: { method: "POST", path: "/api/v1/tasks/1/reviews", role: "VIEWER", via: "token" },
    });
    expect((entry!.after as { reason: string }).reason).toContain("not allowed");
  });

  it("a signed-out request (401) records nothing", async () => {
    const before = await db.prisma.auditLog.count();
    expect((await postReview(null)).status).toBe(401);
    expect(await db.prisma.auditLog.count()).toBe(before);
  });

  it("one account's refusals are recorded at most 30 a minute", async () => {
    const user = await makeUser("VIEWER");
    const secret = await tokenFor(user.id);
    for (let i = 0; i < 36; i++) expect((await postReview(secret)).status).toBe(403);
    expect(await db.prisma.auditLog.count({ where: { action: "security.forbidden", actorId: user.id } })).toBe(30);
  });
});

describe("a failing audit write", () => {
  it("leaves a 403 a 403 and a failed sign-in a failed sign-in", async () => {
    // A real database failure on exactly these inserts.
    await db.prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_security_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit unavailable'; END $$`);
    await db.prisma.$executeRawUnsafe(`
      CREATE TRIGGER refuse_security_audit BEFORE INSERT ON audit_log FOR EACH ROW
      WHEN (NEW.action LIKE 'security.%' OR NEW.action LIKE 'auth.%') EXECUTE FUNCTION refuse_security_audit()`);
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const user = await makeUser("VIEWER");
      const secret = await tokenFor(user.id);
      const response = await postReview(secret);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
      expect((await signIn(user.username, "wrong-password")).redirect).toContain("error=invalid");
      const ok = await signIn(user.username, PASSWORD);
      expect(ok.redirect).not.toContain("error");
      expect(ok.session).toBeTruthy();
      expect(await db.prisma.auditLog.count({ where: { actorId: user.id } })).toBe(0);
      expect(errors).toHaveBeenCalled(); // the failure is logged, not swallowed silently
    } finally {
      errors.mockRestore();
      await db.prisma.$executeRawUnsafe(`DROP TRIGGER refuse_security_audit ON audit_log`);
      await db.prisma.$executeRawUnsafe(`DROP FUNCTION refuse_security_audit()`);
    }
  });
});

describe("the audit page", () => {
  it("filters security events and shows the address and anonymous actors", async () => {
    const page = await auditLog.listAuditEntries(auditLog.parseAuditFilter({ category: "security" }));
    expect(page.total).toBeGreaterThan(0);
    const actions = new Set(page.items.map((item) => item.action));
    for (const action of ["auth.sign_in", "auth.sign_in_failed", "auth.lockout", "security.forbidden"]) {
      expect(actions).toContain(action);
    }
    const failed = page.items.find((item) => item.action === "auth.sign_in_failed")!;
    expect(failed).toMatchObject({ anonymous: true, entityType: "sign_in" });
    expect(failed.ip).toMatch(/^203\.0\.113\./);

    await db.prisma.auditLog.create({
      data: { actorLabel: "admin", action: "user.update", entityType: "user", entityId: "1" },
    });
    const all = await auditLog.listAuditEntries(auditLog.parseAuditFilter({}));
    const security = await auditLog.listAuditEntries(auditLog.parseAuditFilter({ category: "security" }));
    expect(all.items.some((item) => item.action === "user.update")).toBe(true);
    expect(security.items.some((item) => item.action === "user.update")).toBe(false);
    // Combined with the action prefix.
    const failures = await auditLog.listAuditEntries(
      auditLog.parseAuditFilter({ category: "security", action: "auth.sign_in_f" }),
    );
    expect(new Set(failures.items.map((item) => item.action))).toEqual(new Set(["auth.sign_in_failed"]));
  });
});
