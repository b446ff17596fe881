/**
 * The review desk and the co-lead rule against a real PostgreSQL: a task with two lead units reads the
 * least advanced of their latest approved reports whichever is approved last (and the SQL twin for past
 * periods agrees); batch approval is one transaction, each approval audited, and a batch holding a report
 * someone else reviewed is refused whole, naming it; the queue carries the last approved report, the
 * thread's evidence and history; the form's data starts from the last approved report; going backwards
 * is allowed and recorded.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/server/auth/actor";
import { makeActor, setUpIntegrationDatabase } from "../support/integration";
import type * as ErrorsModule from "../../lib/server/errors";
import type * as EvidenceModule from "../../lib/server/evidence";
import type * as TaskStateModule from "../../lib/server/task-state";
import type * as TaskUpdatesModule from "../../lib/server/task-updates";

const P3 = new Date("2023-05-10T02:00:00Z"); // period 2023-P3
const P4 = new Date("2023-07-10T02:00:00Z"); // period 2023-P4

const db = setUpIntegrationDatabase({ documents: "all" });
let updates: typeof TaskUpdatesModule;
let errors: typeof ErrorsModule;
let evidence: typeof EvidenceModule;
let taskState: typeof TaskStateModule;
let coLedTaskId: number;
let editorA: Actor; // first lead unit
let editorB: Actor; // second lead unit
let reviewer: Actor;
let otherReviewer: Actor;

function report(taskId: number, overrides: Record<string, unknown> = {}) {
  return {
    taskId,
    intent: "submit" as const,
    expectedVersion: 0,
    status: "ON_TRACK" as const,
    progress: 30,
    progressText: "已完成平台一期建设。",
    problems: "",
    nextSteps: "",
    ...overrides,
  };
}

const counts = async () => ({
  updates: await db.prisma.taskUpdate.count(),
  audit: await db.prisma.auditLog.count(),
  tasks: await db.prisma.task.findMany({ select: { id: true, currentStatus: true, currentProgress: true } }),
});

async function approve(actor: Actor, taskId: number, periodId: number, departmentId: number, expectedVersion = 1) {
  return updates.reviewTaskUpdate(actor, { taskId, periodId, departmentId, expectedVersion, decision: "approve" });
}

const taskRow = (id: number) =>
  db.prisma.task.findUniqueOrThrow({ where: { id }, select: { currentStatus: true, currentProgress: true } });

/** A task led by `editor`'s unit alone that nobody has reported on. */
const soleLedTask = (editor: Actor, skip: number[] = []) =>
  db.prisma.task.findFirstOrThrow({
    where: {
      id: { notIn: [coLedTaskId, ...skip] },
      updates: { none: {} },
      assignments: { some: { role: "LEAD", departmentId: editor.departmentId! } },
    },
    orderBy: { id: "asc" },
  });

beforeAll(async () => {
  updates = await db.load(() => import("../../lib/server/task-updates"));
  errors = await db.load(() => import("../../lib/server/errors"));
  evidence = await db.load(() => import("../../lib/server/evidence"));
  taskState = await db.load(() => import("../../lib/server/task-state"));
  const [coLed] = await db.prisma.$queryRaw<{ taskId: number; leads: number[] }[]>`
    SELECT a."taskId", array_agg(a."departmentId" ORDER BY a.ordinal) AS leads
    FROM "task_assignment" a JOIN "department" d ON d.id = a."departmentId"
    WHERE a.role = 'LEAD' AND NOT d.generic
    GROUP BY a."taskId" HAVING count(*) >= 2
    ORDER BY a."taskId" LIMIT 1`;
  expect(coLed, "the documents have a task with two lead units").toBeDefined();
  coLedTaskId = coLed!.taskId;
  editorA = await makeActor(db.prisma, { role: "DEPARTMENT_EDITOR", department: coLed!.leads[0]! });
  editorB = await makeActor(db.prisma, { role: "DEPARTMENT_EDITOR", department: coLed!.leads[1]! });
  reviewer = await makeActor(db.prisma, { username: "desk-reviewer", role: "REVIEWER" });
  otherReviewer = await makeActor(db.prisma, { username: "desk-reviewer-2", role: "REVIEWER" });
}, 120_000);

