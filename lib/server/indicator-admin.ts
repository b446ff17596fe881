import "server-only";
import { utcDay } from "../domain/dates";
import type { z } from "zod";
import { INDICATOR_AREAS, type IndicatorAdminState, sameUnit } from "../domain/indicator-admin";
import {
  mergeIndicatorSchema,
  splitIndicatorSchema,
  unmergeIndicatorSchema,
  updateIndicatorSchema,
  type MergeIndicatorInput,
  type SplitIndicatorInput,
  type UnmergeIndicatorInput,
  type UpdateIndicatorInput,
} from "../schemas/indicator-admin";
import { unitMagnitude } from "../domain/indicator-units";
import type { Prisma } from "../generated/prisma/client";
import { writeAudit } from "./audit";
import { isAdmin, type Actor } from "./auth/actor";
import { getDb } from "./db";
import { AppError, forbidden, notFound } from "./errors";
import { validationError } from "./failures";
import { msg, type Message } from "../i18n/message";

/**
 * Indicator administration: edit, merge, split and unmerge. Admins only, each operation one transaction
 * with its audit entry (before/after). How the decisions survive a re-import of the documents:
 *
 * - the importer creates an indicator only for a metric key it has never seen, so edits to name, unit,
 *   area… are never overwritten;
 * - a merged indicator keeps its key and row (mergedIntoId = survivor): the importer resolves the key to
 *   the survivor, so the documents' targets for it land there instead of resurrecting it;
 * - the importer keeps an existing target's or baseline's indicator (its key is stable), so targets an
 *   admin moved by a split or unmerge stay where the admin put them.
 *
 * Observations are append-only (the database refuses UPDATE), so they never move: a survivor's readings
 * include the observations of the indicators merged into it (lib/server/indicators.ts, observations.ts);
 * an unmerge gives them back by itself. A split leaves them with the original indicator (they were
 * recorded against that metric); the new indicator starts without values.
 */

type Tx = Prisma.TransactionClient;

function assertAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden("manageIndicators");
}

/** Parses an operation's input: a bad one is a typed VALIDATION error with field messages, not a ZodError. */
function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

const invalid = (message: Message, fieldErrors?: Record<string, Message[]>) =>
  new AppError("VALIDATION", message, fieldErrors ? { fieldErrors } : {});

// ───────────────────────────── reads ─────────────────────────────

export type { IndicatorAdminState };

export interface AdminIndicatorRow {
  id: number;
  key: string;
  name: string;
  nameEn: string | null;
  unit: string;
  area: string;
  direction: "HIGHER_IS_BETTER" | "LOWER_IS_BETTER";
  mergedInto: { id: number; name: string } | null;
  targetCount: number;
  baselineCount: number;
  synonymCount: number;
  observationCount: number;
  taskCount: number;
}

const rowSelect = {
  id: true,
  key: true,
  name: true,
  nameEn: true,
  unit: true,
  area: true,
  direction: true,
  mergedInto: { select: { id: true, name: true } },
  _count: {
    select: {
      targets: { where: { retiredAt: null } },
      baselines: { where: { retiredAt: null } },
      synonyms: true,
      observations: true,
      tasks: true,
    },
  },
} as const satisfies Prisma.IndicatorSelect;

function toRow(row: Prisma.IndicatorGetPayload<{ select: typeof rowSelect }>): AdminIndicatorRow {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    nameEn: row.nameEn,
    unit: row.unit,
    area: row.area,
    direction: row.direction,
    mergedInto: row.mergedInto,
    targetCount: row._count.targets,
    baselineCount: row._count.baselines,
    synonymCount: row._count.synonyms,
    observationCount: row._count.observations,
    taskCount: row._count.tasks,
  };
}

export interface AdminIndicatorFilters {
  q?: string;
  area?: string;
  state?: IndicatorAdminState;
}

/** Rows per page of the admin list: each row counts five relations. */
export const ADMIN_INDICATOR_PAGE_SIZE = 50;

/** The text search of the admin list and of merge candidates: name, English name, key and synonyms. */
function textSearch(q: string): Prisma.IndicatorWhereInput {
  return {
    OR: [
      { name: { contains: q, mode: "insensitive" } },
      { nameEn: { contains: q, mode: "insensitive" } },
      { key: { contains: q, mode: "insensitive" } },
      { synonyms: { some: { synonym: { contains: q, mode: "insensitive" } } } },
    ],
  };
}

