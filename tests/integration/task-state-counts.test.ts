/**
 * Every task count by state agrees wherever it appears: the overview's count of a state equals the
 * task list's total for the filter its link carries, equals the REST API's total for ?status=, equals
 * the count computed here with `taskState` over each task's facts — for every state, for the whole
 * province and for a document, an area and a department. Real PostgreSQL, the seeded documents plus a
 * few approved reports made here, judged on 2026-12-07 (after every document's period).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { taskListQuery } from "../../lib/api/schemas";
import { EMPTY_OVERVIEW_FILTERS, type OverviewFilters } from "../../lib/domain/overview-filters";
import { DEFAULT_STATE, parseTaskListState, taskListHref, type TaskListState } from "../../lib/domain/task-filters";
import { emptyStateCounts, TASK_STATES, taskState, type StateCounts } from "../../lib/domain/task-state";
import type { TaskStatus } from "../../lib/domain/task-status";
import type * as ApiTasksModule from "../../lib/server/api-tasks";
import type * as OverviewModule from "../../lib/server/overview";
import type * as TaskSearchModule from "../../lib/server/task-search";
import { ensureReportingPeriods } from "../../seed/seed";
import { setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase({ documents: "all" });
const NOW = new Date("2026-12-07T04:00:00Z");
const TODAY = "2026-12-07";
let overview: typeof OverviewModule;
let taskSearch: typeof TaskSearchModule;
let apiTasks: typeof ApiTasksModule;

beforeAll(async () => {
  await ensureReportingPeriods(db.prisma, 2021, 2026);
  overview = await db.load(() => import("../../lib/server/overview"));
  taskSearch = await db.load(() => import("../../lib/server/task-search"));
  apiTasks = await db.load(() => import("../../lib/server/api-tasks"));

  // Approved lead reports on a spread of tasks with a unit: every reported status, on tasks past due
  // (work points 2022/2023) and — for the scheme whose period may still run — whatever its dates say.
  const led = await db.prisma.task.findMany({
    where: { retiredAt: null, hasLead: true },
    orderBy: { id: "asc" },
    select: { id: true, assignments: { where: { role: "LEAD" }, select: { departmentId: true }, take: 1 } },
  });
  const period = await db.prisma.reportingPeriod.findUniqueOrThrow({ where: { year_index: { year: 2026, index: 5 } } });
  const statuses: TaskStatus[] = ["COMPLETED", "ONGOING", "AT_RISK", "LAGGING", "ON_TRACK", "NOT_STARTED"];
  for (const [i, task] of led.filter((_, i) => i % 5 === 0).entries()) {
    const status = statuses[i % statuses.length]!;
    await db.prisma.taskUpdate.create({
      data: {
        taskId: task.id,
        periodId: period.id,
        departmentId: task.assignments[0]!.departmentId,
        kind: "LEAD_REPORT",
        version: 1,
        reviewState: "APPROVED",
        status,
        progress: status === "COMPLETED" ? 100 : 30,
        progressText: "测试",
      },
    });
    // What approval writes on the task row (lib/server/task-updates.ts).
    await db.prisma.task.update({
      where: { id: task.id },
      data: { currentStatus: status, currentProgress: status === "COMPLETED" ? 100 : 30, statusUpdatedAt: NOW },
    });
  }
  // Every document's period is over by now, so a reported 按计划推进 / 未启动 / 存在风险 is 滞后 (past due).
  // Four unreported tasks get a milestone in 2027 (the trigger moves their deadline); three of them are
  // then reported — so every state exists, 未报送 included.
  const ahead = led.filter((_, i) => i % 5 === 1).slice(0, 4);
  const reported: (TaskStatus | null)[] = ["ON_TRACK", "NOT_STARTED", "AT_RISK", null];
  for (const [i, task] of ahead.entries()) {
    await db.prisma.milestone.create({
      data: { taskId: task.id, ordinal: 900, dueDate: new Date("2027-06-30T00:00:00Z"), text: "测试：明年节点" },
    });
    const status = reported[i];
    if (status)
      await db.prisma.task.update({ where: { id: task.id }, data: { currentStatus: status, statusUpdatedAt: NOW } });
  }
}, 120_000);

/** Each current task's state on TODAY by `taskState`, narrowed like the overview's filters. */
async function expectedCounts(where: { documentSlug?: string; area?: string; departmentId?: number }) {
  const tasks = await db.prisma.task.findMany({
    where: {
      retiredAt: null,
      ...(where.documentSlug ? { document: { slug: where.documentSlug } } : {}),
      ...(where.area ? { area: where.area } : {}),
      ...(where.departmentId ? { assignments: { some: { departmentId: where.departmentId } } } : {}),
    },
    select: { currentStatus: true, statusUpdatedAt: true, hasLead: true, deadline: true },
  });
  const counts = emptyStateCounts();
  for (const t of tasks) {
    const facts = {
      reportedStatus: t.statusUpdatedAt ? t.currentStatus : null,
      hasLead: t.hasLead,
      deadline: t.deadline ? t.deadline.toISOString().slice(0, 10) : null,
    };
    counts[taskState(facts, TODAY)] += 1;
  }
  return counts;
}

