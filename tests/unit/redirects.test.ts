import { describe, expect, it } from "vitest";
import { safeCallback, safeRedirectUrl } from "../../lib/domain/redirects";

const ORIGIN = "https://tracker.example.gov.cn";

/** Every way a browser (or a later decoding step) could read the path as "//host" or "/\host". */
const SCHEME_RELATIVE = [
  // plain
  "//evil.com",
  "///evil.com",
  "/\\evil.com",
  "/\\/evil.com",
  "\\\\evil.com",
  // dot segments that collapse to "//" (the outside probe)
  "/.//evil.example/phish",
  "/..//evil.example/phish",
  "/./\\evil.example/phish",
  "/.///evil.example/phish",
  "/tasks/..//evil.example/phish",
  "/a/b/../..//evil.example/phish",
  "/././/evil.example",
  "/.././..//evil.example",
  // encoded dot segments, mixed case
  "/%2e//evil.example",
  "/%2E//evil.example",
  "/%2e%2e//evil.example",
  "/%2E%2e//evil.example",
  "/.%2e//evil.example",
  "/tasks/%2e%2e//evil.example",
  // encoded slashes and backslashes (a later decode would make them real)
  "/%2F%2Fevil.example",
  "/%2f%2fevil.example",
  "/%2Fevil.example",
  "/%2fevil.example",
  "/%5cevil.example",
  "/%5Cevil.example",
  "/%2F/evil.example",
  "/.%2F/evil.example",
  "/%252F%252Fevil.example",
  "/%25252F%25252Fevil.example",
  "/%255cevil.example",
  // whitespace and controls between the slashes, raw and encoded
  "/\t/evil.com",
  "/\n/evil.com",
  "/\r/evil.com",
  "/\u0000/evil.com",
  "/%09/evil.com",
  "/%0a/evil.com",
  "/%0D%0A/evil.com",
  "/%00/evil.com",
  "/%20/evil.com",
  "/ /evil.com",
  "/\u00a0/evil.com",
  "/\u3000/evil.com",
  "/%E3%80%80/evil.com",
  // unicode slashes that NFKC or a browser's host parser turns into "/" or "\"
  "/\uff0fevil.com",
  "/\uff3cevil.com",
  "/\u2215evil.com",
  "/\u2044evil.com",
  "/\u29f8evil.com",
  "/\ufe68evil.com",
  "/%EF%BC%8Fevil.com",
  "/%ef%bc%8fevil.com",
  "/%EF%BC%BCevil.com",
  "/%E2%88%95evil.com",
  "/.\uff0f/evil.com",
];

