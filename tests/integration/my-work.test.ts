/**
 * 我的待办 (lib/server/my-work.ts) on the shipped documents with the demo's sample reports, real
 * PostgreSQL: every count equals its list and the lists it links to — the department page and /review's
 * 督办 list (the one duty rule of lib/server/report-duty.ts), /review's queue — a returned report shows
 * with the reviewer's comment; and 关注 (lib/server/follows.ts): only the signed-in user's own follows,
 * idempotent, unknown subjects refused.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { periodContaining, shanghaiDate } from "../../lib/domain/periods";
import type { Actor } from "../../lib/server/auth/actor";
import type * as DepartmentsModule from "../../lib/server/departments";
import type * as ErrorsModule from "../../lib/server/errors";
import type * as FollowsModule from "../../lib/server/follows";
import type * as MyWorkModule from "../../lib/server/my-work";
import type * as ReportDutyModule from "../../lib/server/report-duty";
import type * as TaskUpdatesModule from "../../lib/server/task-updates";
import { generateSampleData } from "../../seed/sample";
import { ensureReportingPeriods } from "../../seed/seed";
import { makeActor, setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase({ documents: "all" });
const NOW = new Date("2023-11-15T04:00:00Z"); // 2023-P6; the sample's approved reports are in 2023-P5
const TODAY = shanghaiDate(NOW);
const CURRENT = periodContaining(NOW);
let my: typeof MyWorkModule;
let duty: typeof ReportDutyModule;
let departments: typeof DepartmentsModule;
let updates: typeof TaskUpdatesModule;
let follows: typeof FollowsModule;
let errors: typeof ErrorsModule;
let reviewer: Actor;

beforeAll(async () => {
  await ensureReportingPeriods(db.prisma, 2021, 2024);
  await generateSampleData(db.prisma, { now: NOW });
  my = await db.load(() => import("../../lib/server/my-work"));
  duty = await db.load(() => import("../../lib/server/report-duty"));
  departments = await db.load(() => import("../../lib/server/departments"));
  updates = await db.load(() => import("../../lib/server/task-updates"));
  follows = await db.load(() => import("../../lib/server/follows"));
  errors = await db.load(() => import("../../lib/server/errors"));
  reviewer = await makeActor(db.prisma, { role: "REVIEWER" });
}, 300_000);

/** The lead units with the most tasks owing a report this period. */
async function busiestUnits(n: number) {
  return (await duty.listReportDuty(CURRENT)).sort((a, b) => b.tasksInScope - a.tasksInScope).slice(0, n);
}

async function expectEditorWorkMatches(editor: Actor) {
  const departmentId = editor.departmentId!;
  const [work, row, all, profile] = await Promise.all([
    my.getEditorWork(editor, TODAY),
    duty.listReportDuty(CURRENT, { departmentId }),
    duty.listReportDutyTasks(CURRENT, departmentId, 100_000),
    departments.getDepartmentProfile(departmentId, TODAY),
  ]);
  expect(work).not.toBeNull();
  // The department page's and 督办's figures.
  expect(work!.owed).toBe(row[0]?.tasksInScope ?? 0);
  expect(work!.owed - work!.counts.SUBMITTED - work!.counts.APPROVED).toBe(row[0]?.missing ?? 0);
  expect(work!.counts).toEqual(all.counts);
  expect(work!.counts).toEqual(profile!.submissions.counts);
  expect(work!.overdue.total).toBe(profile!.overdueTotal);
  // Each list is exactly the duty's tasks in that state (whole when under the limit, else its first rows).
  const ids = (state: string) => all.tasks.filter((t) => t.state === state).map((t) => t.taskId);
  for (const [state, list] of [
    ["NONE", work!.notFiled],
    ["RETURNED", work!.returned],
    ["DRAFT", work!.drafts],
  ] as const) {
    expect(list.length).toBe(Math.min(work!.counts[state], my.MY_LIST_LIMIT));
    expect(new Set(list.map((t) => t.taskId)).size).toBe(list.length);
    for (const task of list) expect(ids(state)).toContain(task.taskId);
  }
  for (const [bucket, due] of [
    [work!.overdue, (d: string) => d < TODAY],
    [work!.dueSoon, (d: string) => d >= TODAY],
  ] as const) {
    expect(bucket.items.length).toBe(Math.min(bucket.total, my.MY_LIST_LIMIT));
    for (const m of bucket.items) expect(due(m.dueDate), m.dueDate).toBe(true);
  }
  return work!;
}

