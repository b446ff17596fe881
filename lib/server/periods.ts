import "server-only";
/**
 * Reporting periods: every read and write of the `reporting_period` table.
 *
 * A period itself is a calendar fact (lib/domain/periods.ts); its row exists to hang reports, bulletins
 * and the reviewers' lock on. Where rows come from:
 * - the seed writes the rows of every period from the first document's year to next year
 *   (seed/seed.ts, ensureReportingPeriods), and every start (scripts/start.ts, ensurePeriodsOnStart)
 *   those of this year and next, so the current period is normally stored;
 * - a write that needs the row creates it inside its own transaction (ensurePeriod): saving or submitting
 *   a report (ensureCurrentReportingPeriod), locking a period, generating a bulletin.
 * Reads never write. A period whose row does not exist yet is open and has nothing reported or locked;
 * the reads present it with id UNSTORED_PERIOD_ID, which matches no report, bulletin or lock.
 */
import { z } from "zod";
import { currentDateWindow, inputRuleMessage, utcMidnight } from "../domain/dates";
import {
  nextPeriod,
  parsePeriodCode,
  periodContaining,
  periodOf,
  previousPeriod,
  shanghaiDate,
  type Period,
} from "../domain/periods";
import type { Prisma } from "../generated/prisma/client";
import { writeAudit } from "./audit";
import { isReviewer, type Actor } from "./auth/actor";
import { getDb } from "./db";
import { AppError, forbidden } from "./errors";
import { messageRef, msg } from "../i18n/message";

type Tx = Prisma.TransactionClient;
type PeriodState = "OPEN" | "LOCKED";

export interface PeriodRow extends Period {
  /** The row's id, or UNSTORED_PERIOD_ID while the period has no row yet. */
  id: number;
  state: PeriodState;
}

/** The id reads give a period without a row (ids start at 1, so it matches nothing). */
export const UNSTORED_PERIOD_ID = 0;

export function periodRowOf(row: { id: number; year: number; index: number; state: PeriodState }): PeriodRow {
  return { ...periodOf(row), id: row.id, state: row.state };
}

const unstored = (period: Period): PeriodRow => ({ ...period, id: UNSTORED_PERIOD_ID, state: "OPEN" });

// ───────────────────────────── contracts ─────────────────────────────