function adminWhere(filters: AdminIndicatorFilters): Prisma.IndicatorWhereInput {
  const q = filters.q?.trim().slice(0, 100);
  return {
    ...(filters.area ? { area: filters.area } : {}),
    ...(filters.state === "active" ? { mergedIntoId: null } : {}),
    ...(filters.state === "merged" ? { mergedIntoId: { not: null } } : {}),
    ...(q ? textSearch(q) : {}),
  };
}

/**
 * One page (1-based) of the admin list — every indicator, merged ones too, filtered by area, state and
 * a text search — with the number of matching indicators.
 */
export async function pageIndicatorsForAdmin(
  actor: Actor,
  filters: AdminIndicatorFilters,
  page: number,
): Promise<{ items: AdminIndicatorRow[]; total: number; page: number; pageSize: number }> {
  assertAdmin(actor);
  const db = getDb();
  const where = adminWhere(filters);
  const total = await db.indicator.count({ where });
  const pages = Math.max(1, Math.ceil(total / ADMIN_INDICATOR_PAGE_SIZE));
  // A page past the end (a stale link after a merge) shows the last one.
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const rows = await db.indicator.findMany({
    where,
    orderBy: [{ area: "asc" }, { name: "asc" }, { id: "asc" }],
    skip: (current - 1) * ADMIN_INDICATOR_PAGE_SIZE,
    take: ADMIN_INDICATOR_PAGE_SIZE,
    select: rowSelect,
  });
  return { items: rows.map(toRow), total, page: current, pageSize: ADMIN_INDICATOR_PAGE_SIZE };
}

export interface MergeCandidateRow {
  id: number;
  key: string;
  name: string;
  unit: string;
  area: string;
  direction: "HIGHER_IS_BETTER" | "LOWER_IS_BETTER";
}

/** At most this many merge candidates per search: the admin narrows the search rather than scrolls. */
export const MERGE_CANDIDATE_LIMIT = 20;

/**
 * Indicators `sourceId` could be merged into (active, not itself), matching `q` like the admin list
 * (name, English name, key, synonyms); without `q`, those of the source's own area. At most
 * {@link MERGE_CANDIDATE_LIMIT}, plus whether there are more.
 */
export async function searchMergeCandidates(
  actor: Actor,
  input: { sourceId: number; q?: string },
): Promise<{ items: MergeCandidateRow[]; more: boolean }> {
  assertAdmin(actor);
  const db = getDb();
  const source = await db.indicator.findUnique({ where: { id: input.sourceId }, select: { area: true } });
  if (!source) throw notFound("indicator");
  const q = input.q?.trim().slice(0, 100);
  const rows = await db.indicator.findMany({
    where: { mergedIntoId: null, id: { not: input.sourceId }, ...(q ? textSearch(q) : { area: source.area }) },
    orderBy: [{ area: "asc" }, { name: "asc" }, { id: "asc" }],
    take: MERGE_CANDIDATE_LIMIT + 1,
    select: { id: true, key: true, name: true, unit: true, area: true, direction: true },
  });
  return { items: rows.slice(0, MERGE_CANDIDATE_LIMIT), more: rows.length > MERGE_CANDIDATE_LIMIT };
}

/** The areas in use, in the strategy's order first, then any other spelling already stored. */
export async function listIndicatorAreas(actor: Actor): Promise<string[]> {
  assertAdmin(actor);
  const rows = await getDb().indicator.findMany({ distinct: ["area"], select: { area: true } });
  const stored = rows.map((r) => r.area);
  return [
    ...INDICATOR_AREAS.filter((a) => stored.includes(a)),
    ...stored.filter((a) => !(INDICATOR_AREAS as readonly string[]).includes(a)).sort(),
  ];
}

export interface AdminIndicatorDetail extends AdminIndicatorRow {
  description: string | null;
  synonyms: { id: number; synonym: string }[];
  targets: {
    id: number;
    key: string;
    name: string;
    valueAsWritten: string;
    unit: string;
    dueDate: string;
    document: string;
    taskNumber: string | null;
    retired: boolean;
  }[];
  baselines: {
    id: number;
    key: string;
    name: string;
    valueAsWritten: string;
    unit: string;
    asOf: string;
    document: string | null;
    retired: boolean;
  }[];
  tasks: { id: number; number: string; document: string }[];
  /** Indicators merged into this one, with what an unmerge would give back by default. */
  mergedFrom: {
    id: number;
    key: string;
    name: string;
    unit: string;
    observationCount: number;
    suggested: { targetIds: number[]; baselineIds: number[]; synonymIds: number[] };
  }[];
}