describe("an editor's 待办", () => {
  it("counts equal the lists and the department page, for the busiest units", async () => {
    const units = await busiestUnits(3);
    expect(units.length).toBe(3);
    for (const unit of units) {
      const editor = await makeActor(db.prisma, { role: "DEPARTMENT_EDITOR", department: unit.departmentId });
      const work = await expectEditorWorkMatches(editor);
      expect(work.owed).toBeGreaterThan(0);
    }
  });

  it("a returned report shows with the reviewer's comment, and moves between the lists", async () => {
    const [unit] = await busiestUnits(1);
    const editor = await makeActor(db.prisma, { role: "DEPARTMENT_EDITOR", department: unit!.departmentId });
    const before = await expectEditorWorkMatches(editor);
    const task = before.notFiled[0]!;
    const saved = await updates.saveTaskUpdate(
      editor,
      {
        taskId: task.taskId,
        intent: "submit",
        expectedVersion: 0,
        status: "ON_TRACK",
        progress: 30,
        progressText: "推进中",
      },
      NOW,
    );
    const comment = "请补充佐证材料，并说明进度依据。";
    await updates.reviewTaskUpdate(reviewer, {
      taskId: task.taskId,
      periodId: saved.update.periodId,
      departmentId: editor.departmentId!,
      expectedVersion: saved.update.version,
      decision: "return",
      comment,
    });
    const after = await expectEditorWorkMatches(editor);
    expect(after.counts.NONE).toBe(before.counts.NONE - 1);
    expect(after.counts.RETURNED).toBe(before.counts.RETURNED + 1);
    expect(after.owed).toBe(before.owed);
    const returned = after.returned.find((t) => t.taskId === task.taskId);
    expect(returned).toMatchObject({ state: "RETURNED", reviewComment: comment, number: task.number });
    expect(after.notFiled.map((t) => t.taskId)).not.toContain(task.taskId);
  });

  it("an editor without a department has no duty list", async () => {
    const editor = await makeActor(db.prisma, { role: "DEPARTMENT_EDITOR" });
    expect(await my.getEditorWork(editor, TODAY)).toBeNull();
  });
});

describe("a reviewer's 待办", () => {
  it("the queue by unit is /review's queue, and the missing units are its 督办 list", async () => {
    const [work, awaiting, supervision] = await Promise.all([
      my.getReviewerWork(TODAY),
      updates.listAwaitingReview(),
      updates.listSupervision(CURRENT),
    ]);
    expect(work.queueTotal).toBe(awaiting.length);
    expect(work.queueTotal).toBeGreaterThan(0);
    const byUnit = new Map<number, number>();
    for (const item of awaiting) byUnit.set(item.departmentId, (byUnit.get(item.departmentId) ?? 0) + 1);
    expect(work.queueUnits).toBe(byUnit.size);
    expect(work.queue.length).toBe(Math.min(byUnit.size, my.QUEUE_UNIT_LIMIT));
    // The units with the most waiting, each with its whole count and its oldest reports.
    const largest = [...byUnit.values()].sort((a, b) => b - a).slice(0, my.QUEUE_UNIT_LIMIT);
    expect(work.queue.map((u) => u.total)).toEqual(largest);
    for (const unit of work.queue) {
      expect(unit.total).toBe(byUnit.get(unit.departmentId));
      const oldest = awaiting.filter((a) => a.departmentId === unit.departmentId).slice(0, my.QUEUE_ITEMS_PER_UNIT);
      expect(unit.items.map((i) => i.updateId)).toEqual(oldest.map((a) => a.id));
    }
    const missing = supervision.filter((r) => r.missing > 0);
    expect(work.missingUnits).toBe(missing.length);
    expect(work.missing).toEqual(missing.slice(0, my.MY_LIST_LIMIT));
    expect(work.missing.length).toBeGreaterThan(0);
  });
});

