/**
 * Task assignment (issue 15) against a real PostgreSQL with the four seed documents: the one write path
 * lib/server/assignments.ts — assign, reassign, no-op, validation, authorization, append-only history —
 * and what follows from it by the triggers and the shared rules: hasLead, deadline, the task state and
 * who owes the report. The expected facts are read back from the rows.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { periodContaining } from "../../lib/domain/periods";
import { taskState } from "../../lib/domain/task-state";
import type { Actor } from "../../lib/server/auth/actor";
import type * as AssignmentsModule from "../../lib/server/assignments";
import type * as BulletinsModule from "../../lib/server/bulletins";
import type * as ReportDutyModule from "../../lib/server/report-duty";
import { createTranslator } from "../../lib/i18n/catalogue";
import { composeBulletin, DOCUMENT_LIST_LIMIT } from "../../lib/reports/bulletin-document";
import { buildBulletinCsv } from "../../lib/reports/bulletin-sheets";
import { ensureReportingPeriods } from "../../seed/seed";
import { makeActor, setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase({ documents: "all" });
let assignments: typeof AssignmentsModule;
let duty: typeof ReportDutyModule;
let bulletins: typeof BulletinsModule;
let reviewer: Actor;
let admin: Actor;
let editor: Actor;
let viewer: Actor;
const TODAY = "2024-03-15";

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

async function dept(name: string): Promise<number> {
  return (await db.prisma.department.findUniqueOrThrow({ where: { name }, select: { id: true } })).id;
}

/** Everything an assignment writes: a refused or no-op change leaves all of it as it was. */
async function written() {
  const p = db.prisma;
  const [assignmentRows, changes, audit, milestones, decided] = await Promise.all([
    p.taskAssignment.findMany({ orderBy: { id: "asc" } }),
    p.taskAssignmentChange.count(),
    p.auditLog.count(),
    p.milestone.findMany({ orderBy: { id: "asc" } }),
    p.task.count({ where: { assignmentDecided: true } }),
  ]);
  return { assignmentRows, changes, audit, milestones, decided };
}

/** A plan task whose text names no unit and gives no milestone (most of the plan's tasks). */
async function unassignedPlanTask(skip = 0) {
  const [task] = await db.prisma.task.findMany({
    where: {
      document: { slug: "plan-2021-2025" },
      retiredAt: null,
      assignments: { none: {} },
      milestones: { none: {} },
      assignmentDecided: false,
    },
    orderBy: { ordinal: "asc" },
    skip,
    take: 1,
    select: { id: true, number: true, hasLead: true, deadline: true },
  });
  return task!;
}

function apply(taskId: number, input: AssignmentsModule.AssignmentInput, actor: Actor, extra: object = {}) {
  return db.prisma.$transaction((tx) =>
    assignments.applyAssignment(tx, taskId, input, {
      actorId: actor.id,
      note: "按省委办公厅分工方案",
      effectiveDate: "2024-03-01",
      channel: "BROWSER",
      today: TODAY,
      ...extra,
    }),
  );
}

beforeAll(async () => {
  assignments = await db.load(() => import("../../lib/server/assignments"));
  duty = await db.load(() => import("../../lib/server/report-duty"));
  bulletins = await db.load(() => import("../../lib/server/bulletins"));
  await ensureReportingPeriods(db.prisma, 2021, 2025);
  reviewer = await makeActor(db.prisma, { role: "REVIEWER", displayName: "审核员甲" });
  admin = await makeActor(db.prisma, { role: "ADMIN", displayName: "管理员" });
  editor = await makeActor(db.prisma, { role: "DEPARTMENT_EDITOR", department: "省大数据局" });
  viewer = await makeActor(db.prisma, { role: "VIEWER" });
}, 300_000);

describe("the migration", () => {
  it("copied every task's units into task_source_unit (the text's units, 原文)", async () => {
    const [source, current] = await Promise.all([
      db.prisma.taskSourceUnit.findMany({ select: { taskId: true, departmentId: true, role: true, rawName: true } }),
      db.prisma.taskAssignment.findMany({ select: { taskId: true, departmentId: true, role: true, rawName: true } }),
    ]);
    expect(source.length).toBeGreaterThan(100);
    const key = (r: { taskId: number; departmentId: number; role: string; rawName: string }) =>
      `${r.taskId}:${r.departmentId}:${r.role}:${r.rawName}`;
    expect(source.map(key).sort()).toEqual(current.map(key).sort());
  });
});

