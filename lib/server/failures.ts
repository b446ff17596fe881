import "server-only";
import { z } from "zod";
import { AppError, type ErrorBody } from "./errors";

/** Any thrown value → the typed error a user may see. Unknown failures are logged, never shown raw. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return validationError(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "P2002")
    return new AppError("CONFLICT", "记录已存在或已被他人修改 · the record already exists or was changed");
  if (code === "P2025" || code === "P2001") return new AppError("NOT_FOUND", "记录不存在 · not found");
  if (code === "P1001" || code === "ECONNREFUSED" || code === "57P01" || code === "ETIMEDOUT") {
    return new AppError(
      "UNAVAILABLE",
      "数据库暂时无法连接，请稍后重试 · the database is unavailable, try again shortly",
    );
  }
  console.error("unexpected failure", error);
  return new AppError("INTERNAL", "服务器内部错误，请稍后重试 · internal error, please try again");
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