/** Whether a target or baseline key (`slug#metric#n`, `slug#baseline#metric#n`) was written for `metricKey`. */
const keyIsFor = (key: string, metricKey: string) => {
  const parts = key.split("#");
  return parts.at(-2) === metricKey;
};

export async function getIndicatorForAdmin(actor: Actor, id: number): Promise<AdminIndicatorDetail | null> {
  assertAdmin(actor);
  const db = getDb();
  const row = await db.indicator.findUnique({
    where: { id },
    select: {
      ...rowSelect,
      description: true,
      synonyms: { orderBy: { synonym: "asc" }, select: { id: true, synonym: true } },
      targets: {
        orderBy: [{ retiredAt: { sort: "desc", nulls: "first" } }, { dueDate: "asc" }, { id: "asc" }],
        select: {
          id: true,
          key: true,
          name: true,
          valueAsWritten: true,
          unit: true,
          dueDate: true,
          retiredAt: true,
          document: { select: { shortTitle: true } },
          task: { select: { number: true } },
        },
      },
      baselines: {
        orderBy: [{ retiredAt: { sort: "desc", nulls: "first" } }, { asOf: "asc" }, { id: "asc" }],
        select: {
          id: true,
          key: true,
          name: true,
          valueAsWritten: true,
          unit: true,
          asOf: true,
          retiredAt: true,
          document: { select: { shortTitle: true } },
        },
      },
      tasks: {
        orderBy: { taskId: "asc" },
        select: { task: { select: { id: true, number: true, document: { select: { shortTitle: true } } } } },
      },
      mergedFrom: {
        orderBy: { name: "asc" },
        select: { id: true, key: true, name: true, unit: true, _count: { select: { observations: true } } },
      },
    },
  });
  if (!row) return null;
  // Synonyms an unmerge should give back: those the merge moved (recorded in its audit entry).
  const merges = row.mergedFrom.length
    ? await db.auditLog.findMany({
        where: {
          action: "indicator.merge",
          entityType: "indicator",
          entityId: { in: row.mergedFrom.map((m) => String(m.id)) },
        },
        orderBy: { id: "desc" },
        select: { entityId: true, after: true },
      })
    : [];
  const movedSynonyms = (mergedId: number): string[] => {
    const entry = merges.find((m) => m.entityId === String(mergedId));
    const moved = (entry?.after as { moved?: { synonyms?: unknown } } | null)?.moved?.synonyms;
    return Array.isArray(moved) ? moved.filter((s): s is string => typeof s === "string") : [];
  };
  return {
    ...toRow(row),
    description: row.description,
    synonyms: row.synonyms,
    targets: row.targets.map((t) => ({
      id: t.id,
      key: t.key,
      name: t.name,
      valueAsWritten: t.valueAsWritten,
      unit: t.unit,
      dueDate: utcDay(t.dueDate),
      document: t.document.shortTitle,
      taskNumber: t.task?.number ?? null,
      retired: t.retiredAt !== null,
    })),
    baselines: row.baselines.map((b) => ({
      id: b.id,
      key: b.key,
      name: b.name,
      valueAsWritten: b.valueAsWritten,
      unit: b.unit,
      asOf: utcDay(b.asOf),
      document: b.document?.shortTitle ?? null,
      retired: b.retiredAt !== null,
    })),
    tasks: row.tasks.map((l) => ({ id: l.task.id, number: l.task.number, document: l.task.document.shortTitle })),
    mergedFrom: row.mergedFrom.map((m) => {
      const synonyms = movedSynonyms(m.id);
      return {
        id: m.id,
        key: m.key,
        name: m.name,
        unit: m.unit,
        observationCount: m._count.observations,
        suggested: {
          // The documents' keys name the metric they were written for: those of the merged one go back.
          targetIds: row.targets.filter((t) => keyIsFor(t.key, m.key)).map((t) => t.id),
          baselineIds: row.baselines.filter((b) => keyIsFor(b.key, m.key)).map((b) => b.id),
          synonymIds: row.synonyms.filter((s) => synonyms.includes(s.synonym)).map((s) => s.id),
        },
      };
    }),
  };
}

