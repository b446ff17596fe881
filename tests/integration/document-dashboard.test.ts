/** Document dashboards: task counts per section tree, milestones, indicators. Real PostgreSQL, seeded documents. */
import { beforeAll, describe, expect, it } from "vitest";
import type * as DashboardModule from "../../lib/server/document-dashboard";
import type * as TaskSearchModule from "../../lib/server/task-search";
import { DEFAULT_STATE } from "../../lib/domain/task-filters";
import { TASK_STATES } from "../../lib/domain/task-state";
import { createCountingClient, setUpIntegrationDatabase } from "../support/integration";

type Section = DashboardModule.DashboardSection;

// Mid-2023: the 2023 work points are running, their year-end milestones not yet due.
const TODAY = "2023-06-30";

let dashboard: typeof DashboardModule;
let taskSearch: typeof TaskSearchModule;
let queries = 0;

// The module's client counts queries: their number must not grow with the document.
const db = setUpIntegrationDatabase({
  documents: "all",
  singleton: (url) => createCountingClient(url, () => queries++),
});

beforeAll(async () => {
  dashboard = await db.load(() => import("../../lib/server/document-dashboard"));
  taskSearch = await db.load(() => import("../../lib/server/task-search"));
}, 120_000);

async function load(slug: string, today = TODAY): Promise<DashboardModule.DocumentDashboard> {
  const view = await dashboard.getDocumentDashboard(slug, today);
  if (!view) throw new Error(`no dashboard for ${slug}`);
  return view;
}

function flatten(sections: Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flatten(s.children)]);
}

function find(view: DashboardModule.DocumentDashboard, path: string): Section {
  const section = flatten(view.sections).find((s) => s.path === path);
  if (!section) throw new Error(`no section ${path}`);
  return section;
}

async function ownTaskCounts(slug: string): Promise<Map<number, number>> {
  const rows = await db.prisma.task.groupBy({
    by: ["sectionId"],
    where: { document: { slug }, retiredAt: null },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.sectionId ?? -1, r._count._all]));
}

