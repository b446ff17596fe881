/**
 * Who owes a report for a period — one rule (lib/server/report-duty.ts), and the four places that show
 * it agree: /review's 督办 list, each department's page, the overview's submission rate and the bulletin's
 * 未报送单位. On the shipped documents with the demo's sample reports, real PostgreSQL. The expected
 * figures are worked out again here from the rows (lead assignments, report threads, approved reports),
 * then constructed cases exercise each branch of the rule.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { EMPTY_OVERVIEW_FILTERS } from "../../lib/domain/overview-filters";
import { periodContaining, periodOf, previousPeriod, shanghaiDate, type Period } from "../../lib/domain/periods";
import type { TaskStatus } from "../../lib/domain/task-status";
import type * as BulletinsModule from "../../lib/server/bulletins";
import type * as DepartmentsModule from "../../lib/server/departments";
import type * as OverviewModule from "../../lib/server/overview";
import type * as ReportDutyModule from "../../lib/server/report-duty";
import type * as TaskUpdatesModule from "../../lib/server/task-updates";
import { generateSampleData } from "../../seed/sample";
import { ensureReportingPeriods } from "../../seed/seed";
import { setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase({ documents: "all" });
const NOW = new Date("2023-11-15T04:00:00Z"); // 2023-P6; the sample's approved reports are in 2023-P5
const TODAY = shanghaiDate(NOW);
const CURRENT = periodContaining(NOW);
const CLOSED = previousPeriod(CURRENT);
let duty: typeof ReportDutyModule;
let updates: typeof TaskUpdatesModule;
let departments: typeof DepartmentsModule;
let overview: typeof OverviewModule;
let bulletins: typeof BulletinsModule;

beforeAll(async () => {
  await ensureReportingPeriods(db.prisma, 2021, 2024);
  const summary = await generateSampleData(db.prisma, { now: NOW });
  expect(summary!.taskReports).toBeGreaterThan(50);
  duty = await db.load(() => import("../../lib/server/report-duty"));
  updates = await db.load(() => import("../../lib/server/task-updates"));
  departments = await db.load(() => import("../../lib/server/departments"));
  overview = await db.load(() => import("../../lib/server/overview"));
  bulletins = await db.load(() => import("../../lib/server/bulletins"));
}, 300_000);

const day = (d: Date) => d.toISOString().slice(0, 10);

interface Expected {
  tasks: Set<number>;
  submitted: number;
  approved: number;
}

/** The rule written again from the rows: per lead unit, the tasks owing a report for `period`. */
async function expectedDuty(period: Period): Promise<Map<number, Expected>> {
  const row = await db.prisma.reportingPeriod.findUnique({
    where: { year_index: { year: period.year, index: period.index } },
  });
  const before = previousPeriod(period);
  const [assignments, threads, approved] = await Promise.all([
    db.prisma.taskAssignment.findMany({
      where: { role: "LEAD", department: { generic: false }, task: { retiredAt: null } },
      select: {
        taskId: true,
        departmentId: true,
        task: { select: { document: { select: { periodStart: true, periodEnd: true } } } },
      },
    }),
    db.prisma.taskUpdate.findMany({
      where: { periodId: row?.id ?? -1, kind: "LEAD_REPORT" },
      select: { taskId: true, departmentId: true, version: true, reviewState: true },
    }),
    db.prisma.taskUpdate.findMany({
      where: { kind: "LEAD_REPORT", reviewState: "APPROVED" },
      select: { id: true, taskId: true, status: true, createdAt: true, period: { select: { startDate: true } } },
    }),
  ]);
  // The latest version of each thread.
  const latest = new Map<string, { version: number; reviewState: string }>();
  for (const u of threads) {
    const key = `${u.taskId}:${u.departmentId}`;
    if ((latest.get(key)?.version ?? 0) < u.version) latest.set(key, u);
  }
  // The reported status at the end of the previous period.
  const statusBefore = new Map<number, { status: TaskStatus; order: [number, number, number] }>();
  for (const u of approved) {
    if (day(u.period.startDate) > before.start) continue;
    const order: [number, number, number] = [u.period.startDate.getTime(), u.createdAt.getTime(), u.id];
    const held = statusBefore.get(u.taskId)?.order;
    if (
      !held ||
      order[0] > held[0] ||
      (order[0] === held[0] && (order[1] > held[1] || (order[1] === held[1] && order[2] > held[2])))
    )
      statusBefore.set(u.taskId, { status: u.status, order });
  }
  const result = new Map<number, Expected>();
  for (const a of assignments) {
    const start = day(a.task.document.periodStart);
    const end = day(a.task.document.periodEnd);
    const thread = latest.get(`${a.taskId}:${a.departmentId}`);
    const was = statusBefore.get(a.taskId)?.status ?? null;
    const owes =
      start <= period.end &&
      (thread !== undefined || (was !== "COMPLETED" && (was !== "ONGOING" || end >= period.start)));
    if (!owes) continue;
    const entry = result.get(a.departmentId) ?? { tasks: new Set<number>(), submitted: 0, approved: 0 };
    entry.tasks.add(a.taskId);
    if (thread?.reviewState === "SUBMITTED" || thread?.reviewState === "APPROVED") entry.submitted++;
    if (thread?.reviewState === "APPROVED") entry.approved++;
    result.set(a.departmentId, entry);
  }
  return result;
}

