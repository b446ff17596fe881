import "server-only";
/**
 * Institutional reform (机构改革) of the department registry: rename, merge A into B, split A's tasks,
 * and the inverse of each. Admins only (checked here, before anything is read); each operation is one
 * transaction with its department_reform row (what moved, so it can be reversed) and its audit entry.
 *
 * What moves and what stays:
 * - A merge moves A's open tasks (not retired, not 已完成) to B in every role A held — each through the
 *   assignment service (channel REFORM, one batchId for the operation, the operation's note and
 *   effective date) so each task's assignment history records it with the names as they were; A's
 *   users (and with them their API tokens) and aliases move to B, and A's name becomes an alias of B.
 *   Filed reports stay under A (task_update.departmentId is history). A keeps its row: mergedIntoId and
 *   mergedOn take it out of every list, picker, ranking and report duty, and its page says where it went.
 * - A split moves the chosen open tasks (and, optionally, chosen users) to B or to a new unit.
 * - The inverse of a merge or split moves back what the operation moved, unless it changed since (then
 *   it is left and named in the result); the inverse of a rename restores the old name.
 */
import { randomUUID } from "node:crypto";
import { passUnit, sameUnits, type UnitsByRole } from "../domain/department-reform";
import { shanghaiDate } from "../domain/dates";
import { taskHeading } from "../domain/task-heading";
import type { Prisma } from "../generated/prisma/client";
import { msg } from "../i18n/message";
import type {
  MergeDepartmentInput,
  ReformEntry,
  ReformKindName,
  ReformPanel,
  ReverseReformInput,
  ReverseResult,
  SplitDepartmentInput,
} from "../schemas/departments";
import { applyAssignment } from "./assignments";
import type { Actor } from "./auth/actor";
import { writeAudit } from "./audit";
import { getDb } from "./db";
import { AppError, forbidden, notFound } from "./errors";

type Tx = Prisma.TransactionClient;

/** What a reform did to one task: its units before and after, by department id. */
interface MovedTask {
  taskId: number;
  before: UnitsByRole;
  after: UnitsByRole;
}

/** The department_reform payload: enough to reverse the operation. */
interface ReformPayload {
  tasks?: MovedTask[];
  userIds?: number[];
  tokenIds?: number[];
  aliasIds?: number[];
  /** The alias row holding A's own name under B (merge). */
  nameAliasId?: number | null;
  /** Units merged into A before, re-pointed to B (no chains). */
  repointedIds?: number[];
  createdDepartmentId?: number | null;
  /** Merge: A's finished tasks whose assignment the merge marked decided, so re-imports leave them to A. */
  frozenTaskIds?: number[];
  oldName?: string;
  newName?: string;
  /** Rename: whether the old name's alias row was created by the rename (else it existed before). */
  oldNameAliasCreated?: boolean;
  /** Rename: whether the new name was an alias of the unit before (the rename removed that row). */
  newNameWasAlias?: boolean;
  reversal?: { restoredTasks: number[]; skippedTasks: number[]; restoredUsers: number[]; skippedUsers: number[] };
}

function assertAdmin(actor: Actor): void {
  if (actor.role !== "ADMIN") throw forbidden("reformDepartments");
}

const invalid = (key: Parameters<typeof reformMessage>[0], values: Record<string, string | number> = {}) =>
  new AppError("VALIDATION", reformMessage(key, values));
const conflict = (key: Parameters<typeof reformMessage>[0], values: Record<string, string | number> = {}) =>
  new AppError("CONFLICT", reformMessage(key, values));

function reformMessage(
  key:
    | "sameUnit"
    | "merged"
    | "futureDate"
    | "generic"
    | "notOpenTask"
    | "notUnitUser"
    | "alreadyReversed"
    | "notReversible"
    | "renamedSince"
    | "targetMerged",
  values: Record<string, string | number>,
) {
  return msg(`errors.reform.${key}`, values);
}

function checkEffectiveDate(date: string): void {
  if (date > shanghaiDate(new Date())) throw invalid("futureDate", { date });
}

async function activeDepartment(tx: Tx, id: number) {
  const row = await tx.department.findUnique({
    where: { id },
    select: { id: true, name: true, generic: true, kind: true, mergedIntoId: true },
  });
  if (!row) throw notFound("department");
  if (row.mergedIntoId !== null) throw conflict("merged", { name: row.name });
  return row;
}

