/**
 * Institutional reform (机构改革) on the shipped documents with the demo's sample reports, real PostgreSQL:
 * merge A into B (open tasks, users and tokens move; filed reports and finished tasks stay under A; A
 * leaves the lists, rankings and report duty but its page resolves and names B; A's names resolve to B on
 * a re-import), split chosen tasks to a new unit, rename — each with its inverse, history intact (the
 * assignment history keeps the names as they were, counts on the department pages add up before and
 * after) — and every refusal writing nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { periodContaining, shanghaiDate } from "../../lib/domain/periods";
import type { Actor } from "../../lib/server/auth/actor";
import type * as AdminModule from "../../lib/server/admin-departments";
import type * as AssignmentsModule from "../../lib/server/assignments";
import type * as DepartmentsModule from "../../lib/server/departments";
import type * as ErrorsModule from "../../lib/server/errors";
import type * as ReformModule from "../../lib/server/department-reform";
import type * as ReportDutyModule from "../../lib/server/report-duty";
import type * as UsersModule from "../../lib/server/users";
import { importDocuments } from "../../seed/import";
import { generateSampleData } from "../../seed/sample";
import { ensureReportingPeriods } from "../../seed/seed";
import { issueApiToken, makeActor, setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase({ documents: "all" });
const TODAY = shanghaiDate(new Date());
let reform: typeof ReformModule;
let admin: typeof AdminModule;
let departments: typeof DepartmentsModule;
let duty: typeof ReportDutyModule;
let users: typeof UsersModule;
let assignments: typeof AssignmentsModule;
let errors: typeof ErrorsModule;
const actors = {} as Record<"admin" | "reviewer" | "editor" | "viewer", Actor>;

/** A's and B's ids: the two provincial units leading the most tasks that both have filed reports. */
let A: { id: number; name: string };
let B: { id: number; name: string };
let editorOfA: Actor;

beforeAll(async () => {
  await ensureReportingPeriods(db.prisma, 2021, Number(TODAY.slice(0, 4)) + 1);
  await generateSampleData(db.prisma, { now: new Date("2023-11-15T04:00:00Z") });
  reform = await db.load(() => import("../../lib/server/department-reform"));
  admin = await db.load(() => import("../../lib/server/admin-departments"));
  departments = await db.load(() => import("../../lib/server/departments"));
  duty = await db.load(() => import("../../lib/server/report-duty"));
  users = await db.load(() => import("../../lib/server/users"));
  assignments = await db.load(() => import("../../lib/server/assignments"));
  errors = await db.load(() => import("../../lib/server/errors"));
  const ranked = await db.prisma.$queryRaw<{ id: number; name: string }[]>`
    SELECT d.id, d.name FROM "department" d
    JOIN "task_assignment" a ON a."departmentId" = d.id AND a.role = 'LEAD'
    WHERE NOT d.generic AND d.kind = 'PROVINCIAL'
      AND EXISTS (SELECT 1 FROM "task_update" u WHERE u."departmentId" = d.id)
    GROUP BY d.id ORDER BY count(*) DESC, d.id LIMIT 2`;
  [A, B] = ranked as [typeof A, typeof B];
  actors.admin = await makeActor(db.prisma, { username: "reform-admin", role: "ADMIN" });
  actors.reviewer = await makeActor(db.prisma, { username: "reform-reviewer", role: "REVIEWER" });
  actors.editor = await makeActor(db.prisma, {
    username: "reform-editor",
    role: "DEPARTMENT_EDITOR",
    department: B.id,
  });
  actors.viewer = await makeActor(db.prisma, { username: "reform-viewer", role: "VIEWER" });
  editorOfA = await makeActor(db.prisma, { username: "reform-editor-a", role: "DEPARTMENT_EDITOR", department: A.id });
  await issueApiToken(db.prisma, editorOfA.id, "A's integration");
}, 600_000);

