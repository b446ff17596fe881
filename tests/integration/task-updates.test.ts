/**
 * The bimonthly update cycle against a real PostgreSQL: the full draft → submit → return → resubmit →
 * approve journey, authorization by role and department (nothing written when refused), optimistic
 * concurrency (exactly one of two racing writers wins; both texts recoverable), and bad input.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/server/auth/actor";
import { makeActor, setUpIntegrationDatabase } from "../support/integration";
import type * as ErrorsModule from "../../lib/server/errors";
import type * as TaskUpdatesModule from "../../lib/server/task-updates";

type TaskUpdates = typeof TaskUpdatesModule;
type Errors = typeof ErrorsModule;

const NOW = new Date("2023-05-10T02:00:00Z"); // period 2023-P3

const db = setUpIntegrationDatabase({ documents: "all" });
let updates: TaskUpdates;
let errors: Errors;
let taskId: number; // 2023 work points task 12: lead 省工业和信息化厅
let otherTaskId: number; // a task led by 省大数据局
const actors: Record<string, Actor> = {};

const counts = async () => ({
  updates: await db.prisma.taskUpdate.count(),
  audit: await db.prisma.auditLog.count({ where: { action: { not: "task_update.conflict" } } }),
  comments: await db.prisma.comment.count(),
});

function input(overrides: Record<string, unknown> = {}) {
  return {
    taskId,
    intent: "draft" as const,
    expectedVersion: 0,
    status: "ON_TRACK" as const,
    progress: 30,
    progressText: "已建成5G全连接种子工厂12个",
    problems: "",
    nextSteps: "",
    ...overrides,
  };
}

/** Takes a thunk: the call must start after the counts are taken. */
async function expectRefused(call: () => Promise<unknown>, code: string) {
  const before = await counts();
  await expect(call()).rejects.toSatisfy((e: unknown) => e instanceof errors.AppError && e.code === code);
  expect(await counts()).toEqual(before);
}

beforeAll(async () => {
  updates = await db.load(() => import("../../lib/server/task-updates"));
  errors = await db.load(() => import("../../lib/server/errors"));
  taskId = (await db.prisma.task.findUniqueOrThrow({ where: { key: "work-points-2023#12" } })).id;
  const bureau = await db.prisma.task.findFirstOrThrow({
    where: {
      assignments: {
        some: { role: "LEAD", department: { name: "省大数据局" } },
        none: { department: { name: "省工业和信息化厅" } },
      },
    },
  });
  otherTaskId = bureau.id;
  actors.lead = await makeActor(db.prisma, {
    username: "miit-editor",
    role: "DEPARTMENT_EDITOR",
    department: "省工业和信息化厅",
  });
  actors.other = await makeActor(db.prisma, {
    username: "bdb-editor",
    role: "DEPARTMENT_EDITOR",
    department: "省大数据局",
  });
  actors.reviewer = await makeActor(db.prisma, { username: "reviewer-1", role: "REVIEWER" });
  actors.admin = await makeActor(db.prisma, { username: "admin-1", role: "ADMIN" });
  actors.viewer = await makeActor(db.prisma, { username: "viewer-1", role: "VIEWER" });
}, 120_000);

describe("the review journey", () => {
  it("draft → submit → return → resubmit → approve, with history, audit and the task's status", async () => {
    const { saveTaskUpdate, reviewTaskUpdate, listTaskTimeline } = updates;
    const draft = await saveTaskUpdate(actors.lead!, input(), NOW);
    expect(draft.update).toMatchObject({
      version: 1,
      reviewState: "DRAFT",
      kind: "LEAD_REPORT",
      periodCode: "2023-P3",
    });

    const submitted = await saveTaskUpdate(actors.lead!, input({ intent: "submit", expectedVersion: 1 }), NOW);
    expect(submitted.update).toMatchObject({ version: 2, reviewState: "SUBMITTED" });
    // Awaiting review: the department cannot change it now.
    await expectRefused(() => saveTaskUpdate(actors.lead!, input({ expectedVersion: 2 }), NOW), "CONFLICT");

    const ref = { taskId, periodId: submitted.update.periodId, departmentId: actors.lead!.departmentId! };
    await expect(
      reviewTaskUpdate(actors.reviewer!, { ...ref, expectedVersion: 2, decision: "return" }),
    ).rejects.toThrow(/comment/);
    const returned = await reviewTaskUpdate(actors.reviewer!, {
      ...ref,
      expectedVersion: 2,
      decision: "return",
      comment: "请补充种子工厂名单",
    });
    expect(returned).toMatchObject({ version: 3, reviewState: "RETURNED", reviewComment: "请补充种子工厂名单" });

    const resubmitted = await saveTaskUpdate(
      actors.lead!,
      input({ intent: "submit", expectedVersion: 3, progress: 45, progressText: "已建成种子工厂20个，名单见附件" }),
      NOW,
    );
    expect(resubmitted.update.version).toBe(4);
    const approved = await reviewTaskUpdate(actors.admin!, { ...ref, expectedVersion: 4, decision: "approve" });
    expect(approved).toMatchObject({ version: 5, reviewState: "APPROVED", progress: 45 });

    const task = await db.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task.currentStatus).toBe("ON_TRACK");
    expect(task.currentProgress).toBe(45);

    const history = (await listTaskTimeline(taskId)).flatMap((e) => (e.update ? [e.update.reviewState] : []));
    expect(history).toEqual(["APPROVED", "SUBMITTED", "RETURNED", "SUBMITTED", "DRAFT"]);
    const audit = await db.prisma.auditLog.findMany({
      where: { entityType: { in: ["task_update", "task"] } },
      orderBy: { id: "asc" },
      select: { action: true, actorLabel: true },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "task_update.save_draft",
      "task_update.submit",
      "task_update.conflict",
      "task_update.return",
      "task_update.submit",
      "task_update.approve",
      "task.status",
    ]);
    expect(audit.at(-1)?.actorLabel).toBe("admin-1");
  });
});

