import "server-only";
/**
 * Task assignment (issue 15): the one write path for every channel — the task page (BROWSER), the REST
 * API (API), the 任务分工表 upload (TABLE) and institutional reform (REFORM). The rules are in
 * lib/domain/assignments.ts; this file reads the facts they need and writes, inside the caller's
 * transaction: task_assignment (the current assignment every query reads), the assigned-deadline
 * milestone, task.assignmentDecided, one task_assignment_change row (append-only) and one audit row.
 * hasLead and deadline follow by the triggers of migration task_state_columns.
 *
 * Authorization is checked here too, by the actor's row in the same transaction: only an active REVIEWER
 * or ADMIN assigns, whatever the entry point; a refusal throws before anything is written.
 */
import {
  ASSIGNED_DEADLINE_ORDINAL,
  ASSIGNED_DEADLINE_TEXT,
  ASSIGNMENT_LIMITS,
  KEY_OF_ROLE,
  ROLE_OF_KEY,
  ASSIGNMENT_ROLES,
  normaliseInput,
  readSnapshot,
  sameAssignment,
  snapshotOf,
  validateAssignment,
  type AssignmentInput,
  type AssignmentSnapshot,
  type RegistryUnit,
} from "../domain/assignments";
import { shanghaiDate, utcDay, utcMidnight } from "../domain/dates";
import type { AssignmentChannel, Prisma } from "../generated/prisma/client";
import { msg } from "../i18n/message";
import { assignmentChangeInput, type AssignmentChangeInput } from "../schemas/assignments";
import { writeAudit, writeAuditMany } from "./audit";
import { isReviewer, type Actor } from "./auth/actor";
import { getDb } from "./db";
import { AppError, forbidden, notFound } from "./errors";
import { validationError } from "./failures";

type Tx = Prisma.TransactionClient;

export type { AssignmentInput, AssignmentSnapshot };
export type UnitRef = number;

export interface ChangeContext {
  actorId: number;
  note: string;
  /** YYYY-MM-DD: from when the assignment holds. */
  effectiveDate: string;
  channel: AssignmentChannel;
  /** One 分工表 commit or one reform operation shares a batch id. */
  batchId?: string;
  /** Today (YYYY-MM-DD, Shanghai) — tests pass a fixed date; default now. */
  today?: string;
  /** The embedded demo's sample assignment (seed/sample.ts): shown as 示例数据. */
  isSample?: boolean;
}

export interface ApplyResult {
  changed: boolean;
  before: AssignmentSnapshot;
  after: AssignmentSnapshot;
}

interface LockedTask {
  id: number;
  key: string;
  periodStart: Date;
  periodEnd: Date;
}

/** The task's current assignment, as a snapshot with the department names as they are now. */
async function currentSnapshot(tx: Tx, taskId: number): Promise<AssignmentSnapshot> {
  const [rows, deadline] = await Promise.all([
    tx.taskAssignment.findMany({
      where: { taskId },
      orderBy: [{ role: "asc" }, { ordinal: "asc" }, { id: "asc" }],
      select: { role: true, department: { select: { id: true, name: true } } },
    }),
    assignedDeadline(tx, taskId),
  ]);
  const snapshot: AssignmentSnapshot = { lead: [], responsible: [], cooperating: [], deadline };
  for (const row of rows) snapshot[KEY_OF_ROLE[row.role]].push({ id: row.department.id, name: row.department.name });
  return snapshot;
}

async function assignedDeadline(tx: Tx, taskId: number): Promise<string | null> {
  const row = await tx.milestone.findFirst({
    where: { taskId, ordinal: ASSIGNED_DEADLINE_ORDINAL, retiredAt: null },
    select: { dueDate: true },
  });
  return row ? utcDay(row.dueDate) : null;
}

/** Whether the text gives the task milestones (then its deadline is the text's). */
async function textHasMilestones(tx: Tx, taskId: number): Promise<boolean> {
  const count = await tx.milestone.count({
    where: { taskId, retiredAt: null, ordinal: { not: ASSIGNED_DEADLINE_ORDINAL } },
  });
  return count > 0;
}

/**
 * Registry facts of the given departments. `retired` is false for every department until the reform
 * (issue 15 item 4) gives departments an end; it then reads it here.
 */
