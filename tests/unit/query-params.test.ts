import { describe, expect, it } from "vitest";
import { firstParam, parseIndicatorAdminQuery, slugParam } from "../../lib/domain/query-params";

describe("query parameters", () => {
  it("takes the first value and treats an empty one as absent", () => {
    expect(firstParam(["a", "b"])).toBe("a");
    expect(firstParam("x")).toBe("x");
    expect(firstParam("")).toBeUndefined();
    expect(firstParam(undefined)).toBeUndefined();
  });

  it("reads a compared document's slug, blank meaning the default", () => {
    expect(slugParam(" plan-2025 ")).toBe("plan-2025");
    expect(slugParam("   ")).toBeNull();
    expect(slugParam(undefined)).toBeNull();
  });

  it("reads the admin indicator list's filters leniently", () => {
    expect(parseIndicatorAdminQuery({})).toEqual({ filter: { q: "", area: "", state: "all" }, page: 1 });
    expect(
      parseIndicatorAdminQuery({ q: ` ${"x".repeat(120)} `, area: ["数字经济", "其他"], state: "merged", page: "3" }),
    ).toEqual({ filter: { q: "x".repeat(100), area: "数字经济", state: "merged" }, page: 3 });
    expect(parseIndicatorAdminQuery({ state: "bogus", page: "zero" }).filter.state).toBe("all");
    expect(parseIndicatorAdminQuery({ page: "0" }).page).toBe(1);
  });
});