const asRows = (expected: Map<number, Expected>) =>
  new Map(
    [...expected].map(([id, e]) => [
      id,
      { tasksInScope: e.tasks.size, submitted: e.submitted, approved: e.approved, missing: e.tasks.size - e.submitted },
    ]),
  );

const byId = (rows: ReportDutyModule.ReportDutyRow[]) =>
  new Map(
    rows.map((r) => [
      r.departmentId,
      { tasksInScope: r.tasksInScope, submitted: r.submitted, approved: r.approved, missing: r.missing },
    ]),
  );

describe("owes a report: one figure everywhere", () => {
  for (const which of ["current", "closed"] as const) {
    it(`督办, overview, bulletin${which === "current" ? " and department pages" : ""} agree with the rows for the ${which} period`, async () => {
      const period = which === "current" ? CURRENT : CLOSED;
      const expected = asRows(await expectedDuty(period));
      const rows = await duty.listReportDuty(period);
      expect(byId(rows)).toEqual(expected);
      // Something is owed, something was filed: the comparison is not vacuous.
      expect(rows.length).toBeGreaterThan(10);
      expect(rows.some((r) => r.submitted > 0)).toBe(true);
      expect(rows.some((r) => r.missing > 0)).toBe(true);

      // 督办 (by period and by its row id).
      expect(byId(await updates.listSupervision(period))).toEqual(expected);
      const row = await db.prisma.reportingPeriod.findUniqueOrThrow({
        where: { year_index: { year: period.year, index: period.index } },
      });
      expect(byId(await updates.listSupervision(row.id))).toEqual(expected);

      // Overview: the totals, and each unit's figure under its filter.
      const filters = { ...EMPTY_OVERVIEW_FILTERS, period: which === "current" ? null : period };
      const sum = (key: "tasksInScope" | "submitted" | "approved") =>
        [...expected.values()].reduce((n, r) => n + r[key], 0);
      const board = await overview.getOverview(filters, NOW);
      expect(board.period.code).toBe(period.code);
      expect(board.submission).toMatchObject({
        inScope: sum("tasksInScope"),
        submitted: sum("submitted"),
        approved: sum("approved"),
      });
      for (const [id, r] of expected) {
        const one = await overview.getOverview({ ...filters, departmentId: id }, NOW);
        expect([id, one.submission.inScope, one.submission.submitted]).toEqual([id, r.tasksInScope, r.submitted]);
      }

      // Bulletin: the units that did not report, and how many owed.
      const snapshot = await bulletins.assembleBulletin(period, { now: NOW });
      expect(snapshot.summary.departmentsInScope).toBe(expected.size);
      expect(
        new Map(snapshot.departmentsNotSubmitted.map((d) => [d.departmentId, [d.tasksInScope, d.missing]])),
      ).toEqual(
        new Map([...expected].filter(([, r]) => r.missing > 0).map(([id, r]) => [id, [r.tasksInScope, r.missing]])),
      );

      // Department pages show the current period.
      if (which !== "current") return;
      for (const [id, r] of expected) {
        const profile = (await departments.getDepartmentProfile(id, TODAY))!;
        const s = profile.submissions;
        expect([id, s.tasksInScope, s.submitted, s.missing]).toEqual([id, r.tasksInScope, r.submitted, r.missing]);
        expect([id, Object.values(s.counts).reduce((a, b) => a + b, 0)]).toEqual([id, r.tasksInScope]);
        expect([id, s.counts.NONE + s.counts.DRAFT + s.counts.RETURNED]).toEqual([id, r.missing]);
        expect([id, s.counts.APPROVED]).toEqual([id, r.approved]);
      }
    }, 300_000);
  }
});

describe("the demo's bulletin for its closed period", () => {
  it("has nothing to compare with, and counts no first report as a completion of the period", async () => {
    // The sample's approved reports are all in the closed period: before it, nothing was ever approved.
    const snapshot = await bulletins.assembleBulletin(CLOSED, { now: NOW });
    expect(snapshot.summary.previousByStatus).toBeNull();
    expect(snapshot.newlyCompleted).toEqual([]);
    const row = await db.prisma.reportingPeriod.findUniqueOrThrow({
      where: { year_index: { year: CLOSED.year, index: CLOSED.index } },
    });
    const completedReports = await db.prisma.taskUpdate.findMany({
      where: { periodId: row.id, kind: "LEAD_REPORT", reviewState: "APPROVED", status: "COMPLETED" },
      distinct: ["taskId"],
      select: { taskId: true },
    });
    expect(completedReports.length).toBeGreaterThan(0);
    expect(snapshot.summary.firstReportCompleted).toBe(completedReports.length);
    expect(snapshot.summary.byStatus.COMPLETED).toBe(completedReports.length);
  });
});

