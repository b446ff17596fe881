import { describe, expect, it } from "vitest";
import {
  activeFilterCount,
  DEFAULT_STATE,
  escapeLikePattern,
  filtersOf,
  parseTaskListState,
  searchTerms,
  serialiseTaskListState,
  taskListHref,
  type TaskListState,
} from "../../lib/domain/task-filters";
import { STATE_SEVERITY, TASK_STATES, type TaskState } from "../../lib/domain/task-state";
import { departmentSortParam, queryStringOf } from "../../lib/search-params";

const bySeverity = (a: TaskState, b: TaskState) => STATE_SEVERITY.indexOf(a) - STATE_SEVERITY.indexOf(b);
const parse = (query: string) => parseTaskListState(new URLSearchParams(query));

describe("parseTaskListState", () => {
  it("gives the default view for an empty URL", () => {
    expect(parse("")).toEqual(DEFAULT_STATE);
    expect(DEFAULT_STATE).toMatchObject({ sort: "document", direction: "asc", page: 1, pageSize: 20, role: "any" });
  });

  it("reads every parameter", () => {
    expect(
      parse(
        "doc=work-points-2023&section=一/（一）&dept=12&role=lead&area=数字经济&status=lagging,at_risk&overdue=1" +
          "&dueFrom=2026-01-01&dueTo=2026-12-31&kind=measure&q=数据&sort=due&dir=desc&page=3&size=50",
      ),
    ).toEqual({
      document: "work-points-2023",
      section: "一/（一）",
      departmentId: 12,
      role: "lead",
      area: "数字经济",
      statuses: ["LAGGING", "AT_RISK"],
      overdue: true,
      dueFrom: "2026-01-01",
      dueTo: "2026-12-31",
      kind: "MEASURE",
      query: "数据",
      sort: "due",
      direction: "desc",
      page: 3,
      pageSize: 50,
    } satisfies TaskListState);
  });

  it("accepts repeated status parameters (the form's checkboxes) and any letter case", () => {
    // Worst first (STATE_SEVERITY), whatever the order in the URL.
    expect(parse("status=lagging&status=ON_TRACK&status=Completed").statuses).toEqual([
      "LAGGING",
      "ON_TRACK",
      "COMPLETED",
    ]);
    expect(parseTaskListState({ status: ["lagging", "bogus"] }).statuses).toEqual(["LAGGING"]);
    expect(parse("kind=COLUMN_ITEM").kind).toBe("COLUMN_ITEM");
  });

  it("filters on every task state; links written for the six reported statuses still parse", () => {
    expect(parse("status=unassigned,no_report").statuses).toEqual(["UNASSIGNED", "NO_REPORT"]);
    const all = "unassigned,no_report,not_started,on_track,at_risk,lagging,completed,ongoing";
    expect(parse(`status=${all}`).statuses).toEqual([...TASK_STATES].sort(bySeverity));
    for (const old of ["not_started", "on_track", "at_risk", "lagging", "completed", "ongoing"]) {
      expect(parse(`status=${old}`).statuses).toEqual([old.toUpperCase()]);
    }
    expect(serialiseTaskListState(parse(`status=${all}`))).toBe(
      "status=lagging,at_risk,unassigned,no_report,not_started,on_track,ongoing,completed",
    );
  });

  it("resets each invalid parameter to its default without touching the others", () => {
    const state = parse(
      "doc=../x&dept=-4&role=owner&status=done&overdue=yes&dueFrom=2026-02-30&dueTo=tomorrow&kind=chapter" +
        "&sort=random&dir=up&page=0&size=30&q=5G",
    );
    expect(state).toEqual({ ...DEFAULT_STATE, query: "5G" });
    expect(parse("page=abc").page).toBe(1);
    expect(parse("page=2.5").page).toBe(1);
    expect(parse("page=1e9").page).toBe(1);
    expect(parse("size=100").pageSize).toBe(100);
    expect(parse("dept=99999999999").departmentId).toBeNull();
  });

  it("treats the GET form's empty fields as unset", () => {
    expect(parse("q=&doc=&section=&dept=&role=any&kind=&dueFrom=&dueTo=&sort=document&dir=asc&size=20")).toEqual(
      DEFAULT_STATE,
    );
  });

  it("ignores a section without a document and a role without a department", () => {
    expect(parse("section=一").section).toBeNull();
    expect(parse("role=lead").role).toBe("any");
    expect(parse("dept=3&role=supporting").role).toBe("supporting");
  });

  it("swaps a reversed due window and normalises the search text", () => {
    expect(parse("dueFrom=2026-12-31&dueTo=2026-01-01")).toMatchObject({ dueFrom: "2026-01-01", dueTo: "2026-12-31" });
    expect(parse(`q=${encodeURIComponent("  智慧   社区 \n")}`).query).toBe("智慧 社区");
    expect(parse(`q=${"长".repeat(300)}`).query).toHaveLength(100);
  });

  it("takes the natural direction of a sort unless one is given", () => {
    expect(parse("sort=updated").direction).toBe("desc");
    expect(parse("sort=updated&dir=asc").direction).toBe("asc");
    expect(parse("sort=status").direction).toBe("asc");
  });
});

