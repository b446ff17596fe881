/**
 * Typed errors every entry point maps once: server actions return them as results, route handlers as
 * JSON with the status below. No raw database error reaches a user.
 */
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "VALIDATION"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RATE_LIMITED"
  | "UNAVAILABLE"
  | "INTERNAL";

export const STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 422,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fieldErrors?: Record<string, string[]>;
  /** For CONFLICT: the newer state the client must start from. */
  current?: unknown;
}

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Omit<ErrorBody, "code" | "message"> = {},
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

// Messages are bilingual here: errors also reach API clients that have no locale.
export const forbidden = (what = "此操作 this action") => new AppError("FORBIDDEN", `无权执行${what} · not allowed`);
export const notFound = (what: string) => new AppError("NOT_FOUND", `${what}不存在 · not found`);
export const unauthenticated = () => new AppError("UNAUTHENTICATED", "请先登录 · sign in first");