/** Every row a reform may write. */
async function snapshot() {
  const p = db.prisma;
  return {
    audit: await p.auditLog.count(),
    reforms: await p.departmentReform.count(),
    changes: await p.taskAssignmentChange.count(),
    assignments: await p.taskAssignment.findMany({
      orderBy: { id: "asc" },
      select: { taskId: true, departmentId: true, role: true },
    }),
    departments: await p.department.findMany({
      orderBy: { id: "asc" },
      select: { id: true, name: true, mergedIntoId: true, mergedOn: true },
    }),
    aliases: await p.departmentAlias.findMany({ orderBy: { id: "asc" }, select: { alias: true, departmentId: true } }),
    users: await p.user.findMany({ orderBy: { id: "asc" }, select: { id: true, departmentId: true } }),
  };
}

async function expectRefused(run: () => Promise<unknown>, code: string, message?: RegExp) {
  const before = await snapshot();
  let error: unknown;
  try {
    await run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(errors.AppError);
  const appError = error as InstanceType<typeof ErrorsModule.AppError>;
  expect(appError.code).toBe(code);
  if (message) expect(appError.toBody("zh-CN").message).toMatch(message);
  expect(await snapshot()).toEqual(before);
}

/** Tasks (current) where the unit holds a role, by role, and those among them 已完成. */
async function holdings(departmentId: number) {
  const rows = await db.prisma.taskAssignment.findMany({
    where: { departmentId, task: { retiredAt: null } },
    select: { taskId: true, role: true, task: { select: { currentStatus: true, statusUpdatedAt: true } } },
  });
  const done = (r: (typeof rows)[number]) => r.task.statusUpdatedAt !== null && r.task.currentStatus === "COMPLETED";
  return {
    lead: new Set(rows.filter((r) => r.role === "LEAD").map((r) => r.taskId)),
    all: new Set(rows.map((r) => r.taskId)),
    open: new Set(rows.filter((r) => !done(r)).map((r) => r.taskId)),
    finished: new Set(rows.filter(done).map((r) => r.taskId)),
  };
}

const reportsOf = (departmentId: number) =>
  db.prisma.taskUpdate.findMany({
    where: { departmentId },
    orderBy: { id: "asc" },
    select: { id: true, taskId: true },
  });

describe("authorization", () => {
  it("refuses reviewers, editors and viewers every reform operation and writes nothing", async () => {
    for (const who of ["reviewer", "editor", "viewer"] as const) {
      const actor = actors[who];
      await expectRefused(
        () => reform.mergeDepartment({ fromId: A.id, toId: B.id, effectiveDate: TODAY, note: "x" }, actor),
        "FORBIDDEN",
        /无权执行机构改革/,
      );
      await expectRefused(
        () =>
          reform.splitDepartment(
            { fromId: A.id, toId: B.id, newName: null, taskIds: [1], userIds: [], effectiveDate: TODAY, note: "x" },
            actor,
          ),
        "FORBIDDEN",
      );
      await expectRefused(() => reform.reverseReform({ reformId: 1, note: "x" }, actor), "FORBIDDEN");
    }
  });

  it("refuses a merge into itself, a future date and a generic group, writing nothing", async () => {
    const generic = await db.prisma.department.findFirstOrThrow({ where: { generic: true }, select: { id: true } });
    await expectRefused(
      () => reform.mergeDepartment({ fromId: A.id, toId: A.id, effectiveDate: TODAY, note: "x" }, actors.admin),
      "VALIDATION",
      /不能合并或移交到单位本身/,
    );
    await expectRefused(
      () => reform.mergeDepartment({ fromId: A.id, toId: B.id, effectiveDate: "2999-01-01", note: "x" }, actors.admin),
      "VALIDATION",
      /晚于今天/,
    );
    await expectRefused(
      () => reform.mergeDepartment({ fromId: A.id, toId: generic.id, effectiveDate: TODAY, note: "x" }, actors.admin),
      "VALIDATION",
      /泛指单位/,
    );
  });
});

describe("merging A into B and reversing it", () => {
  it("moves A's open tasks, users and tokens to B; reports and finished tasks stay; A leaves the lists", async () => {
    const [a, b, aReports] = await Promise.all([holdings(A.id), holdings(B.id), reportsOf(A.id)]);
    expect(a.open.size).toBeGreaterThan(3);
    expect(a.finished.size).toBeGreaterThan(0); // the sample has approved 已完成 reports
    expect(aReports.length).toBeGreaterThan(0);
    const profileBefore = (await departments.getDepartmentProfile(B.id, TODAY))!;
    const leadBefore = Object.values(profileBefore.states.counts).reduce((x, y) => x + y, 0);
    expect(leadBefore).toBe(b.lead.size);

    const result = await reform.mergeDepartment(
      { fromId: A.id, toId: B.id, effectiveDate: TODAY, note: "鲁政办发〔2026〕1号 机构改革方案" },
      actors.admin,
    );
    expect(result).toMatchObject({ movedTasks: a.open.size, movedUsers: 1, movedTokens: 1 });

    const [a2, b2] = await Promise.all([holdings(A.id), holdings(B.id)]);
    // A keeps exactly its finished tasks; B holds every task A held open, besides its own.
    expect([...a2.all].sort()).toEqual([...a.finished].sort());
    for (const id of a.open) expect(b2.all.has(id)).toBe(true);
    expect(b2.all.size).toBe(new Set([...b.all, ...a.open]).size);
    // Reports stay under A, unchanged.
    expect(await reportsOf(A.id)).toEqual(aReports);

    // One batch, channel REFORM, the note, and A's name as it was in each "before" snapshot.
    const changes = await db.prisma.taskAssignmentChange.findMany({ where: { channel: "REFORM" } });
    expect(changes).toHaveLength(a.open.size);
    expect(new Set(changes.map((c) => c.batchId)).size).toBe(1);
    const reformRow = await db.prisma.departmentReform.findUniqueOrThrow({ where: { id: result.reformId } });
    expect(changes[0]!.batchId).toBe(reformRow.batchId);
    for (const change of changes) {
      expect(change.note).toBe("鲁政办发〔2026〕1号 机构改革方案");
      expect(JSON.stringify(change.before)).toContain(A.name);
      expect(JSON.stringify(change.after)).not.toContain(`"id":${A.id},`);
    }

    // Users (and their tokens) now belong to B.
    const moved = await db.prisma.user.findUniqueOrThrow({
      where: { id: editorOfA.id },
      select: { departmentId: true, apiTokens: { select: { revokedAt: true } } },
    });
    expect(moved).toEqual({ departmentId: B.id, apiTokens: [{ revokedAt: null }] });

    // Lists, pickers, rankings and report duty leave A out; its page resolves and names B.
    const active = await departments.listActiveDepartments();
    expect(active.some((d) => d.id === A.id)).toBe(false);
    expect(active.find((d) => d.id === B.id)!.aliases).toContain(A.name);
    expect((await users.listDepartmentOptions()).some((d) => d.id === A.id)).toBe(false);
    const workload = await departments.listDepartmentWorkload("lag", TODAY);
    expect(workload.units.some((d) => d.id === A.id)).toBe(false);
    const period = periodContaining(new Date());
    expect((await duty.listReportDuty(period)).some((r) => r.departmentId === A.id)).toBe(false);
    const profileA = (await departments.getDepartmentProfile(A.id, TODAY))!;
    expect(profileA.mergedInto).toEqual({ id: B.id, name: B.name, on: TODAY });
    expect(profileA.submissions.tasksInScope).toBe(0);
    // Counts on both pages add up: A's lead states count its finished lead tasks, B's count its own and A's.
    const stateTotal = (p: NonNullable<typeof profileA>) => Object.values(p.states.counts).reduce((x, y) => x + y, 0);
    expect(stateTotal(profileA)).toBe(a2.lead.size);
    const profileB = (await departments.getDepartmentProfile(B.id, TODAY))!;
    expect(stateTotal(profileB)).toBe(b2.lead.size);
    expect(b2.lead.size).toBe(new Set([...b.lead, ...[...a.lead].filter((id) => a.open.has(id))]).size);

    // Audited with a readable action.
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "department.merge" } });
    expect(audit).toMatchObject({ entityId: String(A.id), actorId: actors.admin.id });
  });

  it("a re-import resolves A's names to B and never gives a task back to A", async () => {
    const before = await holdings(A.id);
    await importDocuments(db.prisma, { force: true });
    const after = await holdings(A.id);
    expect([...after.all].sort()).toEqual([...before.all].sort());
    expect((await db.prisma.department.findMany({ where: { name: A.name } })).length).toBe(1);
  });

  it("assigning a task to the merged unit is refused", async () => {
    const task = [...(await holdings(B.id)).open][0]!;
    await expectRefused(
      () =>
        assignments.assignTask(
          actors.reviewer,
          task,
          { lead: [A.id], responsible: [], cooperating: [], note: "x", effectiveDate: TODAY },
          "BROWSER",
        ),
      "VALIDATION",
    );
  });

  it("the inverse brings A back with what the merge moved, except what changed since (reported)", async () => {
    const merge = await db.prisma.departmentReform.findFirstOrThrow({ where: { kind: "MERGE" } });
    const moved = (merge.payload as { tasks: { taskId: number; before: { lead: number[] } }[] }).tasks;
    // A reviewer reassigns one moved task afterwards; an admin moves the editor to a third unit.
    const changed = moved[0]!.taskId;
    const third = await db.prisma.department.findFirstOrThrow({
      where: { generic: false, mergedIntoId: null, id: { notIn: [A.id, B.id] } },
      select: { id: true },
    });
    await assignments.assignTask(
      actors.reviewer,
      changed,
      { lead: [third.id], responsible: [], cooperating: [], note: "另行指定", effectiveDate: TODAY },
      "BROWSER",
    );
    const extraUser = await makeActor(db.prisma, { role: "DEPARTMENT_EDITOR", department: B.id });
    void extraUser; // a B user the merge did not move: it stays with B
    await db.prisma.user.update({ where: { id: editorOfA.id }, data: { departmentId: third.id } });

    const result = await reform.reverseReform({ reformId: merge.id, note: "撤销合并" }, actors.admin);
    expect(result.restoredTasks).toBe(moved.length - 1);
    expect(result.skippedTasks.map((t) => t.id)).toEqual([changed]);
    expect(result.skippedUsers.map((u) => u.id)).toEqual([editorOfA.id]);
    expect(result.restoredUsers).toBe(0);

    const a = await db.prisma.department.findUniqueOrThrow({ where: { id: A.id } });
    expect(a.mergedIntoId).toBeNull();
    for (const task of moved.slice(1)) {
      const lead = await db.prisma.taskAssignment.findMany({ where: { taskId: task.taskId, role: "LEAD" } });
      expect(lead.map((l) => l.departmentId).sort()).toEqual([...task.before.lead].sort());
    }
    expect(await db.prisma.departmentAlias.findUnique({ where: { alias: A.name } })).toBeNull();
    expect((await departments.listActiveDepartments()).some((d) => d.id === A.id)).toBe(true);
    expect((await departments.getDepartmentProfile(A.id, TODAY))!.mergedInto).toBeNull();
    // Reversed once only; the inverse itself is not reversible.
    await expectRefused(() => reform.reverseReform({ reformId: merge.id, note: "x" }, actors.admin), "CONFLICT");
    const inverse = await db.prisma.departmentReform.findFirstOrThrow({ where: { reversesId: merge.id } });
    expect(inverse.kind).toBe("UNMERGE");
    await expectRefused(() => reform.reverseReform({ reformId: inverse.id, note: "x" }, actors.admin), "VALIDATION");
    // The assignment history of a restored task reads merge then reversal, names as they were.
    const history = await db.prisma.taskAssignmentChange.findMany({
      where: { taskId: moved[1]!.taskId },
      orderBy: { id: "asc" },
    });
    expect(history.map((h) => h.channel)).toEqual(["REFORM", "REFORM"]);
    expect(JSON.stringify(history[1]!.after)).toContain(A.name);
    await db.prisma.user.update({ where: { id: editorOfA.id }, data: { departmentId: A.id } });
  });
});