describe("co-lead units: the task follows the least advanced approved report", () => {
  it("滞后 30 % from one unit and 已完成 100 % from the other reads 滞后 30 %, in either approval order", async () => {
    const link = await evidence.addEvidenceLink(editorB, {
      taskId: coLedTaskId,
      title: "验收报告",
      url: "https://example.gov.cn/report.pdf",
    });
    const a = await updates.saveTaskUpdate(editorA, report(coLedTaskId, { status: "LAGGING", progress: 30 }), P3);
    const b = await updates.saveTaskUpdate(
      editorB,
      report(coLedTaskId, { status: "COMPLETED", progress: 100, evidenceIds: [link.id] }),
      P3,
    );
    // A first, then B: the last approval (已完成) does not win.
    await approve(reviewer, coLedTaskId, a.update.periodId, editorA.departmentId!);
    expect(await taskRow(coLedTaskId)).toEqual({ currentStatus: "LAGGING", currentProgress: 30 });
    await approve(reviewer, coLedTaskId, b.update.periodId, editorB.departmentId!);
    expect(await taskRow(coLedTaskId)).toEqual({ currentStatus: "LAGGING", currentProgress: 30 });
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "task.status", entityId: String(coLedTaskId) },
      orderBy: { id: "desc" },
    });
    expect(audit.after).toMatchObject({ status: "LAGGING", followedDepartmentId: editorA.departmentId });
    // The task page shows both side by side, the one it follows marked.
    const side = await updates.listLeadUnitReports(coLedTaskId);
    expect(side.map((u) => [u.departmentId, u.report?.status, u.followed])).toEqual(
      expect.arrayContaining([
        [editorA.departmentId, "LAGGING", true],
        [editorB.departmentId, "COMPLETED", false],
      ]),
    );

    // Next period, B first (still 已完成), then A catches up to 按计划推进 60 %.
    const link4 = await evidence.addEvidenceLink(editorB, {
      taskId: coLedTaskId,
      title: "验收报告（第四期）",
      url: "https://example.gov.cn/report-4.pdf",
    });
    const b4 = await updates.saveTaskUpdate(
      editorB,
      report(coLedTaskId, { status: "COMPLETED", progress: 100, evidenceIds: [link4.id] }),
      P4,
    );
    await approve(reviewer, coLedTaskId, b4.update.periodId, editorB.departmentId!);
    // A's latest approved report is still its 滞后 of P3.
    expect(await taskRow(coLedTaskId)).toEqual({ currentStatus: "LAGGING", currentProgress: 30 });
    const a4 = await updates.saveTaskUpdate(editorA, report(coLedTaskId, { status: "ON_TRACK", progress: 60 }), P4);
    await approve(reviewer, coLedTaskId, a4.update.periodId, editorA.departmentId!);
    expect(await taskRow(coLedTaskId)).toEqual({ currentStatus: "ON_TRACK", currentProgress: 60 });

    // The SQL twin for past periods (bulletin, overview) applies the same rule at each period.
    const at = async (start: string) => {
      const rows = await db.prisma.$queryRaw<{ taskId: number; status: string; progress: number }[]>(
        taskState.reportAtPeriod({ start }),
      );
      return rows.find((r) => r.taskId === coLedTaskId);
    };
    expect(await at("2023-05-01")).toMatchObject({ status: "LAGGING", progress: 30 });
    expect(await at("2023-07-01")).toMatchObject({ status: "ON_TRACK", progress: 60 });
  });
});