describe("assigning a plan task", () => {
  it("gives it a lead, a deadline and a history row: 待明确责任单位 becomes 未报送 and the lead owes the report", async () => {
    const task = await unassignedPlanTask();
    expect(task.hasLead).toBe(false);
    expect(taskState({ reportedStatus: null, hasLead: false, deadline: day(task.deadline) }, TODAY)).toBe("UNASSIGNED");
    const bureau = await dept("省大数据局");
    const industry = await dept("省工业和信息化厅");
    const auditBefore = await db.prisma.auditLog.count({ where: { action: "task.assign" } });

    const result = await apply(
      task.id,
      { lead: [bureau], responsible: [industry], cooperating: [], deadline: "2025-06-30" },
      reviewer,
    );
    expect(result.changed).toBe(true);
    expect(result.before).toEqual({ lead: [], responsible: [], cooperating: [], deadline: null });
    expect(result.after).toEqual({
      lead: [{ id: bureau, name: "省大数据局" }],
      responsible: [{ id: industry, name: "省工业和信息化厅" }],
      cooperating: [],
      deadline: "2025-06-30",
    });

    const row = await db.prisma.task.findUniqueOrThrow({
      where: { id: task.id },
      select: { hasLead: true, deadline: true, assignmentDecided: true, nextDueDate: true },
    });
    expect(row).toMatchObject({ hasLead: true, assignmentDecided: true });
    expect(day(row.deadline)).toBe("2025-06-30");
    expect(day(row.nextDueDate)).toBe("2025-06-30");
    expect(taskState({ reportedStatus: null, hasLead: row.hasLead, deadline: day(row.deadline) }, TODAY)).toBe(
      "NO_REPORT",
    );

    const history = await db.prisma.taskAssignmentChange.findMany({ where: { taskId: task.id } });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ channel: "BROWSER", actorId: reviewer.id, note: "按省委办公厅分工方案" });
    expect(day(history[0]!.effectiveDate)).toBe("2024-03-01");
    expect(await db.prisma.auditLog.count({ where: { action: "task.assign" } })).toBe(auditBefore + 1);
    // The text still names no unit: 原文 stays empty.
    expect(await db.prisma.taskSourceUnit.count({ where: { taskId: task.id } })).toBe(0);

    // Report duty: the bureau now owes a report for the task in the current period.
    const period = periodContaining(new Date("2024-03-15T04:00:00Z"));
    const { tasks } = await duty.listReportDutyTasks(period, bureau, 10_000);
    expect(tasks.map((t) => t.taskId)).toContain(task.id);

    const read = await assignments.getTaskAssignments(task.id);
    expect(read!.decided).toBe(true);
    expect(read!.current.lead.map((u) => u.name)).toEqual(["省大数据局"]);
    expect(read!.history[0]!.actor.displayName).toBe("审核员甲");
    expect(read!.history[0]!.after.deadline).toBe("2025-06-30");
  });

  it("a generic group may be assigned as such, and keeps the task 待明确责任单位", async () => {
    const task = await unassignedPlanTask();
    const cities = await db.prisma.department.findFirstOrThrow({
      where: { generic: true },
      select: { id: true, name: true },
    });
    const result = await apply(task.id, { lead: [cities.id], responsible: [], cooperating: [] }, admin);
    expect(result.changed).toBe(true);
    const row = await db.prisma.task.findUniqueOrThrow({
      where: { id: task.id },
      select: { hasLead: true, deadline: true },
    });
    expect(row.hasLead).toBe(false);
    expect(taskState({ reportedStatus: null, hasLead: false, deadline: day(row.deadline) }, TODAY)).toBe("UNASSIGNED");
  });

  it("the same assignment again is a no-op: nothing written", async () => {
    const task = await unassignedPlanTask();
    const bureau = await dept("省大数据局");
    await apply(task.id, { lead: [bureau], responsible: [], cooperating: [] }, reviewer);
    const before = await written();
    // Repeats and another order inside a role are the same assignment; an omitted deadline keeps it.
    const again = await apply(task.id, { lead: [bureau, bureau], responsible: [], cooperating: [] }, reviewer);
    expect(again.changed).toBe(false);
    expect(await written()).toEqual(before);
  });
});

