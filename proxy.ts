import { NextResponse, type NextRequest } from "next/server";
import { pageContentSecurityPolicy } from "./lib/domain/content-security-policy";
import { checkServerActionBody, isCrossOriginAction } from "./lib/proxy/server-action-requests";

/**
 * Runs before every page (the API and Next's assets are not matched). Three jobs:
 * - server action calls: refusing what Next cannot decode (it would answer 500), cross-origin calls,
 *   and signed-out calls with 401 rather than a redirect (lib/proxy/server-action-requests.ts);
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

export async function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (request.method === "POST" && request.headers.has("next-action")) {
    const text = (status: number, message: string) =>
      new NextResponse(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
    // The sign-in page's own action (the language switch) works signed out.
    if (!hasSession && request.nextUrl.pathname !== "/login") return text(401, "请先登录 · sign in first");
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
    if (isCrossOriginAction(request.headers.get("origin"), host)) {
      return text(403, "跨站请求被拒绝 · cross-site request refused");
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
    development: process.env.NODE_ENV === "development",
    https: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Every page, the sign-in page included; not the API (its answers get a fixed policy in
  // next.config.js and check the session themselves) nor Next's build assets.
  matcher: ["/((?!api/|_next/).*)"],
};