describe("serialiseTaskListState", () => {
  it("writes nothing for the default view and omits defaults", () => {
    expect(serialiseTaskListState(DEFAULT_STATE)).toBe("");
    expect(serialiseTaskListState({ ...DEFAULT_STATE, sort: "updated", direction: "desc" })).toBe("sort=updated");
    expect(serialiseTaskListState({ ...DEFAULT_STATE, sort: "updated", direction: "asc" })).toBe(
      "sort=updated&dir=asc",
    );
  });

  it("round-trips: parse(serialise(state)) = state, and serialising is idempotent", () => {
    const states: TaskListState[] = [
      DEFAULT_STATE,
      {
        ...DEFAULT_STATE,
        document: "plan-2021-2025",
        section: "三/（一）/1",
        departmentId: 7,
        role: "cooperating",
        statuses: ["NOT_STARTED", "COMPLETED"],
        overdue: true,
        dueFrom: "2025-01-01",
        dueTo: null,
        kind: "COLUMN_ITEM",
        query: "100% a_b & c=d",
        sort: "number",
        direction: "desc",
        page: 4,
        pageSize: 100,
      },
    ];
    for (const state of states) {
      const query = serialiseTaskListState(state);
      expect(parse(query)).toEqual(state);
      expect(serialiseTaskListState(parse(query))).toBe(query);
    }
  });

  it("matches the query string the page was requested with only when canonical", () => {
    // The page compares both sides in URLSearchParams' encoding.
    const same = (raw: Record<string, string | string[]>) =>
      queryStringOf(raw) === new URLSearchParams(serialiseTaskListState(parseTaskListState(raw))).toString();
    const canonical = "dept=3&role=lead&status=lagging,at_risk";
    expect(same(Object.fromEntries(new URLSearchParams(canonical)))).toBe(true);
    const fromForm = { q: "", doc: "", status: ["at_risk", "lagging"], role: "any" };
    expect(same(fromForm)).toBe(false);
    expect(serialiseTaskListState(parseTaskListState(fromForm))).toBe("status=lagging,at_risk");
    expect(same({ status: "at_risk,lagging" })).toBe(false);
    // A caller's order does not change the link either.
    expect(serialiseTaskListState({ ...DEFAULT_STATE, statuses: ["AT_RISK", "LAGGING"] })).toBe(
      "status=lagging,at_risk",
    );
  });
});

describe("taskListHref", () => {
  const state: TaskListState = { ...DEFAULT_STATE, statuses: ["LAGGING"], page: 3 };

  it("keeps the page when only the page changes, and goes back to page 1 otherwise", () => {
    expect(taskListHref(state, { page: 4 })).toBe("/tasks?status=lagging&page=4");
    expect(taskListHref(state, { overdue: true })).toBe("/tasks?status=lagging&overdue=1");
    expect(taskListHref(state)).toBe("/tasks?status=lagging&page=3");
    expect(taskListHref(DEFAULT_STATE, {}, "/tasks")).toBe("/tasks");
  });

  it("gives a new sort its natural direction; undefined changes nothing", () => {
    expect(taskListHref(DEFAULT_STATE, { sort: "updated" })).toBe("/tasks?sort=updated");
    expect(taskListHref(DEFAULT_STATE, { sort: "due", direction: "desc" })).toBe("/tasks?sort=due&dir=desc");
    expect(taskListHref(DEFAULT_STATE, { sort: "due", direction: undefined })).toBe("/tasks?sort=due");
  });
});

describe("helpers", () => {
  it("escapes LIKE wildcards and the escape character", () => {
    expect(escapeLikePattern("100%")).toBe("100\\%");
    expect(escapeLikePattern("a_b")).toBe("a\\_b");
    expect(escapeLikePattern("C:\\x")).toBe("C:\\\\x");
    expect(escapeLikePattern("普通文本")).toBe("普通文本");
  });

  it("splits a query into at most five terms", () => {
    expect(searchTerms(" 数据  共享 ")).toEqual(["数据", "共享"]);
    expect(searchTerms("a b c d e f g")).toEqual(["a", "b", "c", "d", "e"]);
    expect(searchTerms("")).toEqual([]);
  });

  it("counts active filters, not sort or page", () => {
    expect(activeFilterCount(filtersOf(DEFAULT_STATE))).toBe(0);
    expect(
      activeFilterCount(
        filtersOf({ ...DEFAULT_STATE, statuses: ["LAGGING"], dueFrom: "2026-01-01", sort: "due", page: 2 }),
      ),
    ).toBe(2);
  });

  it("reads the departments' sort, defaulting to lag", () => {
    expect(departmentSortParam(undefined)).toBe("lag");
    expect(departmentSortParam("name")).toBe("name");
    expect(departmentSortParam(["lead", "name"])).toBe("lead");
    expect(departmentSortParam("bogus")).toBe("lag");
  });
});