// ───────────────────────────── writes ─────────────────────────────

const snapshotSelect = {
  id: true,
  key: true,
  name: true,
  nameEn: true,
  unit: true,
  unitScale: true,
  direction: true,
  area: true,
  description: true,
  mergedIntoId: true,
} as const satisfies Prisma.IndicatorSelect;
type Snapshot = Prisma.IndicatorGetPayload<{ select: typeof snapshotSelect }>;

const plain = (s: Snapshot) => ({ ...s, unitScale: Number(s.unitScale) });

/**
 * Locks the indicators (in id order, so two admins merging A→B and B→A cannot deadlock or both win)
 * and returns their current state.
 */
async function lockIndicators(tx: Tx, ids: number[]): Promise<Map<number, Snapshot>> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  await tx.$queryRaw`SELECT id FROM "indicator" WHERE id = ANY(${sorted}::int[]) ORDER BY id FOR UPDATE`;
  const rows = await tx.indicator.findMany({ where: { id: { in: sorted } }, select: snapshotSelect });
  return new Map(rows.map((r) => [r.id, r]));
}

async function lockOne(tx: Tx, id: number): Promise<Snapshot> {
  const row = (await lockIndicators(tx, [id])).get(id);
  if (!row) throw notFound("indicator");
  return row;
}

const notMerged = (row: Snapshot) => {
  if (row.mergedIntoId !== null) {
    throw new AppError("CONFLICT", msg("errors.indicators.merged", { name: row.name }));
  }
};

export async function updateIndicator(actor: Actor, raw: UpdateIndicatorInput): Promise<AdminIndicatorRow> {
  assertAdmin(actor);
  const input = parse(updateIndicatorSchema, raw);
  return getDb().$transaction(async (tx) => {
    const before = await lockOne(tx, input.indicatorId);
    notMerged(before);
    if (unitMagnitude(input.unit) !== unitMagnitude(before.unit)) {
      throw invalid(msg("errors.indicators.rescaled", { before: before.unit, after: input.unit }), {
        unit: [msg("errors.indicators.rescaledField")],
      });
    }
    const after = await tx.indicator.update({
      where: { id: input.indicatorId },
      data: {
        name: input.name,
        nameEn: input.nameEn,
        unit: input.unit,
        direction: input.direction,
        area: input.area,
        description: input.description,
      },
      select: snapshotSelect,
    });
    await writeAudit(tx, actor, {
      action: "indicator.update",
      entityType: "indicator",
      entityId: before.id,
      before: plain(before),
      after: plain(after),
    });
    return toRow(await tx.indicator.findUniqueOrThrow({ where: { id: before.id }, select: rowSelect }));
  });
}

/**
 * Merges `source` into `target` (the same metric under two keys): the target keeps its name and unit
 * and receives every target, baseline, synonym and task link of the source; the source stays as a row
 * pointing at the survivor (old links and the importer's key resolution follow it). Indicators
 * already merged into the source are re-pointed at the survivor, so there are never chains.
 */
