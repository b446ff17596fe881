/** The overview's aggregates and filters, against the imported documents on real PostgreSQL. */
import { beforeAll, describe, expect, it } from "vitest";
import { EMPTY_OVERVIEW_FILTERS, type OverviewFilters } from "../../lib/domain/overview-filters";
import { parsePeriodCode, periodContaining } from "../../lib/domain/periods";
import type * as OverviewModule from "../../lib/server/overview";
import { emptyStateCounts, taskState, type StateCounts } from "../../lib/domain/task-state";
import type { TaskStatus } from "../../lib/domain/task-status";
import { isGenericUnit } from "../../lib/ingest/departments";
import { ensureReportingPeriods } from "../../seed/seed";
import { setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase({ documents: "all" });
let overview: typeof OverviewModule;
const NOW = new Date("2023-11-15T04:00:00Z"); // 2023-P6, inside the 2023 work points' year
const filters = (change: Partial<OverviewFilters> = {}): OverviewFilters => ({ ...EMPTY_OVERVIEW_FILTERS, ...change });

beforeAll(async () => {
  await ensureReportingPeriods(db.prisma, 2021, 2024);
  overview = await db.load(() => import("../../lib/server/overview"));
}, 120_000);

/**
 * Every current task's state on `date`, by `taskState` over its facts read with Prisma — independent of
 * the SQL under test. With `periodId`, the reported status is the latest approved lead report of that
 * period or an earlier one (the task history); without, the task row's (latest approved).
 */
async function statesOn(date: string, periodId?: number): Promise<StateCounts> {
  const tasks = await db.prisma.task.findMany({
    where: { retiredAt: null },
    select: {
      id: true,
      currentStatus: true,
      statusUpdatedAt: true,
      hasLead: true,
      deadline: true,
      updates: {
        where: { kind: "LEAD_REPORT", reviewState: "APPROVED" },
        select: { status: true, createdAt: true, period: { select: { id: true, startDate: true } } },
      },
    },
  });
  let start: Date | null = null;
  if (periodId !== undefined) {
    start = (await db.prisma.reportingPeriod.findUniqueOrThrow({ where: { id: periodId } })).startDate;
  }
  const counts = emptyStateCounts();
  for (const t of tasks) {
    let reportedStatus: TaskStatus | null = t.statusUpdatedAt ? t.currentStatus : null;
    if (start !== null) {
      const upTo = t.updates
        .filter((u) => u.period.startDate <= start)
        .sort((x, y) => +y.period.startDate - +x.period.startDate || +y.createdAt - +x.createdAt);
      reportedStatus = upTo[0]?.status ?? null;
    }
    const deadline = t.deadline ? t.deadline.toISOString().slice(0, 10) : null;
    counts[taskState({ reportedStatus, hasLead: t.hasLead, deadline }, date)] += 1;
  }
  return counts;
}

describe("overview", () => {
  it("counts every current task once, and the per-document and per-area groups add up to the total", async () => {
    const all = await overview.getOverview(filters(), NOW);
    const current = await db.prisma.task.count({ where: { retiredAt: null } });
    expect(all.tasks.rollUp.total).toBe(current);
    const sum = (groups: OverviewModule.OverviewGroup[]) => groups.reduce((n, g) => n + g.rollUp.total, 0);
    expect(sum(all.byDocument)).toBe(current);
    expect(sum(all.byArea)).toBe(current);
    // The 2022 work points name no areas: their tasks are the unassigned group, listed last.
    expect(all.byArea.at(-1)?.key).toBeNull();
    expect(all.byArea.slice(0, 5).map((g) => g.key)).toEqual([
      "数字基础设施",
      "数字经济",
      "数字政府",
      "数字社会",
      "数字生态",
    ]);
  });

  it("narrows by document, area and department, and the numbers change accordingly", async () => {
    const all = await overview.getOverview(filters(), NOW);
    const doc = await overview.getOverview(filters({ document: "work-points-2023" }), NOW);
    expect(doc.tasks.rollUp.total).toBe(
      await db.prisma.task.count({ where: { document: { slug: "work-points-2023" }, retiredAt: null } }),
    );
    expect(doc.tasks.rollUp.total).toBeLessThan(all.tasks.rollUp.total);
    expect(doc.byDocument.map((g) => g.key)).toEqual(["work-points-2023"]);

    const area = await overview.getOverview(filters({ area: "数字政府" }), NOW);
    expect(area.byArea.map((g) => g.key)).toEqual(["数字政府"]);
    expect(area.tasks.rollUp.total).toBe(await db.prisma.task.count({ where: { area: "数字政府", retiredAt: null } }));
    const unassigned = await overview.getOverview(filters({ area: "none" }), NOW);
    expect(unassigned.tasks.rollUp.total).toBe(await db.prisma.task.count({ where: { area: null, retiredAt: null } }));
    // Every indicator has an area, so "no area" keeps none of them.
    expect(unassigned.indicators.total).toBe(0);

    const bureau = await db.prisma.department.findUniqueOrThrow({ where: { name: "省大数据局" } });
    const dept = await overview.getOverview(filters({ departmentId: bureau.id }), NOW);
    expect(dept.tasks.rollUp.total).toBe(
      await db.prisma.task.count({ where: { retiredAt: null, assignments: { some: { departmentId: bureau.id } } } }),
    );
    // Indicators narrow to those linked to tasks the department leads.
    expect(dept.indicators.total).toBeGreaterThan(0);
    expect(dept.indicators.total).toBeLessThan(all.indicators.total);
  });

  it("counts tasks by state on the reference date, computed independently from each task's facts", async () => {
    const now = new Date("2023-11-15T04:00:00Z");
    const expected = await statesOn("2023-11-15");
    const all = await overview.getOverview(filters(), now);
    expect(all.tasks.counts).toEqual(expected);
    // The plan names no units; the 2022 work points are past their deadline without reports.
    expect(all.tasks.counts.UNASSIGNED).toBeGreaterThanOrEqual(178);
    expect(all.tasks.counts.LAGGING).toBeGreaterThan(0);
    const wp2022 = await overview.getOverview(filters({ document: "work-points-2022" }), now);
    expect(wp2022.tasks.rollUp.status).toBe("BEHIND");
    expect(wp2022.byDocument[0]!.rollUp.status).toBe("BEHIND");
  });

  it("ranks lead units by 滞后 first, then 存在风险, then name; groups never appear", async () => {
    const now = new Date("2023-01-20T04:00:00Z"); // early in the 2023 work points' year: nothing past due
    const slug = "work-points-2023";
    const tasks = await db.prisma.task.findMany({
      where: { document: { slug }, retiredAt: null, deadline: { gt: new Date("2023-06-30") } },
      orderBy: { ordinal: "asc" },
      take: 6,
      select: { id: true },
    });
    expect(tasks).toHaveLength(6);
    // 乙 sorts before 甲 by name (U+4E59 < U+7532), and 乙 has more lagging + at-risk (4 against 2):
    // only "lagging first" puts 甲 on top.
    const first = await db.prisma.department.create({ data: { name: "省排序测试甲厅" } });
    const second = await db.prisma.department.create({ data: { name: "省排序测试乙厅" } });
    const plan: [number, number, "LAGGING" | "AT_RISK"][] = [
      [first.id, tasks[0]!.id, "LAGGING"],
      [first.id, tasks[1]!.id, "LAGGING"],
      [second.id, tasks[2]!.id, "LAGGING"],
      [second.id, tasks[3]!.id, "AT_RISK"],
      [second.id, tasks[4]!.id, "AT_RISK"],
      [second.id, tasks[5]!.id, "AT_RISK"],
    ];
    for (const [departmentId, taskId, status] of plan) {
      await db.prisma.taskAssignment.create({
        data: { taskId, departmentId, role: "LEAD", ordinal: 50, rawName: "测试" },
      });
      await db.prisma.task.update({ where: { id: taskId }, data: { currentStatus: status, statusUpdatedAt: now } });
    }
    const view = await overview.getOverview(filters({ document: slug }), now);
    const ranking = view.laggingDepartments;
    const a = ranking.findIndex((d) => d.id === first.id);
    const b = ranking.findIndex((d) => d.id === second.id);
    expect(ranking[a]).toMatchObject({ lagging: 2, atRisk: 0, leads: 2 });
    expect(ranking[b]).toMatchObject({ lagging: 1, atRisk: 3, leads: 4 });
    expect(a).toBeLessThan(b);
    // The whole list obeys the stated order.
    const key = (d: OverviewModule.LaggingDepartment) => [-d.lagging, -d.atRisk, d.name] as const;
    const sorted = [...ranking].sort((x, y) => {
      const [p, q] = [key(x), key(y)];
      return p[0] - q[0] || p[1] - q[1] || (p[2] < q[2] ? -1 : p[2] > q[2] ? 1 : 0);
    });
    expect(ranking.map((d) => d.id)).toEqual(sorted.map((d) => d.id));
    // No group such as 有关部门 / 各市人民政府 is ranked as a unit, at any date.
    const later = await overview.getOverview(filters(), new Date("2026-12-07T04:00:00Z"));
    for (const d of [...ranking, ...later.laggingDepartments]) expect(isGenericUnit(d.name), d.name).toBe(false);
    const generic = await db.prisma.department.findMany({ where: { generic: true }, select: { id: true } });
    const genericIds = new Set(generic.map((g) => g.id));
    expect(later.laggingDepartments.some((d) => genericIds.has(d.id))).toBe(false);
    // Lagging (state): the 2022 work points' units, past due, count as 滞后 in 2026.
    expect(later.laggingDepartments[0]!.lagging).toBeGreaterThan(0);
  });

  it("judges a past period from the task history on its last day, the current one from the latest report", async () => {
    const now = new Date("2023-11-15T04:00:00Z");
    const task = await db.prisma.task.findFirstOrThrow({
      where: {
        document: { slug: "work-points-2023" },
        retiredAt: null,
        hasLead: true,
        statusUpdatedAt: null,
        deadline: { gt: new Date("2023-11-15") },
      },
      orderBy: { ordinal: "desc" },
      select: { id: true, assignments: { where: { role: "LEAD" }, select: { departmentId: true }, take: 1 } },
    });
    const p4 = filters({ period: parsePeriodCode("2023-P4") });
    const [beforeCurrent, beforeP4] = [await overview.getOverview(filters(), now), await overview.getOverview(p4, now)];
    const period = async (code: string) =>
      (
        await db.prisma.reportingPeriod.findUniqueOrThrow({
          where: { year_index: { year: 2023, index: Number(code.slice(-1)) } },
        })
      ).id;
    const report = (periodId: number, status: "LAGGING" | "COMPLETED") => ({
      taskId: task.id,
      periodId,
      departmentId: task.assignments[0]!.departmentId,
      kind: "LEAD_REPORT" as const,
      version: 1,
      reviewState: "APPROVED" as const,
      status,
      progress: status === "COMPLETED" ? 100 : 20,
      progressText: "测试",
    });
    // Approved 滞后 in P3, then 已完成 in P5 (the task row carries the latest, as approval writes it).
    await db.prisma.taskUpdate.createMany({
      data: [report(await period("2023-P3"), "LAGGING"), report(await period("2023-P5"), "COMPLETED")],
    });
    await db.prisma.task.update({
      where: { id: task.id },
      data: { currentStatus: "COMPLETED", currentProgress: 100, statusUpdatedAt: now },
    });
    const current = await overview.getOverview(filters(), now);
    expect(current.tasks.counts.COMPLETED).toBe(beforeCurrent.tasks.counts.COMPLETED + 1);
    expect(current.tasks.counts.NO_REPORT).toBe(beforeCurrent.tasks.counts.NO_REPORT - 1);
    // At the end of P4 (2023-08-31) the task's latest approved report said 滞后.
    const atP4 = await overview.getOverview(p4, now);
    expect(atP4.referenceDate).toBe("2023-08-31");
    expect(atP4.tasks.counts.LAGGING).toBe(beforeP4.tasks.counts.LAGGING + 1);
    expect(atP4.tasks.counts.NO_REPORT).toBe(beforeP4.tasks.counts.NO_REPORT - 1);
    expect(atP4.tasks.counts.COMPLETED).toBe(beforeP4.tasks.counts.COMPLETED);
    // Before its first report (P2), it had none.
    const atP2 = await overview.getOverview(filters({ period: parsePeriodCode("2023-P2") }), now);
    const p2Expected = await statesOn("2023-04-30", await period("2023-P2"));
    expect(atP2.tasks.counts).toEqual(p2Expected);
    expect((await overview.getOverview(p4, now)).tasks.counts).toEqual(
      await statesOn("2023-08-31", await period("2023-P4")),
    );
  });

  it("counts tasks with overdue milestones and tasks whose next milestone is due within 60 days", async () => {
    const [late, soon] = await db.prisma.task.findMany({
      where: { document: { slug: "work-points-2023" }, milestones: { none: {} } },
      orderBy: { id: "asc" },
      take: 2,
      select: { id: true },
    });
    const base = await overview.getOverview(filters(), NOW);
    await db.prisma.milestone.createMany({
      data: [
        // Two overdue milestones on one task: one task.
        { taskId: late!.id, ordinal: 900, dueDate: new Date("2023-11-10T00:00:00Z"), text: "测试：已逾期" },
        { taskId: late!.id, ordinal: 901, dueDate: new Date("2023-11-01T00:00:00Z"), text: "测试：已逾期2" },
        { taskId: soon!.id, ordinal: 900, dueDate: new Date("2023-12-20T00:00:00Z"), text: "测试：60天内" },
        { taskId: soon!.id, ordinal: 901, dueDate: new Date("2024-03-01T00:00:00Z"), text: "测试：60天后" },
      ],
    });
    const after = await overview.getOverview(filters(), NOW);
    expect(after.milestones.overdue).toBe(base.milestones.overdue + 1);
    expect(after.milestones.dueSoon).toBe(base.milestones.dueSoon + 1);
    expect(after.milestones.dueSoonUntil).toBe("2024-01-14");
    // Judged at the end of a past period, the milestones due in November were not yet overdue.
    const past = await overview.getOverview(filters({ period: parsePeriodCode("2023-P5") }), NOW);
    expect(past.referenceDate).toBe("2023-10-31");
    expect(past.isCurrentPeriod).toBe(false);
    expect(past.milestones.overdue).toBe(after.milestones.overdue - 1);
  });

  it("gives the current period's submission rate by the latest version of each lead report", async () => {
    const period = periodContaining(NOW);
    const row = await db.prisma.reportingPeriod.findUniqueOrThrow({
      where: { year_index: { year: period.year, index: period.index } },
    });
    const empty = await overview.getOverview(filters(), NOW);
    expect(empty.submission.submitted).toBe(0);
    expect(empty.submission.inScope).toBeGreaterThan(0);
    expect(empty.submission.rate).toBe(0);

    const assignment = await db.prisma.taskAssignment.findFirstOrThrow({
      where: {
        role: "LEAD",
        department: { generic: false },
        task: { currentStatus: { not: "COMPLETED" }, retiredAt: null },
      },
      select: { taskId: true, departmentId: true },
    });
    const report = {
      taskId: assignment.taskId,
      periodId: row.id,
      departmentId: assignment.departmentId,
      kind: "LEAD_REPORT" as const,
      status: "ON_TRACK" as const,
      progress: 40,
      progressText: "按计划推进",
    };
    await db.prisma.taskUpdate.create({ data: { ...report, version: 1, reviewState: "SUBMITTED" } });
    const submitted = await overview.getOverview(filters(), NOW);
    expect(submitted.submission).toMatchObject({ submitted: 1, approved: 0, inScope: empty.submission.inScope });
    // A returned report owes a resubmission: it no longer counts.
    await db.prisma.taskUpdate.create({ data: { ...report, version: 2, reviewState: "RETURNED" } });
    expect((await overview.getOverview(filters(), NOW)).submission.submitted).toBe(0);
    // Another period's rate is its own.
    const other = await overview.getOverview(filters({ period: parsePeriodCode("2023-P4") }), NOW);
    expect(other.submission.submitted).toBe(0);
  });

  it("offers the filters' choices: documents, areas in strategy order, lead units and past periods", async () => {
    const options = await overview.getOverviewFilterOptions(NOW);
    expect(options.documents.map((d) => d.slug)).toContain("work-points-2023");
    expect(options.areas.slice(0, 5)).toEqual(["数字基础设施", "数字经济", "数字政府", "数字社会", "数字生态"]);
    expect(options.departments?.some((d) => d.name === "省大数据局")).toBe(true);
    expect(options.departmentCount).toBe(options.departments?.length);
    expect(options.periods[0]?.code).toBe("2023-P6");
    expect(options.periods.at(-1)?.code).toBe("2021-P1");
  });

  it("offers a search instead of the list when there are more lead units than the limit", async () => {
    const { departmentCount } = await overview.getOverviewFilterOptions(NOW);
    const capped = await overview.getOverviewFilterOptions(NOW, departmentCount - 1);
    expect(capped.departments).toBeNull();
    expect(capped.departmentCount).toBe(departmentCount);

    const departments = await import("../../lib/server/departments");
    const found = await departments.searchLeadDepartments("大数据", 10);
    expect(found.map((d) => d.name)).toContain("省大数据局");
    // By alias too, and wildcards in the text are taken literally.
    expect((await departments.searchLeadDepartments("山东省大数据", 10)).map((d) => d.name)).toContain("省大数据局");
    expect(await departments.searchLeadDepartments("%", 10)).toEqual([]);
    expect(await departments.searchLeadDepartments("省", 3)).toHaveLength(3);
    // Generic pseudo-units and units leading nothing are not offered.
    const generic = await db.prisma.department.findFirst({ where: { generic: true }, select: { name: true } });
    if (generic)
      expect((await departments.searchLeadDepartments(generic.name, 10)).map((d) => d.name)).not.toContain(
        generic.name,
      );
    expect(await departments.getDepartmentName(found[0]!.id)).toBe(found[0]!.name);
  });
});