describe("splitting A's tasks", () => {
  it("moves the chosen tasks and users to a new unit, and moves them back", async () => {
    const a = await holdings(A.id);
    const chosen = [...a.open].slice(0, 2);
    const reports = await reportsOf(A.id);
    const result = await reform.splitDepartment(
      {
        fromId: A.id,
        toId: null,
        newName: "省数字经济发展中心",
        taskIds: chosen,
        userIds: [editorOfA.id],
        effectiveDate: TODAY,
        note: "职能划转",
      },
      actors.admin,
    );
    expect(result).toMatchObject({ movedTasks: 2, movedUsers: 1 });
    const created = await holdings(result.toId);
    expect([...created.all].sort()).toEqual([...chosen].sort());
    const a2 = await holdings(A.id);
    expect(a2.all.size).toBe(a.all.size - 2);
    expect(await reportsOf(A.id)).toEqual(reports);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: editorOfA.id } })).departmentId).toBe(result.toId);

    // A task not A's is refused, writing nothing.
    const notA = [...(await holdings(B.id)).open].find((id) => !a.all.has(id))!;
    await expectRefused(
      () =>
        reform.splitDepartment(
          { fromId: A.id, toId: B.id, newName: null, taskIds: [notA], userIds: [], effectiveDate: TODAY, note: "x" },
          actors.admin,
        ),
      "VALIDATION",
      /不是该单位的未完成任务/,
    );

    const back = await reform.reverseReform({ reformId: result.reformId, note: "撤销拆分" }, actors.admin);
    expect(back).toMatchObject({ restoredTasks: 2, restoredUsers: 1, skippedTasks: [], skippedUsers: [] });
    expect((await holdings(A.id)).all).toEqual(a.all);
    expect((await holdings(result.toId)).all.size).toBe(0);
    expect(
      await db.prisma.auditLog.count({ where: { action: { in: ["department.split", "department.split_undo"] } } }),
    ).toBe(2);
  });
});

