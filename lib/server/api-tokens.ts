import "server-only";
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import { writeAudit } from "./audit";
import { isAdmin, type Actor } from "./auth/actor";
import { hashToken } from "./auth/token-hash";
import { getDb } from "./db";
import { AppError, forbidden, notFound } from "./errors";
import { createTokenInput, revokeTokenInput, type ApiTokenRow } from "../schemas/account";
import { msg } from "../i18n/message";

/**
 * Personal API tokens: `dpt_` + 32 random base64url characters (192 bits), shown once at creation and
 * stored only as a sha256 hash (`hashToken`, the same function session.ts looks tokens up with), plus a
 * short prefix to tell tokens apart in lists. A token acts as its user — same role, same department —
 * and stops working when revoked, when it expires, or when the user is deactivated (session.ts).
 */
export const TOKEN_PREFIX_LENGTH = 10; // "dpt_" + 6 characters
export const MAX_ACTIVE_TOKENS = 20;
const tokenSelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  userId: true,
  user: { select: { id: true, username: true, displayName: true } },
} as const satisfies Prisma.ApiTokenSelect;

type TokenRecord = Prisma.ApiTokenGetPayload<{ select: typeof tokenSelect }>;

function toRow(token: TokenRecord, now: Date): ApiTokenRow {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    state: token.revokedAt ? "REVOKED" : token.expiresAt && token.expiresAt < now ? "EXPIRED" : "ACTIVE",
    owner: token.user,
  };
}

/** What the audit log keeps of a token: never the secret or its hash. */
const auditView = (row: ApiTokenRow) => ({
  name: row.name,
  prefix: row.prefix,
  userId: row.owner.id,
  expiresAt: row.expiresAt,
  revokedAt: row.revokedAt,
});

/** A new secret: `dpt_` + 32 base64url characters from 24 random bytes. */
export function generateTokenSecret(): { secret: string; prefix: string; tokenHash: string } {
  const secret = `dpt_${randomBytes(24).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, TOKEN_PREFIX_LENGTH), tokenHash: hashToken(secret) };
}

const activeWhere = (now: Date) =>
  ({ revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] }) satisfies Prisma.ApiTokenWhereInput;

/**
 * Creates a token for the actor (any signed-in user) and returns its secret — the only time it exists
 * outside the client. Tokens cannot mint tokens: this needs a session.
 */
export async function createApiToken(
  actor: Actor,
  raw: z.input<typeof createTokenInput>,
  now = new Date(),
): Promise<{ token: ApiTokenRow; secret: string }> {
  if (actor.via !== "session") throw forbidden("createTokenWithToken");
  const input = createTokenInput.parse(raw);
  const { secret, prefix, tokenHash } = generateTokenSecret();
  return getDb().$transaction(async (tx) => {
    // Serialise concurrent creations by the same user so the limit holds.
    await tx.$queryRaw`SELECT id FROM "app_user" WHERE id = ${actor.id} FOR UPDATE`;
    const active = await tx.apiToken.count({ where: { userId: actor.id, ...activeWhere(now) } });
    if (active >= MAX_ACTIVE_TOKENS) {
      throw new AppError("CONFLICT", msg("errors.tokens.tooMany", { max: MAX_ACTIVE_TOKENS }));
    }
    const created = await tx.apiToken.create({
      data: {
        userId: actor.id,
        name: input.name,
        prefix,
        tokenHash,
        createdAt: now,
        expiresAt: input.expiresInDays === null ? null : new Date(now.getTime() + input.expiresInDays * 86_400_000),
      },
      select: tokenSelect,
    });
    const token = toRow(created, now);
    await writeAudit(tx, actor, {
      action: "api_token.create",
      entityType: "api_token",
      entityId: token.id,
      after: auditView(token),
    });
    return { token, secret };
  });
}

/** The actor's own tokens, newest first; `scope: "all"` (admins only) lists everyone's. */
export async function listApiTokens(
  actor: Actor,
  options: { scope: "own" | "all" } = { scope: "own" },
  now = new Date(),
): Promise<ApiTokenRow[]> {
  if (options.scope === "all" && !isAdmin(actor)) throw forbidden("viewOthersTokens");
  const rows = await getDb().apiToken.findMany({
    where: options.scope === "own" ? { userId: actor.id } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
    select: tokenSelect,
  });
  return rows.map((row) => toRow(row, now));
}

/**
 * Revokes a token: its owner or an admin. Someone else's token answers 404 (its existence is not
 * revealed). Revoking a revoked token changes nothing.
 */
export async function revokeApiToken(
  actor: Actor,
  raw: z.input<typeof revokeTokenInput>,
  now = new Date(),
): Promise<ApiTokenRow> {
  const input = revokeTokenInput.parse(raw);
  return getDb().$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: input.id }, select: tokenSelect });
    if (!token || (token.userId !== actor.id && !isAdmin(actor))) throw notFound("token");
    if (token.revokedAt) return toRow(token, now);
    const { count } = await tx.apiToken.updateMany({
      where: { id: token.id, revokedAt: null },
      data: { revokedAt: now },
    });
    const after = await tx.apiToken.findUniqueOrThrow({ where: { id: token.id }, select: tokenSelect });
    if (count === 1) {
      await writeAudit(tx, actor, {
        action: "api_token.revoke",
        entityType: "api_token",
        entityId: token.id,
        before: auditView(toRow(token, now)),
        after: auditView(toRow(after, now)),
      });
    }
    return toRow(after, now);
  });
}
