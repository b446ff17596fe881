import { describe, expect, it } from "vitest";
import { nonceOf, pageContentSecurityPolicy } from "../../lib/domain/content-security-policy";

const NONCE = "q83vEjRWeJq83vEjRWeJqw==";

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split("; ").map((directive) => {
      const [name = "", ...values] = directive.split(" ");
      return [name, values.join(" ")];
    }),
  );
}

describe("the page Content-Security-Policy", () => {
  it("allows in production only scripts signed with the request's nonce and what they load", () => {
    const policy = directives(pageContentSecurityPolicy({ nonce: NONCE, development: false, https: false }));
    expect(policy.get("script-src")).toBe(`'self' 'nonce-${NONCE}' 'strict-dynamic'`);
    expect(policy.get("style-src")).toBe(`'self' 'nonce-${NONCE}'`);
    expect(policy.get("style-src-attr")).toBe("'unsafe-inline'");
    expect(policy.get("default-src")).toBe("'self'");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("base-uri")).toBe("'self'");
    expect(policy.get("form-action")).toBe("'self'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
  });

  it("adds eval and unsigned styles only for the development server", () => {
    const policy = directives(pageContentSecurityPolicy({ nonce: NONCE, development: true, https: false }));
    expect(policy.get("script-src")).toBe(`'self' 'nonce-${NONCE}' 'strict-dynamic' 'unsafe-eval'`);
    expect(policy.get("style-src")).toBe("'self' 'unsafe-inline'");
    expect(policy.has("style-src-attr")).toBe(false);
  });

  it("upgrades subresources to https behind TLS", () => {
    const policy = pageContentSecurityPolicy({ nonce: NONCE, development: false, https: true });
    expect(directives(policy).has("upgrade-insecure-requests")).toBe(true);
  });

  it("never allows inline scripts or eval in production", () => {
    const policy = pageContentSecurityPolicy({ nonce: NONCE, development: false, https: true });
    expect(directives(policy).get("script-src")).not.toMatch(/unsafe/);
  });

  it.each([
    ["empty", ""],
    ["too short to be 128 random bits", "abc123=="],
    ["able to break out of the source expression", `${NONCE}' 'unsafe-inline`],
    ["able to add a directive", `${NONCE}; script-src *`],
  ])("refuses a nonce that is %s", (_label, nonce) => {
    expect(() => pageContentSecurityPolicy({ nonce, development: false, https: false })).toThrow();
  });

  it("gives back the nonce it was built with, as Next.js extracts it", () => {
    expect(nonceOf(pageContentSecurityPolicy({ nonce: NONCE, development: false, https: false }))).toBe(NONCE);
    expect(nonceOf("default-src 'none'")).toBeNull();
  });
});