export async function mergeIndicator(
  actor: Actor,
  raw: MergeIndicatorInput,
): Promise<{ survivorId: number; moved: { targets: number; baselines: number; synonyms: number; tasks: number } }> {
  assertAdmin(actor);
  const input = parse(mergeIndicatorSchema, raw);
  if (input.sourceId === input.targetId) {
    throw invalid(msg("errors.indicators.mergeSelf"), {
      targetId: [msg("errors.indicators.chooseAnother")],
    });
  }
  return getDb().$transaction(async (tx) => {
    const locked = await lockIndicators(tx, [input.sourceId, input.targetId]);
    const source = locked.get(input.sourceId);
    const target = locked.get(input.targetId);
    if (!source || !target) throw notFound("indicator");
    notMerged(source);
    if (target.mergedIntoId !== null) {
      throw new AppError("CONFLICT", msg("errors.indicators.targetMerged", { name: target.name }), {
        fieldErrors: { targetId: [msg("errors.indicators.alreadyMerged")] },
      });
    }
    if (!sameUnit(source.unit, target.unit)) {
      throw invalid(msg("errors.indicators.unitsDiffer", { source: source.unit, target: target.unit }), {
        targetId: [msg("errors.indicators.unitsDifferField")],
      });
    }
    if (source.direction !== target.direction) {
      throw invalid(msg("errors.indicators.directionsDiffer"), {
        targetId: [msg("errors.indicators.directionsDifferField")],
      });
    }

    const [targets, baselines, synonyms, links, repointed] = await Promise.all([
      tx.indicatorTarget.findMany({ where: { indicatorId: source.id }, select: { id: true }, orderBy: { id: "asc" } }),
      tx.indicatorBaseline.findMany({
        where: { indicatorId: source.id },
        select: { id: true },
        orderBy: { id: "asc" },
      }),
      tx.indicatorSynonym.findMany({
        where: { indicatorId: source.id },
        select: { synonym: true },
        orderBy: { id: "asc" },
      }),
      tx.taskIndicator.findMany({
        where: { indicatorId: source.id },
        select: { taskId: true },
        orderBy: { taskId: "asc" },
      }),
      tx.indicator.findMany({ where: { mergedIntoId: source.id }, select: { id: true }, orderBy: { id: "asc" } }),
    ]);
    await tx.indicatorTarget.updateMany({ where: { indicatorId: source.id }, data: { indicatorId: target.id } });
    await tx.indicatorBaseline.updateMany({ where: { indicatorId: source.id }, data: { indicatorId: target.id } });
    await tx.indicatorSynonym.updateMany({ where: { indicatorId: source.id }, data: { indicatorId: target.id } });
    await tx.taskIndicator.createMany({
      data: links.map((l) => ({ taskId: l.taskId, indicatorId: target.id })),
      skipDuplicates: true,
    });
    await tx.taskIndicator.deleteMany({ where: { indicatorId: source.id } });
    await tx.indicator.updateMany({ where: { mergedIntoId: source.id }, data: { mergedIntoId: target.id } });
    await tx.indicator.update({ where: { id: source.id }, data: { mergedIntoId: target.id } });

    const moved = {
      targetIds: targets.map((t) => t.id),
      baselineIds: baselines.map((b) => b.id),
      synonyms: synonyms.map((s) => s.synonym),
      taskIds: links.map((l) => l.taskId),
      repointedIndicatorIds: repointed.map((r) => r.id),
    };
    await writeAudit(tx, actor, {
      action: "indicator.merge",
      entityType: "indicator",
      entityId: source.id,
      before: { source: plain(source), target: plain(target) },
      after: { mergedIntoId: target.id, moved },
    });
    return {
      survivorId: target.id,
      moved: {
        targets: moved.targetIds.length,
        baselines: moved.baselineIds.length,
        synonyms: moved.synonyms.length,
        tasks: moved.taskIds.length,
      },
    };
  });
}

/**
 * Moves the chosen targets, baselines and synonyms from one indicator to another; task links follow
 * the current targets (as the importer derives them). Ids that do not belong to `fromId` are refused.
 */
async function moveParts(
  tx: Tx,
  fromId: number,
  toId: number,
  parts: { targetIds: number[]; baselineIds: number[]; synonymIds: number[] },
) {
  const targetIds = [...new Set(parts.targetIds)];
  const baselineIds = [...new Set(parts.baselineIds)];
  const synonymIds = [...new Set(parts.synonymIds)];
  const [targets, baselines, synonyms] = await Promise.all([
    tx.indicatorTarget.findMany({
      where: { id: { in: targetIds }, indicatorId: fromId },
      select: { id: true, taskId: true, retiredAt: true },
    }),
    tx.indicatorBaseline.findMany({ where: { id: { in: baselineIds }, indicatorId: fromId }, select: { id: true } }),
    tx.indicatorSynonym.findMany({ where: { id: { in: synonymIds }, indicatorId: fromId }, select: { synonym: true } }),
  ]);
  if (
    targets.length !== targetIds.length ||
    baselines.length !== baselineIds.length ||
    synonyms.length !== synonymIds.length
  ) {
    throw invalid(msg("errors.indicators.partsForeign"));
  }
  await tx.indicatorTarget.updateMany({ where: { id: { in: targetIds } }, data: { indicatorId: toId } });
  await tx.indicatorBaseline.updateMany({ where: { id: { in: baselineIds } }, data: { indicatorId: toId } });
  await tx.indicatorSynonym.updateMany({ where: { id: { in: synonymIds } }, data: { indicatorId: toId } });

  const taskIds = [...new Set(targets.filter((t) => t.retiredAt === null && t.taskId !== null).map((t) => t.taskId!))];
  await tx.taskIndicator.createMany({
    data: taskIds.map((taskId) => ({ taskId, indicatorId: toId })),
    skipDuplicates: true,
  });
  // The source keeps a task link only while one of its current targets still belongs to that task.
  const stillBacked = await tx.indicatorTarget.findMany({
    where: { indicatorId: fromId, taskId: { in: taskIds }, retiredAt: null },
    select: { taskId: true },
  });
  const unlinked = taskIds.filter((taskId) => !stillBacked.some((t) => t.taskId === taskId));
  await tx.taskIndicator.deleteMany({ where: { indicatorId: fromId, taskId: { in: unlinked } } });
  return {
    targetIds,
    baselineIds,
    synonyms: synonyms.map((s) => s.synonym),
    linkedTaskIds: taskIds,
    unlinkedTaskIds: unlinked,
  };
}