async function registryUnits(tx: Tx, ids: number[]): Promise<Map<number, RegistryUnit>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.department.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, generic: true },
  });
  return new Map(rows.map((r) => [r.id, { ...r, retired: false }]));
}

async function assertMayAssign(tx: Tx, actorId: number): Promise<{ id: number; username: string }> {
  const user = await tx.user.findUnique({
    where: { id: actorId },
    select: { id: true, username: true, role: true, active: true },
  });
  if (!user || !user.active || (user.role !== "REVIEWER" && user.role !== "ADMIN")) throw forbidden("assignTasks");
  return user;
}

/**
 * Validates and applies one task's assignment inside the caller's transaction. A no-op (the same units in
 * the same roles and the same deadline) writes nothing and returns changed: false. A bad input throws a
 * VALIDATION AppError with field errors (keys lead, responsible, cooperating, deadline, effectiveDate).
 */
export async function applyAssignment(
  tx: Tx,
  taskId: number,
  rawInput: AssignmentInput,
  ctx: ChangeContext,
): Promise<ApplyResult> {
  const actor = await assertMayAssign(tx, ctx.actorId);
  const [task] = await tx.$queryRaw<LockedTask[]>`
    SELECT t.id, t.key, d."periodStart", d."periodEnd"
    FROM "task" t JOIN "document" d ON d.id = t."documentId"
    WHERE t.id = ${taskId}
    FOR UPDATE OF t`;
  if (!task) throw notFound("task");
  const input = normaliseInput(rawInput);
  const ids = [...input.lead, ...input.responsible, ...input.cooperating];
  const [before, units, hasTextMilestones] = await Promise.all([
    currentSnapshot(tx, taskId),
    registryUnits(tx, ids),
    textHasMilestones(tx, taskId),
  ]);
  const note = ctx.note.trim();
  const today = ctx.today ?? shanghaiDate(new Date());
  const fieldErrors = validateAssignment(input, ctx.effectiveDate, {
    today,
    periodStart: utcDay(task.periodStart),
    periodEnd: utcDay(task.periodEnd),
    textHasMilestones: hasTextMilestones,
    units,
    current: before,
  });
  if (note.length === 0) (fieldErrors.note ??= []).push(msg("errors.assignments.noteRequired"));
  if (note.length > ASSIGNMENT_LIMITS.note) {
    (fieldErrors.note ??= []).push(msg("errors.assignments.noteMax", { maximum: ASSIGNMENT_LIMITS.note }));
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new AppError("VALIDATION", msg("errors.assignments.invalid"), { fieldErrors });
  }
  const after = snapshotOf(input, units, before);
  if (sameAssignment(before, after)) return { changed: false, before, after };

  // task_assignment: reconciled in place (ids of kept rows stay stable).
  const existing = await tx.taskAssignment.findMany({
    where: { taskId },
    select: { id: true, departmentId: true, role: true, ordinal: true },
  });
  const wanted = new Map<string, { departmentId: number; role: keyof typeof KEY_OF_ROLE; ordinal: number }>();
  for (const role of ASSIGNMENT_ROLES) {
    input[role].forEach((departmentId, ordinal) =>
      wanted.set(`${departmentId}:${ROLE_OF_KEY[role]}`, { departmentId, role: ROLE_OF_KEY[role], ordinal }),
    );
  }
  const stale = existing.filter((row) => !wanted.has(`${row.departmentId}:${row.role}`)).map((row) => row.id);
  if (stale.length) await tx.$executeRaw`DELETE FROM "task_assignment" WHERE id = ANY(${stale}::int[])`;
  for (const row of existing) {
    const want = wanted.get(`${row.departmentId}:${row.role}`);
    if (!want) continue;
    if (want.ordinal !== row.ordinal) {
      await tx.taskAssignment.update({ where: { id: row.id }, data: { ordinal: want.ordinal } });
    }
    wanted.delete(`${row.departmentId}:${row.role}`);
  }
  if (wanted.size) {
    await tx.taskAssignment.createMany({
      data: [...wanted.values()].map((w) => ({
        taskId,
        ...w,
        rawName: units.get(w.departmentId)?.name ?? String(w.departmentId),
      })),
    });
  }

  // The assigned deadline: one milestone without a source, revived or retired as the deadline comes and goes.
  if (after.deadline !== before.deadline) {
    const slot = await tx.milestone.findUnique({
      where: { taskId_ordinal: { taskId, ordinal: ASSIGNED_DEADLINE_ORDINAL } },
      select: { id: true },
    });
    if (after.deadline === null) {
      if (slot) await tx.milestone.update({ where: { id: slot.id }, data: { retiredAt: new Date() } });
    } else if (slot) {
      await tx.milestone.update({
        where: { id: slot.id },
        data: { dueDate: utcMidnight(after.deadline), retiredAt: null, text: ASSIGNED_DEADLINE_TEXT },
      });
    } else {
      await tx.milestone.create({
        data: {
          taskId,
          ordinal: ASSIGNED_DEADLINE_ORDINAL,
          dueDate: utcMidnight(after.deadline),
          text: ASSIGNED_DEADLINE_TEXT,
        },
      });
    }
    await tx.$executeRaw`
      UPDATE "task" t SET "nextDueDate" = (
        SELECT min(m."dueDate") FROM "milestone" m
        WHERE m."taskId" = t.id AND m."completedDate" IS NULL AND m."retiredAt" IS NULL)
      WHERE t.id = ${taskId}`;
  }

  await tx.task.update({ where: { id: taskId }, data: { assignmentDecided: true } });
  await tx.taskAssignmentChange.create({
    data: {
      taskId,
      channel: ctx.channel,
      batchId: ctx.batchId ?? null,
      actorId: actor.id,
      note,
      effectiveDate: utcMidnight(ctx.effectiveDate),
      before: before as unknown as Prisma.InputJsonValue,
      after: after as unknown as Prisma.InputJsonValue,
      isSample: ctx.isSample ?? false,
    },
  });
  await writeAudit(tx, actor, {
    action: "task.assign",
    entityType: "task",
    entityId: taskId,
    before,
    after: { ...after, channel: ctx.channel, note, effectiveDate: ctx.effectiveDate, batchId: ctx.batchId ?? null },
  });
  return { changed: true, before, after };
}

