/**
 * The session cookie as next-auth really issues it for a password sign-in with our options
 * (lib/server/auth/options.ts): HttpOnly and SameSite=Lax always; Secure, with the __Secure- prefix,
 * exactly when the app is served over TLS (NEXTAUTH_URL is https://). The e2e server runs on plain
 * http, so the TLS case is proven here, through next-auth's own request handler and a real database.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthOptions } from "next-auth";
// next-auth's framework-neutral handler, which its Next.js route handler calls with the same arguments
// (not in the package's exports map, hence the path).
import { AuthHandler } from "../../node_modules/next-auth/core/index.js";
import { detectOrigin } from "../../node_modules/next-auth/utils/detect-origin.js";
import { hashPassword } from "../../lib/server/auth/passwords";
import { setUpIntegrationDatabase } from "../support/integration";

const PASSWORD = "Cookie#Check2026";
const db = setUpIntegrationDatabase();

beforeAll(async () => {
  await db.prisma.user.create({
    data: {
      username: "cookie-check",
      displayName: "cookie",
      role: "VIEWER",
      passwordHash: await hashPassword(PASSWORD),
    },
  });
});

/** Signs in through next-auth (CSRF token first, then the credentials callback) and returns its cookies. */
async function signInCookies(nextauthUrl: string) {
  db.restub({ NEXTAUTH_URL: nextauthUrl, NEXTAUTH_SECRET: "integration-only-secret-0123456789abcdef" });
  const { getAuthOptions } = await db.load(() => import("../../lib/server/auth/options"));
  const options = getAuthOptions() as AuthOptions;
  const origin = detectOrigin(undefined, undefined);
  expect(origin).toBe(nextauthUrl);

  const csrf = await AuthHandler<{ csrfToken: string }>({
    req: { action: "csrf", method: "GET", origin, headers: {}, query: {}, cookies: {}, body: {} },
    options,
  });
  const csrfCookie = csrf.cookies?.find((cookie) => cookie.name.endsWith("next-auth.csrf-token"));
  expect(csrfCookie).toBeDefined();

  const callback = await AuthHandler({
    req: {
      action: "callback",
      providerId: "credentials",
      method: "POST",
      origin,
      headers: {},
      query: {},
      cookies: { [csrfCookie!.name]: csrfCookie!.value },
      body: { username: "cookie-check", password: PASSWORD, csrfToken: csrf.body!.csrfToken, json: "true" },
    },
    options,
  });
  expect(callback.redirect ?? "").not.toContain("error");
  return callback.cookies ?? [];
}

describe("the session cookie", () => {
  it("is Secure and __Secure- prefixed behind TLS, HttpOnly and SameSite=Lax", async () => {
    const cookies = await signInCookies("https://tracker.example.gov.cn");
    const session = cookies.find((cookie) => cookie.name.includes("session-token"));
    expect(session?.name).toBe("__Secure-next-auth.session-token");
    expect(session?.value).toBeTruthy();
    expect(session?.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: true, path: "/" });
    // 12 hours, not a browser-lifetime or month-long default.
    expect(session?.options.expires).toBeInstanceOf(Date);
    const hours = ((session!.options.expires as Date).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
  });

  it("is HttpOnly and SameSite=Lax but not Secure on plain http (where a browser would drop a Secure cookie)", async () => {
    const cookies = await signInCookies("http://127.0.0.1:3000");
    const session = cookies.find((cookie) => cookie.name.includes("session-token"));
    expect(session?.name).toBe("next-auth.session-token");
    expect(session?.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: false });
  });
});
