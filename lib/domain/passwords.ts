/**
 * The password policy for accounts an administrator creates or resets (pure: no I/O, no hashing).
 * At least PASSWORD_MIN_LENGTH characters, at least three of the four character classes (lower case,
 * upper case, digits, symbols — any other character, CJK included, counts as a symbol) and not the
 * username itself in any letter case.
 */
import { msg, type Message } from "../i18n/message";

/** The one source for the minimum length: the admin forms show it, lib/server hashes only what passes. */
export const PASSWORD_MIN_LENGTH = 10;

export const PASSWORD_MAX_LENGTH = 128;
export const REQUIRED_CHARACTER_CLASSES = 3;

export type PasswordProblem = "tooShort" | "tooLong" | "tooFewClasses" | "equalsUsername";

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
}

/** Every rule the password breaks, in a stable order; empty when it is acceptable. */
export function checkPassword(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push("tooShort");
  if (length > PASSWORD_MAX_LENGTH) problems.push("tooLong");
  if (characterClasses(password) < REQUIRED_CHARACTER_CLASSES) problems.push("tooFewClasses");
  if (username.trim() !== "" && password.trim().toLowerCase() === username.trim().toLowerCase()) {
    problems.push("equalsUsername");
  }
  return problems;
}

/** Each broken rule as a catalogue message (errors.passwords.*); the wrappers and the CLI translate it. */
export function passwordProblemMessage(problem: PasswordProblem): Message {
  switch (problem) {
    case "tooShort":
      return msg("errors.passwords.tooShort", { min: PASSWORD_MIN_LENGTH });
    case "tooLong":
      return msg("errors.passwords.tooLong", { max: PASSWORD_MAX_LENGTH });
    case "tooFewClasses":
      return msg("errors.passwords.tooFewClasses");
    case "equalsUsername":
      return msg("errors.passwords.equalsUsername");
  }
}

// No look-alikes (0/O, 1/l/I) so a password read out over the phone survives.
const ALPHABETS = ["abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "@#%+=?!*"] as const;
const ALL = ALPHABETS.join("");

/** A uniformly random index below `max` from a CSPRNG (rejection sampling: no modulo bias). */
function randomIndex(max: number, random: (bytes: Uint8Array) => Uint8Array): number {
  const limit = 256 - (256 % max);
  for (;;) {
    const [byte] = random(new Uint8Array(1));
    if (byte !== undefined && byte < limit) return byte % max;
  }
}

const defaultRandom = (bytes: Uint8Array) => globalThis.crypto.getRandomValues(bytes);

/**
 * A random password that satisfies the policy: 16 characters with every class present, shuffled.
 * `random` fills a byte array (Web Crypto by default); tests may pass a deterministic one.
 */
export function generatePassword(length = 16, random: (bytes: Uint8Array) => Uint8Array = defaultRandom): string {
  const size = Math.max(length, PASSWORD_MIN_LENGTH, ALPHABETS.length);
  const chars = ALPHABETS.map((alphabet) => alphabet[randomIndex(alphabet.length, random)]!);
  while (chars.length < size) chars.push(ALL[randomIndex(ALL.length, random)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1, random);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}