export const periodCodeSchema = z
  .string()
  .trim()
  .transform((code, ctx) => {
    const period = parsePeriodCode(code);
    if (!period) {
      // A well-formed code outside the plausible window (lib/domain/dates.ts) says which window.
      const match = /^(\d{4})-P[1-6]$/.exec(code);
      const window = currentDateWindow();
      const message = match
        ? inputRuleMessage(`${match[1]!}-12-31` < window.min ? "dateTooEarly" : "dateTooLate", {
            date: code,
            ...window,
          })
        : messageRef("errors.bulletins.periodFormat");
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return period;
  });

export const periodLockInput = z.object({ period: periodCodeSchema });

/** Bulletins and locks are for periods that have started. */
export function refuseFuturePeriod(period: Period, now: Date): void {
  if (period.start > shanghaiDate(now)) {
    throw new AppError("VALIDATION", msg("errors.bulletins.periodNotStarted"), {
      fieldErrors: { period: [msg("errors.bulletins.periodFuture")] },
    });
  }
}

// ───────────────────────────── writes (inside the transaction that needs the row) ─────────────────────────────

/** The period's row, created when missing — only ever inside a write transaction. */
export async function ensurePeriod(tx: Tx, period: Period): Promise<PeriodRow> {
  const row = await tx.reportingPeriod.upsert({
    where: { year_index: { year: period.year, index: period.index } },
    create: {
      year: period.year,
      index: period.index,
      startDate: utcMidnight(period.start),
      endDate: utcMidnight(period.end),
    },
    update: {},
    select: { id: true, state: true },
  });
  return { ...period, id: row.id, state: row.state };
}

/** How far ahead the current period is looked for when reviewers have locked the ones before it. */
const LOOK_AHEAD = 12;

/**
 * The period that accepts reports now — the one containing today or, when a reviewer has locked it, the
 * first open period after it — with its row created for the report being written.
 */
export async function ensureCurrentReportingPeriod(tx: Tx, now = new Date()): Promise<PeriodRow> {
  let period = periodContaining(now);
  for (let guard = 0; guard < LOOK_AHEAD; guard++) {
    const row = await ensurePeriod(tx, period);
    if (row.state === "OPEN") return row;
    period = nextPeriod(period);
  }
  throw new Error("no open reporting period within a year");
}

/**
 * Locks a period: later drafts and submissions go to the next open period (ensureCurrentReportingPeriod,
 * which saveTaskUpdate uses). Reports already submitted for the locked period can still be reviewed; a
 * draft left in it stays in the task's history.
 */
export async function lockPeriod(actor: Actor, raw: z.input<typeof periodLockInput>, now = new Date()) {
  if (!isReviewer(actor)) throw forbidden("lockPeriod");
  const { period } = periodLockInput.parse(raw);
  refuseFuturePeriod(period, now);
  return getDb().$transaction(async (tx) => {
    const row = await ensurePeriod(tx, period);
    const claimed = await tx.reportingPeriod.updateMany({
      where: { id: row.id, state: "OPEN" },
      data: { state: "LOCKED", lockedAt: now, lockedById: actor.id },
    });
    if (claimed.count !== 1) throw new AppError("CONFLICT", msg("errors.bulletins.periodLocked"));
    await writeAudit(tx, actor, {
      action: "period.lock",
      entityType: "reporting_period",
      entityId: period.code,
      before: { state: "OPEN" },
      after: { state: "LOCKED", lockedAt: now.toISOString() },
    });
    return { period: period.code, state: "LOCKED" as const };
  });
}

/** Reopens a locked period; who had locked it, and when, stays in the audit entry. */
export async function reopenPeriod(actor: Actor, raw: z.input<typeof periodLockInput>) {
  if (!isReviewer(actor)) throw forbidden("reopenPeriod");
  const { period } = periodLockInput.parse(raw);
  return getDb().$transaction(async (tx) => {
    const row = await tx.reportingPeriod.findUnique({
      where: { year_index: { year: period.year, index: period.index } },
      select: { id: true, state: true, lockedAt: true, lockedBy: { select: { username: true } } },
    });
    if (!row || row.state !== "LOCKED") throw new AppError("CONFLICT", msg("errors.bulletins.periodNotLocked"));
    const claimed = await tx.reportingPeriod.updateMany({
      where: { id: row.id, state: "LOCKED" },
      data: { state: "OPEN", lockedAt: null, lockedById: null },
    });
    if (claimed.count !== 1) throw new AppError("CONFLICT", msg("errors.bulletins.periodNotLocked"));
    await writeAudit(tx, actor, {
      action: "period.reopen",
      entityType: "reporting_period",
      entityId: period.code,
      before: {
        state: "LOCKED",
        lockedAt: row.lockedAt?.toISOString() ?? null,
        lockedBy: row.lockedBy?.username ?? null,
      },
      after: { state: "OPEN" },
    });
    return { period: period.code, state: "OPEN" as const };
  });
}

// ───────────────────────────── reads (never write) ─────────────────────────────

/** The stored id and lock state of a period, or null while it has no row. */
export async function findPeriodRow(
  db: Tx,
  period: Pick<Period, "year" | "index">,
): Promise<{ id: number; state: PeriodState } | null> {
  return db.reportingPeriod.findUnique({
    where: { year_index: { year: period.year, index: period.index } },
    select: { id: true, state: true },
  });
}

/**
 * The period that accepts reports now, as ensureCurrentReportingPeriod will find it, without writing:
 * a period without a row counts as open (it is created open) and comes back with UNSTORED_PERIOD_ID.
 */
export async function findCurrentReportingPeriod(db: Tx, now = new Date()): Promise<PeriodRow> {
  const candidates: Period[] = [periodContaining(now)];
  while (candidates.length < LOOK_AHEAD) candidates.push(nextPeriod(candidates.at(-1)!));
  const rows = await db.reportingPeriod.findMany({
    where: { OR: candidates.map((p) => ({ year: p.year, index: p.index })) },
    select: { id: true, year: true, index: true, state: true },
  });
  for (const period of candidates) {
    const row = rows.find((r) => r.year === period.year && r.index === period.index);
    if (!row) return unstored(period);
    if (row.state === "OPEN") return periodRowOf(row);
  }
  throw new Error("no open reporting period within a year");
}

export async function getCurrentPeriod(now = new Date()): Promise<PeriodRow> {
  return findCurrentReportingPeriod(getDb(), now);
}

/** A stored period's first day as stored (a Date at midnight UTC), for comparisons in queries. */
export async function getPeriodStartDate(db: Tx, id: number): Promise<Date> {
  const row = await db.reportingPeriod.findUniqueOrThrow({ where: { id }, select: { startDate: true } });
  return row.startDate;
}

export async function getPeriodById(id: number): Promise<PeriodRow | null> {
  const row = await getDb().reportingPeriod.findUnique({
    where: { id },
    select: { id: true, year: true, index: true, state: true },
  });
  return row ? periodRowOf(row) : null;
}

/** The stored periods (optionally of one year), oldest first. */
export async function listPeriodRows(year?: number): Promise<PeriodRow[]> {
  const rows = await getDb().reportingPeriod.findMany({
    where: year === undefined ? {} : { year },
    orderBy: [{ year: "asc" }, { index: "asc" }],
    select: { id: true, year: true, index: true, state: true },
  });
  return rows.map(periodRowOf);
}

export interface PeriodOverviewRow extends PeriodRow {
  current: boolean;
  lockedAt: string | null;
  lockedBy: string | null;
  /** The newest bulletin of the period, if any. */
  bulletin: { version: number; state: "DRAFT" | "PUBLISHED" | "SUPERSEDED" } | null;
}

/** The current period and the `count − 1` before it, newest first, with lock state and bulletin. */
export async function listRecentPeriods(now = new Date(), count = 8): Promise<PeriodOverviewRow[]> {
  const current = periodContaining(now);
  const periods: Period[] = [current];
  while (periods.length < count) periods.push(previousPeriod(periods.at(-1)!));
  const rows = await getDb().reportingPeriod.findMany({
    where: { OR: periods.map((p) => ({ year: p.year, index: p.index })) },
    select: {
      id: true,
      year: true,
      index: true,
      state: true,
      lockedAt: true,
      lockedBy: { select: { displayName: true } },
      bulletins: { orderBy: { version: "desc" }, take: 1, select: { version: true, state: true } },
    },
  });
  return periods.map((p) => {
    const row = rows.find((r) => r.year === p.year && r.index === p.index);
    return {
      ...(row ? periodRowOf(row) : unstored(p)),
      current: p.code === current.code,
      lockedAt: row?.lockedAt?.toISOString() ?? null,
      lockedBy: row?.lockedBy?.displayName ?? null,
      bulletin: row?.bulletins[0] ?? null,
    };
  });
}
