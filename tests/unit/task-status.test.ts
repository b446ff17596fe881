import { describe, expect, it } from "vitest";
import {
  canEdit,
  canReview,
  isMilestoneOverdue,
  nextReviewState,
  submissionProblems,
} from "../../lib/domain/task-status";

describe("task-update cycle rules", () => {
  it("lets the department edit unless the report awaits review", () => {
    expect(canEdit(null)).toBe(true);
    expect(canEdit("DRAFT")).toBe(true);
    expect(canEdit("RETURNED")).toBe(true);
    expect(canEdit("APPROVED")).toBe(true);
    expect(canEdit("SUBMITTED")).toBe(false);
  });

  it("lets a reviewer act only on a submitted report", () => {
    expect(canReview("SUBMITTED")).toBe(true);
    for (const state of [null, "DRAFT", "RETURNED", "APPROVED"] as const) expect(canReview(state)).toBe(false);
    expect(nextReviewState("draft")).toBe("DRAFT");
    expect(nextReviewState("submit")).toBe("SUBMITTED");
  });

  it("requires evidence and 100 % for 已完成, and a progress text for any submission", () => {
    expect(submissionProblems({ status: "COMPLETED", progress: 100, progressText: "已建成" }, 0)).toEqual([
      "COMPLETED_NEEDS_EVIDENCE",
    ]);
    expect(submissionProblems({ status: "COMPLETED", progress: 90, progressText: "已建成" }, 1)).toEqual([
      "COMPLETED_NEEDS_FULL_PROGRESS",
    ]);
    expect(submissionProblems({ status: "ON_TRACK", progress: 40, progressText: "  " }, 0)).toEqual([
      "SUBMIT_NEEDS_PROGRESS_TEXT",
    ]);
    expect(submissionProblems({ status: "COMPLETED", progress: 100, progressText: "已建成" }, 2)).toEqual([]);
    expect(submissionProblems({ status: "LAGGING", progress: 10, progressText: "资金未到位" }, 0)).toEqual([]);
  });

  it("marks a milestone overdue after its due date until it is completed", () => {
    expect(isMilestoneOverdue("2023-12-31", null, "2024-01-01")).toBe(true);
    expect(isMilestoneOverdue("2023-12-31", null, "2023-12-31")).toBe(false);
    expect(isMilestoneOverdue("2023-12-31", "2024-01-05", "2024-02-01")).toBe(false);
  });
});
