import { describe, expect, it } from "vitest";
import { historyStates } from "../../lib/domain/task-updates";
import type { ReviewState } from "../../lib/domain/task-status";

const v = (id: number, periodId: number, departmentId: number, version: number, reviewState: ReviewState) => ({
  id,
  periodId,
  departmentId,
  version,
  reviewState,
});

describe("historyStates: each version as it was", () => {
  it("draft v1 → submit v2 → return v3 → resubmit v4 → approve v5: every row its own state", () => {
    // Newest first, as the timeline lists them.
    const thread = [
      v(15, 1, 10, 5, "APPROVED"),
      v(14, 1, 10, 4, "SUBMITTED"),
      v(13, 1, 10, 3, "RETURNED"),
      v(12, 1, 10, 2, "SUBMITTED"),
      v(11, 1, 10, 1, "DRAFT"),
    ];
    expect([...historyStates(thread)]).toEqual([
      [15, "APPROVED"],
      [14, "SUBMITTED"],
      [13, "RETURNED"],
      [12, "SUBMITTED"],
      [11, "DRAFT"],
    ]);
  });

  it("only a thread's latest, unreviewed submission awaits review; the order of the rows does not matter", () => {
    const rows = [v(1, 1, 10, 1, "DRAFT"), v(2, 1, 10, 2, "SUBMITTED"), v(3, 1, 11, 1, "SUBMITTED")];
    const expected = new Map([
      [1, "DRAFT"],
      [2, "AWAITING_REVIEW"],
      [3, "AWAITING_REVIEW"],
    ]);
    expect(historyStates(rows)).toEqual(expected);
    expect(historyStates([...rows].reverse())).toEqual(expected);
  });

  it("a submission of an earlier period stays 'submitted' once that period's thread moved on", () => {
    const rows = [v(1, 1, 10, 1, "SUBMITTED"), v(2, 1, 10, 2, "APPROVED"), v(3, 2, 10, 1, "SUBMITTED")];
    expect(historyStates(rows).get(1)).toBe("SUBMITTED");
    expect(historyStates(rows).get(3)).toBe("AWAITING_REVIEW");
  });
});