export interface BatchItem {
  taskId: number;
  input: AssignmentInput;
  /** Each task's own reason (a 分工表 row's 备注, or the form's). */
  note: string;
}

/**
 * applyAssignment for many tasks at once (a 分工表 commit of up to thousands of rows), with the same rules
 * and the same rows written — task_assignment, the assigned-deadline milestone, assignmentDecided, one
 * task_assignment_change and one audit row per changed task — but set-based: a fixed number of
 * statements whatever the batch size (the reads and the inserts are one query each), instead of a dozen
 * round trips per task. Inside the caller's transaction; any invalid item throws before anything is
 * written (field errors keyed "<taskId>.<field>"). Results are in the order of `items`.
 */
export async function applyAssignments(
  tx: Tx,
  items: BatchItem[],
  ctx: Omit<ChangeContext, "note">,
): Promise<ApplyResult[]> {
  const actor = await assertMayAssign(tx, ctx.actorId);
  if (items.length === 0) return [];
  const taskIds = [...new Set(items.map((item) => item.taskId))];
  if (taskIds.length !== items.length) throw new Error("applyAssignments: a task appears twice in one batch");
  const tasks = await tx.$queryRaw<LockedTask[]>`
    SELECT t.id, t.key, d."periodStart", d."periodEnd"
    FROM "task" t JOIN "document" d ON d.id = t."documentId"
    WHERE t.id = ANY(${taskIds}::int[])
    ORDER BY t.id
    FOR UPDATE OF t`;
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const missing = taskIds.find((id) => !taskById.has(id));
  if (missing !== undefined) throw notFound("task");
  const inputs = items.map((item) => normaliseInput(item.input));
  const unitIds = [...new Set(inputs.flatMap((i) => [...i.lead, ...i.responsible, ...i.cooperating]))];
  const [existing, milestones, units] = await Promise.all([
    tx.taskAssignment.findMany({
      where: { taskId: { in: taskIds } },
      orderBy: [{ role: "asc" }, { ordinal: "asc" }, { id: "asc" }],
      select: {
        id: true,
        taskId: true,
        departmentId: true,
        role: true,
        ordinal: true,
        department: { select: { name: true } },
      },
    }),
    tx.milestone.findMany({
      where: { taskId: { in: taskIds }, OR: [{ retiredAt: null }, { ordinal: ASSIGNED_DEADLINE_ORDINAL }] },
      select: { id: true, taskId: true, ordinal: true, dueDate: true, retiredAt: true },
    }),
    registryUnits(tx, unitIds),
  ]);
  const rowsOf = new Map<number, typeof existing>();
  for (const row of existing) rowsOf.set(row.taskId, [...(rowsOf.get(row.taskId) ?? []), row]);
  const slotOf = new Map<number, { id: number; due: string | null }>();
  const withText = new Set<number>();
  for (const m of milestones) {
    if (m.ordinal === ASSIGNED_DEADLINE_ORDINAL) {
      slotOf.set(m.taskId, { id: m.id, due: m.retiredAt === null ? utcDay(m.dueDate) : null });
    } else withText.add(m.taskId);
  }

  const today = ctx.today ?? shanghaiDate(new Date());
  const fieldErrors: Record<string, ReturnType<typeof msg>[]> = {};
  const plans = items.map((item, index) => {
    const task = taskById.get(item.taskId)!;
    const input = inputs[index]!;
    const before: AssignmentSnapshot = {
      lead: [],
      responsible: [],
      cooperating: [],
      deadline: slotOf.get(item.taskId)?.due ?? null,
    };
    for (const row of rowsOf.get(item.taskId) ?? []) {
      before[KEY_OF_ROLE[row.role]].push({ id: row.departmentId, name: row.department.name });
    }
    const errors = validateAssignment(input, ctx.effectiveDate, {
      today,
      periodStart: utcDay(task.periodStart),
      periodEnd: utcDay(task.periodEnd),
      textHasMilestones: withText.has(item.taskId),
      units,
      current: before,
    });
    const note = item.note.trim();
    if (note.length === 0) (errors.note ??= []).push(msg("errors.assignments.noteRequired"));
    if (note.length > ASSIGNMENT_LIMITS.note) {
      (errors.note ??= []).push(msg("errors.assignments.noteMax", { maximum: ASSIGNMENT_LIMITS.note }));
    }
    for (const [field, messages] of Object.entries(errors)) fieldErrors[`${item.taskId}.${field}`] = messages;
    const after = snapshotOf(input, units, before);
    return { taskId: item.taskId, input, note, before, after, changed: !sameAssignment(before, after) };
  });
  if (Object.keys(fieldErrors).length > 0) {
    throw new AppError("VALIDATION", msg("errors.assignments.invalid"), { fieldErrors });
  }
  const changed = plans.filter((p) => p.changed);
  if (changed.length === 0) return plans.map(({ changed: c, before, after }) => ({ changed: c, before, after }));

  // task_assignment, reconciled in place as applyAssignment does: stale rows deleted, kept rows renumbered.
  const stale: number[] = [];
  const renumber: { id: number; ordinal: number }[] = [];
  const create: Prisma.TaskAssignmentCreateManyInput[] = [];
  for (const plan of changed) {
    const wanted = new Map<string, { departmentId: number; role: keyof typeof KEY_OF_ROLE; ordinal: number }>();
    for (const role of ASSIGNMENT_ROLES) {
      plan.input[role].forEach((departmentId, ordinal) =>
        wanted.set(`${departmentId}:${ROLE_OF_KEY[role]}`, { departmentId, role: ROLE_OF_KEY[role], ordinal }),
      );
    }
    for (const row of rowsOf.get(plan.taskId) ?? []) {
      const want = wanted.get(`${row.departmentId}:${row.role}`);
      if (!want) stale.push(row.id);
      else {
        if (want.ordinal !== row.ordinal) renumber.push({ id: row.id, ordinal: want.ordinal });
        wanted.delete(`${row.departmentId}:${row.role}`);
      }
    }
    for (const w of wanted.values()) {
      create.push({ taskId: plan.taskId, ...w, rawName: units.get(w.departmentId)?.name ?? String(w.departmentId) });
    }
  }
  if (stale.length) await tx.$executeRaw`DELETE FROM "task_assignment" WHERE id = ANY(${stale}::int[])`;
  if (renumber.length) {
    await tx.$executeRaw`
      UPDATE "task_assignment" a SET "ordinal" = v.ordinal
      FROM unnest(${renumber.map((r) => r.id)}::int[], ${renumber.map((r) => r.ordinal)}::int[]) AS v(id, ordinal)
      WHERE a.id = v.id`;
  }
  if (create.length) {
    // One INSERT … SELECT over arrays (five parameters) rather than a VALUES list of thousands of rows.
    await tx.$executeRaw`
      INSERT INTO "task_assignment" ("taskId", "departmentId", "role", "ordinal", "rawName")
      SELECT v."taskId", v."departmentId", v.role::"AssignmentRole", v.ordinal, v."rawName"
      FROM unnest(${create.map((c) => c.taskId)}::int[], ${create.map((c) => c.departmentId)}::int[],
                  ${create.map((c) => c.role)}::text[], ${create.map((c) => c.ordinal)}::int[],
                  ${create.map((c) => c.rawName)}::text[]) AS v("taskId", "departmentId", role, ordinal, "rawName")`;
  }

  // The assigned deadlines: retired, revived/moved, or created — one statement each.
  const deadlineChanged = changed.filter((p) => p.after.deadline !== p.before.deadline);
  const retire = deadlineChanged.filter((p) => p.after.deadline === null && slotOf.has(p.taskId));
  const move = deadlineChanged.filter((p) => p.after.deadline !== null && slotOf.has(p.taskId));
  const fresh = deadlineChanged.filter((p) => p.after.deadline !== null && !slotOf.has(p.taskId));
  if (retire.length) {
    await tx.milestone.updateMany({
      where: { id: { in: retire.map((p) => slotOf.get(p.taskId)!.id) } },
      data: { retiredAt: new Date() },
    });
  }
  if (move.length) {
    await tx.$executeRaw`
      UPDATE "milestone" m SET "dueDate" = v.due, "retiredAt" = NULL, "text" = ${ASSIGNED_DEADLINE_TEXT}
      FROM unnest(${move.map((p) => slotOf.get(p.taskId)!.id)}::int[], ${move.map((p) => p.after.deadline!)}::date[])
        AS v(id, due)
      WHERE m.id = v.id`;
  }
  if (fresh.length) {
    await tx.milestone.createMany({
      data: fresh.map((p) => ({
        taskId: p.taskId,
        ordinal: ASSIGNED_DEADLINE_ORDINAL,
        dueDate: utcMidnight(p.after.deadline!),
        text: ASSIGNED_DEADLINE_TEXT,
      })),
    });
  }
  if (deadlineChanged.length) {
    await tx.$executeRaw`
      UPDATE "task" t SET "nextDueDate" = (
        SELECT min(m."dueDate") FROM "milestone" m
        WHERE m."taskId" = t.id AND m."completedDate" IS NULL AND m."retiredAt" IS NULL)
      WHERE t.id = ANY(${deadlineChanged.map((p) => p.taskId)}::int[])`;
  }

  await tx.$executeRaw`
    UPDATE "task" SET "assignmentDecided" = true, "updatedAt" = now()
    WHERE id = ANY(${changed.map((p) => p.taskId)}::int[]) AND NOT "assignmentDecided"`;
  await tx.$executeRaw`
    INSERT INTO "task_assignment_change"
      ("taskId", "channel", "batchId", "actorId", "note", "effectiveDate", "before", "after")
    SELECT v."taskId", ${ctx.channel}::"AssignmentChannel", ${ctx.batchId ?? null}, ${actor.id}, v.note,
           ${ctx.effectiveDate}::date, v.before, v.after
    FROM unnest(${changed.map((p) => p.taskId)}::int[], ${changed.map((p) => p.note)}::text[],
                ${changed.map((p) => JSON.stringify(p.before))}::jsonb[],
                ${changed.map((p) => JSON.stringify(p.after))}::jsonb[]) AS v("taskId", note, before, after)`;
  await writeAuditMany(
    tx,
    actor,
    changed.map((p) => ({
      action: "task.assign",
      entityType: "task",
      entityId: p.taskId,
      before: p.before,
      after: {
        ...p.after,
        channel: ctx.channel,
        note: p.note,
        effectiveDate: ctx.effectiveDate,
        batchId: ctx.batchId ?? null,
      },
    })),
  );
  return plans.map(({ changed: c, before, after }) => ({ changed: c, before, after }));
}

