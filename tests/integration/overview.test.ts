/** The overview's aggregates and filters, against the imported documents on real PostgreSQL. */
import { beforeAll, describe, expect, it } from "vitest";
import { EMPTY_OVERVIEW_FILTERS, type OverviewFilters } from "../../lib/domain/overview-filters";
import { parsePeriodCode, periodContaining } from "../../lib/domain/periods";
import type * as OverviewModule from "../../lib/server/overview";
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

async function setStatus(taskKey: string, status: "LAGGING" | "AT_RISK" | "COMPLETED" | "ON_TRACK") {
  await db.prisma.task.update({ where: { key: taskKey }, data: { currentStatus: status } });
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

  it("ranks lead units by lagging and at-risk tasks, and the cards follow status changes", async () => {
    const before = await overview.getOverview(filters(), NOW);
    expect(before.laggingDepartments).toEqual([]);
    const led = await db.prisma.task.findMany({
      where: {
        document: { slug: "work-points-2023" },
        assignments: { some: { role: "LEAD", department: { name: "省大数据局" } } },
      },
      orderBy: { ordinal: "asc" },
      take: 3,
      select: { key: true },
    });
    expect(led).toHaveLength(3);
    await setStatus(led[0]!.key, "LAGGING");
    await setStatus(led[1]!.key, "AT_RISK");
    await setStatus(led[2]!.key, "COMPLETED");
    const after = await overview.getOverview(filters(), NOW);
    expect(after.tasks.counts.LAGGING).toBe(1);
    expect(after.tasks.counts.AT_RISK).toBe(1);
    expect(after.tasks.counts.COMPLETED).toBe(1);
    expect(after.tasks.rollUp.lagging).toBe(2);
    expect(after.laggingDepartments[0]).toMatchObject({ name: "省大数据局", lagging: 1, atRisk: 1 });
    const wp2022 = await overview.getOverview(filters({ document: "work-points-2022" }), NOW);
    expect(wp2022.tasks.counts.LAGGING).toBe(0);
    expect(wp2022.laggingDepartments).toEqual([]);
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