/**
 * Splits chosen targets, baselines and synonyms off into a new indicator (two metrics the importer
 * linked as one). Observations stay with the original indicator (append-only, and recorded against it).
 */
export async function splitIndicator(actor: Actor, raw: SplitIndicatorInput): Promise<{ id: number; key: string }> {
  assertAdmin(actor);
  const input = parse(splitIndicatorSchema, raw);
  if (input.targetIds.length + input.baselineIds.length === 0) {
    throw invalid(msg("errors.indicators.chooseParts"), {
      targetIds: [msg("errors.indicators.chooseOne")],
    });
  }
  try {
    return await getDb().$transaction(async (tx) => {
      const source = await lockOne(tx, input.indicatorId);
      notMerged(source);
      if (await tx.indicator.findUnique({ where: { key: input.key }, select: { id: true } })) {
        throw new AppError("CONFLICT", msg("errors.indicators.keyTaken", { key: input.key }), {
          fieldErrors: { key: [msg("errors.indicators.keyTakenField")] },
        });
      }
      const created = await tx.indicator.create({
        data: {
          key: input.key,
          name: input.name,
          nameEn: input.nameEn,
          unit: input.unit,
          direction: input.direction,
          area: input.area,
        },
        select: snapshotSelect,
      });
      const moved = await moveParts(tx, source.id, created.id, input);
      await writeAudit(tx, actor, {
        action: "indicator.split",
        entityType: "indicator",
        entityId: source.id,
        before: plain(source),
        after: { created: plain(created), moved },
      });
      return { id: created.id, key: created.key };
    });
  } catch (error) {
    // Two admins creating the same key at once: the unique index decides.
    if ((error as { code?: string } | null)?.code === "P2002") {
      throw new AppError("CONFLICT", msg("errors.indicators.keyTaken", { key: input.key }), {
        fieldErrors: { key: [msg("errors.indicators.keyTakenField")] },
      });
    }
    throw error;
  }
}

/**
 * Undoes a merge: the merged indicator comes back into the catalogue with the chosen targets, baselines
 * and synonyms (by default those the documents wrote for its key and those the merge moved). Its own
 * observations never left it, so they stop counting for the survivor by themselves.
 */
export async function unmergeIndicator(actor: Actor, raw: UnmergeIndicatorInput): Promise<{ id: number }> {
  assertAdmin(actor);
  const input = parse(unmergeIndicatorSchema, raw);
  return getDb().$transaction(async (tx) => {
    const locked = await lockIndicators(tx, [input.indicatorId, input.mergedId]);
    const survivor = locked.get(input.indicatorId);
    const merged = locked.get(input.mergedId);
    if (!survivor || !merged) throw notFound("indicator");
    if (merged.mergedIntoId !== survivor.id) {
      throw new AppError(
        "CONFLICT",
        msg("errors.indicators.notMergedInto", { merged: merged.name, survivor: survivor.name }),
      );
    }
    await tx.indicator.update({ where: { id: merged.id }, data: { mergedIntoId: null } });
    const moved = await moveParts(tx, survivor.id, merged.id, input);
    await writeAudit(tx, actor, {
      action: "indicator.unmerge",
      entityType: "indicator",
      entityId: merged.id,
      before: { merged: plain(merged), survivor: plain(survivor) },
      after: { mergedIntoId: null, moved },
    });
    return { id: merged.id };
  });
}
