import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  CONFUSABLES,
  confusableScripts,
  foldUsername,
  usernameKey,
  usernameScriptProblem,
} from "../../lib/domain/usernames";

describe("username keys", () => {
  it.each([
    ["admin", "admin"],
    ["Admin", "admin"],
    ["ADMIN", "admin"],
    ["ａｄｍｉｎ", "admin"], // full-width
    ["ＡＤＭＩＮ", "admin"],
    ["аdmin", "admin"], // Cyrillic а
    ["АDMIN", "admin"], // Cyrillic А
    ["аdміn", "admin"], // Cyrillic а, м, і
    ["αdmin", "admin"], // Greek α
    ["ΑDΜΙ", "admi"], // Greek Α, Μ, Ι
    ["ad\u217Fin", "admin"], // ⅿ ROMAN NUMERAL ONE THOUSAND (NFKC → m)
    ["\uFB01le", "file"], // ﬁ ligature
    ["省大数据局", "省大数据局"],
    ["省大數據局", "省大數據局"], // traditional characters are different names
    ["reviewer.01", "reviewer.01"],
  ])("%s → %s", (name, key) => {
    expect(usernameKey(name)).toBe(key);
  });

  it("keeps Latin letters and digits apart (no 0/o or 1/l folding)", () => {
    expect(usernameKey("admin1")).not.toBe(usernameKey("adminl"));
    expect(usernameKey("r0ot")).not.toBe(usernameKey("root"));
  });

  it("folds case and width only, before the look-alike letters", () => {
    expect(foldUsername("ＡＤＭＩＮ")).toBe("admin");
    expect(foldUsername("аdmin")).toBe("аdmin");
  });

  it("maps every upper-case look-alike like its lower case (PostgreSQL under the C locale folds only ASCII)", () => {
    for (const [letter, latin] of Object.entries(CONFUSABLES)) {
      expect(CONFUSABLES[letter.toLowerCase()] ?? letter.toLowerCase(), letter).toBe(latin);
      expect(Array.from(letter)).toHaveLength(1);
      expect(Array.from(latin)).toHaveLength(1);
    }
    // A Cyrillic word made of look-alikes only has the key of its Latin twin.
    expect(usernameKey("асе")).toBe("ace");
    expect(usernameKey("АСЕ")).toBe("ace");
  });

  it("is the letter list the SQL function of the migration uses", () => {
    const dir = path.join(process.cwd(), "prisma", "migrations");
    const name = readdirSync(dir).find((entry) => entry.endsWith("_username_key"));
    expect(name).toBeDefined();
    const sql = readFileSync(path.join(dir, name!, "migration.sql"), "utf8");
    const literals = /pg_catalog\.translate\([\s\S]*?,\s*'([^']*)',\s*'([^']*)'\s*\)/.exec(sql);
    expect(literals).not.toBeNull();
    expect(literals![1]).toBe(Object.keys(CONFUSABLES).join(""));
    expect(literals![2]).toBe(Object.values(CONFUSABLES).join(""));
  });
});

describe("username scripts", () => {
  it.each([
    ["admin", ["latin"]],
    ["аdmin", ["latin", "cyrillic"]],
    ["αdmin", ["latin", "greek"]],
    ["аαa", ["latin", "cyrillic", "greek"]],
    ["иван", ["cyrillic"]],
    ["省大数据局", []],
    ["ａｄｍｉｎ", ["latin"]],
    ["user_01.x-y@z", ["latin"]],
  ])("%s uses %j", (name, scripts) => {
    expect(confusableScripts(name)).toEqual(scripts);
  });

  it.each(["аdmin", "admin\u0430", "αdmin", "pаypal", "аdmiн", "иванivan", "ΑΒΓабв", "ａdmіn"])(
    "refuses the mixed-script name %s",
    (name) => {
      expect(usernameScriptProblem(name)).toBe("mixedScript");
    },
  );

  it.each([
    "admin",
    "Admin",
    "reviewer",
    "省大数据局",
    "省大数据局.02",
    "山东省工业和信息化厅",
    "иван",
    "αθηνα",
    "zhang.san",
    "张三zhang",
    "user@example",
    "ａｄｍｉｎ",
  ])("accepts %s", (name) => {
    expect(usernameScriptProblem(name)).toBeNull();
  });
});
