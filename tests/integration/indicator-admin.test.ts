/**
 * Indicator administration on the seeded database: edit, merge, split and unmerge, each audited; the
 * merged indicator's values counting for the survivor; a re-import of the documents keeping every
 * decision; invalid operations refused with nothing written. Real PostgreSQL.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/server/auth/actor";
import type * as ErrorsModule from "../../lib/server/errors";
import type * as AdminModule from "../../lib/server/indicator-admin";
import type * as IndicatorsModule from "../../lib/server/indicators";
import type * as ObservationsModule from "../../lib/server/observations";
import { importDocuments } from "../../seed/import";
import { makeActor, setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase({ documents: "all" });
let admin: typeof AdminModule;
let indicators: typeof IndicatorsModule;
let observations: typeof ObservationsModule;
let errors: typeof ErrorsModule;
const actors = {} as Record<"admin" | "reviewer" | "editor" | "viewer", Actor>;
const TODAY = "2024-06-30";

const byKey = (key: string) => db.prisma.indicator.findUniqueOrThrow({ where: { key } });

/** Everything an indicator owns, by stable keys (ids of targets/baselines survive re-imports too). */
async function holdings(indicatorId: number) {
  const p = db.prisma;
  const [targets, baselines, synonyms, tasks] = await Promise.all([
    p.indicatorTarget.findMany({ where: { indicatorId }, select: { key: true }, orderBy: { key: "asc" } }),
    p.indicatorBaseline.findMany({ where: { indicatorId }, select: { key: true }, orderBy: { key: "asc" } }),
    p.indicatorSynonym.findMany({ where: { indicatorId }, select: { synonym: true }, orderBy: { synonym: "asc" } }),
    p.taskIndicator.findMany({ where: { indicatorId }, select: { taskId: true }, orderBy: { taskId: "asc" } }),
  ]);
  return {
    targets: targets.map((t) => t.key),
    baselines: baselines.map((b) => b.key),
    synonyms: synonyms.map((s) => s.synonym),
    tasks: tasks.map((t) => t.taskId),
  };
}

/** Row counts and indicator state any write would change. */
async function snapshot() {
  const p = db.prisma;
  return {
    audit: await p.auditLog.count(),
    indicators: await p.indicator.findMany({
      orderBy: { id: "asc" },
      select: { id: true, name: true, unit: true, area: true, mergedIntoId: true },
    }),
    targets: await p.indicatorTarget.findMany({ orderBy: { id: "asc" }, select: { id: true, indicatorId: true } }),
    baselines: await p.indicatorBaseline.findMany({ orderBy: { id: "asc" }, select: { id: true, indicatorId: true } }),
    synonyms: await p.indicatorSynonym.findMany({ orderBy: { id: "asc" }, select: { id: true, indicatorId: true } }),
    links: await p.taskIndicator.count(),
  };
}

