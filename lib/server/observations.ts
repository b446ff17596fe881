import "server-only";
import { z } from "zod";
import { isoDateSchema } from "../domain/dates";
import { shanghaiDate } from "../domain/periods";
import type { Prisma } from "../generated/prisma/client";
import { writeAudit } from "./audit";
import { isReviewer, type Actor } from "./auth/actor";
import { getDb } from "./db";
import { AppError, forbidden, notFound } from "./errors";

/**
 * Actual values of indicators. Append-only: a correction is a new row that supersedes the old one
 * (the database refuses UPDATE and DELETE on the table); the history keeps both.
 */
const isoDate = isoDateSchema;

export const OBSERVATION_SOURCES = ["STATISTICAL_BULLETIN", "DEPARTMENT_REPORT", "DOCUMENT", "OTHER"] as const;

export const observationInput = z.object({
  indicatorId: z.number().int().positive(),
  /** In the indicator's unit (Indicator.unit), e.g. 个 for 5G基站: 185000, not 18.5. */
  value: z.number().finite().min(-1e15).max(1e15),
  asOf: isoDate,
  source: z.enum(OBSERVATION_SOURCES),
  sourceDetail: z.string().trim().max(200).default(""),
  note: z.string().trim().max(1000).default(""),
  /** The value this one corrects, if any. */
  supersedesId: z.number().int().positive().nullable().default(null),
});
export type ObservationInput = z.input<typeof observationInput>;

export interface ObservationRow {
  id: number;
  value: number;
  asOf: string;
  source: (typeof OBSERVATION_SOURCES)[number];
  sourceDetail: string | null;
  note: string | null;
  enteredBy: string | null;
  createdAt: string;
  supersedesId: number | null;
  supersededById: number | null;
  isSample: boolean;
}

/** A current task the department leads: its editors may enter values for the task's indicators. */
const ledBy = (departmentId: number) =>
  ({
    retiredAt: null,
    assignments: { some: { role: "LEAD", departmentId } },
  }) satisfies Prisma.TaskWhereInput;

/**
 * The rule of assertCanRecord for many indicators at once (bulk import, its template): the ids, among
 * `indicatorIds` (all indicators when omitted), of the unmerged indicators the actor may enter values for.
 */
