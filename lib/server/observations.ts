import "server-only";
import { type OBSERVATION_SOURCES, observationInput, type ObservationInput } from "../schemas/observations";
import { dateWindow, inputRuleMessage, shanghaiDate, storedDay, utcMidnight } from "../domain/dates";
import {
  checkIndicatorValue,
  MAX_BASE_MAGNITUDE,
  unusableReason,
  type UnusableReason,
} from "../domain/indicator-values";
import type { Prisma } from "../generated/prisma/client";
import { writeAudit } from "./audit";
import { isReviewer, type Actor } from "./auth/actor";
import { getDb } from "./db";
import { AppError, forbidden, notFound } from "./errors";
import { validationError } from "./failures";
import { warnUnusableObservation } from "./unusable-values";
import { msg } from "../i18n/message";

/**
 * Actual values of indicators. Append-only: a correction is a new row that supersedes the old one
 * (the database refuses UPDATE and DELETE on the table); the history keeps both. The input is
 * lib/schemas/observations.ts.
 */
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
  /**
   * Why the status code cannot use this value (a date outside the plausible window, a value that is not
   * a finite number of plausible magnitude), or null. Such a row counts as no data; it stays in the
   * history, flagged, so that it can be corrected (values are append-only: a correction supersedes it).
   */
  unusable: UnusableReason | null;
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
  if (!indicator) throw notFound("indicator");
  if (indicator.mergedIntoId !== null) {
    throw new AppError("CONFLICT", msg("errors.observations.merged"));
  }
  if (isReviewer(actor)) return;
  if (actor.role === "DEPARTMENT_EDITOR" && actor.departmentId !== null) {
    const leads = await tx.taskIndicator.count({ where: { indicatorId, task: ledBy(actor.departmentId) } });
    if (leads > 0) return;
  }
  throw forbidden("enterObservations");
}

