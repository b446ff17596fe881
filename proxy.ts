import { NextResponse, type NextRequest } from "next/server";

/**
 * Redirects signed-out visitors to the sign-in page, remembering where they were going. Only a
 * convenience: every page and route checks the session itself (a proxy is not a security boundary).
 */
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/login";
  url.search = "";
  url.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(url);
}

export const config = {
  // Everything but the sign-in page, the API (answers 401 itself), Next's assets and public files.
  matcher: ["/((?!login|api/|_next/|favicon\\.ico|robots\\.txt).*)"],
};
