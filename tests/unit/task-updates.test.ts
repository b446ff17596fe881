import { describe, expect, it } from "vitest";
import { awaitingReview, departmentsMissingReports } from "../../lib/domain/task-updates";

const v = (id: number, periodId: number, departmentId: number, version: number, reviewState: string) => ({
  id,
  periodId,
  departmentId,
  version,
  reviewState,
});

describe("awaitingReview", () => {
  it("keeps the latest version of each (period, department) thread when it is submitted", () => {
    const rows = [v(3, 1, 10, 2, "SUBMITTED"), v(2, 1, 10, 1, "RETURNED"), v(5, 1, 11, 1, "SUBMITTED")];
    expect(awaitingReview(rows).map((u) => u.id)).toEqual([3, 5]);
  });

  it("drops a thread whose newest version is no longer submitted, whatever the order", () => {
    // Newest first (the timeline's order) and oldest first must agree.
    const rows = [v(4, 1, 10, 2, "APPROVED"), v(3, 1, 10, 1, "SUBMITTED")];
    expect(awaitingReview(rows)).toEqual([]);
    expect(awaitingReview([...rows].reverse())).toEqual([]);
  });

  it("treats the same department in two periods as two threads", () => {
    const rows = [v(1, 1, 10, 1, "SUBMITTED"), v(2, 2, 10, 1, "SUBMITTED"), v(3, 2, 10, 2, "DRAFT")];
    expect(awaitingReview(rows).map((u) => u.id)).toEqual([1]);
  });
});

describe("departmentsMissingReports", () => {
  it("lists only departments that owe a report, in the given order", () => {
    const rows = [
      { departmentId: 1, missing: 0 },
      { departmentId: 2, missing: 3 },
      { departmentId: 3, missing: 1 },
    ];
    expect(departmentsMissingReports(rows).map((r) => r.departmentId)).toEqual([2, 3]);
  });
});
