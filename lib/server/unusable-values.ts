import "server-only";
import type { UnusableReason } from "../domain/indicator-values";

/**
 * Stored values the status code cannot use (lib/domain/indicator-values.ts) are treated as no data, and
 * said so in the log: one structured warning per row and process, so a page read a thousand times does
 * not repeat it. The rows stay visible, flagged, on the indicator page and in the admin's list.
 */
const warned = new Set<number>();
const MAX_REMEMBERED = 10_000;

export interface UnusableObservationLog {
  id: number;
  indicatorId: number;
  asOf: string;
  /** The stored value in the base unit, as PostgreSQL writes it ("NaN" included). */
  value: string;
  reason: UnusableReason;
}

export function warnUnusableObservation(row: UnusableObservationLog): void {
  if (warned.has(row.id)) return;
  if (warned.size >= MAX_REMEMBERED) warned.clear();
  warned.add(row.id);
  console.warn(
    JSON.stringify({
      level: "warn",
      event: "observation.unusable",
      message: "a stored indicator value is outside the plausible window and counts as no data",
      observationId: row.id,
      indicatorId: row.indicatorId,
      asOf: row.asOf,
      value: row.value,
      reason: row.reason,
    }),
  );
}
