/**
 * A secret scan of every git-tracked file: no private keys, no committed .env values, no hard-coded
 * credentials. Test-only secrets are allowed in tests/ and playwright.config.ts, example values in the
 * Markdown docs, and the documented demo password (lib/demo.ts, only seeded with SEED_DEMO_USERS).
 */
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SELF = "tests/unit/no-secrets.test.ts";
const DEMO_PASSWORD = "Demo@2026";
const MAX_SCANNED_BYTES = 5 * 1024 * 1024;

const trackedFiles = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" })
  .split("\0")
  .filter((file) => file && file !== SELF);

/** Where test-only secrets (throwaway NEXTAUTH_SECRET, connection strings of scratch databases) may live. */
const isTestOnly = (file: string) => file.startsWith("tests/") || file === "playwright.config.ts";
const isDoc = (file: string) => file.endsWith(".md");

function readText(file: string): string | null {
  const full = path.join(root, file);
  let size: number;
  try {
    size = statSync(full).size;
  } catch {
    return null; // deleted in the working tree but still tracked
  }
  if (size > MAX_SCANNED_BYTES) return null;
  const bytes = readFileSync(full);
  if (bytes.includes(0)) return null; // binary
  return bytes.toString("utf8");
}

interface Finding {
  file: string;
  line: number;
  rule: string;
}

interface Rule {
  name: string;
  pattern: RegExp;
  /** Files where the rule does not apply. */
  skip?: (file: string) => boolean;
  /** Matches that are not secrets (placeholders, loopback-only defaults). */
  allow?: (match: string) => boolean;
}

const placeholder = (value: string) =>
  /\$\{|^<.*>$|^\$[A-Z_]+$|change[-_ ]?me|replace|example|placeholder|x{6,}|\.\.\./i.test(value);

const RULES: Rule[] = [
  { name: "private key", pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/g },
  { name: "AWS access key id", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  {
    name: "AWS secret access key",
    pattern: /aws_?secret_?access_?key\s*[=:]\s*["']?[A-Za-z0-9/+]{40}/gi,
  },
  { name: "GitHub token", pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g },
  { name: "Slack token", pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
  { name: "API token of this app", pattern: /\bdpt_[A-Za-z0-9_-]{32}\b/g, skip: isTestOnly },
  {
    // `NEXTAUTH_SECRET=value` (shell, .env, Dockerfile) or `NEXTAUTH_SECRET: "value"` (object literal).
    name: "hard-coded NEXTAUTH_SECRET / OIDC_CLIENT_SECRET",
    pattern: /\b(?:NEXTAUTH_SECRET|OIDC_CLIENT_SECRET)\s*(?:=|:\s*["'`])\s*([^\s"'`,;]+)/g,
    skip: (file) => isTestOnly(file) || isDoc(file),
    allow: (match) => placeholder(match.replace(/^[^=:]*[=:]\s*["'`]?\s*/, "")),
  },
  {
    // A connection string with a password, unless it points at the loopback (the embedded database) or
    // its host is filled in at run time.
    name: "database URL with a password",
    pattern: /\bpostgres(?:ql)?:\/\/[^\s:@/"'`]+:[^\s@/"'`]+@[^\s/"'`]+/g,
    skip: (file) => isTestOnly(file) || isDoc(file),
    allow: (match) => /@(?:127\.0\.0\.1|localhost|\$\{)/.test(match) || placeholder(match),
  },
  {
    name: "hard-coded password or secret",
    pattern: /\b(?:password|passwd|secret|api_?key)\s*[=:]\s*["'`]([^"'`\s]{8,})["'`]/gi,
    skip: (file) => isTestOnly(file) || isDoc(file),
    allow: (match) => {
      const value = match.replace(/^[^"'`]*["'`]/, "").slice(0, -1);
      // A value of letters only is a label ("Password"), not a credential.
      return value === DEMO_PASSWORD || placeholder(value) || /^[\p{L} ]+$/u.test(value);
    },
  },
];

function scanText(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (rule.skip?.(file)) continue;
    for (const match of text.matchAll(rule.pattern)) {
      if (rule.allow?.(match[0])) continue;
      findings.push({ file, line: text.slice(0, match.index).split("\n").length, rule: rule.name });
    }
  }
  return findings;
}

/** A tracked .env file may only be an example whose assignments are empty or placeholders. */
function scanEnvFile(file: string, text: string): Finding[] {
  const example = /\.(example|sample|template)$/.test(file);
  return text.split("\n").flatMap((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return [];
    const value = /^(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=\s*(.*)$/.exec(line)?.[1]?.replace(/^["']|["']$/g, "");
    if (!value) return [];
    if (example && (placeholder(value) || !/(SECRET|PASSWORD|TOKEN|KEY)/i.test(line.split("=")[0]!))) return [];
    return [{ file, line: index + 1, rule: example ? "secret value in an example .env" : "committed .env value" }];
  });
}

describe("secret scan of the tracked files", () => {
  it("finds the repository's files", () => {
    expect(trackedFiles).toContain("package.json");
    expect(trackedFiles.length).toBeGreaterThan(100);
  });

  it("finds no private key, committed .env value or hard-coded credential", () => {
    const findings = trackedFiles.flatMap((file) => {
      const text = readText(file);
      if (text === null) return [];
      const env = /(^|\/)\.env(\.[^/]*)?$/.test(file) ? scanEnvFile(file, text) : [];
      return [...env, ...scanText(file, text)];
    });
    expect(findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([]);
  });

  it("recognises the patterns it looks for", () => {
    const key = ["-----BEGIN RSA ", "PRIVATE KEY-----"].join("");
    expect(scanText("lib/x.ts", `const k = "${key}";`).map((f) => f.rule)).toEqual(["private key"]);
    expect(scanText("lib/x.ts", `NEXTAUTH_SECRET: "s3cr3t-value-that-is-long-enough-0000"`)).toHaveLength(1);
    expect(scanText("lib/x.ts", "NEXTAUTH_SECRET: `${generated}`")).toEqual([]);
    expect(scanText("Dockerfile", "ENV NEXTAUTH_SECRET=abcdefabcdefabcdefabcdefabcdefab")).toHaveLength(1);
    expect(scanText("lib/x.ts", `const id = "AKIA${"ABCDEFGHIJKLMNOP"}";`)).toHaveLength(1);
    expect(scanText("lib/x.ts", `url = "postgresql://app:hunter22@db.internal:5432/app"`)).toHaveLength(1);
    expect(scanText("lib/x.ts", "url = `postgresql://postgres:postgres@${host}:5432/postgres`")).toEqual([]);
    expect(scanText("lib/x.ts", `const admin = { password: "Sup3rSecret!" };`)).toHaveLength(1);
    expect(scanText("lib/demo.ts", `export const DEMO_PASSWORD = "${DEMO_PASSWORD}";`)).toEqual([]);
    expect(scanText("tests/e2e/x.ts", `NEXTAUTH_SECRET: "test-only-secret-test-only-secret-000"`)).toEqual([]);
    expect(scanEnvFile(".env", "DATABASE_URL=postgresql://u:p@db/x\n# comment\nEMPTY=")).toHaveLength(1);
    expect(scanEnvFile(".env.example", "NEXTAUTH_SECRET=\nPORT=3000\nOIDC_CLIENT_SECRET=change-me")).toEqual([]);
    expect(scanEnvFile(".env.example", "NEXTAUTH_SECRET=0123456789abcdef0123456789abcdef")).toHaveLength(1);
  });
});
