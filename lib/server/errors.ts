/**
 * Typed errors every entry point maps once: server actions return them as results, route handlers as
 * JSON with the status below. No raw database error reaches a user.
 *
 * Messages: an error carries a code, a catalogue key and its values — never words. Add the words to
 * messages/areas/errors.ts (zh-CN and en; the type makes en complete) and throw
 * `new AppError("CONFLICT", msg("errors.…", { … }))`; field errors likewise (`fieldErrors: { name: [msg(…)] }`).
 * A zod schema states its message as `messageRef("errors.…")` (a key in a string; zod's own `minimum`,
 * `maximum` and refine `params` become values). The wrappers translate ONCE into the reader's language:
 * server actions by the locale cookie (lib/server/action.ts), route handlers by Accept-Language
 * (lib/server/http.ts). The JSON body keeps its shape; `message` is in one language.
 */
import { translate, type MessageLike, msg } from "../i18n/message";
import type { Locale, MessageKey } from "../i18n/catalogue";

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

/** What a client receives: words in one language. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fieldErrors?: Record<string, string[]>;
  /** For CONFLICT: the newer state the client must start from. */
  current?: unknown;
}

export interface ErrorExtra {
  fieldErrors?: Record<string, MessageLike[]>;
  current?: unknown;
}

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    readonly text: MessageLike,
    readonly extra: ErrorExtra = {},
  ) {
    // English in logs and stack traces; users get toBody(locale).
    super(translate("en", text));
  }

  /** The body in `locale`'s words: the one place an error is translated. */
  toBody(locale: Locale): ErrorBody {
    const body: ErrorBody = { code: this.code, message: translate(locale, this.text) };
    const { fieldErrors, ...rest } = this.extra;
    if (fieldErrors) {
      body.fieldErrors = Object.fromEntries(
        Object.entries(fieldErrors).map(([field, messages]) => [field, messages.map((m) => translate(locale, m))]),
      );
    }
    return { ...body, ...rest };
  }
}

/** What a refusal names: keys of messages/areas/errors.ts `subjects`. */
export type Subject = MessageKey extends infer K ? (K extends `errors.subjects.${infer S}` ? S : never) : never;
/** What a 403 names: keys of `actions`. */
export type Deed = MessageKey extends infer K ? (K extends `errors.actions.${infer S}` ? S : never) : never;

export const forbidden = (what: Deed = "default") =>
  new AppError("FORBIDDEN", msg("errors.forbidden", { what: msg(`errors.actions.${what}`) }));
/** `what` is a subject key of messages/areas/errors.ts (`subjects`): the type refuses free text. */
export const notFound = (what: Subject) =>
  new AppError("NOT_FOUND", msg("errors.notFound", { what: msg(`errors.subjects.${what}`) }));
export const unauthenticated = () => new AppError("UNAUTHENTICATED", msg("errors.unauthenticated"));
