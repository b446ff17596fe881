import "server-only";
import { z } from "zod";
import { dateWindow, utcMidnight } from "../domain/dates";
import { periodCode, periodOf, shanghaiDate, type Period } from "../domain/periods";
import { canEdit, canReview, nextReviewState, submissionProblems } from "../domain/task-status";
import type { Prisma } from "../generated/prisma/client";
import { writeAudit } from "./audit";
import { isReviewer, type Actor } from "./auth/actor";
import { getDb } from "./db";
import { AppError, forbidden, notFound } from "./errors";
import {
  commentInput,
  reviewInput,
  taskUpdateInput,
  type EvidenceItem,
  type ReviewInput,
  type TaskUpdateInput,
  type TimelineEntry,
  type UpdateRow,
} from "../schemas/task-updates";
import {
  ensureCurrentReportingPeriod,
  findCurrentReportingPeriod,
  getPeriodStartDate,
  UNSTORED_PERIOD_ID,
  type PeriodRow,
} from "./periods";
import { msg } from "../i18n/message";
import { listReportDuty, type ReportDutyRow } from "./report-duty";

type Tx = Prisma.TransactionClient;

const updateSelect = {
  id: true,
  taskId: true,
  periodId: true,
  departmentId: true,
  kind: true,
  version: true,
  reviewState: true,
  status: true,
  progress: true,
  progressText: true,
  problems: true,
  nextSteps: true,
  milestoneDates: true,
  reviewComment: true,
  createdAt: true,
  isSample: true,
  author: { select: { displayName: true } },
  department: { select: { name: true } },
  period: { select: { year: true, index: true } },
  evidence: {
    select: { id: true, kind: true, title: true, url: true, fileName: true, byteSize: true, createdAt: true },
  },
} as const satisfies Prisma.TaskUpdateSelect;

type UpdateRecord = Prisma.TaskUpdateGetPayload<{ select: typeof updateSelect }>;

function toRow(row: UpdateRecord): UpdateRow {
  return {
    id: row.id,
    taskId: row.taskId,
    periodId: row.periodId,
    periodCode: periodCode(row.period),
    departmentId: row.departmentId,
    departmentName: row.department.name,
    kind: row.kind,
    version: row.version,
    reviewState: row.reviewState,
    status: row.status,
    progress: row.progress,
    progressText: row.progressText,
    problems: row.problems,
    nextSteps: row.nextSteps,
    milestoneDates: z
      .array(z.object({ milestoneId: z.number(), completedDate: z.string() }))
      .catch([])
      .parse(row.milestoneDates),
    reviewComment: row.reviewComment,
    author: row.author?.displayName ?? null,
    createdAt: row.createdAt.toISOString(),
    isSample: row.isSample,
    evidence: row.evidence.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
  };
}

// ───────────────────────────── authorization ─────────────────────────────

/**
 * Which report the actor may write on a task: its lead unit writes the LEAD_REPORT, a responsible or
 * cooperating unit a CONTRIBUTION. The department always comes from the actor and the task's own
 * assignments, never from the request. A task the actor cannot see as theirs answers 403.
 */
async function editorRole(tx: Tx, taskId: number, actor: Actor): Promise<"LEAD_REPORT" | "CONTRIBUTION"> {
  const task = await tx.task.findUnique({
    where: { id: taskId },
    select: { retiredAt: true, assignments: { select: { departmentId: true, role: true } } },
  });
  if (!task || task.retiredAt) throw notFound("task");
  if (actor.role !== "DEPARTMENT_EDITOR" || actor.departmentId === null) throw forbidden("report");
  const roles = task.assignments.filter((a) => a.departmentId === actor.departmentId).map((a) => a.role);
  if (roles.includes("LEAD")) return "LEAD_REPORT";
  if (roles.length > 0) return "CONTRIBUTION";
  throw forbidden("reportForOtherDepartment");
}