describe("getDocumentDashboard", () => {
  it("returns null for an unknown document", async () => {
    expect(await dashboard.getDocumentDashboard("no-such-document", TODAY)).toBeNull();
  });

  it("gives the document's metadata", async () => {
    const view = await load("digital-government-scheme-2023");
    expect(view.document).toMatchObject({
      slug: "digital-government-scheme-2023",
      kind: "IMPLEMENTATION_SCHEME",
      docNumber: "鲁政字〔2023〕15号",
    });
    expect(view.document.periodStart <= view.document.periodEnd).toBe(true);
  });

  for (const slug of ["plan-2021-2025", "work-points-2022", "work-points-2023", "digital-government-scheme-2023"]) {
    it(`${slug}: chapters add up to the document's total, and each section counts its subsections`, async () => {
      const view = await load(slug);
      const current = await db.prisma.task.count({ where: { document: { slug }, retiredAt: null } });
      expect(view.tasks.rollUp.total).toBe(current);
      expect(view.tasks.rollUp.total).toBeGreaterThan(0);
      // Every task of these documents sits in a section, so the chapters partition them.
      expect(view.sections.reduce((sum, chapter) => sum + chapter.rollUp.total, 0)).toBe(current);
      expect(view.sections.every((chapter) => chapter.depth === 0)).toBe(true);

      const own = await ownTaskCounts(slug);
      for (const section of flatten(view.sections)) {
        const children = section.children.reduce((sum, child) => sum + child.rollUp.total, 0);
        expect(section.rollUp.total, section.path).toBe((own.get(section.id) ?? 0) + children);
        for (const child of section.children) expect(child.depth, child.path).toBe(section.depth + 1);
      }
    });
  }

  it("counts a section with a boxed column (专栏) below it including the column's items", async () => {
    const view = await load("plan-2021-2025");
    const section = find(view, "三/（二）");
    const column = find(view, "三/（二）/专栏1");
    expect(section.children.map((c) => c.path)).toContain("三/（二）/专栏1");
    expect(column.rollUp.total).toBeGreaterThan(0);
    expect(section.rollUp.total).toBeGreaterThan(column.rollUp.total);
    // The task list filtered by the same document and section shows exactly as many tasks.
    const list = await taskSearch.searchTasks(
      { ...DEFAULT_STATE, document: "plan-2021-2025", section: "三/（二）" },
      TODAY,
    );
    expect(list.total).toBe(section.rollUp.total);
  });

  it("uses a bounded number of queries, whatever the size of the document", async () => {
    const before = queries;
    await load("work-points-2022");
    const small = queries - before;
    const middle = queries;
    await load("plan-2021-2025");
    const large = queries - middle;
    expect(large).toBe(small);
    // The loader plus the indicator catalogue (targets, baselines, values, thresholds): a small constant.
    expect(large).toBeLessThanOrEqual(20);
  });

  it("rolls states up when approved reports change the tasks' status", async () => {
    const slug = "work-points-2023";
    const before = await load(slug);
    const chapter = before.sections.find((c) => c.path === "二")!;
    // Nothing reported in mid-2023 and nothing past due: every task 未报送, so too little is known to
    // say the chapter is on pace (it was 符合序时进度 before the state rule).
    expect(chapter.counts.NO_REPORT).toBe(chapter.rollUp.total);
    expect(chapter.rollUp).toMatchObject({ lagging: 0, completed: 0, status: "NO_DATA", reason: "TOO_FEW_REPORTS" });
    const tasks = await db.prisma.task.findMany({
      where: { document: { slug }, retiredAt: null, section: { path: { startsWith: "二/" } } },
      orderBy: { ordinal: "asc" },
      select: { id: true },
    });
    expect(tasks.length).toBe(chapter.rollUp.total);
    expect(tasks.length).toBeGreaterThanOrEqual(6);

    // One of n lagging is under the 20 % "behind" line when n > 5: at risk.
    await db.prisma.task.update({
      where: { id: tasks[0]!.id },
      data: { currentStatus: "LAGGING", statusUpdatedAt: new Date() },
    });
    await db.prisma.task.update({
      where: { id: tasks[1]!.id },
      data: { currentStatus: "COMPLETED", statusUpdatedAt: new Date() },
    });
    let view = await load(slug);
    let after = view.sections.find((c) => c.path === "二")!;
    expect(after.counts).toMatchObject({ LAGGING: 1, COMPLETED: 1 });
    expect(after.rollUp).toMatchObject({ lagging: 1, completed: 1, status: "AT_RISK" });
    expect(after.rollUp.completionRate).toBeCloseTo(1 / tasks.length);
    expect(view.tasks.rollUp).toMatchObject({ lagging: 1, completed: 1 });

    // Two lagging or at risk of at most ten: behind.
    await db.prisma.task.update({
      where: { id: tasks[2]!.id },
      data: { currentStatus: "AT_RISK", statusUpdatedAt: new Date() },
    });
    view = await load(slug);
    after = view.sections.find((c) => c.path === "二")!;
    expect(after.rollUp).toMatchObject({ lagging: 2, status: "BEHIND" });
    expect(view.tasks.counts).toMatchObject({ LAGGING: 1, AT_RISK: 1, COMPLETED: 1 });
    expect(view.tasks.rollUp.lagging).toBe(2);
    // The other chapters did not move.
    for (const other of view.sections.filter((c) => c.path !== "二")) {
      expect(other.rollUp.lagging, other.path).toBe(0);
    }
    // The section holding the lagging task shows it, and so does its chapter: the sub-tree rule.
    const laggingTask = await db.prisma.task.findUniqueOrThrow({
      where: { id: tasks[0]!.id },
      select: { section: { select: { path: true } } },
    });
    expect(find(view, laggingTask.section!.path).counts.LAGGING).toBe(1);

    // Every task of a chapter completed: achieved.
    const small = view.sections.find((c) => c.path === "一")!;
    await db.prisma.task.updateMany({
      where: { document: { slug }, section: { path: { startsWith: "一/" } } },
      data: { currentStatus: "COMPLETED", statusUpdatedAt: new Date() },
    });
    view = await load(slug);
    expect(view.sections.find((c) => c.path === "一")!.rollUp).toMatchObject({
      completed: small.rollUp.total,
      completionRate: 1,
      status: "ACHIEVED",
    });
  });

  it("plan-2021-2025 in December 2026: 178 tasks, all 待明确责任单位 and past due, so the plan is 滞后, never on pace", async () => {
    const view = await load("plan-2021-2025", "2026-12-07");
    // Independently: the plan's current tasks, none with a lead unit, all due by 2025-12-31.
    const rows = await db.prisma.task.findMany({
      where: { document: { slug: "plan-2021-2025" }, retiredAt: null },
      select: { hasLead: true, deadline: true, statusUpdatedAt: true },
    });
    expect(rows).toHaveLength(178);
    expect(rows.every((r) => !r.hasLead && r.statusUpdatedAt === null && r.deadline! < new Date("2026-12-07"))).toBe(
      true,
    );
    expect(view.tasks.rollUp.total).toBe(178);
    expect(view.tasks.counts.UNASSIGNED).toBe(178);
    expect(view.tasks.unassignedPastDue).toBe(178);
    expect(view.tasks.rollUp).toMatchObject({ status: "BEHIND", reason: "MANY_BEHIND", lagging: 178 });
    // No chapter or section with tasks reads 符合序时进度: each is all past due, all behind.
    for (const section of flatten(view.sections).filter((s) => s.rollUp.total > 0)) {
      expect(section.rollUp.status, section.path).toBe("BEHIND");
      expect(section.counts.UNASSIGNED, section.path).toBe(section.rollUp.total);
    }
    // The list behind the 待明确责任单位 count shows exactly those tasks.
    const list = await taskSearch.searchTasks(
      { ...DEFAULT_STATE, document: "plan-2021-2025", statuses: ["UNASSIGNED"] },
      "2026-12-07",
    );
    expect(list.total).toBe(178);
  });

  it("a 2023 work-points section whose tasks are all past due is 滞后, even if they reported 按计划推进", async () => {
    const slug = "work-points-2023";
    const chapter = (await load(slug, "2026-12-07")).sections.find((c) => c.path === "二")!;
    const tasks = await db.prisma.task.findMany({
      where: { document: { slug }, retiredAt: null, section: { path: { startsWith: "二/" } } },
      select: { id: true, hasLead: true, deadline: true },
    });
    expect(tasks.every((t) => t.deadline! < new Date("2026-12-07"))).toBe(true);
    // Every task reports 按计划推进 40 % (the work points' usual picture): still unfinished past its deadline.
    await db.prisma.task.updateMany({
      where: { id: { in: tasks.map((t) => t.id) } },
      data: { currentStatus: "ON_TRACK", currentProgress: 40, statusUpdatedAt: new Date() },
    });
    const view = await load(slug, "2026-12-07");
    const after = view.sections.find((c) => c.path === "二")!;
    expect(after.rollUp.total).toBe(chapter.rollUp.total);
    const withLead = tasks.filter((t) => t.hasLead).length;
    expect(after.counts.LAGGING).toBe(withLead);
    expect(after.counts.UNASSIGNED).toBe(tasks.length - withLead);
    expect(after.counts.ON_TRACK).toBe(0);
    for (const section of flatten([after]).filter((s) => s.rollUp.total > 0)) {
      expect(section.rollUp.status, section.path).not.toBe("ON_PACE");
      expect(section.rollUp.status, section.path).toBe("BEHIND");
    }
    // No chapter of the document is on pace in December 2026: each is behind, or (一, completed by the
    // previous test) achieved.
    for (const c of view.sections.filter((c) => c.rollUp.total > 0)) {
      expect(c.rollUp.status, c.path).toBe(c.rollUp.completed === c.rollUp.total ? "ACHIEVED" : "BEHIND");
    }
  });

  it("every state count of a section equals the task list filtered by that section and state", async () => {
    const slug = "work-points-2023";
    const tasks = await db.prisma.task.findMany({
      where: { document: { slug }, retiredAt: null },
      orderBy: { ordinal: "asc" },
      select: { id: true },
    });
    // A mix: a few reports, one finished; the rest stay 未报送 (mid-2023) or become 滞后 (2026).
    const mix = ["COMPLETED", "ONGOING", "AT_RISK", "LAGGING", "ON_TRACK", "NOT_STARTED"] as const;
    for (const [i, status] of mix.entries()) {
      await db.prisma.task.update({
        where: { id: tasks[i * 7]!.id },
        data: { currentStatus: status, statusUpdatedAt: new Date() },
      });
    }
    for (const today of [TODAY, "2026-12-07"]) {
      const view = await load(slug, today);
      for (const section of [...flatten(view.sections)].filter((s) => s.rollUp.total > 0).slice(0, 8)) {
        for (const state of TASK_STATES) {
          const list = await taskSearch.searchTasks(
            { ...DEFAULT_STATE, document: slug, section: section.path, statuses: [state], pageSize: 20 },
            today,
          );
          expect({ today, path: section.path, state, n: list.total }).toEqual({
            today,
            path: section.path,
            state,
            n: section.counts[state],
          });
        }
      }
    }
  });

  it("counts a milestone due tomorrow as due soon and one due yesterday as overdue", async () => {
    const slug = "work-points-2023";
    const before = await load(slug);
    const other = (await load("work-points-2022")).milestones;
    // The 2023 work points' milestones are all due at year end: none is close on 30 June.
    expect(before.milestones).toMatchObject({ overdue: 0, dueSoon: 0, dueSoonUntil: "2023-08-29" });
    const task = await db.prisma.task.findFirstOrThrow({
      where: { document: { slug }, retiredAt: null },
      orderBy: { ordinal: "asc" },
      select: { id: true, number: true, _count: { select: { milestones: true } } },
    });
    const ordinal = task._count.milestones + 100;
    const [tomorrow, yesterday] = await Promise.all([
      db.prisma.milestone.create({
        data: { taskId: task.id, ordinal, dueDate: new Date("2023-07-01"), text: "明天到期的节点" },
      }),
      db.prisma.milestone.create({
        data: { taskId: task.id, ordinal: ordinal + 1, dueDate: new Date("2023-06-29"), text: "昨天到期的节点" },
      }),
      // Completed or retired ones and ones beyond 60 days do not count.
      db.prisma.milestone.create({
        data: {
          taskId: task.id,
          ordinal: ordinal + 2,
          dueDate: new Date("2023-06-01"),
          completedDate: new Date("2023-05-30"),
          text: "已完成的节点",
        },
      }),
      db.prisma.milestone.create({
        data: {
          taskId: task.id,
          ordinal: ordinal + 3,
          dueDate: new Date("2023-06-02"),
          retiredAt: new Date(),
          text: "x",
        },
      }),
      db.prisma.milestone.create({
        data: { taskId: task.id, ordinal: ordinal + 4, dueDate: new Date("2023-08-30"), text: "61天后" },
      }),
    ]);
    const view = await load(slug);
    expect(view.milestones).toMatchObject({ overdue: 1, dueSoon: 1 });
    expect(view.milestones.overdueList).toEqual([
      { id: yesterday.id, dueDate: "2023-06-29", text: "昨天到期的节点", task: { id: task.id, number: task.number } },
    ]);
    expect(view.milestones.dueSoonList.map((m) => m.id)).toEqual([tomorrow.id]);
    // Other documents are not affected.
    expect((await load("work-points-2022")).milestones).toEqual(other);
  });

  it("lists the overdue milestones earliest first, at most the limit, while counting all", async () => {
    const view = await load("digital-government-scheme-2023", "2026-01-15");
    const open = await db.prisma.milestone.count({
      where: {
        retiredAt: null,
        completedDate: null,
        dueDate: { lt: new Date("2026-01-15") },
        task: { document: { slug: "digital-government-scheme-2023" }, retiredAt: null },
      },
    });
    expect(open).toBeGreaterThan(dashboard.MILESTONE_LIST_LIMIT);
    expect(view.milestones.overdue).toBe(open);
    expect(view.milestones.overdueList).toHaveLength(dashboard.MILESTONE_LIST_LIMIT);
    const dates = view.milestones.overdueList.map((m) => m.dueDate);
    expect(dates).toEqual([...dates].sort());
  });

  it("lists the indicators the document sets targets or baselines for, with its own target", async () => {
    const view = await load("work-points-2023");
    const fiveG = view.indicators.find((i) => i.key === "5g-base-stations");
    expect(fiveG).toBeDefined();
    expect(fiveG!.documentTarget).toMatchObject({ comparator: "GTE", dueDate: "2023-12-31" });
    expect(fiveG!.documentTarget!.value).toBe(200_000);
    expect(fiveG!.unit).toBe("个");
    expect(["ACHIEVED", "ON_PACE", "AT_RISK", "BEHIND", "NO_DATA"]).toContain(fiveG!.status);
    // Only this document's indicators: each has a current target or baseline here.
    const ids = await db.prisma.indicator.findMany({
      where: {
        mergedIntoId: null,
        OR: [
          { targets: { some: { retiredAt: null, document: { slug: "work-points-2023" } } } },
          { baselines: { some: { retiredAt: null, document: { slug: "work-points-2023" } } } },
        ],
      },
      select: { id: true },
    });
    expect(view.indicators.map((i) => i.id).sort((a, b) => a - b)).toEqual(ids.map((i) => i.id).sort((a, b) => a - b));

    // The plan gives the 5G baseline (2020) and its own 2025 target.
    const plan = await load("plan-2021-2025");
    const planFiveG = plan.indicators.find((i) => i.key === "5g-base-stations");
    expect(planFiveG?.documentBaseline?.asOf.slice(0, 4)).toBe("2020");
  });

  it("reports status by 序时进度 once there are values", async () => {
    const indicator = await db.prisma.indicator.findUniqueOrThrow({
      where: { key: "5g-base-stations" },
      select: { id: true },
    });
    await db.prisma.observation.create({
      data: {
        indicatorId: indicator.id,
        value: 150_000,
        normalizedValue: 150_000,
        asOf: new Date("2023-03-31"),
        source: "DEPARTMENT_REPORT",
      },
    });
    const view = await load("work-points-2023");
    const fiveG = view.indicators.find((i) => i.key === "5g-base-stations")!;
    expect(fiveG.latest).toEqual({ value: 150_000, asOf: "2023-03-31" });
    expect(fiveG.status).not.toBe("NO_DATA");
    expect(fiveG.expectedShare).not.toBeNull();
  });

  it("shows every value in the indicator's own unit when it has a scale (万个 = 10,000 个)", async () => {
    const indicator = await db.prisma.indicator.findUniqueOrThrow({ where: { key: "5g-base-stations" } });
    await db.prisma.indicator.update({ where: { id: indicator.id }, data: { unit: "万个", unitScale: 10_000 } });
    try {
      const view = await load("work-points-2023");
      const fiveG = view.indicators.find((i) => i.key === "5g-base-stations")!;
      // 150,000 base units recorded above; the 2023 target ≥ 200,000.
      expect(fiveG.latest).toEqual({ value: 15, asOf: "2023-03-31" });
      expect(fiveG.documentTarget!.value).toBe(20);
      expect(fiveG.countingTarget!.value).toBe(20);
    } finally {
      await db.prisma.indicator.update({ where: { id: indicator.id }, data: { unit: indicator.unit, unitScale: 1 } });
    }
  });
});
