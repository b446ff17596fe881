import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getEnv } from "../../env";
import { getDb } from "../db";
import { DUMMY_HASH, verifyPassword } from "./passwords";
import { checkThrottle, recordAttempt } from "./throttle";

const credentials = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

/** Error codes the login form turns into messages (next-auth passes the thrown message through). */
export const SIGN_IN_ERRORS = ["invalid", "locked", "inactive", "sso-unknown-user"] as const;

function clientIp(headers: Record<string, unknown> | undefined): string | null {
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
          const verdict = await checkThrottle(username, ip);
          if (!verdict.allowed) throw new Error("locked");
          const user = await getDb().user.findUnique({
            where: { username },
            select: { id: true, username: true, displayName: true, passwordHash: true, active: true },
          });
          const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
          await recordAttempt(username, ip, ok && !!user?.passwordHash);
          if (!user || !user.passwordHash || !ok) throw new Error("invalid");
          if (!user.active) throw new Error("inactive");
          return { id: String(user.id), name: user.displayName };
        },
      }),
      ...oidcProvider(env),
    ],
    callbacks: {
      // Single sign-on admits only users an administrator has provisioned (matched by subject or email).
      async signIn({ account, user, profile }) {
        if (account?.provider !== "oidc") return true;
        const db = getDb();
        const subject = account.providerAccountId;
        const email = (profile as { email?: string } | undefined)?.email ?? user.email ?? undefined;
        const match = await db.user.findFirst({
          where: { active: true, OR: [{ oidcSubject: subject }, ...(email ? [{ email }] : [])] },
          select: { id: true, oidcSubject: true },
        });
        if (!match) return "/login?error=sso-unknown-user";
        if (!match.oidcSubject) await db.user.update({ where: { id: match.id }, data: { oidcSubject: subject } });
        user.id = String(match.id);
        return true;
      },
      jwt({ token, user, account }) {
        if (user) token.uid = Number(user.id);
        if (account?.provider === "oidc" && user) token.uid = Number(user.id);
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid };
      },
    },
  };
  return cached;
}
