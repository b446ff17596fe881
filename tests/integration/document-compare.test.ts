/** What changed between two documents, loaded from the imported seed documents. Real PostgreSQL. */
import { beforeAll, describe, expect, it } from "vitest";
import type * as CompareModule from "../../lib/server/document-compare";
import { createCountingClient, setUpIntegrationDatabase } from "../support/integration";

let compare: typeof CompareModule;
let queries = 0;

// The loader's client, with a query counter: the number of queries must not grow with the documents.
const db = setUpIntegrationDatabase({
  documents: "all",
  singleton: (url) => createCountingClient(url, () => queries++),
});

beforeAll(async () => {
  compare = await db.load(() => import("../../lib/server/document-compare"));
}, 120_000);

type Ok = Extract<CompareModule.DocumentComparisonView, { status: "ok" }>;
async function load(from: string | null, to: string | null): Promise<{ view: Ok; queries: number }> {
  const before = queries;
  const view = await compare.getDocumentComparison(from, to);
  if (view.status !== "ok") throw new Error(`expected a comparison, got ${view.problem}`);
  return { view, queries: queries - before };
}

describe("getDocumentComparison", () => {
  it("defaults to the two most recent work points and finds tasks carried over, added and dropped", async () => {
    const { view } = await load(null, null);
    expect(view.from.slug).toBe("work-points-2022");
    expect(view.to.slug).toBe("work-points-2023");
    const { summary, carried, added, dropped } = view.comparison;
    expect(summary.carried).toBeGreaterThan(0);
    expect(summary.added).toBeGreaterThan(0);
    expect(summary.dropped).toBeGreaterThan(0);
    // Every current task of each document is accounted for exactly once.
    const current = (slug: string) => db.prisma.task.count({ where: { document: { slug }, retiredAt: null } });
    expect(carried.length + dropped.length).toBe(await current("work-points-2022"));
    expect(carried.length + added.length).toBe(await current("work-points-2023"));
    expect(view.documents.map((d) => d.slug)).toEqual(
      expect.arrayContaining(["plan-2021-2025", "work-points-2022", "work-points-2023"]),
    );
  });

  it("shows the 5G base-station target 16万个 (2022) → 20万个以上 (2023) as raised, with links to both sources", async () => {
    const { view } = await load("work-points-2022", "work-points-2023");
    const row = view.comparison.targets.find((r) => r.indicatorKey === "5g-base-stations" && r.basis === "LEVEL");
    expect(row).toMatchObject({ change: "RAISED", valueChange: "RAISED", direction: "HIGHER_IS_BETTER" });
    expect(row!.from).toMatchObject({ valueAsWritten: "16万个", value: 160000, dueDate: "2022-12-31" });
    expect(row!.to).toMatchObject({ valueAsWritten: "20万个以上", value: 200000, comparator: "GTE", taskNumber: "30" });
    const target = await db.prisma.indicatorTarget.findUniqueOrThrow({
      where: { id: row!.to!.id },
      select: { sourceFile: { select: { fileName: true } } },
    });
    expect(row!.to!.sourceHref).toBe(
      `/documents/work-points-2023?file=${encodeURIComponent(target.sourceFile.fileName)}#target-${row!.to!.id}`,
    );
    expect(view.comparison.summary.targets.RAISED).toBeGreaterThanOrEqual(3);
  });

  it("carries tasks over by content with their lead units from the assignments, and links both texts", async () => {
    const { view } = await load("work-points-2022", "work-points-2023");
    const pair = view.comparison.carried.find((p) => p.from.number === "14");
    expect(pair?.to.number).toBe("7"); // 数字政府强基工程
    expect(pair!.from.leadUnits).toEqual(["省大数据局", "省委网信办", "省公安厅"]);
    expect(pair!.to.leadUnits).toEqual(["省大数据局"]);
    expect(pair).toMatchObject({ leadUnitsChanged: true, leadUnitsRemoved: ["省委网信办", "省公安厅"] });
    expect(pair!.from.sourceHref).toMatch(new RegExp(`^/documents/work-points-2022\\?file=.+#task-${pair!.from.id}$`));
    expect(pair!.to.sourceHref).toMatch(new RegExp(`^/documents/work-points-2023\\?file=.+#task-${pair!.to.id}$`));
    expect(pair!.to.area).toBe("数字政府");
  });

  it("titles and groups every task by its own headline and area, never by its section's heading", async () => {
    const { view } = await load("work-points-2022", "work-points-2023");
    const { carried, added, dropped, byArea } = view.comparison;
    // The dropped 2022 task 12 stands under the section 推进生活方式数字变革; its own headline is its title.
    const twelve = dropped.find((t) => t.number === "12");
    expect(twelve).toMatchObject({ heading: "优化智慧养老服务", sectionTitle: "推进生活方式数字变革", area: null });
    // Every task on the page, read independently from the database: title, else the first clause of
    // its text; area its own or its chapter's.
    const tasks = [...carried.flatMap((p) => [p.from, p.to]), ...added, ...dropped];
    const rows = await db.prisma.task.findMany({
      where: { id: { in: tasks.map((t) => t.id) } },
      select: { id: true, title: true, text: true, area: true, section: { select: { title: true, area: true } } },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const task of tasks) {
      const row = byId.get(task.id)!;
      const clause = row.text.split(/[。；;！？]/)[0]!.trim();
      expect(task.heading, task.number).toBe(
        row.title?.trim() || (clause.length > 80 ? `${clause.slice(0, 80)}…` : clause),
      );
      expect(task.area, task.number).toBe(row.area ?? row.section?.area ?? null);
    }
    // A task without a title (2023) is headed by its own first clause.
    expect(added.concat(carried.map((p) => p.to)).every((t) => t.heading.length > 0)).toBe(true);
    // No area row of the chart is a section heading of either document.
    const sectionTitles = new Set(rows.flatMap((r) => (r.section ? [r.section.title] : [])));
    expect(byArea.map((a) => a.area).filter((area) => sectionTitles.has(area))).toEqual([]);
    expect(byArea.find((a) => a.area === "数字社会")?.carried).toBeGreaterThan(0);
  });

  it("leaves retired tasks out", async () => {
    const task = await db.prisma.task.findFirstOrThrow({
      where: { document: { slug: "work-points-2023" }, number: "41" },
      select: { id: true },
    });
    const before = (await load("work-points-2022", "work-points-2023")).view;
    expect(before.comparison.added.map((t) => t.id)).toContain(task.id);
    await db.prisma.task.update({ where: { id: task.id }, data: { retiredAt: new Date() } });
    try {
      const after = (await load("work-points-2022", "work-points-2023")).view;
      expect(after.comparison.added.map((t) => t.id)).not.toContain(task.id);
      expect(after.comparison.summary.added).toBe(before.comparison.summary.added - 1);
    } finally {
      await db.prisma.task.update({ where: { id: task.id }, data: { retiredAt: null } });
    }
  });

  it("uses a fixed number of queries, however large the documents", async () => {
    const small = await load("work-points-2022", "work-points-2023");
    const large = await load("plan-2021-2025", "work-points-2023");
    expect(large.view.comparison.summary.dropped).toBeGreaterThan(100);
    expect(large.queries).toBe(small.queries);
    expect(small.queries).toBeLessThanOrEqual(12);
  });

  it("compares other pairs differently (the plan against the 2023 work points)", async () => {
    const workPoints = (await load("work-points-2022", "work-points-2023")).view.comparison.summary;
    const plan = (await load("plan-2021-2025", "work-points-2023")).view.comparison.summary;
    expect(plan.carried).not.toBe(workPoints.carried);
    expect(plan.dropped).not.toBe(workPoints.dropped);
  });

  it("explains unknown slugs and the same document twice instead of failing", async () => {
    await expect(compare.getDocumentComparison("no-such-document", "work-points-2023")).resolves.toMatchObject({
      status: "invalid",
      problem: "UNKNOWN_FROM",
      fromSlug: "no-such-document",
    });
    await expect(compare.getDocumentComparison("work-points-2022", "nope")).resolves.toMatchObject({
      status: "invalid",
      problem: "UNKNOWN_TO",
    });
    const same = await compare.getDocumentComparison("work-points-2023", "work-points-2023");
    expect(same).toMatchObject({ status: "invalid", problem: "SAME_DOCUMENT" });
    expect(same.documents.length).toBeGreaterThanOrEqual(4);
  });
});

describe("defaultComparisonPair", () => {
  const doc = (slug: string, kind: CompareModule.CompareDocumentOption["kind"], year: number) => ({
    slug,
    title: slug,
    shortTitle: slug,
    kind,
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
  });
  it("picks the two most recent work points, older first, else the two most recent documents", () => {
    expect(
      compare.defaultComparisonPair([
        doc("wp-2022", "WORK_POINTS", 2022),
        doc("scheme", "IMPLEMENTATION_SCHEME", 2025),
        doc("wp-2024", "WORK_POINTS", 2024),
        doc("wp-2023", "WORK_POINTS", 2023),
      ]),
    ).toEqual(["wp-2023", "wp-2024"]);
    expect(compare.defaultComparisonPair([doc("plan", "PLAN", 2025), doc("wp-2022", "WORK_POINTS", 2022)])).toEqual([
      "wp-2022",
      "plan",
    ]);
    expect(compare.defaultComparisonPair([doc("plan", "PLAN", 2025)])).toBeNull();
  });
});