describe("authorization: department and role come from the server, never the request", () => {
  it.each([
    ["an editor of another department", "other", "FORBIDDEN"],
    ["a viewer", "viewer", "FORBIDDEN"],
    ["a reviewer (reviews, does not report)", "reviewer", "FORBIDDEN"],
  ])("%s cannot report on the task; nothing is written", async (_label, who, code) => {
    await expectRefused(() => updates.saveTaskUpdate(actors[who]!, input({ taskId: otherTaskIdFor(who) }), NOW), code);
  });

  it("a department id in the body does not change whose report it is", async () => {
    const { saveTaskUpdate } = updates;
    const other = actors.other!;
    const saved = await saveTaskUpdate(
      other,
      { ...input({ taskId: otherTaskId }), departmentId: actors.lead!.departmentId } as Parameters<
        typeof saveTaskUpdate
      >[1],
      NOW,
    );
    expect(saved.update.departmentId).toBe(other.departmentId);
  });

  it("editors and viewers cannot review; nothing is written", async () => {
    const period = await db.prisma.reportingPeriod.findFirstOrThrow({ where: { year: 2023, index: 3 } });
    const ref = {
      taskId: otherTaskId,
      periodId: period.id,
      departmentId: actors.other!.departmentId!,
      expectedVersion: 1,
    };
    for (const who of ["lead", "other", "viewer"]) {
      await expectRefused(() => updates.reviewTaskUpdate(actors[who]!, { ...ref, decision: "approve" }), "FORBIDDEN");
    }
  });

  it("an unknown task answers 404 and a viewer cannot comment", async () => {
    await expectRefused(() => updates.saveTaskUpdate(actors.lead!, input({ taskId: 987654 }), NOW), "NOT_FOUND");
    await expectRefused(() => updates.addComment(actors.viewer!, { taskId, body: "看看" }), "FORBIDDEN");
    await expectRefused(() => updates.addComment(actors.other!, { taskId, body: "越权评论" }), "FORBIDDEN");
    await expect(updates.addComment(actors.reviewer!, { taskId, body: "请加快进度" })).resolves.toHaveProperty("id");
  });
});

// The first case uses the lead's task (the other editor is not assigned); the rest may use any task.
function otherTaskIdFor(who: string): number {
  return who === "other" ? taskId : otherTaskId;
}

describe("concurrency", () => {
  it("two writers on the same version: exactly one wins, the other gets 409 with the newer state; both texts survive", async () => {
    const task = await db.prisma.task.findFirstOrThrow({
      where: { assignments: { some: { role: "LEAD", departmentId: actors.lead!.departmentId! } }, id: { not: taskId } },
    });
    const results = await Promise.allSettled([
      updates.saveTaskUpdate(actors.lead!, input({ taskId: task.id, progressText: "甲：完成方案编制" }), NOW),
      updates.saveTaskUpdate(actors.lead!, input({ taskId: task.id, progressText: "乙：完成项目招标" }), NOW),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const error = lost[0]!.reason as InstanceType<Errors["AppError"]>;
    expect(error.code).toBe("CONFLICT");
    const current = error.extra.current as { version: number; progressText: string };
    expect(current.version).toBe(1);

    const rows = await db.prisma.taskUpdate.findMany({ where: { taskId: task.id }, select: { progressText: true } });
    expect(rows).toHaveLength(1);
    const conflictEntry = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "task_update.conflict", entityId: { startsWith: `${task.id}/` } },
    });
    const texts = [
      rows[0]!.progressText,
      (conflictEntry.after as { rejected: { progressText: string } }).rejected.progressText,
    ];
    expect(texts.sort()).toEqual(["乙：完成项目招标", "甲：完成方案编制"].sort());
    expect(current.progressText).toBe(rows[0]!.progressText);
  });

  it("a stale version is refused with the current state", async () => {
    const task = await db.prisma.task.findFirstOrThrow({
      where: {
        assignments: { some: { role: "LEAD", departmentId: actors.other!.departmentId! } },
        id: { not: otherTaskId },
      },
    });
    await updates.saveTaskUpdate(actors.other!, input({ taskId: task.id }), NOW);
    await updates.saveTaskUpdate(actors.other!, input({ taskId: task.id, expectedVersion: 1, progress: 50 }), NOW);
    await expectRefused(
      () => updates.saveTaskUpdate(actors.other!, input({ taskId: task.id, expectedVersion: 1 }), NOW),
      "CONFLICT",
    );
  });
});

