import "server-only";
import type { NextAuthOptions } from "next-auth";
import { encode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { safeRedirectUrl } from "../../domain/redirects";
import { remainingSessionSeconds, SESSION_MAX_AGE_SECONDS, sessionAgeRefusal } from "../../domain/sessions";
import { SSO_ERRORS } from "../../domain/sso";
import { getEnv } from "../../env";
import { getDb } from "../db";
import {
  currentRequestIp,
  endSessionAtSignOut,
  recordPasswordSignIn,
  recordSingleSignOn,
  recordSingleSignOnRefusal,
} from "../security-events";
import { lockSignInAccount, signInThrottleName } from "./accounts";
import { admitOidcSignIn, oidcProviders } from "./oidc";
import { DUMMY_HASH, verifyPassword } from "./passwords";
import { checkThrottle, recordAttempt, signInWait, waitBeforeSignIn } from "./throttle";

const credentials = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

/** Error codes the login form turns into messages (next-auth passes the thrown message through). */
export const SIGN_IN_ERRORS = ["invalid", "locked", "busy", "inactive", ...SSO_ERRORS] as const;

/**
 * The client's address for the per-address limit. X-Forwarded-For is client-controlled unless a
 * reverse proxy in front of the app sets it, so it is used only with TRUST_PROXY=true.
 */
function clientIp(headers: Record<string, unknown> | undefined): string | null {
  if (!getEnv().TRUST_PROXY) return null;
  const forwarded = headers?.["x-forwarded-for"];
  const value = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  return typeof value === "string" ? (value.split(",")[0]?.trim() ?? null) : null;
}

const SESSION_OVER = "session over: ";

let cached: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  const env = getEnv();
  cached = {
    secret: env.NEXTAUTH_SECRET,
    // The cookie, the JWT inside it and the session itself end together: next-auth's JWT default is 30
    // days whatever the cookie says, and the token rolls, so it is also cut at the absolute limit.
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: {
      maxAge: SESSION_MAX_AGE_SECONDS,
      encode: (params) =>
        encode({ ...params, maxAge: remainingSessionSeconds(params.token ?? {}, SESSION_MAX_AGE_SECONDS, Date.now()) }),
    },
    pages: { signIn: "/login", error: "/login" },
    logger: {
      error(code, metadata) {
        const message = (metadata as { message?: unknown } | undefined)?.message;
        // A session past its limit is routine (next-auth then clears the cookie): one line, no stack.
        if (code === "JWT_SESSION_ERROR" && typeof message === "string" && message.startsWith(SESSION_OVER)) {
          console.warn(`[next-auth] ${message}`);
          return;
        }
        console.error(`[next-auth][error][${code}]`, metadata);
      },
    },
    providers: [
      CredentialsProvider({
        name: "password",
        credentials: { username: { type: "text" }, password: { type: "password" } },
        async authorize(raw, req) {
          const parsed = credentials.safeParse(raw);
          if (!parsed.success) throw new Error("invalid");
          const { username, password } = parsed.data;
          const ip = clientIp(req?.headers as Record<string, unknown> | undefined);
          // Slower guessing per address and, on a suspected password spray, site-wide (throttle.ts).
          const wait = await signInWait(ip, new Date(), getDb(), getEnv().SIGN_IN_SPRAY_THRESHOLD);
          if (!(await waitBeforeSignIn(wait))) throw new Error("busy");
          // Check, verify and record under a lock on the user's row: parallel guesses at one account are
          // counted one after another, so the lockout holds.
          const outcome = await getDb().$transaction(
            async (tx) => {
              // The account by its username or its key (ADMIN signs in as admin), counted under one name.
              const account = await lockSignInAccount(tx, username);
              const throttleName = await signInThrottleName(tx, username, account);
              const verdict = await checkThrottle(throttleName, ip, new Date(), tx);
              if (!verdict.allowed) return { error: "locked" as const, throttleName };
              const user = account
                ? await tx.user.findUnique({
                    where: { id: account.id },
                    select: { id: true, displayName: true, passwordHash: true, active: true },
                  })
                : null;
              const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
              await recordAttempt(throttleName, ip, ok && !!user?.passwordHash, new Date(), tx);
              if (!user || !user.passwordHash || !ok) return { error: "invalid" as const, throttleName };
              if (!user.active) return { error: "inactive" as const, throttleName };
              return { user, throttleName };
            },
            { timeout: 15_000 },
          );
          await recordPasswordSignIn(username, ip, outcome, outcome.throttleName);
          if ("error" in outcome) throw new Error(outcome.error);
          const { user } = outcome;
          return { id: String(user.id), name: user.displayName };
        },
      }),
      ...oidcProviders(env),
    ],
    callbacks: {
      // Every redirect next-auth makes (after single sign-on, sign-out, errors) follows the sign-in form's
      // rule: a path on this site, never "//host" or a look-alike (lib/domain/redirects.ts).
      redirect({ url, baseUrl }) {
        return safeRedirectUrl(url, baseUrl);
      },
      // Single sign-on admits only users an administrator has provisioned (lib/server/auth/oidc.ts).
      async signIn({ account, user, profile }) {
        if (account?.provider !== "oidc") return true;
        const admitted = await admitOidcSignIn({ user, account, profile });
        if (admitted !== true) await recordSingleSignOnRefusal(account.providerAccountId, admitted);
        return admitted;
      },
      async jwt({ token, user }) {
        // `authAt` and the session version `sv` are set once, at sign-in (next-auth re-issues the token,
        // and its iat, as it rolls). lib/server/auth/session.ts compares `sv` with the user's on every request.
        if (user) {
          const uid = Number(user.id);
          token.uid = uid;
          token.authAt = Date.now();
          const current = await getDb().user.findUnique({
            where: { id: uid },
            select: { sessionVersion: true },
          });
          token.sv = current?.sessionVersion ?? -1;
          return token;
        }
        // Past the absolute limit the token is not re-issued: next-auth clears the cookie.
        const refusal = sessionAgeRefusal(token, Date.now());
        if (refusal) throw new Error(`${SESSION_OVER}${refusal}`);
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid, authAt: token.authAt, sv: token.sv };
      },
    },
    events: {
      async signIn({ user, account }) {
        if (account?.provider === "oidc") await recordSingleSignOn(Number(user.id));
      },
      // Ends the session on the server too: a copy of the cookie stops working (see security-events.ts).
      async signOut({ token }) {
        await endSessionAtSignOut(token as { uid?: unknown; sv?: unknown } | null, await currentRequestIp());
      },
    },
  };
  return cached;
}
