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

/** Many entries in one statement (a bulk import audits each stored row), inside the caller's transaction. */
export async function writeAuditMany(tx: Tx, actor: Actor | null, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.auditLog.createMany({
    data: entries.map((entry) => ({
      actorId: actor?.id ?? null,
      actorLabel: actor?.username ?? "system",
      action: entry.action,
      entityType: entry.entityType,
      entityId: sanitizeText(String(entry.entityId)),
      before: json(entry.before),
      after: json(entry.after),
    })),
  });
}
