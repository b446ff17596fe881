import "server-only";
import type { z } from "zod";
import type {
  addAliasSchema,
  AdminDepartment,
  DepartmentKindName,
  removeAliasSchema,
  UpdateDepartmentInput,
} from "../schemas/departments";
import type { Actor } from "./auth/actor";
import { writeAudit } from "./audit";
import { recordRename } from "./department-reform";
import { getDb } from "./db";
import { AppError, forbidden, notFound } from "./errors";
import { msg } from "../i18n/message";

/**
 * Department administration: display names, kind, the generic flag and aliases (the spellings the
 * documents use: 省大数据局 / 山东省大数据局 / 省大數據局). Every change is one transaction with its audit entry.
 */

const departmentSelect = {
  id: true,
  name: true,
  shortName: true,
  kind: true,
  generic: true,
  mergedOn: true,
  mergedInto: { select: { id: true, name: true } },
  aliases: { select: { id: true, alias: true }, orderBy: { alias: "asc" } },
  _count: { select: { users: true } },
} as const;

async function assignmentCounts(where: { departmentId?: number } = {}) {
  const rows = await getDb().taskAssignment.groupBy({ by: ["departmentId", "role"], where, _count: { _all: true } });
  const counts = new Map<number, { LEAD: number; RESPONSIBLE: number; COOPERATING: number }>();
  for (const row of rows) {
    const entry = counts.get(row.departmentId) ?? { LEAD: 0, RESPONSIBLE: 0, COOPERATING: 0 };
    entry[row.role] += row._count._all;
    counts.set(row.departmentId, entry);
  }
  return counts;
}

type DepartmentRow = {
  id: number;
  name: string;
  shortName: string | null;
  kind: DepartmentKindName;
  generic: boolean;
  aliases: { id: number; alias: string }[];
  mergedOn: Date | null;
  mergedInto: { id: number; name: string } | null;
  _count: { users: number };
};

function toAdminDepartment(
  row: DepartmentRow,
  counts: Map<number, { LEAD: number; RESPONSIBLE: number; COOPERATING: number }>,
): AdminDepartment {
  const c = counts.get(row.id);
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    kind: row.kind,
    generic: row.generic,
    aliases: row.aliases,
    leadCount: c?.LEAD ?? 0,
    responsibleCount: c?.RESPONSIBLE ?? 0,
    cooperatingCount: c?.COOPERATING ?? 0,
    userCount: row._count.users,
    mergedInto:
      row.mergedInto && row.mergedOn ? { ...row.mergedInto, on: row.mergedOn.toISOString().slice(0, 10) } : null,
  };
}

export async function listDepartmentsForAdmin(): Promise<AdminDepartment[]> {
  const [rows, counts] = await Promise.all([
    // Merged-away units stay listed here, last and marked: the admin reaches them to reverse a merge.
    getDb().department.findMany({
      orderBy: [{ mergedOn: { sort: "desc", nulls: "first" } }, { generic: "asc" }, { name: "asc" }],
      select: departmentSelect,
    }),
    assignmentCounts(),
  ]);
  return rows.map((row) => toAdminDepartment(row, counts));
}

export async function getDepartmentForAdmin(id: number): Promise<AdminDepartment | null> {
  const [row, counts] = await Promise.all([
    getDb().department.findUnique({ where: { id }, select: departmentSelect }),
    assignmentCounts({ departmentId: id }),
  ]);
  return row ? toAdminDepartment(row, counts) : null;
}

function assertAdmin(actor: Actor): void {
  if (actor.role !== "ADMIN") throw forbidden();
}

const snapshotSelect = { id: true, name: true, shortName: true, kind: true, generic: true } as const;

/**
 * Renaming keeps the old name as an alias, so text and imports that still write it find the department.
 * A new name already used by another department or alias is refused.
 */
export async function updateDepartment(input: UpdateDepartmentInput, actor: Actor): Promise<void> {
  assertAdmin(actor);
  await getDb().$transaction(async (tx) => {
    const before = await tx.department.findUnique({ where: { id: input.departmentId }, select: snapshotSelect });
    if (!before) throw notFound("department");
    if (input.name !== before.name) {
      const [byName, byAlias] = await Promise.all([
        tx.department.findUnique({ where: { name: input.name }, select: { id: true } }),
        tx.departmentAlias.findUnique({ where: { alias: input.name }, select: { departmentId: true } }),
      ]);
      if (byName || (byAlias && byAlias.departmentId !== before.id)) {
        throw new AppError("CONFLICT", msg("errors.departments.nameTaken", { name: input.name }), {
          fieldErrors: { name: [msg("errors.departments.nameTakenField")] },
        });
      }
      // The new name stops being an alias of its own department; the old one becomes one.
      if (byAlias) await tx.departmentAlias.delete({ where: { alias: input.name } });
      const oldAlias = await tx.departmentAlias.findUnique({ where: { alias: before.name }, select: { id: true } });
      if (!oldAlias) await tx.departmentAlias.create({ data: { alias: before.name, departmentId: before.id } });
      // Logged as a reform so that it can be reversed (lib/server/department-reform.ts).
      await recordRename(tx, actor, {
        departmentId: before.id,
        oldName: before.name,
        newName: input.name,
        oldNameAliasCreated: !oldAlias,
        newNameWasAlias: Boolean(byAlias),
      });
    }
    const after = await tx.department.update({
      where: { id: before.id },
      data: { name: input.name, shortName: input.shortName, kind: input.kind, generic: input.generic },
      select: snapshotSelect,
    });
    await writeAudit(tx, actor, {
      action: "department.update",
      entityType: "department",
      entityId: before.id,
      before,
      after,
    });
  });
}

export async function addDepartmentAlias(input: z.output<typeof addAliasSchema>, actor: Actor): Promise<void> {
  assertAdmin(actor);
  await getDb().$transaction(async (tx) => {
    const department = await tx.department.findUnique({
      where: { id: input.departmentId },
      select: { id: true, name: true },
    });
    if (!department) throw notFound("department");
    const [alias, named] = await Promise.all([
      tx.departmentAlias.findUnique({
        where: { alias: input.alias },
        select: { department: { select: { name: true } } },
      }),
      tx.department.findUnique({ where: { name: input.alias }, select: { name: true } }),
    ]);
    const owner = alias?.department.name ?? named?.name;
    if (owner) {
      const message = msg("errors.departments.aliasTaken", { alias: input.alias, owner });
      throw new AppError("CONFLICT", message, { fieldErrors: { alias: [message] } });
    }
    const created = await tx.departmentAlias.create({
      data: { alias: input.alias, departmentId: department.id },
      select: { id: true, alias: true },
    });
    await writeAudit(tx, actor, {
      action: "department.alias_add",
      entityType: "department",
      entityId: department.id,
      after: { aliasId: created.id, alias: created.alias },
    });
  });
}

export async function removeDepartmentAlias(input: z.output<typeof removeAliasSchema>, actor: Actor): Promise<void> {
  assertAdmin(actor);
  await getDb().$transaction(async (tx) => {
    const alias = await tx.departmentAlias.findUnique({
      where: { id: input.aliasId },
      select: { id: true, alias: true, departmentId: true },
    });
    if (!alias) throw notFound("alias");
    await tx.departmentAlias.delete({ where: { id: alias.id } });
    await writeAudit(tx, actor, {
      action: "department.alias_remove",
      entityType: "department",
      entityId: alias.departmentId,
      before: { aliasId: alias.id, alias: alias.alias },
    });
  });
}