describe("the sign-in callback", () => {
  it("follows same-origin paths with their query and hash", () => {
    expect(safeCallback("/tasks?doc=work-points-2023&page=2#top", ORIGIN)).toBe(
      "/tasks?doc=work-points-2023&page=2#top",
    );
    expect(safeCallback("/indicators/5", ORIGIN)).toBe("/indicators/5");
    expect(safeCallback("/", ORIGIN)).toBe("/");
  });

  it("keeps harmless paths as the browser would resolve them", () => {
    expect(safeCallback("/tasks/../indicators", ORIGIN)).toBe("/indicators");
    expect(safeCallback("/./tasks", ORIGIN)).toBe("/tasks");
    // Slashes later in the path or in the query are ordinary.
    expect(safeCallback("/tasks//5", ORIGIN)).toBe("/tasks//5");
    expect(safeCallback("/tasks?next=//evil.com", ORIGIN)).toBe("/tasks?next=//evil.com");
    expect(safeCallback("/tasks?q=100%", ORIGIN)).toBe("/tasks?q=100%");
    expect(safeCallback("/departments/%E7%9C%81%E5%A4%A7%E6%95%B0%E6%8D%AE%E5%B1%80", ORIGIN)).toBe(
      "/departments/%E7%9C%81%E5%A4%A7%E6%95%B0%E6%8D%AE%E5%B1%80",
    );
    expect(safeCallback("/departments/省大数据局", ORIGIN)).toBe(
      "/departments/%E7%9C%81%E5%A4%A7%E6%95%B0%E6%8D%AE%E5%B1%80",
    );
  });

  it.each([
    ["an absolute URL", "https://evil.com/"],
    ["an absolute URL of the same origin (only paths are followed)", `${ORIGIN}/tasks`],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>"],
    ["a relative path without a slash", "evil.com"],
    ["a leading space", " //evil.com"],
    ["nothing", null],
    ["an empty string", ""],
  ])("refuses %s", (_label, value) => {
    expect(safeCallback(value, ORIGIN)).toBe("/");
  });

  it.each(SCHEME_RELATIVE.map((value) => [JSON.stringify(value), value]))(
    "refuses the scheme-relative look-alike %s",
    (_label, value) => {
      expect(safeCallback(value, ORIGIN)).toBe("/");
    },
  );

  it("never returns anything a browser reads as another host, however often it is applied", () => {
    const pieces = ["/", "\\", ".", "..", "%2e", "%2f", "%5c", "%252f", "\t", "\uff0f", "evil.com", "a"];
    // Every path of up to four pieces after the leading slash (12^4 ≈ 20,000 inputs).
    const inputs: string[] = [];
    const build = (prefix: string, depth: number) => {
      inputs.push(prefix);
      if (depth === 4) return;
      for (const piece of pieces) build(prefix + piece, depth + 1);
    };
    build("/", 0);
    for (const input of inputs) {
      const once = safeCallback(input, ORIGIN);
      expect(once.startsWith("/"), input).toBe(true);
      expect(once, input).not.toMatch(/^\/[/\\]/);
      expect(new URL(once, ORIGIN).origin, input).toBe(ORIGIN);
      // Resolving the result again, or sanitising it again, changes nothing.
      const resolved = new URL(once, ORIGIN);
      expect(`${resolved.pathname}${resolved.search}${resolved.hash}`, input).toBe(once);
      expect(safeCallback(once, ORIGIN), input).toBe(once);
      // And a decoded copy of it is no more dangerous (a router or a proxy might decode once).
      let decoded = once;
      try {
        decoded = decodeURIComponent(once);
      } catch {
        // an invalid escape stays as it is
      }
      expect(decoded.normalize("NFKC"), input).not.toMatch(/^\/[\s/\\]/);
    }
  });

  it("works without an origin (the server sanitises before the page is sent)", () => {
    expect(safeCallback("/tasks?x=1")).toBe("/tasks?x=1");
    expect(safeCallback("/.//evil.example/phish")).toBe("/");
  });
});

describe("next-auth's redirect callback", () => {
  const base = "http://127.0.0.1:3210";

  it("keeps same-site targets, relative or absolute", () => {
    expect(safeRedirectUrl("/tasks?x=1", base)).toBe(`${base}/tasks?x=1`);
    expect(safeRedirectUrl(`${base}/login?error=inactive`, base)).toBe(`${base}/login?error=inactive`);
    expect(safeRedirectUrl(base, base)).toBe(`${base}/`);
  });

  it.each([
    "http://evil.example/phish",
    "https://127.0.0.1:3210/tasks",
    "http://127.0.0.1:3211/tasks",
    "http://127.0.0.1:3210@evil.example/",
    "javascript:alert(1)",
    "not a url",
    "",
    ...SCHEME_RELATIVE,
    ...SCHEME_RELATIVE.map((value) => `${base}${value.startsWith("/") ? value : `/${value}`}`),
  ])("sends %j to the home page", (value) => {
    expect(safeRedirectUrl(value, base)).toBe(`${base}/`);
  });

  it("ignores a path in the base URL when comparing origins", () => {
    expect(safeRedirectUrl("http://127.0.0.1:3210/tasks", `${base}/`)).toBe(`${base}/tasks`);
  });
});
