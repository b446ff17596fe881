/** The task state rule and roll-ups (lib/domain/task-state.ts), by worked examples an official would recognise. */
import { describe, expect, it } from "vitest";
import {
  emptyStateCounts,
  isPastDue,
  owesReport,
  rollUpTaskStates,
  taskState,
  type TaskFacts,
} from "../../lib/domain/task-state";

const TODAY = "2026-12-07";
const facts = (over: Partial<TaskFacts>): TaskFacts => ({
  reportedStatus: null,
  hasLead: true,
  deadline: "2027-06-30",
  ...over,
});

describe("taskState", () => {
  it("a 2023 task reported on track, past its deadline, is 滞后", () => {
    const f = facts({ reportedStatus: "ON_TRACK", deadline: "2023-12-31" });
    expect(taskState(f, TODAY)).toBe("LAGGING");
    expect(isPastDue(f, TODAY)).toBe(true);
  });
  it("the same task judged on a day inside its year keeps its report", () => {
    expect(taskState(facts({ reportedStatus: "ON_TRACK", deadline: "2023-12-31" }), "2023-06-30")).toBe("ON_TRACK");
  });
  it("the deadline day itself is not yet late", () => {
    expect(taskState(facts({ reportedStatus: "ON_TRACK", deadline: TODAY }), TODAY)).toBe("ON_TRACK");
  });
  it("finished tasks are never late", () => {
    for (const reportedStatus of ["COMPLETED", "ONGOING"] as const) {
      const f = facts({ reportedStatus, deadline: "2022-12-31", hasLead: false });
      expect(taskState(f, TODAY)).toBe(reportedStatus);
      expect(isPastDue(f, TODAY)).toBe(false);
    }
  });
  it("a task without a unit that can report is 待明确责任单位, before and after its deadline", () => {
    expect(taskState(facts({ hasLead: false }), TODAY)).toBe("UNASSIGNED");
    const late = facts({ hasLead: false, deadline: "2025-12-31" });
    expect(taskState(late, TODAY)).toBe("UNASSIGNED");
    expect(isPastDue(late, TODAY)).toBe(true);
  });
  it("a task with a unit and no approved report is 未报送, not 未启动", () => {
    expect(taskState(facts({}), TODAY)).toBe("NO_REPORT");
  });
  it("otherwise the report speaks", () => {
    for (const s of ["NOT_STARTED", "ON_TRACK", "AT_RISK", "LAGGING"] as const) {
      expect(taskState(facts({ reportedStatus: s }), TODAY)).toBe(s);
    }
  });
  it("an unknown deadline is never late", () => {
    expect(taskState(facts({ deadline: null }), TODAY)).toBe("NO_REPORT");
  });
});

const counts = (over: Partial<ReturnType<typeof emptyStateCounts>>) => ({ ...emptyStateCounts(), ...over });

describe("rollUpTaskStates", () => {
  it("no tasks: 无数据", () => {
    expect(rollUpTaskStates(counts({})).status).toBe("NO_DATA");
  });
  it("the five-year plan after its period: 178 unassigned tasks past due is 滞后, never on pace", () => {
    const r = rollUpTaskStates(counts({ UNASSIGNED: 178 }), 178);
    expect(r).toMatchObject({ status: "BEHIND", lagging: 178, unknown: 0, completionRate: 0 });
  });
  it("unassigned tasks not yet due: nothing is known, 无数据", () => {
    expect(rollUpTaskStates(counts({ UNASSIGNED: 10 }), 0)).toMatchObject({
      status: "NO_DATA",
      reason: "TOO_FEW_REPORTS",
    });
  });
  it("a section of a past year with 1 of 3 tasks completed and 2 late is 滞后", () => {
    expect(rollUpTaskStates(counts({ COMPLETED: 1, LAGGING: 2 })).status).toBe("BEHIND");
  });
  it("one late task in ten is 存在风险", () => {
    expect(rollUpTaskStates(counts({ COMPLETED: 9, LAGGING: 1 })).status).toBe("AT_RISK");
  });
  it("at 20 % lagging the group is 滞后", () => {
    expect(rollUpTaskStates(counts({ ON_TRACK: 8, AT_RISK: 2 })).status).toBe("BEHIND");
  });
  it("all completed: 已完成", () => {
    expect(rollUpTaskStates(counts({ COMPLETED: 4 })).status).toBe("ACHIEVED");
  });
  it("on pace needs reports: 1 reported on track and 3 未报送 is 无数据", () => {
    expect(rollUpTaskStates(counts({ ON_TRACK: 1, NO_REPORT: 3 })).status).toBe("NO_DATA");
  });
  it("3 reported on track and 1 未报送 is 符合序时进度", () => {
    expect(rollUpTaskStates(counts({ ON_TRACK: 3, NO_REPORT: 1 })).status).toBe("ON_PACE");
  });
  it("routine (常态化) work with completed tasks is on pace", () => {
    expect(rollUpTaskStates(counts({ ONGOING: 2, COMPLETED: 3 })).status).toBe("ON_PACE");
  });
  it("an unassigned-past-due count larger than the unassigned count is capped", () => {
    expect(rollUpTaskStates(counts({ UNASSIGNED: 1, ON_TRACK: 9 }), 5).lagging).toBe(1);
  });
});

describe("owesReport", () => {
  const period = { start: "2026-11-01", end: "2026-12-31" };
  const base = {
    statusBefore: null,
    hasReportThisPeriod: false,
    documentStart: "2023-01-01",
    documentEnd: "2023-12-31",
    retired: false,
  } as const;
  it("an unfinished task owes a report after its document's period", () => {
    expect(owesReport({ ...base, statusBefore: "ON_TRACK" }, period)).toBe(true);
    expect(owesReport(base, period)).toBe(true);
  });
  it("a task completed before the period owes nothing", () => {
    expect(owesReport({ ...base, statusBefore: "COMPLETED" }, period)).toBe(false);
  });
  it("routine work owes a report only while its document is in force", () => {
    expect(owesReport({ ...base, statusBefore: "ONGOING" }, period)).toBe(false);
    expect(owesReport({ ...base, statusBefore: "ONGOING", documentEnd: "2027-12-31" }, period)).toBe(true);
  });
  it("a report filed this period is in scope whatever came before", () => {
    expect(owesReport({ ...base, statusBefore: "COMPLETED", hasReportThisPeriod: true }, period)).toBe(true);
  });
  it("a document not yet started, or a retired task, owes nothing", () => {
    expect(owesReport({ ...base, documentStart: "2027-01-01", documentEnd: "2027-12-31" }, period)).toBe(false);
    expect(owesReport({ ...base, retired: true }, period)).toBe(false);
  });
});
