/**
 * The task state rule in SQL (lib/server/task-state.ts) equals the rule in TypeScript
 * (lib/domain/task-state.ts) for every combination of facts, and the facts on the task row ("hasLead",
 * "deadline") are kept right by the triggers whatever writes the tables. Real PostgreSQL, seeded documents.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type * as TaskStateSql from "../../lib/server/task-state";
import { Prisma } from "../../lib/generated/prisma/client";
import { taskState, isPastDue, type TaskFacts } from "../../lib/domain/task-state";
import { TASK_STATUSES } from "../../lib/domain/task-status";
import { setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase({ documents: "all" });
let sql: typeof TaskStateSql;

beforeAll(async () => {
  sql = await db.load(() => import("../../lib/server/task-state"));
});

// With no approved report the denormalised column holds whatever it held (its default, or a value left
// by data written outside the app): the SQL must read "no report" from statusUpdatedAt, never from it.
const NEVER_REPORTED_COLUMN = ["NOT_STARTED", "COMPLETED", "ONGOING"] as const;

describe("taskStateSql ≡ taskState", () => {
  it("agrees on every combination of report, unit and deadline, on three dates", async () => {
    const cases: TaskFacts[] = [];
    for (const reportedStatus of [null, ...TASK_STATUSES]) {
      for (const hasLead of [true, false]) {
        for (const deadline of [null, "2023-12-31", "2026-12-07", "2027-06-30"]) {
          cases.push({ reportedStatus, hasLead, deadline });
        }
      }
    }
    for (const date of ["2023-06-30", "2026-12-07", "2026-12-08"]) {
      const rows = Prisma.join(
        cases.map(
          (c, i) =>
            Prisma.sql`(${i}::int, ${c.hasLead}::boolean, ${c.deadline}::date,
              ${c.reportedStatus === null ? null : new Date("2026-01-01T00:00:00Z")}::timestamp,
              ${c.reportedStatus ?? NEVER_REPORTED_COLUMN[i % 3]}::"TaskStatus")`,
        ),
      );
      const got = await db.prisma.$queryRaw<{ i: number; state: string; pastDue: boolean }[]>`
        SELECT t.i, ${sql.taskStateSql(date)} AS state, ${sql.pastDueSql(date)} AS "pastDue"
        FROM (VALUES ${rows}) AS t(i, "hasLead", "deadline", "statusUpdatedAt", "currentStatus")
        ORDER BY t.i`;
      expect(got).toHaveLength(cases.length);
      for (const row of got) {
        const c = cases[row.i]!;
        expect({ ...c, date, state: row.state, pastDue: row.pastDue }).toEqual({
          ...c,
          date,
          state: taskState(c, date),
          pastDue: isPastDue(c, date),
        });
      }
    }
  });
});

/** What the triggers must maintain, computed independently from the child tables. */
async function expectedFacts() {
  return db.prisma.$queryRaw<{ id: number; hasLead: boolean; deadline: string | null }[]>`
    SELECT t.id,
      EXISTS (SELECT 1 FROM task_assignment a JOIN department d ON d.id = a."departmentId"
              WHERE a."taskId" = t.id AND a.role = 'LEAD' AND NOT d.generic) AS "hasLead",
      to_char(COALESCE((SELECT max(m."dueDate") FROM milestone m WHERE m."taskId" = t.id AND m."retiredAt" IS NULL),
                       doc."periodEnd"), 'YYYY-MM-DD') AS deadline
    FROM task t JOIN document doc ON doc.id = t."documentId" ORDER BY t.id`;
}
async function storedFacts() {
  return db.prisma.$queryRaw<{ id: number; hasLead: boolean; deadline: string | null }[]>`
    SELECT id, "hasLead", to_char("deadline", 'YYYY-MM-DD') AS deadline FROM task ORDER BY id`;
}
async function factsOf(taskId: number) {
  const [row] = await db.prisma.$queryRaw<{ hasLead: boolean; deadline: string }[]>`
    SELECT "hasLead", to_char("deadline", 'YYYY-MM-DD') AS deadline FROM task WHERE id = ${taskId}`;
  return row!;
}

describe("the triggers keep hasLead and deadline", () => {
  it("after the import, every task's stored facts equal those computed from its rows", async () => {
    const stored = await storedFacts();
    expect(stored.length).toBeGreaterThan(300);
    expect(stored).toEqual(await expectedFacts());
    // The shipped documents: the plan names no units; the 2023 work points name them all.
    const plan = await db.prisma.task.count({ where: { document: { slug: "plan-2021-2025" }, hasLead: true } });
    expect(plan).toBe(0);
  });

  it("follow assignments, generic flags, milestones and document periods", async () => {
    const task = await db.prisma.task.findFirstOrThrow({
      where: { document: { slug: "plan-2021-2025" }, milestones: { none: {} } },
      select: { id: true, documentId: true },
    });
    expect(await factsOf(task.id)).toEqual({ hasLead: false, deadline: "2025-12-31" });

    const unit = await db.prisma.department.create({ data: { name: "省测试厅（触发器）" } });
    await db.prisma.taskAssignment.create({
      data: { taskId: task.id, departmentId: unit.id, role: "LEAD", ordinal: 0, rawName: unit.name },
    });
    expect((await factsOf(task.id)).hasLead).toBe(true);

    await db.prisma.department.update({ where: { id: unit.id }, data: { generic: true } });
    expect((await factsOf(task.id)).hasLead).toBe(false);
    await db.prisma.department.update({ where: { id: unit.id }, data: { generic: false } });
    expect((await factsOf(task.id)).hasLead).toBe(true);

    const m = await db.prisma.milestone.create({
      data: { taskId: task.id, ordinal: 99, dueDate: new Date("2026-06-30T00:00:00Z"), text: "测试节点" },
    });
    expect((await factsOf(task.id)).deadline).toBe("2026-06-30");
    await db.prisma.milestone.update({ where: { id: m.id }, data: { retiredAt: new Date() } });
    expect((await factsOf(task.id)).deadline).toBe("2025-12-31");

    await db.prisma.$executeRaw`UPDATE document SET "periodEnd" = '2026-03-31' WHERE id = ${task.documentId}`;
    expect((await factsOf(task.id)).deadline).toBe("2026-03-31");
    await db.prisma.$executeRaw`UPDATE document SET "periodEnd" = '2025-12-31' WHERE id = ${task.documentId}`;

    await db.prisma.taskAssignment.deleteMany({ where: { departmentId: unit.id } });
    expect(await factsOf(task.id)).toEqual({ hasLead: false, deadline: "2025-12-31" });
    expect(await storedFacts()).toEqual(await expectedFacts());
  });

  it("a rolled-back write leaves the facts as they were", async () => {
    const task = await db.prisma.task.findFirstOrThrow({
      where: { document: { slug: "plan-2021-2025" } },
      select: { id: true },
    });
    const unit = await db.prisma.department.create({ data: { name: "省回滚测试厅" } });
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.taskAssignment.create({
          data: { taskId: task.id, departmentId: unit.id, role: "LEAD", ordinal: 0, rawName: unit.name },
        });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await factsOf(task.id)).hasLead).toBe(false);
  });
});
