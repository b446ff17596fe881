/**
 * The scale data set's generator (scripts/lib/scale-data.ts) at a small size on real PostgreSQL: the
 * numbers asked for, traceable text (every offset points at the words it claims), statuses consistent
 * with the reports — and the unit page keeping its lists bounded for a unit with a hundred tasks.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { shanghaiDate } from "../../lib/domain/periods";
import type * as DepartmentsModule from "../../lib/server/departments";
import { generateScaleData, scaleWindow } from "../../scripts/lib/scale-data";
import { setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase();
let counts: Record<string, number>;
const NOW = new Date();
const SIZE = { tasks: 240, departments: 2, updates: 240 * 30, indicators: 20, observations: 400, provinces: 1 };

beforeAll(async () => {
  counts = await generateScaleData(db.url, { ...SIZE, password: "Bench@2026-test", now: NOW }, () => {});
}, 120_000);

describe("scale data set", () => {
  it("generates the sizes asked for", async () => {
    expect(counts.task).toBe(SIZE.tasks);
    expect(counts.department).toBe(SIZE.departments);
    expect(counts.indicator).toBe(SIZE.indicators);
    // 100 values each, 1 % of them corrected by a new row.
    expect(counts.observation).toBeGreaterThanOrEqual(SIZE.observations);
    expect(counts.observation).toBeLessThanOrEqual(SIZE.observations * 1.02);
    // Reports come within a few percent of the number asked for.
    expect(Math.abs(counts.task_update! - SIZE.updates) / SIZE.updates).toBeLessThan(0.05);
    expect(await db.prisma.user.count({ where: { role: "DEPARTMENT_EDITOR" } })).toBe(SIZE.departments);
    expect(await db.prisma.reportingPeriod.count()).toBeGreaterThanOrEqual(30);
  });

  it("keeps every task, unit list and milestone traceable to its source text", async () => {
    const tasks = await db.prisma.task.findMany({
      select: {
        text: true,
        startOffset: true,
        endOffset: true,
        unitsStartOffset: true,
        unitsEndOffset: true,
        sourceFile: { select: { rawText: true } },
        milestones: { select: { text: true, startOffset: true, endOffset: true } },
        assignments: { where: { role: "LEAD" }, select: { rawName: true } },
      },
    });
    for (const task of tasks) {
      const raw = task.sourceFile.rawText;
      expect(raw.slice(task.startOffset, task.endOffset)).toBe(task.text);
      const units = raw.slice(task.unitsStartOffset!, task.unitsEndOffset!);
      expect(units.startsWith(`（牵头单位：${task.assignments[0]!.rawName}`)).toBe(true);
      for (const m of task.milestones) expect(raw.slice(m.startOffset!, m.endOffset!)).toBe(m.text);
    }
  });

  it("reports whose history is consistent: the current status is the latest approved report's", async () => {
    const mismatched = await db.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM task t
      JOIN LATERAL (SELECT status FROM task_update u WHERE u."taskId" = t.id AND u."reviewState" = 'APPROVED'
                    ORDER BY u."periodId" DESC, u.version DESC LIMIT 1) l ON true
      WHERE l.status <> t."currentStatus"`;
    expect(mismatched[0]!.n).toBe(0);
    // The current period has reports in review and drafts, none approved yet.
    const current = scaleWindow(NOW).at(-1)!;
    const states = await db.prisma.taskUpdate.groupBy({
      by: ["reviewState"],
      where: { period: { year: current.year, index: current.index } },
      _count: true,
    });
    expect(states.map((s) => s.reviewState).sort()).toEqual(["DRAFT", "SUBMITTED"]);
    // Statuses vary: some tasks finished, some lag.
    const statuses = await db.prisma.task.groupBy({ by: ["currentStatus"], _count: true });
    expect(statuses.map((s) => s.currentStatus)).toEqual(expect.arrayContaining(["COMPLETED", "LAGGING", "ON_TRACK"]));
  });

  it("shows at most PROFILE_LIST_LIMIT rows per list on a unit's page, with whole counts", async () => {
    const departments: typeof DepartmentsModule = await db.load(() => import("../../lib/server/departments"));
    const [busiest] = await db.prisma.$queryRaw<{ id: number; leads: number }[]>`
      SELECT "departmentId" AS id, count(*)::int AS leads FROM task_assignment WHERE role = 'LEAD'
      GROUP BY 1 ORDER BY 2 DESC LIMIT 1`;
    expect(busiest!.leads).toBeGreaterThan(departments.PROFILE_LIST_LIMIT);
    const profile = (await departments.getDepartmentProfile(busiest!.id, shanghaiDate(NOW)))!;
    const total = Object.values(profile.submissions.counts).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(departments.PROFILE_LIST_LIMIT);
    expect(profile.submissions.tasks).toHaveLength(departments.PROFILE_LIST_LIMIT);
    // Not reported first, then returned, drafts, submitted: the order of the states is kept.
    const order = ["NONE", "RETURNED", "DRAFT", "SUBMITTED", "APPROVED"];
    const ranks = profile.submissions.tasks.map((t) => order.indexOf(t.state));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(profile.overdueMilestones.length).toBeLessThanOrEqual(departments.PROFILE_LIST_LIMIT);
    expect(profile.overdueTotal).toBeGreaterThanOrEqual(profile.overdueMilestones.length);
    const dueDates = profile.overdueMilestones.map((m) => m.dueDate);
    expect(dueDates).toEqual([...dueDates].sort());
  });
});