async function latestInThread(tx: Tx, taskId: number, periodId: number, departmentId: number) {
  return tx.taskUpdate.findFirst({
    where: { taskId, periodId, departmentId },
    orderBy: { version: "desc" },
    select: updateSelect,
  });
}

function conflict(current: UpdateRecord | null): AppError {
  return new AppError("CONFLICT", msg("errors.updates.changedMeanwhile"), { current: current ? toRow(current) : null });
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

// ───────────────────────────── mutations ─────────────────────────────

export interface SaveResult {
  update: UpdateRow;
  period: PeriodRow;
}

/** Saves a draft or submits the actor's department's report on a task for the current period. */
export async function saveTaskUpdate(actor: Actor, raw: TaskUpdateInput, now = new Date()): Promise<SaveResult> {
  const input = taskUpdateInput.parse(raw);
  const today = shanghaiDate(now);
  try {
    return await getDb().$transaction(async (tx) => {
      const kind = await editorRole(tx, input.taskId, actor);
      const departmentId = actor.departmentId!;
      const period = await ensureCurrentReportingPeriod(tx, now);
      const latest = await latestInThread(tx, input.taskId, period.id, departmentId);
      if ((latest?.version ?? 0) !== input.expectedVersion) throw conflict(latest);
      if (!canEdit(latest?.reviewState ?? null)) {
        throw new AppError("CONFLICT", msg("errors.updates.awaitingReview"), {
          current: latest ? toRow(latest) : null,
        });
      }

      // Milestones must be this task's, completed no later than today.
      if (input.milestoneDates.length) {
        const ids = input.milestoneDates.map((m) => m.milestoneId);
        const found = await tx.milestone.count({ where: { id: { in: ids }, taskId: input.taskId } });
        if (found !== new Set(ids).size)
          throw new AppError("VALIDATION", msg("errors.updates.unknownMilestone"), {
            fieldErrors: { milestoneDates: ["unknown milestone"] },
          });
        if (input.milestoneDates.some((m) => m.completedDate > today)) {
          throw new AppError("VALIDATION", msg("errors.updates.futureCompletion"), {
            fieldErrors: { milestoneDates: ["future date"] },
          });
        }
      }

      // Evidence: newly attached uploads must be this task's, uploaded by this department, unattached.
      if (input.evidenceIds.length) {
        const pending = await tx.evidence.findMany({
          where: {
            id: { in: input.evidenceIds },
            taskId: input.taskId,
            taskUpdateId: null,
            uploadedBy: { departmentId },
          },
          select: { id: true },
        });
        if (pending.length !== new Set(input.evidenceIds).size) {
          throw new AppError("VALIDATION", msg("errors.updates.unknownEvidence"), {
            fieldErrors: { evidenceIds: ["invalid evidence"] },
          });
        }
      }
      const threadEvidence = await tx.evidence.count({
        where: { taskUpdate: { taskId: input.taskId, periodId: period.id, departmentId } },
      });

      if (input.intent === "submit") {
        const problems = submissionProblems(input, threadEvidence + input.evidenceIds.length);
        if (problems.length) {
          throw new AppError("VALIDATION", msg("errors.updates.incomplete"), {
            fieldErrors: Object.fromEntries(problems.map((p) => [p, [p]])),
          });
        }
      }

      const created = await tx.taskUpdate.create({
        data: {
          taskId: input.taskId,
          periodId: period.id,
          departmentId,
          kind,
          version: input.expectedVersion + 1,
          reviewState: nextReviewState(input.intent),
          status: input.status,
          progress: input.progress,
          progressText: input.progressText,
          problems: input.problems,
          nextSteps: input.nextSteps,
          milestoneDates: input.milestoneDates,
          authorId: actor.id,
        },
        select: updateSelect,
      });
      if (input.evidenceIds.length) {
        await tx.evidence.updateMany({ where: { id: { in: input.evidenceIds } }, data: { taskUpdateId: created.id } });
      }
      await writeAudit(tx, actor, {
        action: input.intent === "submit" ? "task_update.submit" : "task_update.save_draft",
        entityType: "task_update",
        entityId: `${input.taskId}/${period.code}/${departmentId}`,
        before: latest ? toRow(latest) : null,
        after: toRow(created),
      });
      return { update: toRow(created), period };
    });
  } catch (error) {
    // Two writers that read the same version race for the same next version: one insert wins.
    const lost =
      isUniqueViolation(error) ||
      (error instanceof AppError && error.code === "CONFLICT" && actor.departmentId !== null);
    if (!lost) throw error;
    const db = getDb();
    const period = await findCurrentReportingPeriod(db, now);
    const latest = actor.departmentId ? await latestInThread(db, input.taskId, period.id, actor.departmentId) : null;
    // The rejected text is kept in the audit log, so neither writer's words are lost.
    await db.$transaction((tx) =>
      writeAudit(tx, actor, {
        action: "task_update.conflict",
        entityType: "task_update",
        entityId: `${input.taskId}/${period.code}/${actor.departmentId}`,
        before: latest ? toRow(latest) : null,
        after: { rejected: input },
      }),
    );
    throw isUniqueViolation(error) ? conflict(latest) : error;
  }
}

/** A reviewer approves or returns a submitted report; approval of a lead report moves the task's status. */
export async function reviewTaskUpdate(actor: Actor, raw: ReviewInput): Promise<UpdateRow> {
  if (!isReviewer(actor)) throw forbidden("review");
  const input = reviewInput.parse(raw);
  try {
    return await getDb().$transaction(async (tx) => {
      const latest = await latestInThread(tx, input.taskId, input.periodId, input.departmentId);
      if (!latest) throw notFound("report");
      if (latest.version !== input.expectedVersion) throw conflict(latest);
      if (!canReview(latest.reviewState)) {
        throw new AppError("CONFLICT", msg("errors.updates.notAwaitingReview"), {
          current: toRow(latest),
        });
      }
      const approved = input.decision === "approve";
      const created = await tx.taskUpdate.create({
        data: {
          taskId: latest.taskId,
          periodId: latest.periodId,
          departmentId: latest.departmentId,
          kind: latest.kind,
          version: latest.version + 1,
          reviewState: approved ? "APPROVED" : "RETURNED",
          status: latest.status,
          progress: latest.progress,
          progressText: latest.progressText,
          problems: latest.problems,
          nextSteps: latest.nextSteps,
          milestoneDates: latest.milestoneDates ?? [],
          reviewComment: input.comment || null,
          authorId: actor.id,
        },
        select: updateSelect,
      });
      if (input.comment) {
        await tx.comment.create({
          data: { taskId: latest.taskId, taskUpdateId: created.id, authorId: actor.id, body: input.comment },
        });
      }
      await writeAudit(tx, actor, {
        action: approved ? "task_update.approve" : "task_update.return",
        entityType: "task_update",
        entityId: `${latest.taskId}/${periodCode(created.period)}/${latest.departmentId}`,
        before: toRow(latest),
        after: toRow(created),
      });
      if (approved && latest.kind === "LEAD_REPORT") await applyApprovedReport(tx, actor, toRow(created));
      return toRow(created);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict(await latestInThread(getDb(), input.taskId, input.periodId, input.departmentId));
    throw error;
  }
}

/** The task's current status and its milestones follow the approved lead report, in the same transaction. */
async function applyApprovedReport(tx: Tx, actor: Actor, report: UpdateRow): Promise<void> {
  const before = await tx.task.findUniqueOrThrow({
    where: { id: report.taskId },
    select: { currentStatus: true, currentProgress: true },
  });
  // Approving a late report for an earlier period must not roll back what a later period established.
  const periodStart = await getPeriodStartDate(tx, report.periodId);
  const newer = await tx.taskUpdate.findFirst({
    where: {
      taskId: report.taskId,
      kind: "LEAD_REPORT",
      reviewState: "APPROVED",
      period: { startDate: { gt: periodStart } },
    },
    select: { id: true },
  });
  if (newer) {
    await writeAudit(tx, actor, {
      action: "task.status_kept",
      entityType: "task",
      entityId: report.taskId,
      before: { status: before.currentStatus, progress: before.currentProgress },
      after: { reason: "a later period's approved report stands", approvedReportVersion: report.version },
    });
    return;
  }
  await tx.task.update({
    where: { id: report.taskId },
    data: { currentStatus: report.status, currentProgress: report.progress, statusUpdatedAt: new Date() },
  });
  // A completion date already recorded stands; a report only fills in the missing ones — and replaces
  // one outside the plausible window (lib/domain/dates.ts), which no page counts as a completion.
  const window = dateWindow(shanghaiDate(new Date()));
  const unusable = [
    { completedDate: null },
    { completedDate: { lt: utcMidnight(window.min) } },
    { completedDate: { gt: utcMidnight(window.max) } },
  ];
  for (const m of report.milestoneDates) {
    await tx.milestone.updateMany({
      where: { id: m.milestoneId, taskId: report.taskId, OR: unusable },
      data: { completedDate: utcMidnight(m.completedDate), completedById: actor.id },
    });
  }
  await tx.$executeRaw`
    UPDATE "task" SET "nextDueDate" = (
      SELECT min(m."dueDate") FROM "milestone" m
      WHERE m."taskId" = ${report.taskId} AND m."completedDate" IS NULL AND m."retiredAt" IS NULL)
    WHERE id = ${report.taskId}`;
  await writeAudit(tx, actor, {
    action: "task.status",
    entityType: "task",
    entityId: report.taskId,
    before: { status: before.currentStatus, progress: before.currentProgress },
    after: { status: report.status, progress: report.progress, milestones: report.milestoneDates },
  });
}

/** Reviewers, admins and editors of a unit assigned to the task may comment; viewers read. */
export async function addComment(actor: Actor, raw: z.input<typeof commentInput>): Promise<{ id: number }> {
  const input = commentInput.parse(raw);
  return getDb().$transaction(async (tx) => {
    if (!isReviewer(actor)) await editorRole(tx, input.taskId, actor);
    else if (!(await tx.task.findUnique({ where: { id: input.taskId }, select: { id: true } }))) throw notFound("task");
    const comment = await tx.comment.create({
      data: { taskId: input.taskId, authorId: actor.id, body: input.body },
      select: { id: true, body: true },
    });
    await writeAudit(tx, actor, {
      action: "comment.create",
      entityType: "comment",
      entityId: comment.id,
      after: comment,
    });
    return { id: comment.id };
  });
}

// ───────────────────────────── reads ─────────────────────────────

/** Every report version and comment on a task, newest first: visible to every signed-in user. */
export async function listTaskTimeline(taskId: number): Promise<TimelineEntry[]> {
  const db = getDb();
  const [updates, comments] = await Promise.all([
    db.taskUpdate.findMany({
      where: { taskId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: updateSelect,
    }),
    db.comment.findMany({
      where: { taskId },
      orderBy: { createdAt: "desc" },
      select: { id: true, body: true, createdAt: true, taskUpdateId: true, author: { select: { displayName: true } } },
    }),
  ]);
  const entries: TimelineEntry[] = [
    ...updates.map((u) => ({ type: "update" as const, at: u.createdAt.toISOString(), update: toRow(u) })),
    // A return's comment is shown with the return itself.
    ...comments
      .filter((c) => c.taskUpdateId === null)
      .map((c) => ({
        type: "comment" as const,
        at: c.createdAt.toISOString(),
        comment: { id: c.id, author: c.author?.displayName ?? null, body: c.body, updateId: c.taskUpdateId },
      })),
  ];
  return entries.sort((a, b) => b.at.localeCompare(a.at));
}

export interface EditorState {
  period: PeriodRow;
  kind: "LEAD_REPORT" | "CONTRIBUTION";
  latest: UpdateRow | null;
  pendingEvidence: EvidenceItem[];
  threadEvidence: EvidenceItem[];
}

const evidenceSelect = {
  id: true,
  kind: true,
  title: true,
  url: true,
  fileName: true,
  byteSize: true,
  createdAt: true,
} as const;

const toEvidence = (e: Prisma.EvidenceGetPayload<{ select: typeof evidenceSelect }>): EvidenceItem => ({
  ...e,
  createdAt: e.createdAt.toISOString(),
});

/** What the update form needs when the actor may report on the task; null when they may not. */
export async function getEditorState(actor: Actor, taskId: number, now = new Date()): Promise<EditorState | null> {
  const db = getDb();
  let kind: "LEAD_REPORT" | "CONTRIBUTION";
  try {
    kind = await editorRole(db, taskId, actor);
  } catch {
    return null;
  }
  // Read-only: before the first report of a period its row may not exist yet (nothing to show then).
  const period = await findCurrentReportingPeriod(db, now);
  const stored = period.id !== UNSTORED_PERIOD_ID;
  const departmentId = actor.departmentId!;
  const [latest, pending, attached] = await Promise.all([
    stored ? latestInThread(db, taskId, period.id, departmentId) : null,
    db.evidence.findMany({
      where: { taskId, taskUpdateId: null, uploadedBy: { departmentId } },
      orderBy: { createdAt: "asc" },
      select: evidenceSelect,
    }),
    stored
      ? db.evidence.findMany({
          where: { taskUpdate: { taskId, periodId: period.id, departmentId } },
          orderBy: { createdAt: "asc" },
          select: evidenceSelect,
        })
      : [],
  ]);
  return {
    period,
    kind,
    latest: latest ? toRow(latest) : null,
    pendingEvidence: pending.map(toEvidence),
    threadEvidence: attached.map(toEvidence),
  };
}

export interface ReviewItem extends UpdateRow {
  taskNumber: string;
  taskText: string;
  documentShortTitle: string;
}

/** Reports whose latest version awaits review, oldest first (across periods). */
export async function listAwaitingReview(): Promise<ReviewItem[]> {
  const rows = await getDb().$queryRaw<{ id: number }[]>`
    SELECT u.id FROM "task_update" u
    WHERE u."reviewState" = 'SUBMITTED'
      AND u.version = (SELECT max(v.version) FROM "task_update" v
                       WHERE v."taskId" = u."taskId" AND v."periodId" = u."periodId" AND v."departmentId" = u."departmentId")
    ORDER BY u."createdAt" ASC
    LIMIT 500`;
  const updates = await getDb().taskUpdate.findMany({
    where: { id: { in: rows.map((r) => r.id) } },
    orderBy: { createdAt: "asc" },
    select: {
      ...updateSelect,
      task: { select: { number: true, text: true, document: { select: { shortTitle: true } } } },
    },
  });
  return updates.map((u) => ({
    ...toRow(u),
    taskNumber: u.task.number,
    taskText: u.task.text,
    documentShortTitle: u.task.document.shortTitle,
  }));
}

export type SupervisionRow = ReportDutyRow;

/**
 * 督办: per lead department, how many of its tasks owe a report for the period and how many still lack
 * a submitted or approved one — the one rule of lib/server/report-duty.ts, shared with the department
 * pages, the overview and the bulletin.
 */
export async function listSupervision(period: Period | number): Promise<SupervisionRow[]> {
  if (typeof period !== "number") return listReportDuty(period);
  const row = await getDb().reportingPeriod.findUnique({ where: { id: period }, select: { year: true, index: true } });
  return row ? listReportDuty(periodOf(row)) : [];
}