export async function recordObservation(
  actor: Actor,
  raw: ObservationInput,
  now = new Date(),
): Promise<ObservationRow> {
  // A refusal is a typed VALIDATION error for every caller (the action, the import, a script).
  const parsed = observationInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const input = parsed.data;
  if (input.asOf > shanghaiDate(now)) {
    throw new AppError("VALIDATION", msg("errors.observations.futureDate"), {
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
        if (!old || !belongs) throw notFound("valueToCorrect");
        if (old.supersededBy) {
          throw new AppError("CONFLICT", msg("errors.observations.alreadyCorrected"));
        }
        indicatorId = old.indicatorId;
        const oldValue = Number(old.value);
        before = {
          id: old.id,
          value: Number.isFinite(oldValue) ? oldValue : String(old.value),
          asOf: storedDay(old.asOf),
        };
      }
      const { unitScale, unit, name } = await tx.indicator.findUniqueOrThrow({
        where: { id: indicatorId },
        select: { unitScale: true, unit: true, name: true },
      });
      const bounded = checkIndicatorValue(input.value, { unit, name, unitScale: Number(unitScale) });
      if (!bounded.ok) {
        const message = inputRuleMessage(bounded.code, bounded.params);
        throw new AppError("VALIDATION", message, { fieldErrors: { value: [message] } });
      }
      const created = await tx.observation.create({
        data: {
          indicatorId,
          value: input.value,
          normalizedValue: unitScale.times(input.value),
          asOf: utcMidnight(input.asOf),
          source: input.source,
          sourceDetail: input.sourceDetail || null,
          note: input.note || null,
          enteredById: actor.id,
          supersedesId: input.supersedesId,
        },
        select: observationSelect,
      });
      const row = toRow(created, shanghaiDate(now));
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
      throw new AppError("CONFLICT", msg("errors.observations.alreadyCorrected"));
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
  normalizedValue: true,
  enteredBy: { select: { displayName: true } },
  supersededBy: { select: { id: true } },
} as const satisfies Prisma.ObservationSelect;

function toRow(o: Prisma.ObservationGetPayload<{ select: typeof observationSelect }>, today: string): ObservationRow {
  const asOf = storedDay(o.asOf);
  return {
    id: o.id,
    value: Number(o.value),
    asOf,
    source: o.source,
    sourceDetail: o.sourceDetail,
    note: o.note,
    enteredBy: o.enteredBy?.displayName ?? null,
    createdAt: o.createdAt.toISOString(),
    supersedesId: o.supersedesId,
    supersededById: o.supersededBy?.id ?? null,
    isSample: o.isSample,
    unusable: unusableReason({ normalizedValue: Number(o.normalizedValue), asOf }, today),
  };
}

/**
 * Every value ever entered, newest date first; corrected ones are marked, not hidden. Values entered for
 * indicators an admin merged into this one are included: observations are append-only and never move.
 * Current values the status code cannot use are flagged (`unusable`) and logged once.
 */
export async function listObservations(
  indicatorId: number,
  today = shanghaiDate(new Date()),
): Promise<ObservationRow[]> {
  const db = getDb();
  // The ids first, then an IN list: an OR across the join would keep PostgreSQL off the
  // (indicatorId, asOf) index.
  const mergedFrom = await db.indicator.findMany({ where: { mergedIntoId: indicatorId }, select: { id: true } });
  const rows = await db.observation.findMany({
    where: { indicatorId: { in: [indicatorId, ...mergedFrom.map((m) => m.id)] } },
    orderBy: [{ asOf: "desc" }, { id: "desc" }],
    select: { ...observationSelect, indicatorId: true },
  });
  const result = rows.map((row) => toRow(row, today));
  // What JavaScript could not hold is named as PostgreSQL writes it, so an admin sees which row it is.
  const unreadable = result.filter((r) => r.asOf === "invalid").map((r) => r.id);
  if (unreadable.length > 0) {
    const texts = await db.$queryRaw<{ id: number; asOf: string }[]>`
      SELECT id, "asOf"::text AS "asOf" FROM "observation" WHERE id = ANY(${unreadable}::int[])`;
    const byId = new Map(texts.map((t) => [t.id, t.asOf]));
    for (const r of result) if (r.asOf === "invalid") r.asOf = byId.get(r.id) ?? r.asOf;
  }
  result.forEach((r, i) => {
    if (r.unusable && r.supersededById === null) {
      warnUnusableObservation({
        id: r.id,
        indicatorId: rows[i]!.indicatorId,
        asOf: r.asOf,
        value: String(rows[i]!.normalizedValue),
        reason: r.unusable,
      });
    }
  });
  return result;
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

export interface UnusableObservationRow {
  id: number;
  /** The indicator whose page shows it (the one it was merged into, if any). */
  indicator: { id: number; name: string; unit: string };
  /** As PostgreSQL writes it: "0099-12-31", "infinity", "0001-01-01 BC". */
  asOf: string;
  /** In the indicator's unit, as PostgreSQL writes it ("NaN" included). */
  value: string;
  reason: UnusableReason;
}

/**
 * The current values the status code cannot use, across all indicators, for the admin to find and
 * supersede (each is corrected on its indicator's page). Admins only; a full scan, read on demand.
 */
export async function listUnusableObservations(actor: Actor, limit = 200): Promise<UnusableObservationRow[]> {
  if (actor.role !== "ADMIN") throw forbidden("listUnusableValues");
  const today = shanghaiDate(new Date());
  const { min, max } = dateWindow(today);
  const rows = await getDb().$queryRaw<
    { id: number; indicatorId: number; name: string; unit: string; asOf: string; value: string; normalized: string }[]
  >`
    SELECT o.id, COALESCE(i."mergedIntoId", i.id) AS "indicatorId", COALESCE(m.name, i.name) AS name,
           COALESCE(m.unit, i.unit) AS unit, o."asOf"::text AS "asOf", o.value::text AS value,
           o."normalizedValue"::text AS normalized
    FROM "observation" o
    JOIN "indicator" i ON i.id = o."indicatorId"
    LEFT JOIN "indicator" m ON m.id = i."mergedIntoId"
    WHERE NOT EXISTS (SELECT 1 FROM "observation" c WHERE c."supersedesId" = o.id)
      AND NOT (o."asOf" >= ${min}::date AND o."asOf" <= ${max}::date AND abs(o."normalizedValue") <= ${MAX_BASE_MAGNITUDE})
    ORDER BY o.id
    LIMIT ${limit}`;
  return rows.map((r) => ({
    id: r.id,
    indicator: { id: r.indicatorId, name: r.name, unit: r.unit },
    asOf: r.asOf,
    value: r.value,
    reason: unusableReason({ normalizedValue: Number(r.normalized), asOf: r.asOf }, today) ?? "dateFormat",
  }));
}