/** Each task's units by role, in their order. */
async function unitsOf(tx: Tx, taskIds: number[]): Promise<Map<number, UnitsByRole>> {
  const rows = await tx.taskAssignment.findMany({
    where: { taskId: { in: taskIds } },
    orderBy: [{ taskId: "asc" }, { ordinal: "asc" }, { id: "asc" }],
    select: { taskId: true, departmentId: true, role: true },
  });
  const units = new Map<number, UnitsByRole>(taskIds.map((id) => [id, { lead: [], responsible: [], cooperating: [] }]));
  const key = { LEAD: "lead", RESPONSIBLE: "responsible", COOPERATING: "cooperating" } as const;
  for (const row of rows) units.get(row.taskId)![key[row.role]].push(row.departmentId);
  return units;
}

/**
 * The department's open tasks: current (not retired) and not 已完成 by its latest approved report. A
 * 常态化推进 task is open: its work goes on, and with it the duty to report while its document is in force.
 */
async function openTaskIds(tx: Pick<Tx, "$queryRaw">, departmentId: number): Promise<number[]> {
  const rows = await tx.$queryRaw<{ id: number }[]>`
    SELECT DISTINCT t.id FROM "task" t
    JOIN "task_assignment" a ON a."taskId" = t.id AND a."departmentId" = ${departmentId}
    WHERE t."retiredAt" IS NULL
      AND NOT (t."statusUpdatedAt" IS NOT NULL AND t."currentStatus" = 'COMPLETED')
    ORDER BY t.id`;
  return rows.map((r) => r.id);
}

/** Each task's document start (YYYY-MM-DD). */
async function documentStarts(tx: Tx, taskIds: number[]): Promise<Map<number, string>> {
  const rows = await tx.task.findMany({
    where: { id: { in: taskIds } },
    select: { id: true, document: { select: { periodStart: true } } },
  });
  return new Map(rows.map((r) => [r.id, r.document.periodStart.toISOString().slice(0, 10)]));
}

/**
 * A reform dated before a task's document started holds for that task from the document's start (an
 * assignment cannot hold before its document — lib/domain/assignments.ts), never later than today.
 */
function notBefore(date: string, start: string | undefined): string {
  if (!start || start <= date) return date;
  return start <= shanghaiDate(new Date()) ? start : date;
}

/** Passes `fromId`'s part of each task to `toId` through the assignment service. */
async function passTasks(
  tx: Tx,
  taskIds: number[],
  fromId: number,
  toId: number,
  ctx: { actor: Actor; note: string; effectiveDate: string; batchId: string },
): Promise<MovedTask[]> {
  const units = await unitsOf(tx, taskIds);
  const starts = await documentStarts(tx, taskIds);
  const moved: MovedTask[] = [];
  for (const taskId of taskIds) {
    const before = units.get(taskId)!;
    const after = passUnit(before, fromId, toId);
    if (!after) continue;
    await setUnits(tx, taskId, after, { ...ctx, effectiveDate: notBefore(ctx.effectiveDate, starts.get(taskId)) });
    moved.push({ taskId, before, after });
  }
  return moved;
}

async function setUnits(
  tx: Tx,
  taskId: number,
  units: UnitsByRole,
  ctx: { actor: Actor; note: string; effectiveDate: string; batchId: string },
): Promise<void> {
  await applyAssignment(tx, taskId, units, {
    actorId: ctx.actor.id,
    note: ctx.note,
    effectiveDate: ctx.effectiveDate,
    channel: "REFORM",
    batchId: ctx.batchId,
  });
}

async function recordReform(
  tx: Tx,
  actor: Actor,
  data: {
    kind: ReformKindName;
    fromDepartmentId: number;
    toDepartmentId: number | null;
    effectiveDate: string;
    note: string;
    batchId: string;
    payload: ReformPayload;
    reversesId?: number;
  },
) {
  const row = await tx.departmentReform.create({
    data: {
      kind: data.kind,
      fromDepartmentId: data.fromDepartmentId,
      toDepartmentId: data.toDepartmentId,
      effectiveDate: new Date(`${data.effectiveDate}T00:00:00Z`),
      actorId: actor.id,
      note: data.note,
      batchId: data.batchId,
      payload: data.payload as Prisma.InputJsonValue,
      reversesId: data.reversesId ?? null,
    },
    select: { id: true },
  });
  const action = {
    RENAME: "department.rename",
    MERGE: "department.merge",
    SPLIT: "department.split",
    UNDO_RENAME: "department.rename_undo",
    UNMERGE: "department.unmerge",
    UNDO_SPLIT: "department.split_undo",
  }[data.kind];
  await writeAudit(tx, actor, {
    action,
    entityType: "department",
    entityId: data.fromDepartmentId,
    after: {
      reformId: row.id,
      batchId: data.batchId,
      to: data.toDepartmentId,
      effectiveDate: data.effectiveDate,
      note: data.note,
      tasks: data.payload.tasks?.map((t) => t.taskId) ?? [],
      users: data.payload.userIds ?? [],
      ...(data.payload.reversal ? { reversal: data.payload.reversal } : {}),
    },
  });
  return row.id;
}