describe("bad input writes nothing", () => {
  it.each([
    ["progress above 100", { progress: 101 }],
    ["a progress that is not a number", { progress: "很多" }],
    ["an unknown status", { status: "DONE" }],
    ["oversize text", { progressText: "长".repeat(4001) }],
    ["a negative version", { expectedVersion: -1 }],
  ])("%s is a validation error", async (_label, overrides) => {
    const before = await counts();
    await expect(updates.saveTaskUpdate(actors.lead!, input(overrides) as never, NOW)).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });

  it("a milestone of another task or a future completion date is refused", async () => {
    const foreign = await db.prisma.milestone.findFirstOrThrow({ where: { taskId: { not: taskId } } });
    const latest = await db.prisma.taskUpdate.findFirst({
      where: { taskId, departmentId: actors.lead!.departmentId! },
      orderBy: { version: "desc" },
    });
    const expectedVersion = latest?.version ?? 0;
    await expectRefused(
      () =>
        updates.saveTaskUpdate(
          actors.lead!,
          input({ expectedVersion, milestoneDates: [{ milestoneId: foreign.id, completedDate: "2023-05-01" }] }),
          NOW,
        ),
      "VALIDATION",
    );
  });

  it("已完成 cannot be submitted without evidence", async () => {
    const task = await db.prisma.task.findFirstOrThrow({
      where: {
        assignments: { some: { role: "LEAD", departmentId: actors.lead!.departmentId! } },
        updates: { none: {} },
      },
    });
    await expectRefused(
      () =>
        updates.saveTaskUpdate(
          actors.lead!,
          input({ taskId: task.id, intent: "submit", status: "COMPLETED", progress: 100 }),
          NOW,
        ),
      "VALIDATION",
    );
  });
});

describe("supervision and late approvals", () => {
  it("a returned report counts as missing in the 督办 list until it is resubmitted", async () => {
    const { saveTaskUpdate, reviewTaskUpdate, listSupervision } = updates;
    const other = actors.other!;
    const task = await db.prisma.task.findFirstOrThrow({
      where: { assignments: { some: { role: "LEAD", departmentId: other.departmentId! } }, updates: { none: {} } },
    });
    const saved = await saveTaskUpdate(other, input({ taskId: task.id, intent: "submit" }), NOW);
    const row = async () =>
      (await listSupervision(saved.update.periodId)).find((r) => r.departmentId === other.departmentId)!;
    const submittedBefore = (await row()).submitted;
    await reviewTaskUpdate(actors.reviewer!, {
      taskId: task.id,
      periodId: saved.update.periodId,
      departmentId: other.departmentId!,
      expectedVersion: 1,
      decision: "return",
      comment: "请补充",
    });
    expect((await row()).submitted).toBe(submittedBefore - 1);
    expect((await row()).missing).toBe((await row()).tasksInScope - (submittedBefore - 1));
  });

  it("approving an earlier period's report after a later one keeps the later status", async () => {
    const { saveTaskUpdate, reviewTaskUpdate } = updates;
    const lead = actors.lead!;
    const task = await db.prisma.task.findFirstOrThrow({
      where: { assignments: { some: { role: "LEAD", departmentId: lead.departmentId! } }, updates: { none: {} } },
    });
    const LATER = new Date("2023-07-10T02:00:00Z"); // period 2023-P4
    const early = await saveTaskUpdate(
      lead,
      input({ taskId: task.id, intent: "submit", status: "LAGGING", progress: 20 }),
      NOW,
    );
    const late = await saveTaskUpdate(
      lead,
      input({ taskId: task.id, intent: "submit", status: "ON_TRACK", progress: 60 }),
      LATER,
    );
    const ref = { taskId: task.id, departmentId: lead.departmentId!, expectedVersion: 1, decision: "approve" as const };
    await reviewTaskUpdate(actors.reviewer!, { ...ref, periodId: late.update.periodId });
    await reviewTaskUpdate(actors.reviewer!, { ...ref, periodId: early.update.periodId });
    const after = await db.prisma.task.findUniqueOrThrow({ where: { id: task.id } });
    expect(after).toMatchObject({ currentStatus: "ON_TRACK", currentProgress: 60 });
    expect(await db.prisma.auditLog.count({ where: { action: "task.status_kept", entityId: String(task.id) } })).toBe(
      1,
    );
  });
});
