/**
 * Which request methods reach Next.js. Next builds a web `Request` for every route handler and for
 * proxy.ts, and the platform's `Request` throws on TRACE (a forbidden method), so `TRACE /anything`
 * was a 500 before any of our code ran; methods Next does not route (PROPFIND, MKCOL, …) were a 400 on
 * route handlers and rendered the page (200) on pages. The policy below is applied by
 * `installMethodGuard` (instrumentation.ts) to every request before Next sees it:
 *
 * - Next's build assets (/_next/…): untouched (Next answers them itself, 405 with Allow included).
 * - Route handlers (/api/…, and the two file downloads outside /api): the seven methods Next routes pass
 *   (Next answers 405 for one the route does not export); any other method is answered 405 with the
 *   route's own Allow list — asked of Next as an OPTIONS request, whose 204 becomes the 405.
 * - Pages: GET, HEAD and POST (server actions) pass; OPTIONS is answered 204 with Allow; anything else
 *   405 with Allow.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import http from "node:http";
import { UNSAFE_TEXT_MESSAGES } from "../domain/text-input";
import { localeFromAcceptLanguage, translate } from "../i18n/message";

/** What Next's route handlers can export (next/dist/server/web/http HTTP_METHODS). */
export const ROUTE_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"] as const;
export const PAGE_METHODS = ["GET", "HEAD", "OPTIONS", "POST"] as const;
export const PAGE_ALLOW = PAGE_METHODS.join(", ");

/** Route handlers outside /api (app/(app)/**\/route.ts); tests/unit/http-methods.test.ts keeps this in step. */
export const ROUTES_OUTSIDE_API = [/^\/tasks\/export\/?$/, /^\/reports\/files\/[^/]+\/[^/]+\/?$/];

export type MethodDecision =
  | { kind: "pass" }
  /** Answer OPTIONS' 204 as a 405 with the route's Allow list. */
  | { kind: "route-not-allowed" }
  | { kind: "page-options" }
  | { kind: "page-not-allowed" };

export function isRoutePath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/") || ROUTES_OUTSIDE_API.some((re) => re.test(pathname));
}

export function decideMethod(method: string | undefined, url: string | undefined): MethodDecision {
  const verb = (method ?? "").toUpperCase();
  const pathname = (url ?? "/").split("?")[0]!;
  if (pathname.startsWith("/_next/")) return { kind: "pass" };
  if (isRoutePath(pathname)) {
    return (ROUTE_METHODS as readonly string[]).includes(verb) ? { kind: "pass" } : { kind: "route-not-allowed" };
  }
  if (verb === "OPTIONS") return { kind: "page-options" };
  return (PAGE_METHODS as readonly string[]).includes(verb) ? { kind: "pass" } : { kind: "page-not-allowed" };
}

function answer(req: IncomingMessage, res: ServerResponse, status: number, allow: string, withBody: boolean): void {
  // The request is answered before its body is read: drain it and close the connection, so a client
  // that keeps connections alive never sends its next request into a half-read one.
  req.resume();
  const accept = req.headers["accept-language"];
  const locale = localeFromAcceptLanguage(typeof accept === "string" ? accept : null);
  const body = withBody ? translate(locale, UNSAFE_TEXT_MESSAGES.methodNotAllowed) : "";
  res.writeHead(status, {
    Allow: allow,
    "Cache-Control": "no-store",
    Connection: "close",
    ...(body ? { "Content-Type": "text/plain; charset=utf-8" } : {}),
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
}

/** Applies `decideMethod` to one request; true when it was answered here. */
export function guardRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const decision = decideMethod(req.method, req.url);
  switch (decision.kind) {
    case "pass":
      return false;
    case "page-options":
      answer(req, res, 204, PAGE_ALLOW, false);
      return true;
    case "page-not-allowed":
      answer(req, res, 405, PAGE_ALLOW, req.method !== "HEAD");
      return true;
    case "route-not-allowed": {
      // Next answers OPTIONS for a route handler with 204 and the methods the route exports.
      req.method = "OPTIONS";
      const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => ServerResponse;
      res.writeHead = ((status: number, ...rest: unknown[]) =>
        writeHead(status === 204 ? 405 : status, ...rest)) as typeof res.writeHead;
      return false;
    }
  }
}

const INSTALLED = Symbol.for("dpt.methodGuard");

/** Runs `guardRequest` before every request listener of every HTTP server in this process (once). */
export function installMethodGuard(): void {
  const prototype = http.Server.prototype as unknown as Record<symbol, unknown> & {
    emit: (event: string | symbol, ...args: unknown[]) => boolean;
  };
  if (prototype[INSTALLED]) return;
  prototype[INSTALLED] = true;
  const emit = prototype.emit;
  prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request" && guardRequest(args[0] as IncomingMessage, args[1] as ServerResponse)) return true;
    return emit.call(this, event, ...args);
  };
}