async function expectRefused(run: () => Promise<unknown>, code: string, message?: RegExp) {
  const before = await snapshot();
  let error: unknown;
  try {
    await run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(errors.AppError);
  const appError = error as InstanceType<typeof ErrorsModule.AppError>;
  expect(appError.code).toBe(code);
  // What a Chinese interface shows (the wrappers translate; AppError.message itself is English, for logs).
  if (message) expect(appError.toBody("zh-CN").message).toMatch(message);
  expect(await snapshot()).toEqual(before);
}

async function lastAudit(action: string) {
  return db.prisma.auditLog.findFirstOrThrow({ where: { action }, orderBy: { id: "desc" } });
}

beforeAll(async () => {
  admin = await db.load(() => import("../../lib/server/indicator-admin"));
  indicators = await db.load(() => import("../../lib/server/indicators"));
  observations = await db.load(() => import("../../lib/server/observations"));
  errors = await db.load(() => import("../../lib/server/errors"));
  actors.admin = await makeActor(db.prisma, { username: "ind-admin", role: "ADMIN" });
  actors.reviewer = await makeActor(db.prisma, { username: "ind-reviewer", role: "REVIEWER" });
  actors.editor = await makeActor(db.prisma, {
    username: "ind-editor",
    role: "DEPARTMENT_EDITOR",
    department: "省大数据局",
  });
  actors.viewer = await makeActor(db.prisma, { username: "ind-viewer", role: "VIEWER" });
}, 120_000);

describe("editing an indicator", () => {
  it("renames it and changes its area in one audited write, and a re-import keeps the admin's edit", async () => {
    const parking = await byKey("smart-parking-lots");
    const row = await admin.updateIndicator(actors.admin, {
      indicatorId: parking.id,
      name: "智慧停车场数量",
      nameEn: "Smart parking lots",
      unit: "座",
      direction: "HIGHER_IS_BETTER",
      area: "数字基础设施",
      description: "城市公共停车场中完成智慧化改造的数量。",
    });
    expect(row).toMatchObject({ name: "智慧停车场数量", unit: "座", area: "数字基础设施", mergedInto: null });

    const audit = await lastAudit("indicator.update");
    expect(audit).toMatchObject({ entityType: "indicator", entityId: String(parking.id), actorId: actors.admin.id });
    expect(audit.before).toMatchObject({ name: "智慧停车场数", unit: "个", area: "数字社会", nameEn: null });
    expect(audit.after).toMatchObject({
      name: "智慧停车场数量",
      unit: "座",
      area: "数字基础设施",
      nameEn: "Smart parking lots",
    });

    const catalogue = await indicators.listIndicators(TODAY);
    expect(catalogue.find((i) => i.id === parking.id)).toMatchObject({ name: "智慧停车场数量", area: "数字基础设施" });

    await importDocuments(db.prisma, { force: true });
    expect(await byKey("smart-parking-lots")).toMatchObject({
      name: "智慧停车场数量",
      nameEn: "Smart parking lots",
      unit: "座",
      area: "数字基础设施",
      description: "城市公共停车场中完成智慧化改造的数量。",
    });
  });

  it("refuses to rescale the unit (个 → 万个), to edit a merged indicator, and anyone but an admin", async () => {
    const ranches = await byKey("smart-ranches");
    const input = {
      indicatorId: ranches.id,
      name: ranches.name,
      unit: "万个",
      direction: "HIGHER_IS_BETTER" as const,
      area: "数字经济" as const,
    };
    await expectRefused(() => admin.updateIndicator(actors.admin, input), "VALIDATION", /数量级/);
    for (const who of ["reviewer", "editor", "viewer"] as const) {
      await expectRefused(() => admin.updateIndicator(actors[who], { ...input, unit: "个" }), "FORBIDDEN");
    }
    await expectRefused(
      () => admin.updateIndicator(actors.admin, { ...input, unit: "个", area: "火星" as "数字经济" }),
      "VALIDATION",
    );
  });
});

describe("merging two indicators", () => {
  let source: { id: number; key: string };
  let survivor: { id: number; key: string };
  let sourceHoldings: Awaited<ReturnType<typeof holdings>>;
  let survivorHoldings: Awaited<ReturnType<typeof holdings>>;
  let observationId: number;

  beforeAll(async () => {
    // The rural-household gigabit share and the household gigabit coverage: a policy call to merge.
    source = await byKey("rural-gigabit-households");
    survivor = await byKey("gigabit-home-coverage");
    sourceHoldings = await holdings(source.id);
    survivorHoldings = await holdings(survivor.id);
    const recorded = await observations.recordObservation(
      actors.admin,
      { indicatorId: source.id, value: 97.5, asOf: "2024-03-31", source: "STATISTICAL_BULLETIN" },
      new Date("2024-06-30T02:00:00Z"),
    );
    observationId = recorded.id;
  });

  it("moves targets, baselines, synonyms and task links to the survivor, audited", async () => {
    expect(sourceHoldings.targets.length).toBeGreaterThan(0);
    expect(sourceHoldings.synonyms.length).toBeGreaterThan(0);
    expect(sourceHoldings.tasks.length).toBeGreaterThan(0);

    const result = await admin.mergeIndicator(actors.admin, { sourceId: source.id, targetId: survivor.id });
    expect(result).toEqual({
      survivorId: survivor.id,
      moved: {
        targets: sourceHoldings.targets.length,
        baselines: sourceHoldings.baselines.length,
        synonyms: sourceHoldings.synonyms.length,
        tasks: sourceHoldings.tasks.length,
      },
    });
    expect(await holdings(source.id)).toEqual({ targets: [], baselines: [], synonyms: [], tasks: [] });
    const merged = await holdings(survivor.id);
    expect(merged.targets).toEqual([...survivorHoldings.targets, ...sourceHoldings.targets].sort());
    expect(merged.synonyms).toEqual([...survivorHoldings.synonyms, ...sourceHoldings.synonyms].sort());
    expect(merged.tasks).toEqual(
      [...new Set([...survivorHoldings.tasks, ...sourceHoldings.tasks])].sort((a, b) => a - b),
    );
    expect((await byKey(source.key)).mergedIntoId).toBe(survivor.id);

    const audit = await lastAudit("indicator.merge");
    expect(audit).toMatchObject({ entityType: "indicator", entityId: String(source.id), actorId: actors.admin.id });
    expect(audit.before).toMatchObject({
      source: { key: source.key, mergedIntoId: null },
      target: { key: survivor.key },
    });
    expect(audit.after).toMatchObject({ mergedIntoId: survivor.id });
    expect((audit.after as { moved: { synonyms: string[] } }).moved.synonyms.sort()).toEqual(sourceHoldings.synonyms);
  });

  it("counts the merged indicator's observations for the survivor, in the catalogue and its history", async () => {
    const catalogue = await indicators.listIndicators(TODAY);
    expect(catalogue.some((i) => i.id === source.id)).toBe(false);
    const row = catalogue.find((i) => i.id === survivor.id);
    expect(row?.latest).toEqual({ value: 97.5, asOf: "2024-03-31" });
    expect(row?.status).not.toBe("NO_DATA");
    expect(row?.targetCount).toBe(
      await db.prisma.indicatorTarget.count({ where: { indicatorId: survivor.id, retiredAt: null } }),
    );
    expect((await observations.listObservations(survivor.id)).map((o) => o.id)).toContain(observationId);

    // The old page points to the survivor; no value can be entered on it any more.
    expect((await indicators.getIndicator(source.id))?.mergedInto).toEqual({
      id: survivor.id,
      name: expect.any(String),
    });
    await expectRefused(
      () =>
        observations.recordObservation(actors.admin, {
          indicatorId: source.id,
          value: 98,
          asOf: "2024-04-30",
          source: "OTHER",
        }),
      "CONFLICT",
    );
    // A value entered on the merged indicator is corrected on the survivor.
    const corrected = await observations.recordObservation(
      actors.admin,
      {
        indicatorId: survivor.id,
        value: 97.8,
        asOf: "2024-03-31",
        source: "STATISTICAL_BULLETIN",
        supersedesId: observationId,
      },
      new Date("2024-06-30T02:00:00Z"),
    );
    const latest = (await indicators.listIndicators(TODAY)).find((i) => i.id === survivor.id)?.latest;
    expect(latest).toEqual({ value: 97.8, asOf: "2024-03-31" });
    expect(corrected.supersedesId).toBe(observationId);
  });

  it("survives a re-import: the merged indicator's targets land on the survivor, nothing comes back", async () => {
    const before = await holdings(survivor.id);
    const indicatorCount = await db.prisma.indicator.count();
    await importDocuments(db.prisma, { force: true });
    expect(await holdings(survivor.id)).toEqual(before);
    expect(await holdings(source.id)).toEqual({ targets: [], baselines: [], synonyms: [], tasks: [] });
    expect(await db.prisma.indicator.count()).toBe(indicatorCount);
    expect((await byKey(source.key)).mergedIntoId).toBe(survivor.id);
    expect((await indicators.listIndicators(TODAY)).some((i) => i.id === source.id)).toBe(false);
  });

  it("refuses merging into itself, into or from a merged indicator, across units or directions", async () => {
    const a = actors.admin;
    const ports = await byKey("pon-10g-ports");
    const share = await byKey("pon-10g-port-share");
    await expectRefused(
      () => admin.mergeIndicator(a, { sourceId: ports.id, targetId: ports.id }),
      "VALIDATION",
      /自己/,
    );
    await expectRefused(
      () => admin.mergeIndicator(a, { sourceId: ports.id, targetId: source.id }),
      "CONFLICT",
      /已合并/,
    );
    await expectRefused(
      () => admin.mergeIndicator(a, { sourceId: source.id, targetId: ports.id }),
      "CONFLICT",
      /已合并/,
    );
    await expectRefused(
      () => admin.mergeIndicator(a, { sourceId: ports.id, targetId: share.id }),
      "VALIDATION",
      /单位不一致（个 与 %）/,
    );
    const rank = await byKey("it-industrialization-integration-rank");
    await db.prisma.indicator.update({ where: { id: rank.id }, data: { direction: "LOWER_IS_BETTER", unit: "个" } });
    await expectRefused(() => admin.mergeIndicator(a, { sourceId: rank.id, targetId: ports.id }), "VALIDATION", /方向/);
    await db.prisma.indicator.update({ where: { id: rank.id }, data: { direction: rank.direction, unit: rank.unit } });
    await expectRefused(() => admin.mergeIndicator(a, { sourceId: ports.id, targetId: 2_000_000_000 }), "NOT_FOUND");
    for (const who of ["reviewer", "editor", "viewer"] as const) {
      await expectRefused(
        () => admin.mergeIndicator(actors[who], { sourceId: ports.id, targetId: share.id }),
        "FORBIDDEN",
      );
    }
  });

  it("re-points indicators merged into the source at the new survivor: never a chain", async () => {
    const lab = await byKey("name:实验室");
    const innovationLab = await byKey("name:大数据发展创新实验室");
    const scenarios = await byKey("name:大数据应用场景和解决方案");
    await admin.mergeIndicator(actors.admin, { sourceId: lab.id, targetId: innovationLab.id });
    await admin.mergeIndicator(actors.admin, { sourceId: innovationLab.id, targetId: scenarios.id });
    expect((await byKey(lab.key)).mergedIntoId).toBe(scenarios.id);
    expect((await byKey(innovationLab.key)).mergedIntoId).toBe(scenarios.id);
    expect((await lastAudit("indicator.merge")).after).toMatchObject({ moved: { repointedIndicatorIds: [lab.id] } });
  });

  it("unmerges: the indicator comes back with its own targets, synonyms and links, and takes its values along", async () => {
    const detail = await admin.getIndicatorForAdmin(actors.admin, survivor.id);
    const entry = detail?.mergedFrom.find((m) => m.id === source.id);
    expect(entry).toBeDefined();
    // What the form ticks by default: what the documents wrote for its key and what the merge moved.
    const suggested = entry!.suggested;
    expect(suggested.targetIds).toHaveLength(sourceHoldings.targets.length);
    expect(suggested.synonymIds).toHaveLength(sourceHoldings.synonyms.length);

    await admin.unmergeIndicator(actors.admin, { indicatorId: survivor.id, mergedId: source.id, ...suggested });
    expect(await holdings(source.id)).toEqual(sourceHoldings);
    expect(await holdings(survivor.id)).toEqual(survivorHoldings);
    expect((await byKey(source.key)).mergedIntoId).toBeNull();
    const audit = await lastAudit("indicator.unmerge");
    expect(audit).toMatchObject({ entityId: String(source.id), after: { mergedIntoId: null } });

    const catalogue = await indicators.listIndicators(TODAY);
    // Its value came back with it, and so did the correction entered from the survivor's page: a
    // correction belongs to the indicator of the value it corrects (observations never move).
    expect(catalogue.some((i) => i.id === source.id)).toBe(true);
    const correction = await db.prisma.observation.findUniqueOrThrow({ where: { supersedesId: observationId } });
    const history = await observations.listObservations(source.id);
    expect(history.map((o) => [o.id, o.supersededById !== null])).toEqual([
      [correction.id, false],
      [observationId, true],
    ]);
    const survivorHistory = (await observations.listObservations(survivor.id)).map((o) => o.id);
    expect(survivorHistory).not.toContain(observationId);
    expect(survivorHistory).not.toContain(correction.id);
    expect(catalogue.find((i) => i.id === source.id)?.latest).toEqual({ value: 97.8, asOf: "2024-03-31" });
    expect(catalogue.find((i) => i.id === survivor.id)?.latest).not.toEqual({ value: 97.8, asOf: "2024-03-31" });

    await importDocuments(db.prisma, { force: true });
    expect(await holdings(source.id)).toEqual(sourceHoldings);
    expect(await holdings(survivor.id)).toEqual(survivorHoldings);

    await expectRefused(
      () => admin.unmergeIndicator(actors.admin, { indicatorId: survivor.id, mergedId: source.id }),
      "CONFLICT",
      /没有合并/,
    );
  });
});

describe("splitting an indicator", () => {
  it("moves the chosen targets and synonyms to a new indicator, relinks tasks, and a re-import keeps it", async () => {
    // 智慧化（创新）应用场景数 holds a 项 target and a 个 target: split the 项 one off.
    const scenes = await byKey("smart-application-scenarios");
    const targets = await db.prisma.indicatorTarget.findMany({
      where: { indicatorId: scenes.id },
      select: { id: true, key: true, unit: true, taskId: true },
      orderBy: { id: "asc" },
    });
    const moving = targets.find((t) => t.unit === "项")!;
    const staying = targets.filter((t) => t.id !== moving.id);
    const synonym = await db.prisma.indicatorSynonym.findFirstOrThrow({ where: { indicatorId: scenes.id } });
    const before = await holdings(scenes.id);

    const created = await admin.splitIndicator(actors.admin, {
      indicatorId: scenes.id,
      key: "smart-innovation-scenario-items",
      name: "智慧化创新应用场景项数",
      unit: "项",
      direction: "HIGHER_IS_BETTER",
      area: "数字社会",
      targetIds: [moving.id],
      synonymIds: [synonym.id],
    });
    const split = await holdings(created.id);
    expect(split.targets).toEqual([moving.key]);
    expect(split.synonyms).toEqual([synonym.synonym]);
    expect(split.tasks).toEqual(moving.taskId ? [moving.taskId] : []);
    const rest = await holdings(scenes.id);
    expect(rest.targets).toEqual(staying.map((t) => t.key).sort());
    expect(rest.synonyms).toEqual(before.synonyms.filter((s) => s !== synonym.synonym));
    expect(rest.tasks).toEqual(
      [...new Set(staying.flatMap((t) => (t.taskId ? [t.taskId] : [])))].sort((a, b) => a - b),
    );

    const audit = await lastAudit("indicator.split");
    expect(audit).toMatchObject({ entityId: String(scenes.id), actorId: actors.admin.id });
    expect(audit.after).toMatchObject({
      created: { key: "smart-innovation-scenario-items", unit: "项" },
      moved: { targetIds: [moving.id], synonyms: [synonym.synonym] },
    });
    const catalogue = await indicators.listIndicators(TODAY);
    expect(catalogue.find((i) => i.id === created.id)).toMatchObject({
      name: "智慧化创新应用场景项数",
      targetCount: 1,
    });

    await importDocuments(db.prisma, { force: true });
    expect(await holdings(created.id)).toEqual(split);
    expect(await holdings(scenes.id)).toEqual(rest);
  });

  it("refuses a taken key, nothing chosen, items of another indicator, a merged indicator", async () => {
    const communities = await byKey("smart-communities");
    const target = await db.prisma.indicatorTarget.findFirstOrThrow({ where: { indicatorId: communities.id } });
    const foreign = await db.prisma.indicatorTarget.findFirstOrThrow({
      where: { indicator: { key: "5g-base-stations" } },
    });
    const base = {
      indicatorId: communities.id,
      key: "smart-communities-split",
      name: "智慧社区拆分",
      unit: "个",
      direction: "HIGHER_IS_BETTER" as const,
      area: "数字社会" as const,
    };
    await expectRefused(() => admin.splitIndicator(actors.admin, { ...base, targetIds: [] }), "VALIDATION", /至少/);
    await expectRefused(
      () => admin.splitIndicator(actors.admin, { ...base, key: "5g-base-stations", targetIds: [target.id] }),
      "CONFLICT",
      /已被使用/,
    );
    await expectRefused(
      () => admin.splitIndicator(actors.admin, { ...base, targetIds: [target.id, foreign.id] }),
      "VALIDATION",
      /不属于/,
    );
    await expectRefused(
      () => admin.splitIndicator(actors.admin, { ...base, key: "Bad Key", targetIds: [target.id] }),
      "VALIDATION",
    );
    const merged = await byKey("name:实验室");
    await expectRefused(
      () => admin.splitIndicator(actors.admin, { ...base, indicatorId: merged.id, targetIds: [target.id] }),
      "CONFLICT",
    );
    await expectRefused(() => admin.splitIndicator(actors.reviewer, { ...base, targetIds: [target.id] }), "FORBIDDEN");
  });
});

describe("reading for the admin", () => {
  it("lists every indicator with search, area and merged state; refuses non-admins", async () => {
    const merged = (await admin.pageIndicatorsForAdmin(actors.admin, { state: "merged" }, 1)).items;
    expect(merged.map((m) => m.key).sort()).toEqual(["name:大数据发展创新实验室", "name:实验室"]);
    expect(merged.every((m) => m.mergedInto?.name)).toBe(true);
    const bySynonym = (await admin.pageIndicatorsForAdmin(actors.admin, { q: "5G基站" }, 1)).items;
    expect(bySynonym.map((i) => i.key)).toContain("5g-base-stations");
    const economy = (await admin.pageIndicatorsForAdmin(actors.admin, { area: "数字经济", state: "active" }, 1)).items;
    expect(economy.length).toBeGreaterThan(0);
    expect(economy.every((i) => i.area === "数字经济" && i.mergedInto === null)).toBe(true);
    expect(await admin.listIndicatorAreas(actors.admin)).toEqual(
      expect.arrayContaining(["数字基础设施", "数字经济", "数字政府", "数字社会", "数字生态", "其他"]),
    );
    await expect(admin.pageIndicatorsForAdmin(actors.viewer, {}, 1)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(admin.getIndicatorForAdmin(actors.editor, 1)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("pages the list, 50 a page in a stable order, with the total; a page past the end shows the last", async () => {
    const all = await db.prisma.indicator.count();
    const first = await admin.pageIndicatorsForAdmin(actors.admin, {}, 1);
    expect(first.total).toBe(all);
    expect(first.items).toHaveLength(Math.min(all, admin.ADMIN_INDICATOR_PAGE_SIZE));
    const pages = Math.ceil(all / admin.ADMIN_INDICATOR_PAGE_SIZE);
    const seen = new Set<number>();
    for (let page = 1; page <= pages; page++) {
      for (const row of (await admin.pageIndicatorsForAdmin(actors.admin, {}, page)).items) seen.add(row.id);
    }
    expect(seen.size).toBe(all);
    const beyond = await admin.pageIndicatorsForAdmin(actors.admin, {}, pages + 5);
    expect(beyond.page).toBe(pages);
    expect((await admin.pageIndicatorsForAdmin(actors.admin, {}, -3)).page).toBe(1);
  });

  it("searches merge candidates on the server: active ones only, never the source, at most 20", async () => {
    const source = await byKey("5g-base-stations");
    const found = await admin.searchMergeCandidates(actors.admin, { sourceId: source.id, q: "5G" });
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.every((c) => c.id !== source.id)).toBe(true);
    const mergedIds = (await db.prisma.indicator.findMany({ where: { mergedIntoId: { not: null } } })).map((i) => i.id);
    expect(found.items.some((c) => mergedIds.includes(c.id))).toBe(false);
    // By synonym too, like the list.
    const other = await db.prisma.indicator.findFirstOrThrow({
      where: { mergedIntoId: null, id: { not: source.id }, synonyms: { some: {} } },
      select: { id: true, synonyms: { select: { synonym: true }, take: 1 } },
    });
    const bySynonym = await admin.searchMergeCandidates(actors.admin, {
      sourceId: source.id,
      q: other.synonyms[0]!.synonym,
    });
    expect(bySynonym.items.map((c) => c.id)).toContain(other.id);
    // Without a search: the source's area, limited, saying when there are more.
    const sameArea = await admin.searchMergeCandidates(actors.admin, { sourceId: source.id });
    expect(sameArea.items.every((c) => c.area === source.area)).toBe(true);
    expect(sameArea.items.length).toBeLessThanOrEqual(admin.MERGE_CANDIDATE_LIMIT);
    const everything = await admin.searchMergeCandidates(actors.admin, { sourceId: source.id, q: "-" });
    expect(everything.items).toHaveLength(admin.MERGE_CANDIDATE_LIMIT);
    expect(everything.more).toBe(true);
    await expect(admin.searchMergeCandidates(actors.reviewer, { sourceId: source.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
