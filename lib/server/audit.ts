import "server-only";
import { sanitizeJson, sanitizeText } from "../domain/text-input";
import type { Prisma } from "../generated/prisma/client";
import type { Actor } from "./auth/actor";

type Tx = Prisma.TransactionClient;

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

// Sanitised (NUL and lone surrogates → U+FFFD): PostgreSQL's jsonb refuses them, and an audit entry — the
// rejected text of a stale report above all — must never fail because of what it records.
const json = (value: unknown) =>
  value === undefined ? undefined : (sanitizeJson(JSON.parse(JSON.stringify(value))) as Prisma.InputJsonValue);

/** Appends an audit entry inside the caller's transaction: the change and its record commit together. */
export async function writeAudit(
  tx: Tx,
  actor: Pick<Actor, "id" | "username"> | null,
  entry: AuditEntry,
): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: actor?.id ?? null,
      actorLabel: actor?.username ?? "system",
      action: entry.action,
      entityType: entry.entityType,
      entityId: sanitizeText(String(entry.entityId)),
      before: json(entry.before),
      after: json(entry.after),
    },
  });
}

/**
 * Many entries in one statement (a bulk import audits each stored row), inside the caller's transaction:
 * one INSERT … SELECT over arrays, so a batch of thousands binds seven parameters, not seven per entry.
 */
export async function writeAuditMany(
  tx: Tx,
  actor: Pick<Actor, "id" | "username"> | null,
  entries: AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const jsonText = (value: unknown) => (value === undefined ? null : JSON.stringify(json(value)));
  await tx.$executeRaw`
    INSERT INTO "audit_log" ("actorId", "actorLabel", "action", "entityType", "entityId", "before", "after")
    SELECT ${actor?.id ?? null}::int, ${actor?.username ?? "system"}, v.action, v."entityType", v."entityId",
           v.before, v.after
    FROM unnest(${entries.map((e) => e.action)}::text[], ${entries.map((e) => e.entityType)}::text[],
                ${entries.map((e) => sanitizeText(String(e.entityId)))}::text[],
                ${entries.map((e) => jsonText(e.before))}::jsonb[], ${entries.map((e) => jsonText(e.after))}::jsonb[])
      AS v(action, "entityType", "entityId", before, after)`;
}