/**
 * The browser's and the API's entry point: authorizes the actor, parses the input (note and effective date
 * included) and applies it in one transaction.
 */
export async function assignTask(
  actor: Actor,
  taskId: number,
  raw: AssignmentChangeInput | unknown,
  channel: "BROWSER" | "API",
): Promise<ApplyResult> {
  if (!isReviewer(actor)) throw forbidden("assignTasks");
  const parsed = assignmentChangeInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const { note, effectiveDate, ...input } = parsed.data;
  return getDb().$transaction((tx) =>
    applyAssignment(tx, taskId, input, { actorId: actor.id, note, effectiveDate, channel }),
  );
}

// ───────────────────────────── reads ─────────────────────────────

export interface SourceUnit {
  id: number;
  name: string;
  generic: boolean;
  role: "LEAD" | "RESPONSIBLE" | "COOPERATING";
  /** As the document writes it. */
  rawName: string;
}

export interface CurrentUnit {
  id: number;
  name: string;
  generic: boolean;
}

export interface AssignmentHistoryEntry {
  id: number;
  channel: AssignmentChannel;
  batchId: string | null;
  actor: { id: number; displayName: string; username: string };
  note: string;
  effectiveDate: string;
  recordedAt: string;
  before: AssignmentSnapshot;
  after: AssignmentSnapshot;
  isSample: boolean;
}