describe("bad input writes nothing", () => {
  it("refuses unknown units, a unit in two roles, dates outside the rules and a deadline the text sets", async () => {
    const task = await unassignedPlanTask();
    const bureau = await dept("省大数据局");
    const before = await written();
    const fieldsOf = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ name: "AppError", code: "VALIDATION" });
      return Object.keys((error as { extra: { fieldErrors: object } }).extra.fieldErrors).sort();
    };
    expect(await fieldsOf(apply(task.id, { lead: [999_999], responsible: [], cooperating: [] }, reviewer))).toEqual([
      "lead",
    ]);
    expect(
      await fieldsOf(apply(task.id, { lead: [bureau], responsible: [bureau], cooperating: [] }, reviewer)),
    ).toEqual(["responsible"]);
    expect(
      await fieldsOf(
        apply(task.id, { lead: [bureau], responsible: [], cooperating: [] }, reviewer, { effectiveDate: "2024-03-16" }),
      ),
    ).toEqual(["effectiveDate"]);
    expect(
      await fieldsOf(
        apply(task.id, { lead: [bureau], responsible: [], cooperating: [] }, reviewer, { effectiveDate: "2020-12-31" }),
      ),
    ).toEqual(["effectiveDate"]);
    expect(
      await fieldsOf(
        apply(task.id, { lead: [bureau], responsible: [], cooperating: [], deadline: "2026-01-01" }, reviewer),
      ),
    ).toEqual(["deadline"]);
    expect(
      await fieldsOf(apply(task.id, { lead: [bureau], responsible: [], cooperating: [] }, reviewer, { note: "  " })),
    ).toEqual(["note"]);
    // A work-points task whose text gives milestones: its deadline is the text's.
    const withMilestones = await db.prisma.task.findFirstOrThrow({
      where: { document: { slug: "work-points-2023" }, milestones: { some: {} } },
      select: { id: true },
    });
    expect(
      await fieldsOf(
        apply(
          withMilestones.id,
          { lead: [bureau], responsible: [], cooperating: [], deadline: "2023-10-31" },
          reviewer,
          {
            effectiveDate: "2023-06-01",
          },
        ),
      ),
    ).toEqual(["deadline"]);
    expect(await written()).toEqual(before);
  });

  it("refuses editors and viewers (403) on every entry point, writing nothing", async () => {
    const task = await unassignedPlanTask();
    const bureau = await dept("省大数据局");
    const before = await written();
    const body = { lead: [bureau], responsible: [], cooperating: [], note: "越权", effectiveDate: "2024-03-01" };
    for (const actor of [editor, viewer]) {
      await expect(assignments.assignTask(actor, task.id, body, "BROWSER")).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(apply(task.id, { lead: [bureau], responsible: [], cooperating: [] }, actor)).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect(await written()).toEqual(before);
  });
});

