import { describe, expect, it } from "vitest";
import { requestLocale } from "../../lib/i18n/request-locale";

describe("requestLocale", () => {
  it("prefers the interface language cookie", () => {
    expect(requestLocale("a=1; locale=en; b=2", "zh-CN")).toBe("en");
  });

  it("falls back to the account's language, then the default", () => {
    expect(requestLocale(null, "en")).toBe("en");
    expect(requestLocale("locale=fr", "en")).toBe("en");
    expect(requestLocale("locale=fr", null)).toBe("zh-CN");
    expect(requestLocale("", "xx")).toBe("zh-CN");
  });
});