/** The list total behind a link: the href parsed the way the /tasks page parses it. */
async function listTotal(href: string): Promise<number> {
  const state = parseTaskListState(new URLSearchParams(href.split("?")[1] ?? ""));
  return (await taskSearch.searchTasks(state, TODAY)).total;
}

async function apiTotal(query: Record<string, string>): Promise<number> {
  return (await apiTasks.listApiTasks(taskListQuery.parse({ ...query, pageSize: "1" }), TODAY)).total;
}

describe("a count by state equals the list it links to and the API", () => {
  it("has every state present in the data (so the comparison is not vacuous)", async () => {
    const counts = await expectedCounts({});
    for (const state of TASK_STATES) expect(counts[state], state).toBeGreaterThan(0);
  });

  const scopes: [string, () => Promise<{ filters: Partial<OverviewFilters>; api: Record<string, string> }>][] = [
    ["the province", async () => ({ filters: {}, api: {} })],
    ["a document", async () => ({ filters: { document: "work-points-2023" }, api: { document: "work-points-2023" } })],
    ["an area", async () => ({ filters: { area: "数字政府" }, api: {} })],
    [
      "a department",
      async () => {
        const d = await db.prisma.department.findUniqueOrThrow({ where: { name: "省大数据局" }, select: { id: true } });
        return { filters: { departmentId: d.id }, api: { department: String(d.id) } };
      },
    ],
  ];
  for (const [name, scopeOf] of scopes) {
    it(`for ${name}, for every state`, async () => {
      const { filters, api } = await scopeOf();
      const view = await overview.getOverview({ ...EMPTY_OVERVIEW_FILTERS, ...filters }, NOW);
      expect(view.isCurrentPeriod).toBe(true);
      const expected: StateCounts = await expectedCounts({
        documentSlug: filters.document ?? undefined,
        area: filters.area ?? undefined,
        departmentId: filters.departmentId ?? undefined,
      });
      expect(view.tasks.counts).toEqual(expected);
      // The link the overview puts on each count (components/overview/overview-view.tsx builds it so).
      const scope: TaskListState = {
        ...DEFAULT_STATE,
        document: filters.document ?? null,
        area: filters.area ?? null,
        departmentId: filters.departmentId ?? null,
      };
      for (const state of TASK_STATES) {
        const list = await listTotal(taskListHref(scope, { statuses: [state] }));
        expect({ state, list }).toEqual({ state, list: expected[state] });
        // The API has no area filter; the other scopes it reproduces with ?status=.
        if (!filters.area) {
          const viaApi = await apiTotal({ ...api, status: state });
          expect({ state, viaApi }).toEqual({ state, viaApi: expected[state] });
        }
      }
      // The 滞后 + 存在风险 card, and its link.
      const troubled = await listTotal(taskListHref(scope, { statuses: ["LAGGING", "AT_RISK"] }));
      expect(troubled).toBe(expected.LAGGING + expected.AT_RISK);
    });
  }

  it("each unit's 滞后 / 存在风险 / 牵头 counts in the ranking equal the lists they link to", async () => {
    const view = await overview.getOverview(EMPTY_OVERVIEW_FILTERS, NOW);
    expect(view.laggingDepartments.length).toBeGreaterThan(0);
    for (const d of view.laggingDepartments) {
      const lead = { ...DEFAULT_STATE, departmentId: d.id, role: "lead" as const };
      expect(await listTotal(taskListHref(lead, { statuses: ["LAGGING"] })), d.name).toBe(d.lagging);
      expect(await listTotal(taskListHref(lead, { statuses: ["AT_RISK"] })), d.name).toBe(d.atRisk);
      expect(await listTotal(taskListHref(lead)), d.name).toBe(d.leads);
      expect(await apiTotal({ department: String(d.id), role: "LEAD", status: "LAGGING" }), d.name).toBe(d.lagging);
    }
  });

  it("the document dashboard's counts equal the overview's for the same document", async () => {
    const dashboard = await db.load(() => import("../../lib/server/document-dashboard"));
    for (const slug of ["plan-2021-2025", "work-points-2022", "work-points-2023", "digital-government-scheme-2023"]) {
      const board = (await dashboard.getDocumentDashboard(slug, TODAY))!;
      const view = await overview.getOverview({ ...EMPTY_OVERVIEW_FILTERS, document: slug }, NOW);
      expect(board.tasks.counts, slug).toEqual(view.tasks.counts);
      expect(board.tasks.rollUp, slug).toEqual(view.tasks.rollUp);
      // After every period's end, no document reads 符合序时进度.
      expect(board.tasks.rollUp.status, slug).not.toBe("ON_PACE");
    }
  });
});
