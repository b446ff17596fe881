import { NextResponse, type NextRequest } from "next/server";
import { pageContentSecurityPolicy } from "./lib/domain/content-security-policy";

/**
 * Runs before every page (the API and Next's assets are not matched). Two jobs:
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

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
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
