/**
 * When two usernames are "the same" (outside probe 2026-12, finding 7: `аdmin` with a Cyrillic а,
 * full-width `ａｄｍｉｎ`, `Admin` and `ADMIN` could all be created beside `admin`).
 *
 * - The **key** of a username is its NFKC form, lower-cased, with the Cyrillic and
 *   Greek letters that look like Latin ones replaced by those Latin letters (a small confusables
 *   skeleton). Two usernames with one key are one account: the database holds a UNIQUE index on the
 *   key (the SQL function `dpt_username_key` in migration 20261207120000_username_key computes the same
 *   thing from `CONFUSABLES` below; a unit test keeps the two in step), and sign-in looks accounts up by
 *   it, so `ADMIN` signs in as `admin`.
 * - A username may not **mix** Latin, Cyrillic and Greek letters (`аdmin` is refused outright). Names in
 *   one of those scripts, in Chinese (the department accounts such as 省大数据局) or any other script
 *   are allowed; a pure Cyrillic look-alike of a Latin name (`асе` for `ace`) is refused because its key
 *   collides.
 * Pure: no I/O.
 */

/**
 * Cyrillic and Greek letters that render like a Latin letter in common fonts (lower case; the upper
 * case forms are added below). Latin letters and digits are never changed, so names such as admin1
 * and adminl stay distinct. Final sigma becomes σ because JavaScript and PostgreSQL lower-case Σ
 * differently at the end of a word.
 */
const LOWER_CONFUSABLES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: "a",
  в: "b",
  ԁ: "d",
  е: "e",
  һ: "h",
  н: "h",
  і: "i",
  ј: "j",
  к: "k",
  ӏ: "l",
  м: "m",
  о: "o",
  р: "p",
  ԛ: "q",
  с: "c",
  ѕ: "s",
  т: "t",
  у: "y",
  ү: "y",
  ԝ: "w",
  х: "x",
  // Greek
  α: "a",
  β: "b",
  γ: "y",
  ε: "e",
  ζ: "z",
  η: "n",
  ι: "i",
  κ: "k",
  μ: "m",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  ϲ: "c",
  ϳ: "j",
  ς: "σ",
};

/**
 * The whole map, upper case included: PostgreSQL's lower() folds only ASCII under the "C" locale, so
 * the SQL function translates upper-case letters itself, to what their lower case maps to.
 */
export const CONFUSABLES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(LOWER_CONFUSABLES).flatMap(([lower, latin]) => {
    const upper = lower.toUpperCase();
    return upper !== lower && Array.from(upper).length === 1 && upper !== "Σ"
      ? [
          [lower, latin],
          [upper, latin],
        ]
      : [[lower, latin]];
  }),
);

/** NFKC and lower case: full-width, ligature and case variants become one. */
export function foldUsername(username: string): string {
  return username.normalize("NFKC").toLowerCase();
}

/** The key uniqueness and sign-in use: the folded name with look-alike letters made Latin. */
export function usernameKey(username: string): string {
  return Array.from(foldUsername(username), (ch) => CONFUSABLES[ch] ?? ch).join("");
}

export type UsernameScriptProblem = "mixedScript";

const SCRIPTS = [
  ["latin", /\p{Script=Latin}/u],
  ["cyrillic", /\p{Script=Cyrillic}/u],
  ["greek", /\p{Script=Greek}/u],
] as const;

/** The scripts among Latin, Cyrillic and Greek that the username's letters use (after NFKC). */
export function confusableScripts(username: string): string[] {
  const letters = Array.from(username.normalize("NFKC")).filter((ch) => /\p{L}/u.test(ch));
  return SCRIPTS.filter(([, pattern]) => letters.some((ch) => pattern.test(ch))).map(([name]) => name);
}

/** A username that mixes Latin, Cyrillic or Greek letters is refused; one script (or Chinese) is fine. */
export function usernameScriptProblem(username: string): UsernameScriptProblem | null {
  return confusableScripts(username).length > 1 ? "mixedScript" : null;
}
