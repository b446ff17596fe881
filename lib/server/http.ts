import "server-only";
import { z } from "zod";
import type { Actor, RoleName } from "./auth/actor";
import { requireRequestActor } from "./auth/session";
import { unsafeSearchParam } from "../search-params";
import { AppError, forbidden, STATUS } from "./errors";
import { assertSafeText, toAppError, unsafeTextError, validationError } from "./failures";
import { recordRefusal, trustedClientIp } from "./security-events";
import { getEnv } from "../env";
import type { Locale } from "../i18n/catalogue";
import { localeFromAcceptLanguage, msg, type MessageLike } from "../i18n/message";

const MAX_JSON_BYTES = 256 * 1024;

/** The language an API answer is written in: the request's Accept-Language (zh-CN, en), else the default. */
export function requestLocale(request: Request): Locale {
  return localeFromAcceptLanguage(request.headers.get("accept-language"), getEnv().DEFAULT_LOCALE);
}

/** The error as JSON, its words translated once into the request's language. */
export function errorResponse(error: unknown, request: Request): Response {
  const appError = toAppError(error);
  return Response.json(
    { error: appError.toBody(requestLocale(request)) },
    { status: STATUS[appError.code], headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * Cookie-authenticated writes must come from our own pages (CSRF). API-token requests carry no cookie
 * credentials, so they are exempt.
 */
export function checkSameOrigin(request: Request, actor: Actor): void {
  if (actor.via !== "session" || ["GET", "HEAD", "OPTIONS"].includes(request.method)) return;
  const h = request.headers;
  const origin = h.get("origin") ?? h.get("referer");
  const host = h.get("x-forwarded-host") ?? h.get("host");
  let originHost: string | null = null;
  try {
    originHost = origin ? new URL(origin).host : null;
  } catch {
    originHost = null;
  }
  if (!originHost || !host || originHost !== host) {
    throw new AppError("FORBIDDEN", msg("errors.crossSite"));
  }
}

/** application/json or a +json type, parameters aside: not merely a header containing the words. */
export function isJsonMediaType(contentType: string | null): boolean {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

async function readJson(request: Request): Promise<unknown> {
  if (!isJsonMediaType(request.headers.get("content-type"))) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", msg("errors.jsonRequired"));
  }
  const text = (await readLimitedBody(request, MAX_JSON_BYTES, msg("errors.bodyTooLarge"))).toString("utf8");
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new AppError("VALIDATION", msg("errors.invalidJson"));
  }
  // Every string in the body, keys included: valid Unicode without NUL (lib/domain/text-input.ts).
  assertSafeText(value);
  return value;
}

/**
 * The body, of at most `maxBytes`, counted as it arrives: reading stops past the limit (413). The
 * Content-Length header cannot be the guard alone — a chunked upload carries none — so a declared length
 * over the limit is only the cheap early refusal. Callers authenticate (uploads also authorize) first.
 */
export async function readLimitedBody(
  request: Request,
  maxBytes: number,
  tooLargeMessage: MessageLike,
): Promise<Buffer<ArrayBuffer>> {
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", tooLargeMessage);
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** What a multipart form adds around the file itself (boundaries, part headers, the small fields). */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * Reads a multipart/form-data body of at most `maxBytes` (see readLimitedBody): `request.formData()`
 * alone buffers whatever is sent. Callers authorize before calling this.
 */
export async function readLimitedFormData(request: Request, maxBytes: number): Promise<FormData> {
  const contentType = request.headers.get("content-type") ?? "";
  const notMultipart = () => new AppError("VALIDATION", msg("errors.multipartRequired"));
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) throw notMultipart();
  const bytes = await readLimitedBody(request, maxBytes, msg("errors.fileTooLarge"));
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw notMultipart();
  }
  // Field names, text values and file names: valid Unicode without NUL (lib/domain/text-input.ts).
  assertSafeText(form);
  return form;
}

export interface RouteContext<B, Q, P> {
  actor: Actor;
  /** The request's language (Accept-Language), for words a handler returns outside an error. */
  locale: Locale;
  body: B;
  query: Q;
  params: P;
  request: Request;
}

/**
 * The one wrapper every route handler goes through: session or API token (fails closed), same-origin
 * check for cookie writes, zod for params, query and body, typed errors mapped to status codes once.
 */
export function defineRoute<
  B extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodObject<Record<string, never>>,
  P extends z.ZodType = z.ZodObject<Record<string, never>>,
>(
  options: { roles?: RoleName[]; body?: B; query?: Q; params?: P },
  handler: (ctx: RouteContext<z.output<B>, z.output<Q>, z.output<P>>) => Promise<unknown>,
): (request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> {
  return async (request, ctx) => {
    let refused: Actor | null = null; // who is answered, for the audit of a 403
    try {
      const actor = await requireRequestActor(request);
      refused = actor;
      if (options.roles && !options.roles.includes(actor.role)) throw forbidden();
      checkSameOrigin(request, actor);
      const parse = <S extends z.ZodType>(schema: S | undefined, value: unknown, fallback: unknown) => {
        if (!schema) return fallback as z.output<S>;
        const parsed = schema.safeParse(value);
        if (!parsed.success) throw validationError(parsed.error);
        return parsed.data;
      };
      // Path and query text, whether a schema reads it or not: valid Unicode without NUL (422 otherwise).
      const rawParams = await ctx.params;
      assertSafeText(rawParams);
      const searchParams = new URL(request.url).searchParams;
      const unsafeParam = unsafeSearchParam(searchParams);
      if (unsafeParam) throw unsafeTextError(unsafeParam);
      const params = parse(options.params, rawParams, {});
      const query = parse(options.query, Object.fromEntries(searchParams), {});
      const body = options.body ? parse(options.body, await readJson(request), undefined) : undefined;
      const result = await handler({
        actor,
        locale: requestLocale(request),
        body,
        query,
        params,
        request,
      } as RouteContext<z.output<B>, z.output<Q>, z.output<P>>);
      if (result instanceof Response) return result;
      return Response.json(result, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      await recordRouteRefusal(request, refused, error);
      return errorResponse(error, request);
    }
  };
}

/** A 403 to a signed-in caller's mutating request goes to the audit log (security-events.ts); never throws. */
export async function recordRouteRefusal(request: Request, actor: Actor | null, error: unknown): Promise<void> {
  await recordRefusal(error, actor, {
    kind: "route",
    method: request.method,
    path: URL.canParse(request.url) ? new URL(request.url).pathname : request.url,
    ip: trustedClientIp((name) => request.headers.get(name)),
  });
}

export const idSchema = z.coerce.number().int().min(1).max(2_147_483_647);

/**
 * next-auth answers a GET of a credentials callback ("/api/auth/callback/credentials") with a 500: that
 * callback is a form post only. Answer 405 with its one method instead.
 */
export function refuseUnroutableAuthRequest(request: Request): Response | null {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  const { pathname } = new URL(request.url);
  if (!/^\/api\/auth\/callback\/credentials\/?$/.test(pathname)) return null;
  return new Response(null, { status: 405, headers: { Allow: "POST", "Cache-Control": "no-store" } });
}

/** Sign-in and sign-out posts are small forms; anything larger is refused before next-auth reads it. */
const MAX_AUTH_BODY_BYTES = 64 * 1024;

/**
 * next-auth parses a JSON-typed body with `req.json()` and answers 500 when it is not JSON: refuse such
 * bodies (422) and oversized ones (413) first. Its own forms post urlencoded bodies, which pass.
 */
export async function refuseUnreadableAuthBody(request: Request): Promise<Response | null> {
  if (request.method !== "POST") return null;
  try {
    const bytes = await readLimitedBody(request.clone(), MAX_AUTH_BODY_BYTES, msg("errors.bodyTooLarge"));
    if ((request.headers.get("content-type") ?? "").toLowerCase().includes("json")) {
      try {
        JSON.parse(bytes.toString("utf8"));
      } catch {
        throw new AppError("VALIDATION", msg("errors.invalidJson"));
      }
    }
    return null;
  } catch (error) {
    return errorResponse(error, request);
  }
}
