/**
 * The text rule (lib/domain/text-input.ts) and the method policy (lib/proxy/http-methods.ts), pure.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  findUnsafeText,
  isSafeText,
  sanitizeJson,
  sanitizeText,
  text,
  UNSAFE_TEXT_MESSAGES,
} from "../../lib/domain/text-input";
import { decideMethod, isRoutePath, ROUTES_OUTSIDE_API } from "../../lib/proxy/http-methods";
import { unsafeSearchParam } from "../../lib/search-params";
import { translate } from "../../lib/i18n/message";

const UNSAFE = ["\u0000", "a\u0000b", "\ud800", "\udbff", "\udc00", "\udfff", "x\udfff\ud800y", "😀\ud83d"];
const SAFE = ["", "abc", "省大数据局", "😀", "👩‍👩‍👧‍👦", "\ufffd", "\uffff", "e\u0301", "\u202e", "%00", "\\u0000", "\u0001"];

describe("the text rule", () => {
  it("refuses NUL and lone surrogates, accepts every other string", () => {
    for (const value of UNSAFE) expect(isSafeText(value), JSON.stringify(value)).toBe(false);
    for (const value of SAFE) expect(isSafeText(value), JSON.stringify(value)).toBe(true);
  });

  it("names the path of the first unsafe string: values, keys, arrays, FormData, URLSearchParams", () => {
    expect(findUnsafeText({ a: "ok", b: ["x", { c: "\u0000" }] })).toBe("b.1.c");
    expect(findUnsafeText({ ["k\ud800"]: 1 })).toBe("(key)");
    expect(findUnsafeText(["\udc00"])).toBe("0");
    expect(findUnsafeText("\u0000")).toBe("_");
    expect(findUnsafeText({ n: 1, b: true, d: new Date(0), z: null, s: "好" })).toBeNull();
    const form = new FormData();
    form.set("title", "ok");
    expect(findUnsafeText(form)).toBeNull();
    form.set("note", "a\u0000");
    expect(findUnsafeText(form)).toBe("note");
    const named = new FormData();
    named.set("bad\u0000", "x");
    expect(findUnsafeText(named)).toBe("(field name)");
    const file = new FormData();
    file.set("file", new File(["x"], "a\u0000.pdf"));
    expect(findUnsafeText(file)).toBe("file.(file name)");
    expect(findUnsafeText(new URLSearchParams("q=%00"))).toBe("q");
    // Inside a server action's arguments (a FormData in a list).
    expect(findUnsafeText([form])).toBe("0.note");
  });

  it("sanitises for the audit log: NUL and lone surrogates become U+FFFD, pairs stay", () => {
    expect(sanitizeText("a\u0000b\ud800c\udc00😀")).toBe("a\ufffdb\ufffdc\ufffd😀");
    expect(sanitizeJson({ ["k\u0000"]: ["\udfff\ud800", 1, null, { x: "\ud800" }] })).toEqual({
      ["k\ufffd"]: ["\ufffd\ufffd", 1, null, { x: "\ufffd" }],
    });
    for (const value of UNSAFE) expect(isSafeText(sanitizeText(value))).toBe(true);
  });

  it("text() is a zod string that refuses them with the catalogue message and chains like z.string()", () => {
    const schema = text().trim().max(5);
    expect(schema.parse(" 好 ")).toBe("好");
    const refused = schema.safeParse("a\u0000");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe(UNSAFE_TEXT_MESSAGES.field);
    expect(schema.safeParse("\ud800").success).toBe(false);
    expect(schema.safeParse("123456").success).toBe(false);
    // A catalogue key, worded by whoever answers in the reader's language.
    expect(translate("zh-CN", UNSAFE_TEXT_MESSAGES.field)).toMatch(/^[^ ]*空字符/);
    expect(translate("en", UNSAFE_TEXT_MESSAGES.field)).toMatch(/^contains a character.*NUL/);
    expect(translate("en", UNSAFE_TEXT_MESSAGES.field)).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("query strings: a parameter name or any value, repeated keys included", () => {
    expect(unsafeSearchParam(new URLSearchParams("q=ok&q=%00"))).toBe("q");
    expect(unsafeSearchParam(new URLSearchParams("a%00=1"))).toBe("(name)");
    expect(unsafeSearchParam({ area: ["x", "\ud800"], q: undefined })).toBe("area");
    expect(unsafeSearchParam(new URLSearchParams("q=%E5%A5%BD&page=2"))).toBeNull();
    // Undecodable percent-escapes decode to U+FFFD: valid Unicode, nothing to refuse.
    expect(unsafeSearchParam(new URLSearchParams("q=%ED%A0%80"))).toBeNull();
  });
});

describe("the method policy", () => {
  it("pages: GET, HEAD, POST pass; OPTIONS is answered; everything else is 405", () => {
    for (const method of ["GET", "HEAD", "POST"]) expect(decideMethod(method, "/tasks?q=1").kind).toBe("pass");
    expect(decideMethod("OPTIONS", "/").kind).toBe("page-options");
    for (const method of ["TRACE", "PROPFIND", "PUT", "PATCH", "DELETE", "MKCOL", "SEARCH", "QUERY"]) {
      expect(decideMethod(method, "/tasks/1").kind).toBe("page-not-allowed");
    }
  });

  it("route handlers: the methods Next routes pass (Next answers 405 itself), the rest are 405 with the route's Allow", () => {
    for (const url of ["/api/v1/tasks", "/api/health?x=1", "/tasks/export?format=csv", "/reports/files/1/pdf"]) {
      expect(isRoutePath(url.split("?")[0]!)).toBe(true);
      for (const method of ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]) {
        expect(decideMethod(method, url).kind).toBe("pass");
      }
      for (const method of ["TRACE", "PROPFIND", "LOCK", "M-SEARCH"]) {
        expect(decideMethod(method, url).kind).toBe("route-not-allowed");
      }
    }
    expect(decideMethod("TRACE", "/_next/static/chunks/a.js").kind).toBe("pass");
  });

  it("knows every route handler outside /api", () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((entry) => {
        const full = path.join(dir, entry);
        return statSync(full).isDirectory() ? walk(full) : entry === "route.ts" ? [full] : [];
      });
    const outside = walk("app")
      .filter((file) => !file.startsWith(path.join("app", "api")))
      .map((file) =>
        `/${path.dirname(file).replace(/^app\/?/, "")}`
          .split("/")
          .filter((s) => !/^\(.*\)$/.test(s))
          .map((s) => (s.startsWith("[") ? "x1" : s))
          .join("/"),
      );
    expect(outside.length).toBeGreaterThan(0);
    for (const url of outside)
      expect(
        ROUTES_OUTSIDE_API.some((re) => re.test(url)),
        url,
      ).toBe(true);
    expect(ROUTES_OUTSIDE_API).toHaveLength(outside.length);
  });
});

describe("server action bodies (proxy.ts)", () => {
  it("a multipart action body with a NUL in a field name or value is refused with 422 before Next decodes it", async () => {
    const { checkServerActionBody } = await import("../../lib/proxy/server-action-requests");
    const boundary = "----probe";
    const part = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = (text: string) => new Uint8Array(new TextEncoder().encode(text));
    const type = `multipart/form-data; boundary=${boundary}`;
    expect(
      await checkServerActionBody(type, body(`${part("0", '["$K1"]')}${part("1_locale", "en")}--${boundary}--\r\n`)),
    ).toBeNull();
    for (const [name, value] of [
      ["1_\u0000", "x"],
      ["1_locale", "a\u0000b"],
    ]) {
      const refusal = await checkServerActionBody(
        type,
        body(`${part("0", '["$K1"]')}${part(name!, value!)}--${boundary}--\r\n`),
      );
      expect(refusal?.status).toBe(422);
    }
  });
});
