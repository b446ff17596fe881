/**
 * The demo's sample assignment (issue 15, item 7): generated with the rest of the sample data (only when
 * asked — tests/integration/sample-data.test.ts proves DATABASE_URL never gets any), through the one write
 * path, every change marked isSample with a 【示例数据】 note, and only a handful of plan tasks, so the
 * plan keeps tasks 待明确责任单位 for the 任务分工表 flow to assign. Real PostgreSQL.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type * as AssignmentsModule from "../../lib/server/assignments";
import { generateSampleData, SAMPLE_ASSIGNED_TASKS } from "../../seed/sample";
import { ensureReportingPeriods } from "../../seed/seed";
import { ensureDemoUsers } from "../../seed/users";
import { setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase({ documents: "all" });
let assignments: typeof AssignmentsModule;
const NOW = new Date("2023-11-15T04:00:00Z");

beforeAll(async () => {
  assignments = await db.load(() => import("../../lib/server/assignments"));
  await ensureReportingPeriods(db.prisma, 2021, 2024);
  await ensureDemoUsers(db.prisma);
}, 300_000);

describe("the sample assignment", () => {
  it("assigns a few plan tasks, marked as sample, and leaves the rest of the plan unassigned", async () => {
    const planUnassigned = () =>
      db.prisma.task.count({
        where: { document: { slug: "plan-2021-2025" }, retiredAt: null, hasLead: false },
      });
    const before = await planUnassigned();
    expect(before).toBeGreaterThan(100);

    const summary = await generateSampleData(db.prisma, { now: NOW });
    expect(summary!.sampleAssignments).toBe(SAMPLE_ASSIGNED_TASKS);
    expect(await planUnassigned()).toBe(before - SAMPLE_ASSIGNED_TASKS);

    const changes = await db.prisma.taskAssignmentChange.findMany({
      select: { taskId: true, isSample: true, note: true, actor: { select: { isDemo: true, role: true } } },
    });
    expect(changes).toHaveLength(SAMPLE_ASSIGNED_TASKS);
    for (const change of changes) {
      expect(change.isSample).toBe(true);
      expect(change.note).toContain("【示例数据】");
      expect(change.actor).toEqual({ isDemo: true, role: "REVIEWER" });
    }
    const read = await assignments.getTaskAssignments(changes[0]!.taskId);
    expect(read!.history[0]!.isSample).toBe(true);
    expect(read!.current.lead).toHaveLength(1);

    // Idempotent: a second run adds nothing.
    expect(await generateSampleData(db.prisma, { now: NOW })).toBeNull();
    expect(await db.prisma.taskAssignmentChange.count()).toBe(SAMPLE_ASSIGNED_TASKS);
  });
});
