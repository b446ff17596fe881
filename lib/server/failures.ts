import "server-only";
import { z } from "zod";
import { findUnsafeText, UNSAFE_TEXT_MESSAGES } from "../domain/text-input";
import { msg, parseMessageRef, type MessageLike, type MessageValues } from "../i18n/message";
import { AppError, type ErrorBody } from "./errors";

/** Any thrown value → the typed error a user may see. Unknown failures are logged, never shown raw. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return validationError(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "P2002") return new AppError("CONFLICT", msg("errors.exists"));
  if (code === "P2025" || code === "P2001") return new AppError("NOT_FOUND", msg("errors.recordNotFound"));
  if (isConcurrencyFailure(error)) {
    return new AppError("CONFLICT", msg("errors.concurrent"));
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError("UNAVAILABLE", msg("errors.unavailable"));
  }
  console.error("unexpected failure", error);
  return new AppError("INTERNAL", msg("errors.internal"));
}

// What the database being down, restarting or out of connections looks like, as seen through Prisma 7,
// its pg driver adapter and node-postgres (observed in tests/reliability/postgres-restart.test.ts).
const UNAVAILABLE_CODES = new Set([
  // Prisma: cannot reach the server, timed out, server closed the connection, pool wait timed out.
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
  // Sockets.
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  // PostgreSQL: admin_shutdown (a restart), crash_shutdown, cannot_connect_now (starting up), too many connections.
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);
// The driver adapter's names for the same failures (DriverAdapterError.cause.kind).
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// node-postgres raises these as plain Errors without a code; the adapter passes them through unchanged.
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /encountered a connection error and is not queryable/i,
  /timeout exceeded when trying to connect/i,
  /Can't reach database server/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

/**
 * Whether a failure means "the database is not there right now" (answered 503, retried later) rather than
 * a bug. Prisma wraps the driver's error: the SQLSTATE or socket code can sit in `code`, in
 * `meta.driverAdapterError.cause.originalCode` or down a `cause` chain, so all of them are looked at.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return someErrorLayer(error, (v) => {
    for (const key of ["code", "originalCode"]) {
      const code = v[key];
      // SQLSTATE class 08: connection exceptions.
      if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    }
    if (typeof v.kind === "string" && UNAVAILABLE_KINDS.has(v.kind)) return true;
    for (const key of ["message", "originalMessage"]) {
      const message = v[key];
      if (typeof message === "string" && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
    }
    return false;
  });
}

// A deadlock (40P01) or a serialization failure (40001), which Prisma reports as P2034: the transaction
// was rolled back whole, so the caller may simply try again. Answered 409 like any concurrent change.
const CONCURRENCY_CODES = new Set(["P2034", "40P01", "40001"]);

export function isConcurrencyFailure(error: unknown): boolean {
  return someErrorLayer(error, (v) =>
    ["code", "originalCode"].some((key) => typeof v[key] === "string" && CONCURRENCY_CODES.has(v[key])),
  );
}

/** Whether `test` holds for the error or any error it wraps (`cause`, `meta`, `driverAdapterError`). */
function someErrorLayer(error: unknown, test: (layer: Record<string, unknown>) => boolean): boolean {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): boolean => {
    if (value === null || typeof value !== "object" || depth > 5 || seen.has(value)) return false;
    seen.add(value);
    const v = value as Record<string, unknown>;
    if (test(v)) return true;
    return ["cause", "meta", "driverAdapterError"].some((key) => visit(v[key], depth + 1));
  };
  return visit(error, 0);
}

/**
 * zod issues → field errors. A schema's message is a messageRef (a catalogue key); the issue's own
 * `minimum`, `maximum` and refine `params` become its values, so "至少 {minimum} 个字符" needs no copy of
 * the limit. zod's default messages (no key) pass through as they are.
 */
export function validationError(error: z.ZodError): AppError {
  const fieldErrors: Record<string, MessageLike[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (fieldErrors[key] ??= []).push(issueMessage(issue));
  }
  return new AppError("VALIDATION", msg("errors.invalidInput"), { fieldErrors });
}

function issueMessage(issue: z.core.$ZodIssue): MessageLike {
  const ref = parseMessageRef(issue.message);
  if (!ref) return issue.message;
  const values: MessageValues = {};
  for (const name of ["minimum", "maximum"] as const) {
    const limit = (issue as Partial<Record<typeof name, unknown>>)[name];
    if (typeof limit === "number" || typeof limit === "bigint") values[name] = Number(limit);
  }
  const params = (issue as { params?: Record<string, unknown> }).params ?? {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === "string" || typeof value === "number") values[name] = value;
  }
  return { key: ref.key, values: { ...values, ...ref.values } };
}

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/**
 * The refusal of text that breaks the text rule (NUL, lone surrogate — lib/domain/text-input.ts): 422,
 * naming the field; nothing is stored.
 */
export function unsafeTextError(field: string): AppError {
  return new AppError("VALIDATION", UNSAFE_TEXT_MESSAGES.input, {
    fieldErrors: { [field]: [UNSAFE_TEXT_MESSAGES.field] },
  });
}

/** Throws the refusal above when any string in `value` (keys, form fields, file names too) is unsafe. */
export function assertSafeText(value: unknown, path: string[] = []): void {
  const field = findUnsafeText(value, path);
  if (field) throw unsafeTextError(field);
}