export interface TaskAssignments {
  taskId: number;
  /** A person decided the assignment: re-imports no longer change it. */
  decided: boolean;
  source: SourceUnit[];
  current: { lead: CurrentUnit[]; responsible: CurrentUnit[]; cooperating: CurrentUnit[]; deadline: string | null };
  /** The text gives milestones: the deadline is the text's and cannot be assigned. */
  deadlineFromText: boolean;
  /** The document's period (a deadline must lie inside it; an effective date not before its start). */
  period: { start: string; end: string };
  /** Newest first. */
  history: AssignmentHistoryEntry[];
}

export async function getTaskAssignments(taskId: number, db: Tx = getDb()): Promise<TaskAssignments | null> {
  const task = await db.task.findUnique({
    where: { id: taskId },
    select: { id: true, assignmentDecided: true, document: { select: { periodStart: true, periodEnd: true } } },
  });
  if (!task) return null;
  const [source, current, deadline, fromText, history] = await Promise.all([
    db.taskSourceUnit.findMany({
      where: { taskId },
      orderBy: [{ role: "asc" }, { ordinal: "asc" }, { id: "asc" }],
      select: { role: true, rawName: true, department: { select: { id: true, name: true, generic: true } } },
    }),
    db.taskAssignment.findMany({
      where: { taskId },
      orderBy: [{ role: "asc" }, { ordinal: "asc" }, { id: "asc" }],
      select: { role: true, department: { select: { id: true, name: true, generic: true } } },
    }),
    assignedDeadline(db, taskId),
    textHasMilestones(db, taskId),
    db.taskAssignmentChange.findMany({
      where: { taskId },
      orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        channel: true,
        batchId: true,
        note: true,
        effectiveDate: true,
        recordedAt: true,
        before: true,
        after: true,
        isSample: true,
        actor: { select: { id: true, displayName: true, username: true } },
      },
    }),
  ]);
  const currentOut: TaskAssignments["current"] = { lead: [], responsible: [], cooperating: [], deadline };
  for (const row of current) currentOut[KEY_OF_ROLE[row.role]].push(row.department);
  return {
    taskId,
    decided: task.assignmentDecided,
    source: source.map((s) => ({ ...s.department, role: s.role, rawName: s.rawName })),
    current: currentOut,
    deadlineFromText: fromText,
    period: { start: utcDay(task.document.periodStart), end: utcDay(task.document.periodEnd) },
    history: history.map((h) => ({
      id: h.id,
      channel: h.channel,
      batchId: h.batchId,
      actor: h.actor,
      note: h.note,
      effectiveDate: utcDay(h.effectiveDate),
      recordedAt: h.recordedAt.toISOString(),
      before: readSnapshot(h.before),
      after: readSnapshot(h.after),
      isSample: h.isSample,
    })),
  };
}

export interface DepartmentOption {
  id: number;
  name: string;
  shortName: string | null;
  generic: boolean;
  aliases: string[];
}

/** The registry the assignment editor picks from (every department; the picker searches names and aliases). */
export async function listAssignableDepartments(db: Tx = getDb()): Promise<DepartmentOption[]> {
  const rows = await db.department.findMany({
    orderBy: [{ generic: "asc" }, { name: "asc" }],
    select: { id: true, name: true, shortName: true, generic: true, aliases: { select: { alias: true } } },
  });
  return rows.map((r) => ({ ...r, aliases: r.aliases.map((a) => a.alias) }));
}
