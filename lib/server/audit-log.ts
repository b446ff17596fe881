import "server-only";
import { z } from "zod";
import { AUDIT_ACTION_KINDS, AUDIT_CATEGORIES, isAuditAction, SECURITY_AUDIT_ACTIONS } from "../domain/audit-actions";
import { inputDateSchema } from "../domain/dates";
import type { Prisma } from "../generated/prisma/client";
import { getDb } from "./db";

/**
 * Reading the append-only audit log (written by lib/server/audit.ts and lib/server/user-admin.ts).
 * There is deliberately no update or delete here: the log is evidence.
 */

export const AUDIT_PAGE_SIZE = 50;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? undefined : v))
    .optional()
    .catch(undefined);
// The one date rule (lib/domain/dates.ts): a real date inside the plausible window, else no filter.
const day = inputDateSchema.optional().catch(undefined);

/** Filters as they stand in the URL; anything unparsable is ignored rather than failing the page. */
export const auditFilterSchema = z.object({
  /** A username (exact, any case) or part of a display name. */
  actor: text(64),
  /** An action (exact when it is one, e.g. user.unlock), else a prefix. */
  action: text(64),
  /** The kind of action: the part before the dot (lib/domain/audit-actions.ts). */
  kind: z.enum(AUDIT_ACTION_KINDS).optional().catch(undefined),
  entityType: text(64),
  entityId: text(64),
  /** "security": only the security events (sign-ins, failures, lockouts, sign-outs, refusals, tokens…). */
  category: z.enum(AUDIT_CATEGORIES).optional().catch(undefined),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type AuditFilter = z.output<typeof auditFilterSchema>;

export function parseAuditFilter(searchParams: Record<string, string | string[] | undefined>): AuditFilter {
  const first = Object.fromEntries(
    Object.entries(searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v] as const),
  );
  return auditFilterSchema.parse(first);
}

export interface AuditChange {
  key: string;
  before: string | null;
  after: string | null;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actorLabel: string;
  /** The acting user's display name and department today, when the entry names a user. */
  actorName: string | null;
  actorDepartment: string | null;
  /** Nobody signed in (a failed sign-in): actorId is null and the label is "anonymous". */
  anonymous: boolean;
  action: string;
  entityType: string;
  entityId: string;
  /** The client's address, where it was recorded (trusted only behind a proxy: TRUST_PROXY). */
  ip: string | null;
  changes: AuditChange[];
}

export interface AuditPage {
  items: AuditEntryView[];
  total: number;
  page: number;
  pageSize: number;
}

const show = (value: unknown): string | null => {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
};

const asRecord = (value: unknown): Record<string, unknown> | null =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/**
 * The keys whose values differ between before and after, alphabetically (jsonb does not keep key order). A creation (no before)
 * lists every key of after, a removal every key of before; non-object payloads show as one "value" row.
 */
export function diffAuditPayload(before: unknown, after: unknown): AuditChange[] {
  const b = before === null || before === undefined ? {} : asRecord(before);
  const a = after === null || after === undefined ? {} : asRecord(after);
  if (!b || !a) {
    return show(before) === show(after)
      ? []
      : [{ key: "value", before: show(before ?? undefined), after: show(after ?? undefined) }];
  }
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return keys
    .filter((key) => JSON.stringify(b[key]) !== JSON.stringify(a[key]))
    .map((key) => ({ key, before: show(b[key]), after: show(a[key]) }));
}

// Dates in the URL are calendar days in Shanghai, where the users are.
const startOfDay = (value: string) => new Date(`${value}T00:00:00+08:00`);
const endOfDay = (value: string) => new Date(startOfDay(value).getTime() + 24 * 60 * 60_000);

export async function listAuditEntries(filter: AuditFilter): Promise<AuditPage> {
  const where: Prisma.AuditLogWhereInput = {
    OR: filter.actor
      ? [
          { actorLabel: { equals: filter.actor, mode: "insensitive" } },
          { actor: { displayName: { contains: filter.actor, mode: "insensitive" } } },
        ]
      : undefined,
    AND: [
      {
        action: {
          startsWith: filter.action && !isAuditAction(filter.action) ? filter.action : undefined,
          equals: filter.action && isAuditAction(filter.action) ? filter.action : undefined,
          in: filter.category === "security" ? [...SECURITY_AUDIT_ACTIONS] : undefined,
        },
      },
      { action: { startsWith: filter.kind ? `${filter.kind}.` : undefined } },
    ],
    entityType: filter.entityType,
    entityId: filter.entityId,
    at:
      filter.from || filter.to
        ? { gte: filter.from ? startOfDay(filter.from) : undefined, lt: filter.to ? endOfDay(filter.to) : undefined }
        : undefined,
  };
  const db = getDb();
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: {
        id: true,
        at: true,
        actorId: true,
        actorLabel: true,
        actor: { select: { displayName: true, department: { select: { name: true } } } },
        action: true,
        entityType: true,
        entityId: true,
        ip: true,
        before: true,
        after: true,
      },
    }),
  ]);
  return {
    total,
    page: filter.page,
    pageSize: AUDIT_PAGE_SIZE,
    items: rows.map((row) => ({
      id: row.id.toString(),
      at: row.at.toISOString(),
      actorLabel: row.actorLabel,
      actorName: row.actor?.displayName ?? null,
      actorDepartment: row.actor?.department?.name ?? null,
      anonymous: row.actorId === null && row.actorLabel === "anonymous",
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      ip: row.ip,
      changes: diffAuditPayload(row.before, row.after),
    })),
  };
}

/** Distinct entity types, for the filter's choices. */
export async function listAuditEntityTypes(): Promise<string[]> {
  const rows = await getDb().auditLog.findMany({
    distinct: ["entityType"],
    select: { entityType: true },
    orderBy: { entityType: "asc" },
  });
  return rows.map((r) => r.entityType);
}