describe("reassigning a task with filed reports", () => {
  it("keeps reports with the unit that filed them; history keeps the names as they were", async () => {
    const p = db.prisma;
    const task = await p.task.findFirstOrThrow({
      where: {
        document: { slug: "work-points-2023" },
        assignments: { some: { role: "LEAD", department: { generic: false } } },
      },
      orderBy: { ordinal: "asc" },
      select: {
        id: true,
        assignments: {
          where: { role: "LEAD" },
          select: { departmentId: true, department: { select: { name: true } } },
        },
      },
    });
    const oldLead = task.assignments[0]!;
    const period = await p.reportingPeriod.findUniqueOrThrow({ where: { year_index: { year: 2023, index: 3 } } });
    const report = await p.taskUpdate.create({
      data: {
        taskId: task.id,
        periodId: period.id,
        departmentId: oldLead.departmentId,
        kind: "LEAD_REPORT",
        version: 1,
        reviewState: "SUBMITTED",
        status: "ON_TRACK",
        progress: 30,
        progressText: "按计划推进",
      },
    });
    const newLead = await dept(oldLead.department.name === "省大数据局" ? "省工业和信息化厅" : "省大数据局");
    const result = await apply(
      task.id,
      { lead: [newLead], responsible: [oldLead.departmentId], cooperating: [] },
      reviewer,
      {
        effectiveDate: "2023-09-01",
      },
    );
    expect(result.before.lead.map((u) => u.id)).toContain(oldLead.departmentId);
    expect(result.after.lead.map((u) => u.id)).toEqual([newLead]);
    expect((await p.taskUpdate.findUniqueOrThrow({ where: { id: report.id } })).departmentId).toBe(
      oldLead.departmentId,
    );
    const leads = await p.taskAssignment.findMany({ where: { taskId: task.id, role: "LEAD" } });
    expect(leads.map((l) => l.departmentId)).toEqual([newLead]);
    // 原文 still names the old lead.
    expect(
      await p.taskSourceUnit.count({ where: { taskId: task.id, role: "LEAD", departmentId: oldLead.departmentId } }),
    ).toBe(1);

    // A later rename does not rewrite the history.
    const renamed = `${oldLead.department.name}（更名测试）`;
    await p.department.update({ where: { id: oldLead.departmentId }, data: { name: renamed } });
    try {
      const read = await assignments.getTaskAssignments(task.id);
      expect(read!.history[0]!.before.lead.map((u) => u.name)).toContain(oldLead.department.name);
      expect(read!.current.responsible.map((u) => u.name)).toEqual([renamed]);
    } finally {
      await p.department.update({ where: { id: oldLead.departmentId }, data: { name: oldLead.department.name } });
    }
  });
});

describe("the history is append-only", () => {
  it("the database refuses UPDATE and DELETE of task_assignment_change", async () => {
    const row = await db.prisma.taskAssignmentChange.findFirstOrThrow();
    await expect(
      db.prisma.$executeRaw`UPDATE "task_assignment_change" SET note = 'rewritten' WHERE id = ${row.id}`,
    ).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRaw`DELETE FROM "task_assignment_change" WHERE id = ${row.id}`).rejects.toThrow(
      /append-only/,
    );
    expect((await db.prisma.taskAssignmentChange.findUniqueOrThrow({ where: { id: row.id } })).note).toBe(row.note);
  });
});

describe("the bulletin", () => {
  it("lists the tasks without a lead unit in their own section, the same rows in every format", async () => {
    const period = periodContaining(new Date("2024-03-15T04:00:00Z"));
    const snapshot = await bulletins.assembleBulletin(period, { now: new Date("2024-03-15T04:00:00Z") });
    const unassigned = snapshot.unassignedTasks!;
    expect(unassigned.length).toBe(snapshot.summary.byStatus.UNASSIGNED);
    expect(unassigned.length).toBeGreaterThan(100);
    // The tasks assigned above are no longer in it; a task led only by a group still is.
    const decided = await db.prisma.task.findMany({
      where: { assignmentDecided: true, hasLead: true },
      select: { id: true },
    });
    expect(decided.length).toBeGreaterThan(0);
    for (const d of decided) expect(unassigned.map((u) => u.taskId)).not.toContain(d.id);

    const t = createTranslator("zh-CN");
    const blocks = composeBulletin(
      snapshot,
      { title: "通报", issueLabel: "2024年第2期", issuer: "办公室", version: 1, issuedOn: "2024-03-15", draft: true },
      t,
      "zh-CN",
    );
    expect(blocks).toContainEqual({ kind: "heading", text: "七、待明确责任单位的任务" });
    const table = blocks.find((b) => b.kind === "table" && b.testId === "bulletin-unassigned");
    expect(table && table.kind === "table" ? table.rows.length : -1).toBe(
      Math.min(unassigned.length, DOCUMENT_LIST_LIMIT),
    );
    const csv = buildBulletinCsv(snapshot, t).toString("utf8");
    expect(csv.split("\n").filter((line) => line.startsWith("待明确责任单位,")).length).toBe(unassigned.length);
  });
});