describe("batch approval", () => {
  it("approves several in one transaction, auditing each approval", async () => {
    const t1 = await soleLedTask(editorA);
    const t2row = await soleLedTask(editorA, [t1.id]);
    const s1 = await updates.saveTaskUpdate(editorA, report(t1.id, { progress: 20 }), P3);
    const s2 = await updates.saveTaskUpdate(editorA, report(t2row.id, { progress: 40 }), P3);
    const approvedBefore = await db.prisma.auditLog.count({ where: { action: "task_update.approve" } });
    const done = await updates.approveTaskUpdates(reviewer, {
      items: [s1, s2].map((s) => ({
        taskId: s.update.taskId,
        periodId: s.update.periodId,
        departmentId: s.update.departmentId,
        expectedVersion: s.update.version,
      })),
    });
    expect(done.map((u) => u.reviewState)).toEqual(["APPROVED", "APPROVED"]);
    expect(await db.prisma.auditLog.count({ where: { action: "task_update.approve" } })).toBe(approvedBefore + 2);
    expect(await taskRow(t1.id)).toEqual({ currentStatus: "ON_TRACK", currentProgress: 20 });
    expect(await taskRow(t2row.id)).toEqual({ currentStatus: "ON_TRACK", currentProgress: 40 });
  });

  it("refuses the whole batch, naming it, when one report was already reviewed by someone else", async () => {
    const fresh = await soleLedTask(editorB);
    const taken = await soleLedTask(editorB, [fresh.id]);
    const s1 = await updates.saveTaskUpdate(editorB, report(fresh.id), P3);
    const s2 = await updates.saveTaskUpdate(editorB, report(taken.id), P3);
    const items = [s1, s2].map((s) => ({
      taskId: s.update.taskId,
      periodId: s.update.periodId,
      departmentId: s.update.departmentId,
      expectedVersion: s.update.version,
    }));
    // Another reviewer returns the second while the first reviewer's confirmation is open.
    await updates.reviewTaskUpdate(otherReviewer, { ...items[1]!, decision: "return", comment: "请补充佐证" });
    const before = await counts();
    const refusal = await updates.approveTaskUpdates(reviewer, { items }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(errors.AppError);
    const error = refusal as InstanceType<typeof errors.AppError>;
    expect(error.code).toBe("CONFLICT");
    const zh = error.toBody("zh-CN");
    expect(zh.message).toContain(`#${taken.number}`);
    expect(zh.message).toContain("一份也未通过");
    expect(error.toBody("en").message).toMatch(/none of the batch was approved/);
    expect((error.extra.current as { stale: { taskId: number }[] }).stale.map((s) => s.taskId)).toEqual([taken.id]);
    expect(await counts()).toEqual(before);
  });

  it("refuses a non-reviewer and an empty batch, writing nothing", async () => {
    const before = await counts();
    await expect(
      updates.approveTaskUpdates(editorA, { items: [{ taskId: 1, periodId: 1, departmentId: 1, expectedVersion: 1 }] }),
    ).rejects.toSatisfy((e: unknown) => e instanceof errors.AppError && e.code === "FORBIDDEN");
    await expect(updates.approveTaskUpdates(reviewer, { items: [] })).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });
});

describe("what the desk and the form start from", () => {
  it("the queue shows the last approved report, got-worse, the thread's evidence and history", async () => {
    const task = await soleLedTask(editorA);
    const first = await updates.saveTaskUpdate(editorA, report(task.id, { status: "AT_RISK", progress: 48 }), P3);
    await approve(reviewer, task.id, first.update.periodId, editorA.departmentId!);

    // The editor's form starts from it.
    const state = await updates.getEditorState(editorA, task.id, P4);
    expect(state?.lastApproved).toMatchObject({ status: "AT_RISK", progress: 48, reviewState: "APPROVED" });
    expect(state?.taskCurrent).toEqual({ status: "AT_RISK", progress: 48 });
    expect(state?.latest).toBeNull();

    const link = await evidence.addEvidenceLink(editorA, {
      taskId: task.id,
      title: "会议纪要",
      url: "https://example.gov.cn/minutes",
    });
    // Going backwards is allowed, and recorded.
    const next = await updates.saveTaskUpdate(
      editorA,
      report(task.id, {
        status: "LAGGING",
        progress: 40,
        progressText: "已完成平台一期建设。二期招标延期。",
        evidenceIds: [link.id],
      }),
      P4,
    );
    const submitAudit = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "task_update.submit" },
      orderBy: { id: "desc" },
    });
    expect(submitAudit.after).toMatchObject({
      belowLastApproved: { status: true, progress: true, lastApproved: { status: "AT_RISK", progress: 48 } },
    });

    const queue = await updates.listAwaitingReview();
    const item = queue.find((q) => q.id === next.update.id);
    expect(item).toBeDefined();
    expect(item!.lastApproved).toMatchObject({ status: "AT_RISK", progress: 48, periodCode: "2023-P3" });
    expect(item!.worse).toEqual({ status: true, progress: true });
    expect(item!.threadEvidence.map((e) => e.title)).toEqual(["会议纪要"]);
    expect(item!.history.map((h) => [h.version, h.reviewState])).toEqual([[1, "SUBMITTED"]]);
    // Every awaiting report is in the queue once, each the latest of its thread.
    const awaiting = await db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "task_update" u WHERE u."reviewState" = 'SUBMITTED' AND NOT EXISTS (
        SELECT 1 FROM "task_update" v WHERE v."taskId" = u."taskId" AND v."periodId" = u."periodId"
          AND v."departmentId" = u."departmentId" AND v.version > u.version)`;
    expect(queue.length).toBe(Number(awaiting[0]!.n));
  });
});
