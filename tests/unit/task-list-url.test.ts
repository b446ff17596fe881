import { describe, expect, it } from "vitest";
import { DEFAULT_STATE, parseTaskListState, serialiseTaskListState } from "../../lib/domain/task-filters";
import { canonicalTaskListRedirect, staleSectionRedirect } from "../../lib/domain/task-list-url";

describe("task-list redirects", () => {
  it("leaves a canonical request alone and redirects any other to its canonical form", () => {
    expect(canonicalTaskListRedirect(DEFAULT_STATE, "")).toBeNull();
    const state = parseTaskListState({ status: "", q: "数据" });
    const canonical = serialiseTaskListState(state);
    expect(canonicalTaskListRedirect(state, "status=&q=%E6%95%B0%E6%8D%AE")).toBe(`/tasks?${canonical}`);
    expect(canonicalTaskListRedirect(state, new URLSearchParams(canonical).toString())).toBeNull();
    expect(canonicalTaskListRedirect(DEFAULT_STATE, "page=abc")).toBe("/tasks");
  });

  it("drops a section that is not one of the chosen document's", () => {
    const state = { ...DEFAULT_STATE, document: "plan", section: "2.1" };
    expect(staleSectionRedirect(state, [{ path: "2.1" }])).toBeNull();
    expect(staleSectionRedirect(DEFAULT_STATE, [])).toBeNull();
    const href = staleSectionRedirect(state, [{ path: "3" }]);
    expect(href).not.toBeNull();
    expect(href).not.toContain("section=");
    expect(href).toContain("doc=plan");
  });
});
