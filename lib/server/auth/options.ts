import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { SSO_ERRORS } from "../../domain/sso";
import { getEnv } from "../../env";
import { getDb } from "../db";
import { admitOidcSignIn, oidcProviders } from "./oidc";
import { DUMMY_HASH, verifyPassword } from "./passwords";
import { checkThrottle, recordAttempt } from "./throttle";

const credentials = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

/** Error codes the login form turns into messages (next-auth passes the thrown message through). */
export const SIGN_IN_ERRORS = ["invalid", "locked", "inactive", ...SSO_ERRORS] as const;

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
          // Check, verify and record under a lock on the user's row: parallel guesses at one account are
          // counted one after another, so the lockout holds.
          const outcome = await getDb().$transaction(
            async (tx) => {
              await tx.$queryRaw`SELECT id FROM "app_user" WHERE username = ${username} FOR UPDATE`;
              const verdict = await checkThrottle(username, ip, new Date(), tx);
              if (!verdict.allowed) return { error: "locked" as const };
              const user = await tx.user.findUnique({
                where: { username },
                select: { id: true, displayName: true, passwordHash: true, active: true },
              });
              const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
              await recordAttempt(username, ip, ok && !!user?.passwordHash, new Date(), tx);
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
      ...oidcProviders(env),
    ],
    callbacks: {
      // Single sign-on admits only users an administrator has provisioned (lib/server/auth/oidc.ts).
      async signIn({ account, user, profile }) {
        if (account?.provider !== "oidc") return true;
        return admitOidcSignIn({ user, account, profile });
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
