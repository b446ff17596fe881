/**
 * Environment variables, validated once. Server code imports `env` from here and nowhere reads
 * process.env directly, so a misconfiguration fails at boot with a message naming the variable.
 * The only file that may read process.env (lint: no-restricted-properties in eslint.config.mjs;
 * scripts/ and tests/ are exempt).
 */
import path from "node:path";
import { z } from "zod";

/** An OpenID Connect issuer over TLS, or over plain http on this machine only (development, tests). */
function secureIssuer(value: string): boolean {
  const url = new URL(value);
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && /^(127(\.\d{1,3}){3}|localhost|\[::1\])$/.test(url.hostname);
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL")
    .optional(),
  // Set by the launcher (scripts/start.ts): which database the app is talking to.
  DATABASE_MODE: z.enum(["embedded", "external"]).default("external"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DATA_DIR: z.string().min(1).default(".data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  SEED_ON_START: z.enum(["auto", "always", "never"]).default("auto"),
  DEFAULT_LOCALE: z.enum(["zh-CN", "en"]).default("zh-CN"),
  // Signs the session cookie. The launcher generates and keeps one for the embedded database; with
  // DATABASE_URL it must be given (32+ random characters).
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)").optional(),
  NEXTAUTH_URL: z.url().optional(),
  // Optional single sign-on through any OpenID Connect provider (the province's unified identity platform).
  // The issuer identifier (e.g. https://idp.example.gov.cn/realms/dpt); https, or http on loopback only.
  OIDC_ISSUER: z
    .url()
    .refine(secureIssuer, "must be an https:// URL (http:// only on loopback: 127.0.0.1, localhost, [::1])")
    .optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("统一身份认证"),
  // The algorithm the provider signs id_tokens with for this client (asymmetric only).
  OIDC_ID_TOKEN_ALG: z
    .enum(["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"])
    .default("RS256"),
  // Demo accounts (admin, reviewer, viewer, one editor per lead department): always with the embedded
  // database, against DATABASE_URL only when asked.
  SEED_DEMO_USERS: z.enum(["true", "false"]).optional(),
  // Sample task reports and indicator values, marked as such (seed/sample.ts). Default: on the first
  // start of the embedded demo database only; never against DATABASE_URL unless "true".
  SEED_SAMPLE_DATA: z.enum(["true", "false"]).optional(),
  UPLOAD_DIR: z.string().optional(),
  // Behind a reverse proxy that sets X-Forwarded-For: trust it for the per-address sign-in limit.
  TRUST_PROXY: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  // Failed sign-ins (all names, all addresses) within 15 minutes from which every sign-in is slowed
  // down as a suspected password spray (lib/server/auth/throttle.ts).
  SIGN_IN_SPRAY_THRESHOLD: z.coerce.number().int().min(1).max(1_000_000).default(30),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  TZ_DISPLAY: z.string().default("Asia/Shanghai"),
  // Up to this many lead units the overview's unit filter is a list; above it, a search field.
  OVERVIEW_UNIT_LIST_LIMIT: z.coerce.number().int().min(0).max(100_000).default(300),
});

export type Env = z.infer<typeof schema>;

const oidcComplete = (env: Env) =>
  [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].every(Boolean) ||
  [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].every((v) => !v);

/** Folders whose files the web server hands out as they are: uploads stored there would be served inline. */
const SERVED_DIRS = ["public", ".next"];

/** Where uploads go; refused inside a folder the web server serves (uploads stay outside the web root). */
export function uploadDirectory(env: Pick<Env, "UPLOAD_DIR" | "DATA_DIR">, cwd = process.cwd()): string {
  const dir = path.resolve(cwd, env.UPLOAD_DIR ?? path.join(env.DATA_DIR, "uploads"));
  for (const served of SERVED_DIRS.map((name) => path.resolve(cwd, name))) {
    if (dir === served || dir.startsWith(`${served}${path.sep}`)) {
      throw new EnvError(
        `Invalid environment configuration 环境变量配置有误:\n  - UPLOAD_DIR/DATA_DIR: uploads must be stored outside the web root, not in ${path.relative(cwd, served)}/`,
      );
    }
  }
  return dir;
}

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Treat empty strings as unset: `FOO= npm start` should mean "default", not "invalid".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment configuration 环境变量配置有误:\n${lines.join("\n")}`);
  }
  if (!oidcComplete(result.data)) {
    throw new EnvError(
      "Invalid environment configuration 环境变量配置有误:\n  - OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: set all three to enable single sign-on, or none",
    );
  }
  uploadDirectory(result.data);
  return result.data;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Whether this is a development build. Next.js replaces `process.env.NODE_ENV` at build time, so in the
 * bundles this is the build's mode (`next dev` or `next build`), whatever the running process says.
 */
export function isDevelopmentBuild(): boolean {
  return process.env.NODE_ENV === "development";
}

/**
 * The runtime Next.js is running this code in ("nodejs" or "edge"; undefined outside Next.js). Next.js
 * sets it per bundle. Reads nothing else: safe to call before the environment is validated.
 */
export function nextRuntime(): string | undefined {
  return process.env.NEXT_RUNTIME;
}

/** The environment a child process inherits: this process's, with `overrides` on top. */
export function childProcessEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/** PG_BIN: the folder holding the PostgreSQL binaries, when not in a standard place (backups, tests). */
export function postgresBinOverride(): string | undefined {
  return process.env.PG_BIN || undefined;
}
