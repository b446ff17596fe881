import { describe, expect, it } from "vitest";
import {
  characterClasses,
  checkPassword,
  generatePassword,
  PASSWORD_MIN_LENGTH,
  passwordProblemMessage,
} from "../../lib/domain/passwords";
import { translate } from "../../lib/i18n/message";

describe("password policy", () => {
  it("accepts a long password with three of the four character classes", () => {
    expect(checkPassword("Shandong2026", "admin")).toEqual([]);
    expect(checkPassword("shandong#2026", "admin")).toEqual([]);
    expect(checkPassword("Shandong#2026", "admin")).toEqual([]);
  });

  it(`needs at least ${PASSWORD_MIN_LENGTH} characters, counted as characters rather than UTF-16 units`, () => {
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    expect(checkPassword("Ab1!Ab1!A", "admin")).toEqual(["tooShort"]);
    expect(checkPassword("Ab1!Ab1!Ab", "admin")).toEqual([]);
    // Nine characters, one of them outside the BMP (two UTF-16 units): still too short.
    expect(checkPassword("Ab1!Ab1!𠀀", "admin")).toEqual(["tooShort"]);
  });

  it("counts character classes, CJK as a symbol", () => {
    expect(characterClasses("abc")).toBe(1);
    expect(characterClasses("abcABC")).toBe(2);
    expect(characterClasses("abcABC123")).toBe(3);
    expect(characterClasses("aA1!")).toBe(4);
    expect(characterClasses("数据abc123")).toBe(3);
    expect(checkPassword("abcdefghijk", "admin")).toEqual(["tooFewClasses"]);
    expect(checkPassword("abcdef123456", "admin")).toEqual(["tooFewClasses"]);
  });

  it("refuses the username itself, in any letter case", () => {
    expect(checkPassword("Zhang.San-01", "zhang.san-01")).toEqual(["equalsUsername"]);
    expect(checkPassword("Zhang.San-01x", "zhang.san-01")).toEqual([]);
  });

  it("reports every broken rule at once, each with a message in each language", () => {
    expect(checkPassword("abc", "abc")).toEqual(["tooShort", "tooFewClasses", "equalsUsername"]);
    expect(checkPassword("Aa1!".repeat(40), "x")).toEqual(["tooLong"]);
    const problems = ["tooShort", "tooLong", "tooFewClasses", "equalsUsername"] as const;
    for (const problem of problems) {
      const message = passwordProblemMessage(problem);
      expect(translate("zh-CN", message)).toMatch(/^[^a-zA-Z]*密码/);
      expect(translate("en", message)).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect(translate("zh-CN", passwordProblemMessage("tooShort"))).toBe(`密码至少 ${PASSWORD_MIN_LENGTH} 个字符`);
    expect(translate("en", passwordProblemMessage("tooShort"))).toBe(
      `The password needs at least ${PASSWORD_MIN_LENGTH} characters`,
    );
  });

  it("generates passwords that satisfy the policy, without look-alike characters", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generatePassword();
      expect(password).toHaveLength(16);
      expect(characterClasses(password)).toBe(4);
      expect(checkPassword(password, "admin")).toEqual([]);
      expect(password).not.toMatch(/[0O1lI]/);
      seen.add(password);
    }
    expect(seen.size).toBe(200);
    expect(generatePassword(4)).toHaveLength(PASSWORD_MIN_LENGTH);
  });

  it("draws from the random source it is given", () => {
    let n = 0;
    const counter = (bytes: Uint8Array) => bytes.map(() => n++ % 256);
    n = 0;
    const a = generatePassword(16, counter);
    n = 0;
    expect(generatePassword(16, counter)).toBe(a);
  });
});
