/**
 * Personal API tokens against a real PostgreSQL: shown once, stored hashed, audited in the same
 * transaction, refused when revoked, expired, malformed or their user is deactivated; only the owner
 * (or an admin) revokes; a token acts with its user's role.
 */
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { makeActor, setUpIntegrationDatabase } from "../support/integration";
import type * as ApiTokens from "../../lib/server/api-tokens";

type Handler = (request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

const db = setUpIntegrationDatabase({ documents: ["work-points-2023"] });
let tokens: typeof ApiTokens;
let listTasks: Handler;
let departmentId: number;

async function get(token: string | null, authorization = token ? `Bearer ${token}` : null) {
  const headers = new Headers();
  if (authorization) headers.set("authorization", authorization);
  const response = await listTasks(new Request("http://localhost/api/v1/tasks?pageSize=1", { headers }), {
    params: Promise.resolve({}),
  });
  return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
}

const auditCount = (action: string) => db.prisma.auditLog.count({ where: { action } });

beforeAll(async () => {
  departmentId = (await db.prisma.department.findUniqueOrThrow({ where: { name: "省大数据局" }, select: { id: true } }))
    .id;
  tokens = await db.load(() => import("../../lib/server/api-tokens"));
  listTasks = (await db.load(() => import("../../app/api/v1/tasks/route"))).GET;
});

describe("personal API tokens", () => {
  it("creates a token shown once, stores only its sha256 and a prefix, and audits it in the same transaction", async () => {
    const owner = await makeActor(db.prisma, { username: "token-owner", role: "VIEWER" });
    const before = await auditCount("api_token.create");
    const { token, secret } = await tokens.createApiToken(owner, { name: "统计脚本", expiresInDays: 30 });

    expect(secret).toMatch(/^dpt_[A-Za-z0-9_-]{32}$/);
    expect(token).toMatchObject({ name: "统计脚本", prefix: secret.slice(0, 10), state: "ACTIVE", lastUsedAt: null });
    const days = (Date.parse(token.expiresAt!) - Date.parse(token.createdAt)) / 86_400_000;
    expect(days).toBe(30);

    const row = await db.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(secret);

    expect(await auditCount("api_token.create")).toBe(before + 1);
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "api_token.create", entityId: String(token.id) },
    });
    expect(audit.actorId).toBe(owner.id);
    const recorded = JSON.stringify({ before: audit.before, after: audit.after });
    expect(recorded).toContain("统计脚本");
    expect(recorded).not.toContain(secret);
    expect(recorded).not.toContain(row.tokenHash);

    // The token works and records its use.
    expect((await get(secret)).status).toBe(200);
    expect((await db.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).not.toBeNull();
  });

  it("refuses revoked, expired, unknown and malformed tokens, and tokens of deactivated users, with 401", async () => {
    const owner = await makeActor(db.prisma, { username: "token-refusals", role: "VIEWER" });
    const revoked = await tokens.createApiToken(owner, { name: "将被撤销" });
    expect((await get(revoked.secret)).status).toBe(200);

    const before = await auditCount("api_token.revoke");
    const result = await tokens.revokeApiToken(owner, { id: revoked.token.id });
    expect(result.state).toBe("REVOKED");
    expect(await auditCount("api_token.revoke")).toBe(before + 1);
    const refused = await get(revoked.secret);
    expect(refused).toEqual({ status: 401, body: { error: expect.objectContaining({ code: "UNAUTHENTICATED" }) } });
    // Revoking again changes nothing and writes no second entry.
    await tokens.revokeApiToken(owner, { id: revoked.token.id });
    expect(await auditCount("api_token.revoke")).toBe(before + 1);

    const longAgo = new Date(Date.now() - 3 * 86_400_000);
    const expired = await tokens.createApiToken(owner, { name: "已过期", expiresInDays: 1 }, longAgo);
    expect((await get(expired.secret)).status).toBe(401);
    expect((await tokens.listApiTokens(owner)).find((t) => t.id === expired.token.id)?.state).toBe("EXPIRED");

    expect((await get("dpt_" + "x".repeat(32))).status).toBe(401);
    expect((await get(null, "Bearer not-a-token")).status).toBe(401);
    expect((await get(null, "Basic dXNlcjpwYXNz")).status).toBe(401);

    const leaver = await makeActor(db.prisma, { username: "token-leaver", role: "VIEWER" });
    const leaverToken = await tokens.createApiToken(leaver, { name: "离职人员" });
    expect((await get(leaverToken.secret)).status).toBe(200);
    await db.prisma.user.update({ where: { id: leaver.id }, data: { active: false } });
    expect((await get(leaverToken.secret)).status).toBe(401);
  });

  it("lets only the owner or an admin see and revoke a token", async () => {
    const owner = await makeActor(db.prisma, {
      username: "token-mine",
      role: "DEPARTMENT_EDITOR",
      department: departmentId,
    });
    const other = await makeActor(db.prisma, { username: "token-other", role: "REVIEWER" });
    const admin = await makeActor(db.prisma, { username: "token-admin", role: "ADMIN" });
    const { token, secret } = await tokens.createApiToken(owner, { name: "我的令牌", expiresInDays: null });
    expect(token.expiresAt).toBeNull();

    expect((await tokens.listApiTokens(other)).map((t) => t.id)).not.toContain(token.id);
    await expect(tokens.listApiTokens(other, { scope: "all" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await tokens.listApiTokens(admin, { scope: "all" })).map((t) => t.id)).toContain(token.id);

    const audits = await auditCount("api_token.revoke");
    await expect(tokens.revokeApiToken(other, { id: token.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await auditCount("api_token.revoke")).toBe(audits);
    expect((await get(secret)).status).toBe(200);

    const revoked = await tokens.revokeApiToken(admin, { id: token.id });
    expect(revoked).toMatchObject({ state: "REVOKED", owner: { username: "token-mine" } });
    const entry = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "api_token.revoke", entityId: String(token.id) },
    });
    expect(entry.actorId).toBe(admin.id);
    expect((await get(secret)).status).toBe(401);
  });

  it("validates input, caps active tokens per user, and does not let a token mint tokens", async () => {
    const owner = await makeActor(db.prisma, { username: "token-limits", role: "VIEWER" });
    await expect(tokens.createApiToken(owner, { name: "   " })).rejects.toThrow();
    await expect(tokens.createApiToken(owner, { name: "x", expiresInDays: 0 })).rejects.toThrow();
    await expect(tokens.createApiToken({ ...owner, via: "token" }, { name: "令牌生令牌" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    for (let i = 0; i < tokens.MAX_ACTIVE_TOKENS; i++) await tokens.createApiToken(owner, { name: `令牌${i}` });
    await expect(tokens.createApiToken(owner, { name: "超出上限" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.prisma.apiToken.count({ where: { userId: owner.id } })).toBe(tokens.MAX_ACTIVE_TOKENS);
    // Revoking one frees a place.
    const [first] = await tokens.listApiTokens(owner);
    await tokens.revokeApiToken(owner, { id: first!.id });
    await expect(tokens.createApiToken(owner, { name: "腾出位置后" })).resolves.toMatchObject({
      token: { state: "ACTIVE" },
    });
  });
});