describe("关注", () => {
  it("follows and unfollows a task and an indicator, idempotently, for the signed-in user only", async () => {
    const viewer = await makeActor(db.prisma, { role: "VIEWER" });
    const other = await makeActor(db.prisma, { role: "VIEWER" });
    const task = await db.prisma.task.findFirstOrThrow({ where: { retiredAt: null }, orderBy: { id: "asc" } });
    const indicator = await db.prisma.indicator.findFirstOrThrow({
      where: { mergedIntoId: null },
      orderBy: { id: "asc" },
    });
    await follows.setFollow(viewer, { subject: "task", id: task.id, follow: true });
    await follows.setFollow(viewer, { subject: "task", id: task.id, follow: true }); // a double submit
    // A user named in the input is ignored: the follower is the actor.
    await follows.setFollow(viewer, {
      subject: "indicator",
      id: indicator.id,
      follow: true,
      userId: other.id,
    } as never);
    expect(await db.prisma.follow.count({ where: { userId: viewer.id } })).toBe(2);
    expect(await db.prisma.follow.count({ where: { userId: other.id } })).toBe(0);
    expect(await follows.isFollowing(viewer.id, "task", task.id)).toBe(true);
    expect(await follows.isFollowing(other.id, "task", task.id)).toBe(false);

    const work = await my.getFollowedWork(viewer.id, TODAY);
    expect(work.tasks.map((t) => t.id)).toEqual([task.id]);
    expect(work.indicators.map((i) => i.id)).toEqual([indicator.id]);
    expect(await my.getFollowedWork(other.id, TODAY)).toEqual({ tasks: [], indicators: [] });

    // Another user's unfollow leaves these follows alone.
    await follows.setFollow(other, { subject: "task", id: task.id, follow: false });
    expect(await follows.isFollowing(viewer.id, "task", task.id)).toBe(true);
    await follows.setFollow(viewer, { subject: "task", id: task.id, follow: false });
    await follows.setFollow(viewer, { subject: "task", id: task.id, follow: false });
    expect((await my.getFollowedWork(viewer.id, TODAY)).tasks).toEqual([]);
  });

  it("every role may follow; an unknown subject or bad input is refused and writes nothing", async () => {
    const task = await db.prisma.task.findFirstOrThrow({ orderBy: { id: "asc" } });
    for (const role of ["ADMIN", "REVIEWER", "VIEWER", "DEPARTMENT_EDITOR"] as const) {
      const actor = await makeActor(db.prisma, {
        role,
        department: role === "DEPARTMENT_EDITOR" ? "省大数据局" : null,
      });
      expect(await follows.setFollow(actor, { subject: "task", id: task.id, follow: true })).toEqual({
        following: true,
      });
    }
    const viewer = await makeActor(db.prisma, { role: "VIEWER" });
    const before = await db.prisma.follow.count();
    await expect(follows.setFollow(viewer, { subject: "task", id: 99_999_999, follow: true })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      follows.setFollow(viewer, { subject: "indicator", id: 99_999_999, follow: true }),
    ).rejects.toBeInstanceOf(errors.AppError);
    await expect(follows.setFollow(viewer, { subject: "user" as never, id: 1, follow: true })).rejects.toThrow();
    expect(await db.prisma.follow.count()).toBe(before);
  });

  it("the database refuses a follow of nothing or of two subjects", async () => {
    const viewer = await makeActor(db.prisma, { role: "VIEWER" });
    const task = await db.prisma.task.findFirstOrThrow({ orderBy: { id: "asc" } });
    const indicator = await db.prisma.indicator.findFirstOrThrow({ orderBy: { id: "asc" } });
    await expect(db.prisma.follow.create({ data: { userId: viewer.id } })).rejects.toThrow();
    await expect(
      db.prisma.follow.create({ data: { userId: viewer.id, taskId: task.id, indicatorId: indicator.id } }),
    ).rejects.toThrow();
  });

  it("a followed indicator that was merged shows as the one it was merged into", async () => {
    const viewer = await makeActor(db.prisma, { role: "VIEWER" });
    const [target, source] = await db.prisma.indicator.findMany({
      where: { mergedIntoId: null },
      orderBy: { id: "desc" },
      take: 2,
    });
    await follows.setFollow(viewer, { subject: "indicator", id: source!.id, follow: true });
    await db.prisma.indicator.update({ where: { id: source!.id }, data: { mergedIntoId: target!.id } });
    try {
      expect((await my.getFollowedWork(viewer.id, TODAY)).indicators.map((i) => i.id)).toEqual([target!.id]);
    } finally {
      await db.prisma.indicator.update({ where: { id: source!.id }, data: { mergedIntoId: null } });
    }
  });
});
