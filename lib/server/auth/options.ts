import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { safeRedirectUrl } from "../../domain/redirects";
import { getEnv } from "../../env";
import { getDb } from "../db";
import { lockSignInAccount, signInThrottleName } from "./accounts";
import { DUMMY_HASH, verifyPassword } from "./passwords";
import { checkThrottle, recordAttempt, signInWait, waitBeforeSignIn } from "./throttle";

const credentials = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

/** Error codes the login form turns into messages (next-auth passes the thrown message through). */
export const SIGN_IN_ERRORS = ["invalid", "locked", "busy", "inactive", "sso-unknown-user"] as const;

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

function oidcProvider(env: ReturnType<typeof getEnv>): NextAuthOptions["providers"] {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: "oidc",
      name: env.OIDC_NAME,
      type: "oauth",
      wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid profile email" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; name?: string; email?: string; preferred_username?: string }) {
        return {
          id: profile.sub,
          name: profile.name ?? profile.preferred_username ?? profile.sub,
          email: profile.email,
        };
      },
    },
  ];
}

let cached: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  const env = getEnv();
  cached = {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
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
              if (!verdict.allowed) return { error: "locked" as const };
              const user = account
                ? await tx.user.findUnique({
                    where: { id: account.id },
                    select: { id: true, displayName: true, passwordHash: true, active: true },
                  })
                : null;
              const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
              await recordAttempt(throttleName, ip, ok && !!user?.passwordHash, new Date(), tx);
              if (!user || !user.passwordHash || !ok) return { error: "invalid" as const };
              if (!user.active) return { error: "inactive" as const };
              return { user };
            },
            { timeout: 15_000 },
          );
          if ("error" in outcome) throw new Error(outcome.error);
          const { user } = outcome;
          return { id: String(user.id), name: user.displayName };
        },
      }),
      ...oidcProvider(env),
    ],
    callbacks: {
      // Every redirect next-auth makes (after single sign-on, sign-out, errors) follows the sign-in form's
      // rule: a path on this site, never "//host" or a look-alike (lib/domain/redirects.ts).
      redirect({ url, baseUrl }) {
        return safeRedirectUrl(url, baseUrl);
      },
      // Single sign-on admits only users an administrator has provisioned (matched by subject or email).
      async signIn({ account, user, profile }) {
        if (account?.provider !== "oidc") return true;
        const db = getDb();
        const subject = account.providerAccountId;
        const claims = (profile ?? {}) as { email?: string; email_verified?: boolean };
        // A user already bound to a subject signs in by that subject only.
        const bound = await db.user.findUnique({ where: { oidcSubject: subject }, select: { id: true, active: true } });
        if (bound) {
          if (!bound.active) return "/login?error=inactive";
          user.id = String(bound.id);
          return true;
        }
        // First sign-in: link by a verified email to a provisioned account that is not bound to another subject.
        if (!claims.email || claims.email_verified !== true) return "/login?error=sso-unknown-user";
        const match = await db.user.findFirst({
          where: { active: true, email: claims.email, oidcSubject: null },
          select: { id: true },
        });
        if (!match) return "/login?error=sso-unknown-user";
        await db.user.update({ where: { id: match.id }, data: { oidcSubject: subject } });
        user.id = String(match.id);
        return true;
      },
      jwt({ token, user }) {
        // `authAt` is set once, at sign-in (next-auth re-issues the token, and its iat, as it rolls).
        if (user) {
          token.uid = Number(user.id);
          token.authAt = Date.now();
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid, authAt: token.authAt };
      },
    },
  };
  return cached;
}
