import "server-only";
import { z } from "zod";
import { findUnsafeText, UNSAFE_TEXT_MESSAGES } from "../domain/text-input";
import { AppError, type ErrorBody } from "./errors";

/** Any thrown value → the typed error a user may see. Unknown failures are logged, never shown raw. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return validationError(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "P2002")
    return new AppError("CONFLICT", "记录已存在或已被他人修改 · the record already exists or was changed");
  if (code === "P2025" || code === "P2001") return new AppError("NOT_FOUND", "记录不存在 · not found");
  if (isConcurrencyFailure(error)) {
    return new AppError(
      "CONFLICT",
      "与他人的同时修改冲突，请刷新后重试；您的内容未保存 · a concurrent change got in the way: reload and try again, nothing was saved",
    );
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError(
      "UNAVAILABLE",
      "数据库暂时无法连接，请稍后重试 · the database is unavailable, try again shortly",
    );
  }
  console.error("unexpected failure", error);
  return new AppError("INTERNAL", "服务器内部错误，请稍后重试 · internal error, please try again");
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

export function validationError(error: z.ZodError): AppError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return new AppError("VALIDATION", "提交的内容不符合要求 · the input is invalid", { fieldErrors });
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
