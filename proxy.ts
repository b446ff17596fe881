import { NextResponse, type NextRequest } from "next/server";
import { checkServerActionBody, isCrossOriginAction } from "@/lib/proxy/server-action-requests";

/**
 * Redirects signed-out visitors to the sign-in page, remembering where they were going. Only a
 * convenience: every page and route checks the session itself (a proxy is not a security boundary).
 */
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export async function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  // Server action calls: refuse what Next cannot decode (it would answer 500) and, signed out, answer
  // 401 rather than redirecting a fetch to the sign-in page (the sign-in page's own language switch
  // works signed out). See lib/proxy/server-action-requests.ts.
  if (request.method === "POST" && request.headers.has("next-action")) {
    const text = (status: number, message: string) =>
      new NextResponse(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
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
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/login";
  url.search = "";
  url.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(url);
}

export const config = {
  // Everything but the sign-in page, the API (answers 401 itself), Next's assets and public files.
  matcher: [
    "/((?!login|api/|_next/|favicon\\.ico|robots\\.txt).*)",
    // The sign-in page only for its server action (the language switch), to check the request body.
    { source: "/login", has: [{ type: "header", key: "next-action" }] },
  ],
};
