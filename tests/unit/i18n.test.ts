import { describe, expect, it } from "vitest";
import { createTranslator, formatDate, formatNumber, getMessages, lookup } from "../../lib/i18n/catalogue";
import { zhCN } from "../../messages/zh-CN";

function leaves(node: unknown, prefix = ""): string[] {
  if (typeof node === "string") return [prefix];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogue", () => {
  const keys = leaves(zhCN);

  it("English has every key, non-empty, with the same placeholders", () => {
    const en = getMessages("en");
    for (const key of keys) {
      const zh = lookup(zhCN, key)!;
      const english = lookup(en, key);
      expect(english, key).toBeTruthy();
      expect(placeholders(english!), key).toEqual(placeholders(zh));
    }
    expect(leaves(en).sort()).toEqual([...keys].sort());
  });

  it("interpolates values and falls back to the key for unknown keys", () => {
    const t = createTranslator("zh-CN");
    expect(t("tasks.pageOf", { page: 2, pages: 5, total: 230 })).toBe("第 2 页，共 5 页（230 项）");
    expect(createTranslator("en")("nav.overview")).toBe("Overview");
  });

  it("formats dates in Asia/Shanghai and numbers for the locale", () => {
    // 16:30 UTC on 31 Dec is already 1 Jan in Shanghai.
    expect(formatDate("zh-CN", "2023-12-31T16:30:00Z")).toBe("2024年1月1日");
    expect(formatNumber("zh-CN", 160000)).toBe("160,000");
  });
});
