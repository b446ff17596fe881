/**
 * Reporting periods on real PostgreSQL: reading never writes a period row — the pages' data functions
 * work for a date whose period has no row yet — and the writes that need the row create it in their
 * own transaction.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { EMPTY_OVERVIEW_FILTERS } from "../../lib/domain/overview-filters";
import { periodContaining, shanghaiDate } from "../../lib/domain/periods";
import type { Actor } from "../../lib/server/auth/actor";
import type * as CatalogueModule from "../../lib/server/api-catalogue";
import type * as DepartmentsModule from "../../lib/server/departments";
import type * as DashboardModule from "../../lib/server/document-dashboard";
import type * as OverviewModule from "../../lib/server/overview";
import type * as PeriodsModule from "../../lib/server/periods";
import type * as TaskUpdatesModule from "../../lib/server/task-updates";
import { ensureReportingPeriods } from "../../seed/seed";
import { makeActor, setUpIntegrationDatabase } from "../support/integration";

// The seed's rows stop at 2024; 2026-P2 (and, for the API's real clock, today) have no row.
const NOW = new Date("2026-03-10T04:00:00Z");
const TODAY = shanghaiDate(NOW);

const db = setUpIntegrationDatabase({ documents: "all" });
let catalogue: typeof CatalogueModule;
let departments: typeof DepartmentsModule;
let dashboard: typeof DashboardModule;
let overview: typeof OverviewModule;
let periods: typeof PeriodsModule;
let updates: typeof TaskUpdatesModule;
let editor: Actor;
let reviewer: Actor;
let taskId: number;

const periodRows = () =>
  db.prisma.reportingPeriod.findMany({
    orderBy: { id: "asc" },
    select: { id: true, year: true, index: true, state: true, lockedAt: true },
  });

beforeAll(async () => {
  await ensureReportingPeriods(db.prisma, 2021, 2024);
  catalogue = await db.load(() => import("../../lib/server/api-catalogue"));
  departments = await db.load(() => import("../../lib/server/departments"));
  dashboard = await db.load(() => import("../../lib/server/document-dashboard"));
  overview = await db.load(() => import("../../lib/server/overview"));
  periods = await db.load(() => import("../../lib/server/periods"));
  updates = await db.load(() => import("../../lib/server/task-updates"));
  const lead = await db.prisma.taskAssignment.findFirstOrThrow({
    where: { role: "LEAD", task: { retiredAt: null }, department: { generic: false } },
    orderBy: { taskId: "asc" },
    select: { taskId: true, departmentId: true },
  });
  taskId = lead.taskId;
  editor = await makeActor(db.prisma, {
    username: "p-editor",
    role: "DEPARTMENT_EDITOR",
    department: lead.departmentId,
  });
  reviewer = await makeActor(db.prisma, { username: "p-reviewer", role: "REVIEWER" });
}, 120_000);

describe("reading a period that has no row yet", () => {
  it("serves every page's data with an empty period and writes no row", async () => {
    const before = await periodRows();
    expect(before.some((p) => p.year === 2026)).toBe(false);

    // Task page: the form opens on the current period with nothing reported yet.
    const editorState = await updates.getEditorState(editor, taskId, NOW);
    expect(editorState).toMatchObject({ period: { code: "2026-P2", id: periods.UNSTORED_PERIOD_ID, state: "OPEN" } });
    expect(editorState!.latest).toBeNull();
    expect(editorState!.threadEvidence).toEqual([]);

    // Review page: the current period, and every lead unit still owes its reports.
    const current = await periods.getCurrentPeriod(NOW);
    expect(current).toMatchObject({ code: "2026-P2", start: "2026-03-01", end: "2026-04-30" });
    const supervision = await updates.listSupervision(current);
    expect(supervision.length).toBeGreaterThan(0);
    for (const row of supervision) expect(row).toMatchObject({ submitted: 0, missing: row.tasksInScope });

    // Overview, department profile, document dashboard, reports archive, the API's period list.
    const board = await overview.getOverview(EMPTY_OVERVIEW_FILTERS, NOW);
    expect(board.period.code).toBe("2026-P2");
    expect(board.submission).toMatchObject({ submitted: 0, approved: 0, locked: false });
    const profile = await departments.getDepartmentProfile(editor.departmentId!, TODAY);
    // No row yet: the period is open, nothing filed, every owed report missing (the 督办 figure).
    expect(profile?.submissions.period).toMatchObject({ code: "2026-P2", state: "OPEN" });
    const own = supervision.find((r) => r.departmentId === editor.departmentId);
    expect(profile?.submissions).toMatchObject({
      submitted: 0,
      tasksInScope: own?.tasksInScope ?? 0,
      missing: own?.missing ?? 0,
    });
    expect(await dashboard.getDocumentDashboard("work-points-2023", TODAY)).not.toBeNull();
    const recent = await periods.listRecentPeriods(NOW, 3);
    expect(recent.map((p) => [p.code, p.id, p.current, p.bulletin])).toEqual([
      ["2026-P2", periods.UNSTORED_PERIOD_ID, true, null],
      ["2026-P1", periods.UNSTORED_PERIOD_ID, false, null],
      ["2025-P6", periods.UNSTORED_PERIOD_ID, false, null],
    ]);
    const api = await catalogue.listApiPeriods(undefined);
    expect(api.items).toHaveLength(before.length);
    expect(api.current).toMatchObject({
      code: periodContaining(new Date()).code,
      id: periods.UNSTORED_PERIOD_ID,
      current: true,
    });

    expect(await periodRows()).toEqual(before);
  });
});

describe("writes create the row they need", () => {
  it("a saved report creates its period's row; the reads then find it", async () => {
    const saved = await updates.saveTaskUpdate(
      editor,
      { taskId, intent: "draft", expectedVersion: 0, status: "ON_TRACK", progress: 10, progressText: "推进中" },
      NOW,
    );
    const row = await db.prisma.reportingPeriod.findUniqueOrThrow({ where: { year_index: { year: 2026, index: 2 } } });
    expect(saved.period).toMatchObject({ id: row.id, code: "2026-P2", state: "OPEN" });
    expect(await periods.getCurrentPeriod(NOW)).toMatchObject({ id: row.id, code: "2026-P2" });
    expect((await updates.getEditorState(editor, taskId, NOW))!.latest).toMatchObject({
      version: 1,
      periodCode: "2026-P2",
    });
  });

  it("after a lock the reads move to the next period without creating its row", async () => {
    await periods.lockPeriod(reviewer, { period: "2026-P2" }, NOW);
    const before = await periodRows();
    expect(await periods.getCurrentPeriod(NOW)).toMatchObject({
      code: "2026-P3",
      id: periods.UNSTORED_PERIOD_ID,
      state: "OPEN",
    });
    expect((await updates.getEditorState(editor, taskId, NOW))!.period.code).toBe("2026-P3");
    expect(await periodRows()).toEqual(before);

    // The next save goes to 2026-P3 and creates that row.
    const saved = await updates.saveTaskUpdate(
      editor,
      { taskId, intent: "draft", expectedVersion: 0, status: "ON_TRACK", progress: 20, progressText: "继续推进" },
      NOW,
    );
    expect(saved.period.code).toBe("2026-P3");
    expect(await db.prisma.reportingPeriod.count({ where: { year: 2026, index: 3 } })).toBe(1);
  });
});
