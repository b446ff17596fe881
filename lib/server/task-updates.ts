import "server-only";
import { z } from "zod";
import { dateWindow, utcMidnight } from "../domain/dates";
import { periodCode, periodOf, shanghaiDate, type Period } from "../domain/periods";
import { leastAdvanced, regression, type Regression, type ReportedState } from "../domain/report-review";
import { canEdit, canReview, nextReviewState, submissionProblems, type TaskStatus } from "../domain/task-status";
import { Prisma } from "../generated/prisma/client";
import { writeAudit } from "./audit";
import { isReviewer, type Actor } from "./auth/actor";
import { getDb } from "./db";
import { AppError, forbidden, notFound } from "./errors";
import {
  commentInput,
  reviewBatchInput,
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

/** A department's latest approved report on a task, whatever the period (by period, then time). */
async function lastApprovedReport(tx: Tx, taskId: number, departmentId: number) {
  return tx.taskUpdate.findFirst({
    where: { taskId, departmentId, reviewState: "APPROVED" },
    orderBy: [{ period: { startDate: "desc" } }, { createdAt: "desc" }, { id: "desc" }],
    select: updateSelect,
  });
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
      // Going backwards from the last approved report is allowed (the form warned) and recorded.
      const last = input.intent === "submit" ? await lastApprovedReport(tx, input.taskId, departmentId) : null;
      const backwards = last ? regression(last, input) : null;
      await writeAudit(tx, actor, {
        action: input.intent === "submit" ? "task_update.submit" : "task_update.save_draft",
        entityType: "task_update",
        entityId: `${input.taskId}/${period.code}/${departmentId}`,
        before: latest ? toRow(latest) : null,
        after: {
          ...toRow(created),
          ...(backwards && last
            ? {
                belowLastApproved: {
                  ...backwards,
                  lastApproved: {
                    status: last.status,
                    progress: last.progress,
                    version: last.version,
                    periodId: last.periodId,
                  },
                },
              }
            : {}),
        },
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
    return await getDb().$transaction((tx) => reviewInTx(tx, actor, input));
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict(await latestInThread(getDb(), input.taskId, input.periodId, input.departmentId));
    throw error;
  }
}

type ReviewRef = Pick<z.output<typeof reviewInput>, "taskId" | "periodId" | "departmentId" | "expectedVersion">;

/** One review inside the caller's transaction: refused (CONFLICT) when the report changed or was reviewed. */
async function reviewInTx(
  tx: Tx,
  actor: Actor,
  input: ReviewRef & { decision: "approve" | "return"; comment: string },
): Promise<UpdateRow> {
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
}

/**
 * Approves several submitted reports at once — all or nothing, in one transaction, each approval audited
 * as if approved alone. When any of them is no longer the version the reviewer confirmed (someone else
 * reviewed it, or its department changed it), nothing of the batch is written and the refusal names every
 * such report: the reviewer confirmed exactly this list, so a partial batch would approve something other
 * than what was confirmed. The reviewer reloads the queue and confirms again.
 */
export async function approveTaskUpdates(actor: Actor, raw: z.input<typeof reviewBatchInput>): Promise<UpdateRow[]> {
  if (!isReviewer(actor)) throw forbidden("review");
  const { items } = reviewBatchInput.parse(raw);
  const refuseStale = async (db: Tx) => {
    const stale = await staleReports(db, items);
    if (stale.length) {
      throw new AppError(
        "CONFLICT",
        msg("errors.updates.batchStale", { count: stale.length, reports: stale.map((r) => r.label).join("; ") }),
        { current: { stale } },
      );
    }
  };
  try {
    return await getDb().$transaction(async (tx) => {
      await refuseStale(tx);
      const done: UpdateRow[] = [];
      for (const item of items) done.push(await reviewInTx(tx, actor, { ...item, decision: "approve", comment: "" }));
      return done;
    });
  } catch (error) {
    // A reviewer who raced this batch: its rollback leaves nothing; name what changed.
    if (isUniqueViolation(error)) await refuseStale(getDb());
    throw error;
  }
}

export interface StaleReport extends Omit<ReviewRef, "expectedVersion"> {
  /** "#12 省工业和信息化厅": the task's number and the unit (data, the same in every language). */
  label: string;
}

/** The batch's reports whose latest version is not the confirmed, still submitted one. */
async function staleReports(tx: Tx, items: readonly ReviewRef[]): Promise<StaleReport[]> {
  const rows = await tx.$queryRaw<
    {
      taskId: number;
      periodId: number;
      departmentId: number;
      version: number;
      reviewState: string;
      number: string;
      name: string;
    }[]
  >`
    SELECT DISTINCT ON (u."taskId", u."periodId", u."departmentId")
      u."taskId", u."periodId", u."departmentId", u.version, u."reviewState"::text AS "reviewState",
      t.number, d.name
    FROM "task_update" u JOIN "task" t ON t.id = u."taskId" JOIN "department" d ON d.id = u."departmentId"
    WHERE (u."taskId", u."periodId", u."departmentId") IN (${Prisma.join(
      items.map((i) => Prisma.sql`(${i.taskId}, ${i.periodId}, ${i.departmentId})`),
    )})
    ORDER BY u."taskId", u."periodId", u."departmentId", u.version DESC`;
  const key = (r: { taskId: number; periodId: number; departmentId: number }) =>
    `${r.taskId}:${r.periodId}:${r.departmentId}`;
  const latest = new Map(rows.map((r) => [key(r), r]));
  return items.flatMap((item) => {
    const row = latest.get(key(item));
    if (row && row.version === item.expectedVersion && row.reviewState === "SUBMITTED") return [];
    const { taskId, periodId, departmentId } = item;
    return [{ taskId, periodId, departmentId, label: `#${row?.number ?? taskId} ${row?.name ?? ""}`.trim() }];
  });
}

/**
 * The task's current status and its milestones follow the approved lead report, in the same transaction.
 *
 * Co-lead units (the rule of lib/domain/report-review.ts): the task's status and progress are those of
 * the least advanced of its lead units' latest approved reports — each unit currently assigned as LEAD
 * counts with its own latest approved lead report (by period, then time) — so the order in which a
 * reviewer approves two units' reports does not matter. Approving a unit's late report for an earlier
 * period than one of its own already approved changes nothing (that unit's later report stands).
 */
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
      departmentId: report.departmentId,
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
  const leads = await latestApprovedLeadReports(tx, report.taskId);
  const followed =
    leastAdvanced(
      leads.length ? leads : [{ departmentId: report.departmentId, status: report.status, progress: report.progress }],
    ) ?? report;
  await tx.task.update({
    where: { id: report.taskId },
    data: { currentStatus: followed.status, currentProgress: followed.progress, statusUpdatedAt: new Date() },
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
    after: {
      status: followed.status,
      progress: followed.progress,
      milestones: report.milestoneDates,
      ...(leads.length > 1 ? { coLeads: leads, followedDepartmentId: followed.departmentId } : {}),
    },
  });
}

export interface LeadReport {
  departmentId: number;
  status: TaskStatus;
  progress: number;
}

/** Each current lead unit's latest approved lead report on a task (one row per unit that has one). */
async function latestApprovedLeadReports(tx: Tx, taskId: number): Promise<LeadReport[]> {
  return tx.$queryRaw<LeadReport[]>`
    SELECT DISTINCT ON (u."departmentId") u."departmentId", u.status::text AS status, u.progress
    FROM "task_update" u JOIN "reporting_period" p ON p.id = u."periodId"
    WHERE u."taskId" = ${taskId} AND u.kind = 'LEAD_REPORT' AND u."reviewState" = 'APPROVED'
      AND u."departmentId" IN (SELECT a."departmentId" FROM "task_assignment" a WHERE a."taskId" = ${taskId} AND a.role = 'LEAD')
    ORDER BY u."departmentId", p."startDate" DESC, u."createdAt" DESC, u.id DESC`;
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
  /** The department's latest approved report on the task (any period): the form starts from it. */
  lastApproved: UpdateRow | null;
  /** The task's current status and progress, when any report was ever approved. */
  taskCurrent: ReportedState | null;
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
  const [latest, pending, attached, lastApproved, task] = await Promise.all([
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
    lastApprovedReport(db, taskId, departmentId),
    db.task.findUniqueOrThrow({
      where: { id: taskId },
      select: { currentStatus: true, currentProgress: true, statusUpdatedAt: true },
    }),
  ]);
  return {
    period,
    kind,
    latest: latest ? toRow(latest) : null,
    pendingEvidence: pending.map(toEvidence),
    threadEvidence: attached.map(toEvidence),
    lastApproved: lastApproved ? toRow(lastApproved) : null,
    taskCurrent: task.statusUpdatedAt ? { status: task.currentStatus, progress: task.currentProgress } : null,
  };
}

export interface ReviewHistoryEntry {
  id: number;
  version: number;
  reviewState: UpdateRow["reviewState"];
  author: string | null;
  createdAt: string;
  reviewComment: string | null;
}

export interface ReviewComment {
  id: number;
  author: string | null;
  body: string;
  createdAt: string;
}

export interface ReviewItem extends UpdateRow {
  taskNumber: string;
  taskText: string;
  documentId: number;
  documentShortTitle: string;
  /** The department's latest approved report on the task (any period), the diff's "before". */
  lastApproved: UpdateRow | null;
  /** Status or progress lower than the last approved ("got worse"); null when not. */
  worse: Regression | null;
  /** Every piece of evidence of the thread (each is attached to the version that added it). */
  threadEvidence: EvidenceItem[];
  /** The thread's versions, oldest first. */
  history: ReviewHistoryEntry[];
  /** The task's comments (not a review's own), newest first, at most REVIEW_COMMENTS_SHOWN. */
  comments: ReviewComment[];
}

const REVIEW_QUEUE_MAX = 500;
const REVIEW_COMMENTS_SHOWN = 5;

/**
 * The review desk's queue: reports whose latest version awaits review, oldest first (across periods),
 * each with what the reviewer compares it against and decides on — its department's last approved report,
 * the thread's evidence, history and the task's comments. Set-based: one query per kind of fact for the
 * whole queue, whatever its length (scripts/bench.ts measures it at scale).
 */
export async function listAwaitingReview(): Promise<ReviewItem[]> {
  const db = getDb();
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT u.id FROM "task_update" u
    WHERE u."reviewState" = 'SUBMITTED'
      AND u.version = (SELECT max(v.version) FROM "task_update" v
                       WHERE v."taskId" = u."taskId" AND v."periodId" = u."periodId" AND v."departmentId" = u."departmentId")
    ORDER BY u."createdAt" ASC
    LIMIT ${REVIEW_QUEUE_MAX}`;
  if (rows.length === 0) return [];
  const updates = await db.taskUpdate.findMany({
    where: { id: { in: rows.map((r) => r.id) } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      ...updateSelect,
      task: { select: { number: true, text: true, document: { select: { id: true, shortTitle: true } } } },
    },
  });
  const pairs = Prisma.join(updates.map((u) => Prisma.sql`(${u.taskId}, ${u.departmentId})`));
  const threads = Prisma.join(updates.map((u) => Prisma.sql`(${u.taskId}, ${u.periodId}, ${u.departmentId})`));
  const taskIds = [...new Set(updates.map((u) => u.taskId))];
  const [approvedIds, history, evidence, comments] = await Promise.all([
    db.$queryRaw<{ id: number }[]>`
      SELECT DISTINCT ON (u."taskId", u."departmentId") u.id
      FROM "task_update" u JOIN "reporting_period" p ON p.id = u."periodId"
      WHERE u."reviewState" = 'APPROVED' AND (u."taskId", u."departmentId") IN (${pairs})
      ORDER BY u."taskId", u."departmentId", p."startDate" DESC, u."createdAt" DESC, u.id DESC`,
    db.$queryRaw<(ReviewHistoryEntry & { taskId: number; periodId: number; departmentId: number; createdAt: Date })[]>`
      SELECT u.id, u."taskId", u."periodId", u."departmentId", u.version, u."reviewState"::text AS "reviewState",
             a."displayName" AS author, u."createdAt", u."reviewComment"
      FROM "task_update" u LEFT JOIN "app_user" a ON a.id = u."authorId"
      WHERE (u."taskId", u."periodId", u."departmentId") IN (${threads})
      ORDER BY u.version ASC`,
    db.evidence.findMany({
      where: {
        taskUpdate: {
          OR: updates.map((u) => ({ taskId: u.taskId, periodId: u.periodId, departmentId: u.departmentId })),
        },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { ...evidenceSelect, taskUpdate: { select: { taskId: true, periodId: true, departmentId: true } } },
    }),
    db.$queryRaw<(ReviewComment & { taskId: number; createdAt: Date })[]>`
      SELECT c.id, c."taskId", c.body, c."createdAt", a."displayName" AS author FROM (
        SELECT x.*, row_number() OVER (PARTITION BY x."taskId" ORDER BY x."createdAt" DESC, x.id DESC) AS n
        FROM "comment" x WHERE x."taskId" IN (${Prisma.join(taskIds)}) AND x."taskUpdateId" IS NULL) c
      LEFT JOIN "app_user" a ON a.id = c."authorId"
      WHERE c.n <= ${REVIEW_COMMENTS_SHOWN}
      ORDER BY c."createdAt" DESC, c.id DESC`,
  ]);
  const approved = approvedIds.length
    ? await db.taskUpdate.findMany({ where: { id: { in: approvedIds.map((r) => r.id) } }, select: updateSelect })
    : [];
  const pairKey = (r: { taskId: number; departmentId: number }) => `${r.taskId}:${r.departmentId}`;
  const threadKey = (r: { taskId: number; periodId: number; departmentId: number }) =>
    `${r.taskId}:${r.periodId}:${r.departmentId}`;
  const approvedBy = new Map(approved.map((a) => [pairKey(a), toRow(a)]));
  const group = <T, K>(items: readonly T[], key: (t: T) => K) => {
    const map = new Map<K, T[]>();
    for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
    return map;
  };
  const historyBy = group(history, threadKey);
  const evidenceBy = group(evidence, (e) => threadKey(e.taskUpdate!));
  const commentsBy = group(comments, (c) => c.taskId);
  return updates.map((u) => {
    const row = toRow(u);
    const lastApproved = approvedBy.get(pairKey(u)) ?? null;
    return {
      ...row,
      taskNumber: u.task.number,
      taskText: u.task.text,
      documentId: u.task.document.id,
      documentShortTitle: u.task.document.shortTitle,
      lastApproved,
      worse: regression(lastApproved, row),
      threadEvidence: (evidenceBy.get(threadKey(u)) ?? []).map(({ taskUpdate: _, ...e }) => toEvidence(e)),
      history: (historyBy.get(threadKey(u)) ?? []).map((h) => ({
        id: h.id,
        version: h.version,
        reviewState: h.reviewState,
        author: h.author,
        createdAt: h.createdAt.toISOString(),
        reviewComment: h.reviewComment,
      })),
      comments: (commentsBy.get(u.taskId) ?? []).map((c) => ({
        id: c.id,
        author: c.author,
        body: c.body,
        createdAt: c.createdAt.toISOString(),
      })),
    };
  });
}

export interface LeadUnitReport {
  departmentId: number;
  departmentName: string;
  /** Its latest approved lead report, or null when none was approved yet. */
  report: { status: TaskStatus; progress: number; periodCode: string; approvedAt: string } | null;
  /** The task's status follows this unit's report (the least advanced; the co-lead rule). */
  followed: boolean;
}

/**
 * Each lead unit of a task with its latest approved lead report, in the task's order of units — shown
 * side by side on the task page when a task has several lead units (groups such as 有关部门 cannot report
 * and are left out).
 */
export async function listLeadUnitReports(taskId: number): Promise<LeadUnitReport[]> {
  const db = getDb();
  const [leads, reports] = await Promise.all([
    db.taskAssignment.findMany({
      where: { taskId, role: "LEAD", department: { generic: false } },
      orderBy: { ordinal: "asc" },
      select: { departmentId: true, department: { select: { name: true } } },
    }),
    db.$queryRaw<
      { departmentId: number; status: TaskStatus; progress: number; year: number; index: number; createdAt: Date }[]
    >`
      SELECT DISTINCT ON (u."departmentId") u."departmentId", u.status::text AS status, u.progress,
             p.year, p.index, u."createdAt"
      FROM "task_update" u JOIN "reporting_period" p ON p.id = u."periodId"
      WHERE u."taskId" = ${taskId} AND u.kind = 'LEAD_REPORT' AND u."reviewState" = 'APPROVED'
      ORDER BY u."departmentId", p."startDate" DESC, u."createdAt" DESC, u.id DESC`,
  ]);
  const byUnit = new Map(reports.map((r) => [r.departmentId, r]));
  const followed = leastAdvanced(leads.flatMap((l) => byUnit.get(l.departmentId) ?? []));
  return leads.map((l) => {
    const r = byUnit.get(l.departmentId);
    return {
      departmentId: l.departmentId,
      departmentName: l.department.name,
      report: r
        ? { status: r.status, progress: r.progress, periodCode: periodCode(r), approvedAt: r.createdAt.toISOString() }
        : null,
      followed: followed !== null && followed.departmentId === l.departmentId,
    };
  });
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
