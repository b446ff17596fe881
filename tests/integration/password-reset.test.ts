/** A password reset ends every way in: the user's API tokens are revoked in the same transaction. */
import { describe, expect, it } from "vitest";
import { resetPassword } from "../../lib/server/user-admin";
import { setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase();

describe("password reset", () => {
  it("revokes the user's live API tokens and records it", async () => {
    const user = await db.prisma.user.create({ data: { username: "reset-me", displayName: "被重置", role: "VIEWER" } });
    const other = await db.prisma.user.create({ data: { username: "bystander", displayName: "旁人", role: "VIEWER" } });
    await db.prisma.apiToken.createMany({
      data: [
        { userId: user.id, name: "a", prefix: "dpt_a", tokenHash: "a".repeat(64) },
        { userId: user.id, name: "b", prefix: "dpt_b", tokenHash: "b".repeat(64), revokedAt: new Date("2024-01-01") },
        { userId: other.id, name: "c", prefix: "dpt_c", tokenHash: "c".repeat(64) },
      ],
    });
    const result = await resetPassword(
      db.prisma,
      { id: null, label: "cli" },
      { userId: user.id, password: { mode: "generate" } },
    );
    expect(result.generatedPassword).toBeTruthy();

    const tokens = await db.prisma.apiToken.findMany({
      orderBy: { name: "asc" },
      select: { name: true, revokedAt: true },
    });
    expect(tokens.find((t) => t.name === "a")?.revokedAt).toBeInstanceOf(Date);
    expect(tokens.find((t) => t.name === "b")?.revokedAt?.toISOString()).toBe("2024-01-01T00:00:00.000Z");
    expect(tokens.find((t) => t.name === "c")?.revokedAt).toBeNull();
    const entry = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "api_token.revoke_all" } });
    expect(entry).toMatchObject({ entityId: String(user.id), after: { revokedTokens: 1, reason: "password reset" } });
    const changed = await db.prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { passwordChangedAt: true },
    });
    expect(changed.passwordChangedAt).toBeInstanceOf(Date);
  });
});
