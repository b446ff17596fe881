/**
 * Single sign-on account linking (lib/server/auth/oidc.ts admitOidcSignIn) on real PostgreSQL: the rules
 * the browser test (tests/e2e/sso.spec.ts) cannot easily reach — two first sign-ins racing for one
 * account, two accounts whose emails differ only in case, a deactivated account, a linked account whose
 * provider later asserts another email. The claims are what next-auth hands over after the provider's
 * id_token and userinfo were validated.
 */
import type { Account, Profile, User } from "next-auth";
import { beforeAll, describe, expect, it } from "vitest";
import type * as oidcModule from "../../lib/server/auth/oidc";
import { setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase();
let oidc: typeof oidcModule;
let serial = 0;

async function makeUser(email: string, data: { active?: boolean; oidcSubject?: string } = {}) {
  const username = `sso${Date.now().toString(36)}${serial++}`;
  return db.prisma.user.create({ data: { username, displayName: username, role: "VIEWER", email, ...data } });
}

function signOn(sub: string, claims: Record<string, unknown>) {
  const user: User = { id: sub, name: "from the provider" };
  const account: Account = { provider: "oidc", type: "oauth", providerAccountId: sub };
  const profile = { sub, ...claims } as Profile;
  return oidc.admitOidcSignIn({ user, account, profile }).then((result) => ({ result, userId: user.id }));
}

const subjectOf = async (id: number) =>
  (await db.prisma.user.findUniqueOrThrow({ where: { id }, select: { oidcSubject: true } })).oidcSubject;

beforeAll(async () => {
  oidc = await db.load(() => import("../../lib/server/auth/oidc"));
});

describe("single sign-on linking", () => {
  it("links a verified email case-insensitively, then knows the person by subject alone", async () => {
    const u = await makeUser("li.ming@example.gov.cn");
    const first = await signOn("sub-li", { email: "Li.Ming@EXAMPLE.gov.cn", email_verified: true });
    expect(first).toEqual({ result: true, userId: String(u.id) });
    expect(await subjectOf(u.id)).toBe("sub-li");
    // The provider later asserts another (even unverified) email: the subject decides.
    const later = await signOn("sub-li", { email: "li.ming@new.example.gov.cn", email_verified: false });
    expect(later).toEqual({ result: true, userId: String(u.id) });
    const lastLogin = await db.prisma.user.findUniqueOrThrow({ where: { id: u.id }, select: { lastLoginAt: true } });
    expect(lastLogin.lastLoginAt).not.toBeNull();
  });

  it("refuses a second subject asserting a linked account's email", async () => {
    const u = await makeUser("wang.fang@example.gov.cn", { oidcSubject: "sub-wang" });
    const other = await signOn("sub-intruder", { email: "wang.fang@example.gov.cn", email_verified: true });
    expect(other.result).toBe("/login?error=sso-subject-mismatch");
    expect(other.userId).toBe("sub-intruder");
    expect(await subjectOf(u.id)).toBe("sub-wang");
  });

  it("lets exactly one of two subjects racing for the same unlinked account win", async () => {
    const u = await makeUser("zhao.lei@example.gov.cn");
    const claims = { email: "zhao.lei@example.gov.cn", email_verified: true };
    const results = await Promise.all([signOn("sub-race-a", claims), signOn("sub-race-b", claims)]);
    const winners = results.filter((r) => r.result === true);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.result === "/login?error=sso-subject-mismatch")).toHaveLength(1);
    expect(winners[0]!.userId).toBe(String(u.id));
    // The winner's subject is the one stored.
    const winnerSub = results[0]!.result === true ? "sub-race-a" : "sub-race-b";
    expect(await subjectOf(u.id)).toBe(winnerSub);
  });

  it("refuses unverified, missing and ambiguous emails, unknown people and deactivated accounts", async () => {
    await makeUser("chen.jing@example.gov.cn");
    await makeUser("Chen.Jing@example.gov.cn");
    const off = await makeUser("sun.li@example.gov.cn", { active: false });
    const unverified = await makeUser("zhou.min@example.gov.cn");
    const refusals = await Promise.all([
      signOn("sub-1", { email: "zhou.min@example.gov.cn", email_verified: false }),
      signOn("sub-2", { email: "zhou.min@example.gov.cn" }),
      signOn("sub-3", { email_verified: true }),
      signOn("sub-4", { email: "chen.jing@example.gov.cn", email_verified: true }),
      signOn("sub-5", { email: "nobody@example.gov.cn", email_verified: true }),
      signOn("sub-6", { email: "sun.li@example.gov.cn", email_verified: true }),
    ]);
    expect(refusals.map((r) => r.result)).toEqual([
      "/login?error=sso-unverified-email",
      "/login?error=sso-unverified-email",
      "/login?error=sso-unverified-email",
      "/login?error=sso-unknown-user",
      "/login?error=sso-unknown-user",
      "/login?error=inactive",
    ]);
    expect(await subjectOf(unverified.id)).toBeNull();
    expect(await subjectOf(off.id)).toBeNull();
    // A linked account that was deactivated is refused by subject too.
    const linkedOff = await makeUser("qian.yu@example.gov.cn", { oidcSubject: "sub-qian", active: false });
    expect((await signOn("sub-qian", { email: "qian.yu@example.gov.cn", email_verified: true })).result).toBe(
      "/login?error=inactive",
    );
    expect(await subjectOf(linkedOff.id)).toBe("sub-qian");
  });
});
