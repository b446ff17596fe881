import { NextResponse, type NextRequest } from "next/server";
import { pageContentSecurityPolicy } from "./lib/domain/content-security-policy";
import { PATH_HEADER } from "./lib/domain/roles";
import { getEnv, isDevelopmentBuild } from "./lib/env";
import { isSafeText, UNSAFE_TEXT_MESSAGES } from "./lib/domain/text-input";
import { checkServerActionBody, isCrossOriginAction } from "./lib/proxy/server-action-requests";
import { LOCALE_COOKIE } from "./lib/i18n/catalogue";
import { localeOfRequest, msg, translate, type MessageLike } from "./lib/i18n/message";
import { unsafeSearchParam } from "./lib/search-params";

/**
 * Runs before every page (the API and Next's assets are not matched). Four jobs:
 * - page addresses whose path or query holds a NUL or a lone surrogate: 400 (lib/domain/text-input.ts),
 *   before a page hands them to the database (which would fail with a 500);
 * - server action calls: refusing what Next cannot decode (it would answer 500), cross-origin calls,
 *   and signed-out calls with 401 rather than a redirect (lib/proxy/server-action-requests.ts); a POST
 *   without the Next-Action header (a form posted before JavaScript runs: `$ACTION_ID_…` fields) gets the
 *   same origin check — Next would abort a cross-origin one with a 500;
 * - the page's Content-Security-Policy with a fresh nonce, on the request (Next.js reads the nonce from
 *   it and signs its own scripts) and on the response;
 * - redirecting signed-out visitors to the sign-in page, remembering where they were going. Only a
 *   convenience: every page and route checks the session itself (a proxy is not a security boundary).
 */
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

// Reachable signed out: the sign-in page, and the files browsers ask for by themselves (answered 404).
const PUBLIC_PATHS = ["/login", "/favicon.ico", "/robots.txt"];

function isPublic(pathname: string): boolean {
  return PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/** Whether the decoded path or the query holds text the text rule refuses (undecodable paths are Next's). */
function hasUnsafeAddress(url: URL): boolean {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  return !isSafeText(path) || unsafeSearchParam(url.searchParams) !== null;
}

export async function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  // Refusals in the user's language: the interface's cookie, else Accept-Language.
  const locale = localeOfRequest(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get("accept-language"));
  const text = (status: number, message: MessageLike) =>
    new NextResponse(translate(locale, message), { status, headers: { "content-type": "text/plain; charset=utf-8" } });
  if (hasUnsafeAddress(request.nextUrl)) return text(400, UNSAFE_TEXT_MESSAGES.address);
  // OPTIONS reaches here only for the route handlers outside /api (pages' OPTIONS is answered by the method
  // guard, lib/proxy/http-methods.ts): the route answers it with its Allow list, reading nothing.
  if (request.method === "OPTIONS") return NextResponse.next();
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (request.method === "POST" && !request.headers.has("next-action")) {
    // A form-style server action (or any other POST to a page): never from another site.
    if (isCrossOriginAction(request.headers.get("origin"), host)) {
      return text(403, msg("errors.crossSite"));
    }
  }
  if (request.method === "POST" && request.headers.has("next-action")) {
    // The sign-in page's own action (the language switch) works signed out.
    if (!hasSession && request.nextUrl.pathname !== "/login") return text(401, msg("errors.unauthenticated"));
    if (isCrossOriginAction(request.headers.get("origin"), host)) {
      return text(403, msg("errors.crossSite"));
    }
    const refusal = await checkServerActionBody(
      request.headers.get("content-type"),
      new Uint8Array(await request.arrayBuffer()),
    );
    if (refusal) return text(refusal.status, refusal.message);
    return NextResponse.next();
  }
  if (!hasSession && !isPublic(request.nextUrl.pathname)) {
    const url = request.nextUrl.clone();
    url.pathname = "/login";
    url.search = "";
    url.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
    return NextResponse.redirect(url);
  }

  const policy = pageContentSecurityPolicy({
    nonce: createNonce(),
    development: isDevelopmentBuild(),
    // Next.js 16 runs the proxy in the Node.js runtime: the validated environment is available here.
    https: (getEnv().NEXTAUTH_URL ?? "").startsWith("https://"),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  // The page's path, for the 403 page's wording (app/(app)/forbidden.tsx): which role the page needs.
  requestHeaders.set(PATH_HEADER, request.nextUrl.pathname);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Every page, the sign-in page included; not the API (its answers get a fixed policy in
  // next.config.js and check the session themselves) nor Next's build assets.
  matcher: ["/((?!api/|_next/).*)"],
};
