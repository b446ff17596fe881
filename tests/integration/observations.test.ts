/** Actual values: who may enter them, append-only corrections, validation. Real PostgreSQL. */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/server/auth/actor";
import type * as ErrorsModule from "../../lib/server/errors";
import type { ObservationInput } from "../../lib/schemas/observations";
import type * as ObservationsModule from "../../lib/server/observations";
import { makeActor, setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase({ documents: "all" });
let obs: typeof ObservationsModule;
let errors: typeof ErrorsModule;
let indicatorId: number; // 5G base stations
const actors = {} as Record<"reviewer" | "lead" | "other" | "viewer" | "admin", Actor>;

beforeAll(async () => {
  obs = await db.load(() => import("../../lib/server/observations"));
  errors = await db.load(() => import("../../lib/server/errors"));
  const indicator = await db.prisma.indicator.findUniqueOrThrow({
    where: { key: "5g-base-stations" },
    select: {
      id: true,
      tasks: {
        select: {
          task: {
            select: { assignments: { where: { role: "LEAD" }, select: { department: { select: { name: true } } } } },
          },
        },
      },
    },
  });
  indicatorId = indicator.id;
  const leadName = indicator.tasks.flatMap((t) => t.task.assignments.map((a) => a.department.name))[0];
  if (!leadName) throw new Error("5G base stations should be linked to a task with a lead unit");
  actors.reviewer = await makeActor(db.prisma, { username: "obs-reviewer", role: "REVIEWER" });
  actors.lead = await makeActor(db.prisma, { username: "obs-lead", role: "DEPARTMENT_EDITOR", department: leadName });
  actors.other = await makeActor(db.prisma, {
    username: "obs-other",
    role: "DEPARTMENT_EDITOR",
    department: leadName === "省大数据局" ? "省教育厅" : "省大数据局",
  });
  actors.viewer = await makeActor(db.prisma, { username: "obs-viewer", role: "VIEWER" });
  actors.admin = await makeActor(db.prisma, { username: "obs-admin", role: "ADMIN" });
}, 120_000);

const entry = (overrides: Partial<ObservationInput> = {}): ObservationInput => ({
  indicatorId,
  value: 185_000,
  asOf: "2023-06-30",
  source: "STATISTICAL_BULLETIN",
  sourceDetail: "2023年上半年通信业统计",
  ...overrides,
});

describe("actual values", () => {
  it("a reviewer and an editor of a lead unit record values; others may not, and nothing is written", async () => {
    const first = await obs.recordObservation(actors.reviewer, entry());
    expect(first).toMatchObject({ value: 185000, asOf: "2023-06-30", enteredBy: "obs-reviewer", supersedesId: null });
    await obs.recordObservation(
      actors.lead,
      entry({ value: 202_000, asOf: "2023-12-31", source: "DEPARTMENT_REPORT" }),
    );
    const before = await db.prisma.observation.count();
    for (const who of ["other", "viewer"] as const) {
      await expect(obs.recordObservation(actors[who], entry())).rejects.toSatisfy(
        (e: unknown) => e instanceof errors.AppError && e.code === "FORBIDDEN",
      );
    }
    expect(await db.prisma.observation.count()).toBe(before);
    expect(await obs.canRecordObservation(actors.lead, indicatorId)).toBe(true);
    expect(await obs.canRecordObservation(actors.other, indicatorId)).toBe(false);
  });

  it("a correction is a new row; the old one stays, marked, and can be corrected only once", async () => {
    const wrong = await obs.recordObservation(actors.reviewer, entry({ value: 1_850_000, asOf: "2023-03-31" }));
    const fixed = await obs.recordObservation(
      actors.reviewer,
      entry({ value: 185_000, asOf: "2023-03-31", supersedesId: wrong.id }),
    );
    const history = await obs.listObservations(indicatorId);
    expect(history.find((o) => o.id === wrong.id)?.supersededById).toBe(fixed.id);
    expect(history.find((o) => o.id === fixed.id)?.supersedesId).toBe(wrong.id);
    await expect(obs.recordObservation(actors.reviewer, entry({ supersedesId: wrong.id }))).rejects.toSatisfy(
      (e: unknown) => e instanceof errors.AppError && e.code === "CONFLICT",
    );
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "observation.correct" } });
    expect(audit.before).toMatchObject({ id: wrong.id, value: 1850000 });
    // Append-only in the database itself.
    await expect(db.prisma.observation.update({ where: { id: wrong.id }, data: { note: "改写" } })).rejects.toThrow(
      /append-only/,
    );
  });

  it("a correction of a merged-in value, made from the survivor, stays with its own indicator through an unmerge", async () => {
    const admin = await import("../../lib/server/indicator-admin");
    const merged = await db.prisma.indicator.findUniqueOrThrow({ where: { key: "rural-gigabit-households" } });
    const survivor = await db.prisma.indicator.findUniqueOrThrow({ where: { key: "gigabit-home-coverage" } });
    // A scale of its own, to show the correction is normalised by the merged indicator, not the survivor.
    await db.prisma.indicator.update({ where: { id: merged.id }, data: { unitScale: 0.01 } });
    const original = await obs.recordObservation(actors.reviewer, {
      indicatorId: merged.id,
      value: 9.75,
      asOf: "2024-03-31",
      source: "STATISTICAL_BULLETIN",
    });
    await admin.mergeIndicator(actors.admin, { sourceId: merged.id, targetId: survivor.id });

    // Corrected from the survivor's page, where the merged indicator's values show.
    const fixed = await obs.recordObservation(actors.reviewer, {
      indicatorId: survivor.id,
      value: 97.5,
      asOf: "2024-03-31",
      source: "STATISTICAL_BULLETIN",
      supersedesId: original.id,
    });
    const stored = await db.prisma.observation.findUniqueOrThrow({ where: { id: fixed.id } });
    expect(stored.indicatorId).toBe(merged.id);
    expect(Number(stored.normalizedValue)).toBeCloseTo(0.975, 6);
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "observation.correct", entityId: String(fixed.id) },
    });
    expect(audit.after).toMatchObject({ indicatorId: merged.id, value: 97.5, supersedesId: original.id });
    expect((await obs.listObservations(survivor.id)).map((o) => o.id)).toEqual(
      expect.arrayContaining([original.id, fixed.id]),
    );

    await admin.unmergeIndicator(actors.admin, { indicatorId: survivor.id, mergedId: merged.id });
    const own = await obs.listObservations(merged.id);
    expect(own.find((o) => o.id === original.id)).toMatchObject({ value: 9.75, supersededById: fixed.id });
    expect(own.find((o) => o.id === fixed.id)).toMatchObject({ value: 97.5, supersedesId: original.id });
    const survivorIds = (await obs.listObservations(survivor.id)).map((o) => o.id);
    expect(survivorIds).not.toContain(original.id);
    expect(survivorIds).not.toContain(fixed.id);
  });

  it.each([
    ["a future date", { asOf: "2999-01-01" }, "VALIDATION"],
    ["an unknown indicator", { indicatorId: 999_999 }, "NOT_FOUND"],
    ["a correction of another indicator's value", { supersedesId: 999_999 }, "NOT_FOUND"],
  ])("%s is refused with a clear error and nothing written", async (_label, overrides, code) => {
    const before = await db.prisma.observation.count();
    await expect(obs.recordObservation(actors.reviewer, entry(overrides))).rejects.toSatisfy(
      (e: unknown) => e instanceof errors.AppError && e.code === code,
    );
    expect(await db.prisma.observation.count()).toBe(before);
  });

  it.each([
    ["a value that is not a number", { value: "十八万" }],
    ["an unknown source", { source: "RUMOUR" }],
    ["an oversize note", { note: "长".repeat(1001) }],
  ])("%s fails validation", async (_label, overrides) => {
    await expect(obs.recordObservation(actors.reviewer, entry(overrides as never))).rejects.toThrow();
  });

  it("the catalogue judges the indicator by 序时进度 from its values, baseline and targets", async () => {
    const { listIndicators } = await import("../../lib/server/indicators");
    const fiveG = (await listIndicators("2023-07-01")).find((i) => i.key === "5g-base-stations")!;
    // Baseline 51,000 (2020-12-31); the target that counts is ≥200,000 by 2023-12-31; the latest value
    // on or before 2023-07-01 is 185,000 (2023-06-30; the 202,000 of 2023-12-31 is not yet known then).
    // Expected share 912/1095 = 0.833, actual (185000-51000)/(200000-51000) = 0.899: ahead of pace.
    expect(fiveG).toMatchObject({
      status: "ON_PACE",
      reason: "AHEAD_OF_PACE",
      latest: { value: 185000, asOf: "2023-06-30" },
      target: { value: 200000, comparator: "GTE", dueDate: "2023-12-31" },
    });
    expect(fiveG.actualShare).toBeCloseTo(134000 / 149000, 6);
    // At the end of 2023 the recorded 202,000 meets the target.
    const later = (await listIndicators("2024-01-15")).find((i) => i.key === "5g-base-stations")!;
    expect(later.status).toBe("ACHIEVED");
    // An indicator nobody has reported on yet has no data.
    const untouched = (await listIndicators("2023-07-01")).find((i) => i.key === "data-center-standard-racks")!;
    expect(untouched.status).toBe("NO_DATA");
  });
});