async function tokenIdsOf(tx: Tx, userIds: number[]): Promise<number[]> {
  if (userIds.length === 0) return [];
  const rows = await tx.apiToken.findMany({ where: { userId: { in: userIds } }, select: { id: true } });
  return rows.map((r) => r.id);
}

// ───────────────────────────── rename ─────────────────────────────

/**
 * Called by updateDepartment (lib/server/admin-departments.ts) inside its transaction when the name
 * changes: the rename is logged so that it can be reversed. History keeps the name as it was — the
 * assignment snapshots and reports store names or ids read at their time.
 */
export async function recordRename(
  tx: Tx,
  actor: Actor,
  rename: {
    departmentId: number;
    oldName: string;
    newName: string;
    oldNameAliasCreated: boolean;
    newNameWasAlias: boolean;
  },
): Promise<void> {
  await recordReform(tx, actor, {
    kind: "RENAME",
    fromDepartmentId: rename.departmentId,
    toDepartmentId: null,
    effectiveDate: shanghaiDate(new Date()),
    note: `${rename.oldName} → ${rename.newName}`,
    batchId: randomUUID(),
    payload: {
      oldName: rename.oldName,
      newName: rename.newName,
      oldNameAliasCreated: rename.oldNameAliasCreated,
      newNameWasAlias: rename.newNameWasAlias,
    },
  });
}

// ───────────────────────────── merge ─────────────────────────────

export interface MergeResult {
  reformId: number;
  movedTasks: number;
  movedUsers: number;
  movedTokens: number;
}