describe("renaming", () => {
  it("keeps the old name as an alias, history as it was, and the inverse restores it", async () => {
    const department = await db.prisma.department.findUniqueOrThrow({ where: { id: B.id } });
    const task = [...(await holdings(B.id)).open][0]!;
    const historyBefore = await db.prisma.taskAssignmentChange.findMany({ where: { taskId: task } });
    await admin.updateDepartment(
      { departmentId: B.id, name: "省新名称局", shortName: null, kind: department.kind, generic: false },
      actors.admin,
    );
    const renamed = await db.prisma.departmentReform.findFirstOrThrow({
      where: { kind: "RENAME", fromDepartmentId: B.id },
      orderBy: { id: "desc" },
    });
    expect(renamed.payload).toMatchObject({ oldName: B.name, newName: "省新名称局" });
    expect(await db.prisma.departmentAlias.findUnique({ where: { alias: B.name } })).toMatchObject({
      departmentId: B.id,
    });
    // Snapshots are never rewritten.
    expect(await db.prisma.taskAssignmentChange.findMany({ where: { taskId: task } })).toEqual(historyBefore);
    // A re-import still resolves the old name to the renamed unit.
    await importDocuments(db.prisma, { force: true });
    expect(await db.prisma.department.count({ where: { name: B.name } })).toBe(0);

    await reform.reverseReform({ reformId: renamed.id, note: "撤销更名" }, actors.admin);
    const restored = await db.prisma.department.findUniqueOrThrow({ where: { id: B.id } });
    expect(restored.name).toBe(B.name);
    expect(await db.prisma.departmentAlias.findUnique({ where: { alias: B.name } })).toBeNull();
    expect(await db.prisma.auditLog.count({ where: { action: "department.rename_undo" } })).toBe(1);
  });
});
