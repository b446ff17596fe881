import "server-only";
import { nextPeriod, periodContaining, periodOf, type Period } from "../domain/periods";
import type { Prisma } from "../generated/prisma/client";
import { getDb } from "./db";

type Tx = Prisma.TransactionClient;

export interface PeriodRow extends Period {
  id: number;
  state: "OPEN" | "LOCKED";
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The period's row, created when missing (periods are calendar facts, not user data). */
export async function ensurePeriod(tx: Tx, period: Period): Promise<PeriodRow> {
  const row = await tx.reportingPeriod.upsert({
    where: { year_index: { year: period.year, index: period.index } },
    create: { year: period.year, index: period.index, startDate: day(period.start), endDate: day(period.end) },
    update: {},
    select: { id: true, state: true },
  });
  return { ...period, id: row.id, state: row.state };
}

/**
 * The period that accepts reports now: the one containing today, or — when a reviewer has locked it —
 * the first open period after it.
 */
export async function currentReportingPeriod(tx: Tx, now = new Date()): Promise<PeriodRow> {
  let period = periodContaining(now);
  for (let guard = 0; guard < 12; guard++) {
    const row = await ensurePeriod(tx, period);
    if (row.state === "OPEN") return row;
    period = nextPeriod(period);
  }
  throw new Error("no open reporting period within a year");
}

export async function getCurrentPeriod(now = new Date()): Promise<PeriodRow> {
  return currentReportingPeriod(getDb(), now);
}

export function periodRowOf(row: { id: number; year: number; index: number; state: "OPEN" | "LOCKED" }): PeriodRow {
  return { ...periodOf(row), id: row.id, state: row.state };
}