describe("each branch of the rule", () => {
  const Q = periodOf({ year: 2024, index: 2 }); // after the 2023 work points' period
  const P = previousPeriod(Q);

  it("completed before: out; 常态化 after its document: out; unfinished after it: in; filed this period: in", async () => {
    const unit = await db.prisma.department.findFirstOrThrow({ where: { name: "省大数据局" } });
    const tasks = await db.prisma.task.findMany({
      where: {
        retiredAt: null,
        document: { slug: "work-points-2023" },
        assignments: { some: { role: "LEAD", departmentId: unit.id } },
      },
      orderBy: { ordinal: "asc" },
      take: 4,
      select: { id: true, document: { select: { periodEnd: true } } },
    });
    expect(tasks).toHaveLength(4);
    expect(day(tasks[0]!.document.periodEnd) < Q.start).toBe(true);
    const [completed, ongoing, unfinished, filed] = tasks.map((t) => t.id) as [number, number, number, number];
    const periodId = async (p: Period) =>
      (await db.prisma.reportingPeriod.findUniqueOrThrow({ where: { year_index: { year: p.year, index: p.index } } }))
        .id;
    const base = { departmentId: unit.id, kind: "LEAD_REPORT" as const, progressText: "构造", version: 1 };
    const approvedIn = async (taskId: number, status: TaskStatus) =>
      db.prisma.taskUpdate.create({
        data: { ...base, taskId, periodId: await periodId(P), reviewState: "APPROVED", status, progress: 50 },
      });
    await approvedIn(completed, "COMPLETED");
    await approvedIn(ongoing, "ONGOING");
    await approvedIn(unfinished, "ON_TRACK");
    await approvedIn(filed, "COMPLETED");
    // A completed task whose unit still files for the period (a draft): it is in scope, and missing.
    await db.prisma.taskUpdate.create({
      data: {
        ...base,
        taskId: filed,
        periodId: await periodId(Q),
        reviewState: "DRAFT",
        status: "COMPLETED",
        progress: 100,
      },
    });

    const { tasks: owed } = await duty.listReportDutyTasks(Q, unit.id, 10_000);
    const ids = new Set(owed.map((t) => t.taskId));
    expect([ids.has(completed), ids.has(ongoing), ids.has(unfinished), ids.has(filed)]).toEqual([
      false,
      false,
      true,
      true,
    ]);
    expect(owed.find((t) => t.taskId === filed)).toMatchObject({ state: "DRAFT", version: 1 });
    expect(owed.find((t) => t.taskId === unfinished)).toMatchObject({ state: "NONE", version: null });

    // The counts are those pairs, and the rows agree with the rule written again.
    const [row] = await duty.listReportDuty(Q, { departmentId: unit.id });
    expect(row).toMatchObject({ tasksInScope: owed.length, submitted: 0, missing: owed.length });
    expect(byId(await duty.listReportDuty(Q))).toEqual(asRows(await expectedDuty(Q)));
    // The department page's figures (totals of its per-state counts) are the 督办 row, for every unit.
    for (const dutyRow of await duty.listReportDuty(Q)) {
      const { counts } = await duty.listReportDutyTasks(Q, dutyRow.departmentId, 0);
      expect(duty.dutyTotalsOf(counts)).toEqual({
        tasksInScope: dutyRow.tasksInScope,
        submitted: dutyRow.submitted,
        approved: dutyRow.approved,
        missing: dutyRow.missing,
      });
    }
    // A document that has not started by the period's end owes nothing.
    const early = periodOf({ year: 2021, index: 1 });
    const late = await db.prisma.task.count({
      where: {
        retiredAt: null,
        document: { periodStart: { gt: new Date(`${early.end}T00:00:00Z`) } },
        assignments: { some: { role: "LEAD", departmentId: unit.id } },
      },
    });
    expect(late).toBeGreaterThan(0);
    const [earlyRow] = await duty.listReportDuty(early, { departmentId: unit.id });
    const started = await db.prisma.task.count({
      where: {
        retiredAt: null,
        document: { periodStart: { lte: new Date(`${early.end}T00:00:00Z`) } },
        assignments: { some: { role: "LEAD", departmentId: unit.id } },
      },
    });
    expect(earlyRow?.tasksInScope ?? 0).toBe(started);
  });
});