export async function mergeDepartment(input: MergeDepartmentInput, actor: Actor): Promise<MergeResult> {
  assertAdmin(actor);
  checkEffectiveDate(input.effectiveDate);
  if (input.fromId === input.toId) throw invalid("sameUnit");
  return getDb().$transaction(
    async (tx) => {
      // Lock both rows: two admins merging at once see each other's result, never half of it.
      await tx.$queryRaw`SELECT id FROM "department" WHERE id IN (${input.fromId}, ${input.toId}) ORDER BY id FOR UPDATE`;
      const from = await activeDepartment(tx, input.fromId);
      const to = await activeDepartment(tx, input.toId);
      if (from.generic || to.generic) throw invalid("generic");
      const batchId = randomUUID();
      const ctx = { actor, note: input.note, effectiveDate: input.effectiveDate, batchId };
      const tasks = await passTasks(tx, await openTaskIds(tx, from.id), from.id, to.id, ctx);
      // A's finished tasks stay A's. A's name now resolves to B, so a re-import would give them to B while
      // the importer still mirrors their text: marking them decided keeps them (no assignment changes).
      const frozen = await tx.task.findMany({
        where: { assignmentDecided: false, assignments: { some: { departmentId: from.id } } },
        select: { id: true },
      });
      const frozenTaskIds = frozen.map((t) => t.id);
      await tx.task.updateMany({ where: { id: { in: frozenTaskIds } }, data: { assignmentDecided: true } });
      const users = await tx.user.findMany({ where: { departmentId: from.id }, select: { id: true } });
      const userIds = users.map((u) => u.id);
      const tokenIds = await tokenIdsOf(tx, userIds);
      await tx.user.updateMany({ where: { id: { in: userIds } }, data: { departmentId: to.id } });
      const aliases = await tx.departmentAlias.findMany({ where: { departmentId: from.id }, select: { id: true } });
      const aliasIds = aliases.map((a) => a.id);
      await tx.departmentAlias.updateMany({ where: { id: { in: aliasIds } }, data: { departmentId: to.id } });
      // A's own name resolves to B from now on (re-imports, 分工表 uploads); A's row keeps its name.
      const nameAlias = await tx.departmentAlias.upsert({
        where: { alias: from.name },
        create: { alias: from.name, departmentId: to.id },
        update: { departmentId: to.id },
        select: { id: true },
      });
      const repointed = await tx.department.findMany({ where: { mergedIntoId: from.id }, select: { id: true } });
      const repointedIds = repointed.map((d) => d.id);
      await tx.department.updateMany({ where: { id: { in: repointedIds } }, data: { mergedIntoId: to.id } });
      await tx.department.update({
        where: { id: from.id },
        data: { mergedIntoId: to.id, mergedOn: new Date(`${input.effectiveDate}T00:00:00Z`) },
      });
      const reformId = await recordReform(tx, actor, {
        kind: "MERGE",
        fromDepartmentId: from.id,
        toDepartmentId: to.id,
        effectiveDate: input.effectiveDate,
        note: input.note,
        batchId,
        payload: { tasks, userIds, tokenIds, aliasIds, nameAliasId: nameAlias.id, repointedIds, frozenTaskIds },
      });
      return { reformId, movedTasks: tasks.length, movedUsers: userIds.length, movedTokens: tokenIds.length };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

// ───────────────────────────── split ─────────────────────────────

export interface SplitResult {
  reformId: number;
  toId: number;
  movedTasks: number;
  movedUsers: number;
}

export async function splitDepartment(input: SplitDepartmentInput, actor: Actor): Promise<SplitResult> {
  assertAdmin(actor);
  checkEffectiveDate(input.effectiveDate);
  if (input.toId === input.fromId) throw invalid("sameUnit");
  return getDb().$transaction(
    async (tx) => {
      const from = await activeDepartment(tx, input.fromId);
      let toId: number;
      let createdDepartmentId: number | null = null;
      if (input.toId !== null) {
        const to = await activeDepartment(tx, input.toId);
        if (to.generic) throw invalid("generic");
        toId = to.id;
      } else {
        const name = input.newName!;
        const [byName, byAlias] = await Promise.all([
          tx.department.findUnique({ where: { name }, select: { id: true } }),
          tx.departmentAlias.findUnique({ where: { alias: name }, select: { id: true } }),
        ]);
        if (byName || byAlias) {
          throw new AppError("CONFLICT", msg("errors.departments.nameTaken", { name }), {
            fieldErrors: { newName: [msg("errors.departments.nameTakenField")] },
          });
        }
        const created = await tx.department.create({ data: { name, kind: from.kind }, select: { id: true } });
        toId = createdDepartmentId = created.id;
      }
      if (from.generic) throw invalid("generic");
      const open = new Set(await openTaskIds(tx, from.id));
      const chosen = [...new Set(input.taskIds)];
      const stray = chosen.find((id) => !open.has(id));
      if (stray !== undefined) throw invalid("notOpenTask", { id: stray });
      const userIds = [...new Set(input.userIds)];
      const unitUsers = await tx.user.count({ where: { id: { in: userIds }, departmentId: from.id } });
      if (unitUsers !== userIds.length) throw invalid("notUnitUser");
      const batchId = randomUUID();
      const ctx = { actor, note: input.note, effectiveDate: input.effectiveDate, batchId };
      const tasks = await passTasks(tx, chosen, from.id, toId, ctx);
      const tokenIds = await tokenIdsOf(tx, userIds);
      await tx.user.updateMany({ where: { id: { in: userIds } }, data: { departmentId: toId } });
      const reformId = await recordReform(tx, actor, {
        kind: "SPLIT",
        fromDepartmentId: from.id,
        toDepartmentId: toId,
        effectiveDate: input.effectiveDate,
        note: input.note,
        batchId,
        payload: { tasks, userIds, tokenIds, createdDepartmentId },
      });
      return { reformId, toId, movedTasks: tasks.length, movedUsers: userIds.length };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

// ───────────────────────────── inverse operations ─────────────────────────────

const INVERSE: Partial<Record<ReformKindName, ReformKindName>> = {
  RENAME: "UNDO_RENAME",
  MERGE: "UNMERGE",
  SPLIT: "UNDO_SPLIT",
};

/**
 * Reverses a rename, merge or split. Tasks go back only where the assignment is still what the reform
 * left (else a later decision would be undone silently); users only where they are still in the unit
 * the reform moved them to. What is left is returned, by task number and username.
 */
export async function reverseReform(input: ReverseReformInput, actor: Actor): Promise<ReverseResult> {
  assertAdmin(actor);
  return getDb().$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM "department_reform" WHERE id = ${input.reformId} FOR UPDATE`;
      const reform = await tx.departmentReform.findUnique({
        where: { id: input.reformId },
        select: {
          id: true,
          kind: true,
          fromDepartmentId: true,
          toDepartmentId: true,
          payload: true,
          reversedBy: { select: { id: true } },
        },
      });
      if (!reform) throw notFound("reform");
      const inverse = INVERSE[reform.kind];
      if (!inverse) throw invalid("notReversible");
      if (reform.reversedBy) throw conflict("alreadyReversed");
      const payload = reform.payload as ReformPayload;
      const today = shanghaiDate(new Date());
      const batchId = randomUUID();
      const ctx = { actor, note: input.note, effectiveDate: today, batchId };
      const result: ReverseResult = { restoredTasks: 0, restoredUsers: 0, skippedTasks: [], skippedUsers: [] };
      const reversal = {
        restoredTasks: [] as number[],
        skippedTasks: [] as number[],
        restoredUsers: [] as number[],
        skippedUsers: [] as number[],
      };

      if (reform.kind === "RENAME") {
        const department = await tx.department.findUniqueOrThrow({
          where: { id: reform.fromDepartmentId },
          select: { id: true, name: true },
        });
        if (department.name !== payload.newName) throw conflict("renamedSince", { name: department.name });
        const taken = await tx.department.findUnique({ where: { name: payload.oldName! }, select: { id: true } });
        if (taken) throw new AppError("CONFLICT", msg("errors.departments.nameTaken", { name: payload.oldName! }));
        if (payload.oldNameAliasCreated)
          await tx.departmentAlias.deleteMany({ where: { alias: payload.oldName!, departmentId: department.id } });
        await tx.department.update({ where: { id: department.id }, data: { name: payload.oldName! } });
        if (payload.newNameWasAlias) {
          await tx.departmentAlias.upsert({
            where: { alias: payload.newName! },
            create: { alias: payload.newName!, departmentId: department.id },
            update: {},
          });
        }
      } else {
        const from = reform.fromDepartmentId;
        const to = reform.toDepartmentId!;
        if (reform.kind === "MERGE") {
          const row = await tx.department.findUniqueOrThrow({ where: { id: from }, select: { mergedIntoId: true } });
          if (row.mergedIntoId !== to) throw conflict("targetMerged");
          await tx.department.update({ where: { id: from }, data: { mergedIntoId: null, mergedOn: null } });
          await tx.department.updateMany({
            where: { id: { in: payload.repointedIds ?? [] }, mergedIntoId: to },
            data: { mergedIntoId: from },
          });
          await tx.departmentAlias.updateMany({
            where: { id: { in: payload.aliasIds ?? [] }, departmentId: to },
            data: { departmentId: from },
          });
          if (payload.nameAliasId) await tx.departmentAlias.deleteMany({ where: { id: payload.nameAliasId } });
          // Finished tasks the merge marked decided go back to following their text, unless a person has
          // decided their assignment since (a change row).
          await tx.task.updateMany({
            where: { id: { in: payload.frozenTaskIds ?? [] }, assignmentChanges: { none: {} } },
            data: { assignmentDecided: false },
          });
        } else {
          // The target must still be a unit a task may be given back from; its own row stays.
          await activeDepartment(tx, from);
        }
        // Tasks: back to what they were, where nothing changed since.
        const moved = payload.tasks ?? [];
        const current = await unitsOf(
          tx,
          moved.map((t) => t.taskId),
        );
        for (const task of moved) {
          const now = current.get(task.taskId)!;
          if (sameUnits(now, task.after)) {
            await setUnits(tx, task.taskId, task.before, ctx);
            reversal.restoredTasks.push(task.taskId);
          } else {
            reversal.skippedTasks.push(task.taskId);
          }
        }
        const users = await tx.user.findMany({
          where: { id: { in: payload.userIds ?? [] } },
          select: { id: true, username: true, departmentId: true },
        });
        for (const user of users) {
          if (user.departmentId === to) reversal.restoredUsers.push(user.id);
          else reversal.skippedUsers.push(user.id);
        }
        await tx.user.updateMany({ where: { id: { in: reversal.restoredUsers } }, data: { departmentId: from } });
        result.skippedUsers = users
          .filter((u) => reversal.skippedUsers.includes(u.id))
          .map((u) => ({ id: u.id, username: u.username }));
        if (reversal.skippedTasks.length) {
          const rows = await tx.task.findMany({
            where: { id: { in: reversal.skippedTasks } },
            orderBy: { id: "asc" },
            select: { id: true, number: true, document: { select: { shortTitle: true } } },
          });
          result.skippedTasks = rows.map((r) => ({ id: r.id, number: r.number, document: r.document.shortTitle }));
        }
      }
      result.restoredTasks = reversal.restoredTasks.length;
      result.restoredUsers = reversal.restoredUsers.length;
      await recordReform(tx, actor, {
        kind: inverse,
        fromDepartmentId: reform.fromDepartmentId,
        toDepartmentId: reform.toDepartmentId,
        effectiveDate: today,
        note: input.note,
        batchId,
        payload: { reversal },
        reversesId: reform.id,
      });
      return result;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

// ───────────────────────────── reads ─────────────────────────────

/** The reform panel of the admin's department page. */
export async function getReformPanel(departmentId: number): Promise<ReformPanel> {
  const db = getDb();
  const [department, targets, openIds, users, history] = await Promise.all([
    db.department.findUnique({
      where: { id: departmentId },
      select: { mergedOn: true, mergedInto: { select: { id: true, name: true } } },
    }),
    db.department.findMany({
      where: { mergedIntoId: null, id: { not: departmentId } },
      orderBy: [{ generic: "asc" }, { name: "asc" }],
      select: { id: true, name: true, generic: true },
    }),
    openTaskIds(db, departmentId),
    db.user.findMany({
      where: { departmentId },
      orderBy: { username: "asc" },
      select: { id: true, username: true, displayName: true },
    }),
    listReforms(departmentId),
  ]);
  const tasks = await db.task.findMany({
    where: { id: { in: openIds } },
    orderBy: [{ documentId: "asc" }, { ordinal: "asc" }],
    select: {
      id: true,
      number: true,
      title: true,
      text: true,
      document: { select: { shortTitle: true } },
      assignments: { where: { departmentId }, select: { role: true }, take: 1 },
    },
  });
  return {
    mergedInto:
      department?.mergedInto && department.mergedOn
        ? { ...department.mergedInto, on: department.mergedOn.toISOString().slice(0, 10) }
        : null,
    targets: targets.filter((d) => !d.generic),
    openTasks: tasks.map((t) => ({
      id: t.id,
      number: t.number,
      headline: taskHeading(t),
      document: t.document.shortTitle,
      role: t.assignments[0]?.role ?? "COOPERATING",
    })),
    users,
    history,
  };
}

/** Every reform operation that involved the unit, newest first. */
export async function listReforms(departmentId: number): Promise<ReformEntry[]> {
  const rows = await getDb().departmentReform.findMany({
    where: { OR: [{ fromDepartmentId: departmentId }, { toDepartmentId: departmentId }] },
    orderBy: { id: "desc" },
    select: {
      id: true,
      kind: true,
      fromDepartment: { select: { id: true, name: true } },
      toDepartment: { select: { id: true, name: true } },
      effectiveDate: true,
      recordedAt: true,
      actor: { select: { displayName: true } },
      note: true,
      payload: true,
      reversedBy: { select: { id: true } },
    },
  });
  return rows.map((r) => {
    const payload = r.payload as ReformPayload;
    return {
      id: r.id,
      kind: r.kind,
      from: r.fromDepartment,
      to: r.toDepartment,
      effectiveDate: r.effectiveDate.toISOString().slice(0, 10),
      recordedAt: r.recordedAt.toISOString(),
      actor: r.actor.displayName,
      note: r.note,
      taskCount: payload.tasks?.length ?? payload.reversal?.restoredTasks.length ?? 0,
      userCount: payload.userIds?.length ?? payload.reversal?.restoredUsers.length ?? 0,
      reversedBy: r.reversedBy?.id ?? null,
      reversible: r.kind in INVERSE && !r.reversedBy,
    };
  });
}

/** Prisma's where for units still in the registry's lists: not merged away. */
export const ACTIVE_DEPARTMENT = { mergedIntoId: null } satisfies Prisma.DepartmentWhereInput;
