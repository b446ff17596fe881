import { describe, expect, it } from "vitest";
import { safeCallback } from "../../lib/domain/redirects";

const ORIGIN = "https://tracker.example.gov.cn";

describe("the sign-in callback", () => {
  it("follows same-origin paths with their query and hash", () => {
    expect(safeCallback("/tasks?doc=work-points-2023&page=2#top", ORIGIN)).toBe(
      "/tasks?doc=work-points-2023&page=2#top",
    );
    expect(safeCallback("/indicators/5", ORIGIN)).toBe("/indicators/5");
  });

  it.each([
    ["a protocol-relative URL", "//evil.com"],
    ["a backslash that browsers treat as a slash", "/\\evil.com"],
    ["a tab before the host", "/\t/evil.com"],
    ["an absolute URL", "https://evil.com/"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["nothing", null],
    ["an empty string", ""],
  ])("refuses %s", (_label, value) => {
    expect(safeCallback(value, ORIGIN)).toBe("/");
  });
});
