/** Messages as code carries them (lib/i18n/message.ts): keys and values, worded once per language. */
import { describe, expect, it } from "vitest";
import {
  localeFromAcceptLanguage,
  localeOfRequest,
  messageRef,
  msg,
  parseMessageRef,
  translate,
} from "@/lib/i18n/message";
import { en } from "@/messages/en";
import { zhCN } from "@/messages/zh-CN";

describe("translate", () => {
  it("words a key with its values in each language; nested messages are translated too", () => {
    const notFound = msg("errors.notFound", { what: msg("errors.subjects.task") });
    expect(translate("zh-CN", notFound)).toBe("任务不存在");
    expect(translate("en", notFound)).toBe("The task was not found");
  });

  it("a reference in a string (what a zod schema carries) round-trips with its values", () => {
    const ref = messageRef("errors.tokens.tooMany", { max: 20 });
    expect(parseMessageRef(ref)).toEqual({ key: "errors.tokens.tooMany", values: { max: 20 } });
    expect(translate("en", ref)).toBe("At most 20 active tokens: revoke one first");
    expect(translate("zh-CN", ref)).toContain("（20 个）");
  });

  it("text that is not a key (zod's own defaults, not yet converted callers) passes through unchanged", () => {
    expect(parseMessageRef("Invalid input: expected string")).toBeNull();
    expect(translate("en", "Invalid input: expected string")).toBe("Invalid input: expected string");
    expect(translate("en", "errors.noSuchKey|{}")).toBe("errors.noSuchKey|{}");
  });

  it("the error messages never mix languages: no English in zh-CN, no Chinese in en", () => {
    const leaves = (node: unknown): string[] =>
      typeof node === "string" ? [node] : Object.values(node as Record<string, unknown>).flatMap(leaves);
    for (const text of leaves(en.errors)) expect(text, text).not.toMatch(/[\u4e00-\u9fff]{2}| · /);
    for (const text of leaves(zhCN.errors)) expect(text, text).not.toMatch(/ · /);
  });
});

describe("the request's language", () => {
  it.each([
    [null, "zh-CN"],
    ["", "zh-CN"],
    ["en", "en"],
    ["en-US,en;q=0.9", "en"],
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["fr, en;q=0.8, zh;q=0.5", "en"],
    ["en;q=0, zh", "zh-CN"],
    ["de, fr", "zh-CN"],
    ["*", "zh-CN"],
  ])("Accept-Language %j → %s", (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });

  it("an unknown header falls back to the configured default; the proxy prefers the interface's cookie", () => {
    expect(localeFromAcceptLanguage("de", "en")).toBe("en");
    expect(localeOfRequest("en", "zh-CN")).toBe("en");
    expect(localeOfRequest(undefined, "en")).toBe("en");
    expect(localeOfRequest("xx", null)).toBe("zh-CN");
  });
});