export async function listRecordableIndicatorIds(
  tx: Prisma.TransactionClient,
  actor: Actor,
  indicatorIds?: number[],
): Promise<Set<number>> {
  const scope = { mergedIntoId: null, ...(indicatorIds ? { id: { in: indicatorIds } } : {}) };
  if (isReviewer(actor)) {
    const rows = await tx.indicator.findMany({ where: scope, select: { id: true } });
    return new Set(rows.map((r) => r.id));
  }
  if (actor.role !== "DEPARTMENT_EDITOR" || actor.departmentId === null) return new Set();
  const rows = await tx.indicator.findMany({
    where: { ...scope, tasks: { some: { task: ledBy(actor.departmentId) } } },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}

/** Reviewers and admins, and editors of a department that leads a task linked to the indicator. */
async function assertCanRecord(tx: Prisma.TransactionClient, actor: Actor, indicatorId: number): Promise<void> {
  const indicator = await tx.indicator.findUnique({ where: { id: indicatorId }, select: { mergedIntoId: true } });
  if (!indicator) throw notFound("指标 The indicator");
  if (indicator.mergedIntoId !== null) {
    throw new AppError(
      "CONFLICT",
      "该指标已合并到其他指标，请在合并后的指标上填报 · this indicator was merged into another",
    );
  }
  if (isReviewer(actor)) return;
  if (actor.role === "DEPARTMENT_EDITOR" && actor.departmentId !== null) {
    const leads = await tx.taskIndicator.count({ where: { indicatorId, task: ledBy(actor.departmentId) } });
    if (leads > 0) return;
  }
  throw forbidden("填报该指标的实际值 entering values for this indicator");
}

export async function recordObservation(
  actor: Actor,
  raw: ObservationInput,
  now = new Date(),
): Promise<ObservationRow> {
  const input = observationInput.parse(raw);
  if (input.asOf > shanghaiDate(now)) {
    throw new AppError("VALIDATION", "统计时点不能晚于今天 · the date cannot be in the future", {
      fieldErrors: { asOf: ["future"] },
    });
  }
  try {
    return await getDb().$transaction(async (tx) => {
      // Permission is the survivor's, the indicator the user acts from (a merge moves the task links,
      // hence who may record, to it). The stored row belongs to the indicator of the value it corrects.
      await assertCanRecord(tx, actor, input.indicatorId);
      let indicatorId = input.indicatorId;
      let before: unknown = null;
      if (input.supersedesId !== null) {
        const old = await tx.observation.findUnique({
          where: { id: input.supersedesId },
          select: {
            id: true,
            indicatorId: true,
            value: true,
            asOf: true,
            supersededBy: { select: { id: true } },
            indicator: { select: { mergedIntoId: true } },
          },
        });
        // A value of an indicator merged into this one may be corrected from here. The correction stays
        // with that indicator (observations never move), so an unmerge takes it back along with the value.
        const belongs =
          old !== null && (old.indicatorId === input.indicatorId || old.indicator.mergedIntoId === input.indicatorId);
        if (!old || !belongs) throw notFound("被更正的数值 The value to correct");
        if (old.supersededBy) {
          throw new AppError("CONFLICT", "该数值已被更正过，请更正最新的数值 · this value was already corrected");
        }
        indicatorId = old.indicatorId;
        before = { id: old.id, value: Number(old.value), asOf: old.asOf.toISOString().slice(0, 10) };
      }
      const { unitScale } = await tx.indicator.findUniqueOrThrow({
        where: { id: indicatorId },
        select: { unitScale: true },
      });
      const created = await tx.observation.create({
        data: {
          indicatorId,
          value: input.value,
          normalizedValue: unitScale.times(input.value),
          asOf: new Date(`${input.asOf}T00:00:00Z`),
          source: input.source,
          sourceDetail: input.sourceDetail || null,
          note: input.note || null,
          enteredById: actor.id,
          supersedesId: input.supersedesId,
        },
        select: observationSelect,
      });
      const row = toRow(created);
      await writeAudit(tx, actor, {
        action: input.supersedesId ? "observation.correct" : "observation.record",
        entityType: "observation",
        entityId: row.id,
        before,
        after: { indicatorId, ...row },
      });
      return row;
    });
  } catch (error) {
    // Two corrections of the same value race for the unique supersedesId: one wins.
    if ((error as { code?: string } | null)?.code === "P2002") {
      throw new AppError("CONFLICT", "该数值已被更正过，请更正最新的数值 · this value was already corrected");
    }
    throw error;
  }
}

const observationSelect = {
  id: true,
  value: true,
  asOf: true,
  source: true,
  sourceDetail: true,
  note: true,
  createdAt: true,
  supersedesId: true,
  isSample: true,
  enteredBy: { select: { displayName: true } },
  supersededBy: { select: { id: true } },
} as const satisfies Prisma.ObservationSelect;

function toRow(o: Prisma.ObservationGetPayload<{ select: typeof observationSelect }>): ObservationRow {
  return {
    id: o.id,
    value: Number(o.value),
    asOf: o.asOf.toISOString().slice(0, 10),
    source: o.source,
    sourceDetail: o.sourceDetail,
    note: o.note,
    enteredBy: o.enteredBy?.displayName ?? null,
    createdAt: o.createdAt.toISOString(),
    supersedesId: o.supersedesId,
    supersededById: o.supersededBy?.id ?? null,
    isSample: o.isSample,
  };
}

/**
 * Every value ever entered, newest date first; corrected ones are marked, not hidden. Values entered for
 * indicators an admin merged into this one are included: observations are append-only and never move.
 */
export async function listObservations(indicatorId: number): Promise<ObservationRow[]> {
  const db = getDb();
  // The ids first, then an IN list: an OR across the join would keep PostgreSQL off the
  // (indicatorId, asOf) index.
  const mergedFrom = await db.indicator.findMany({ where: { mergedIntoId: indicatorId }, select: { id: true } });
  const rows = await db.observation.findMany({
    where: { indicatorId: { in: [indicatorId, ...mergedFrom.map((m) => m.id)] } },
    orderBy: [{ asOf: "desc" }, { id: "desc" }],
    select: observationSelect,
  });
  return rows.map(toRow);
}

/** Whether the actor may enter values for the indicator (to show the form). */
export async function canRecordObservation(actor: Actor, indicatorId: number): Promise<boolean> {
  try {
    await assertCanRecord(getDb(), actor, indicatorId);
    return true;
  } catch {
    return false;
  }
}
