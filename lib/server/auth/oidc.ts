import "server-only";
import type { Account, NextAuthOptions, Profile, User } from "next-auth";
import type { TokenSet } from "openid-client";
import type { Env } from "../../env";
import { assertedIdentity, discoveryUrl, type SsoError } from "../../domain/sso";
import { getDb } from "../db";

/**
 * Single sign-on through any OpenID Connect provider (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET):
 * authorization code flow with PKCE (S256), state and nonce; the id_token is validated (signature
 * against the provider's JWKS, issuer, audience, expiry, nonce) and the userinfo endpoint supplies the
 * claims a strict provider leaves out of the id_token (email, email_verified, name: OpenID Connect
 * Core 5.4 puts scope-requested claims in userinfo for the code flow). The userinfo `sub` must equal
 * the id_token's.
 */
export function oidcProviders(env: Env): NextAuthOptions["providers"] {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: "oidc",
      name: env.OIDC_NAME,
      type: "oauth",
      wellKnown: discoveryUrl(env.OIDC_ISSUER),
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      client: { id_token_signed_response_alg: env.OIDC_ID_TOKEN_ALG },
      authorization: { params: { scope: "openid profile email" } },
      idToken: true,
      checks: ["pkce", "state", "nonce"],
      userinfo: {
        async request({ client, tokens }) {
          // next-auth hands over openid-client's TokenSet from the validated callback.
          const tokenSet = tokens as TokenSet;
          const fromIdToken = tokenSet.claims() as Record<string, unknown>;
          if (!client.issuer.metadata.userinfo_endpoint) return fromIdToken as Profile;
          // openid-client refuses a userinfo answer whose sub differs from the id_token's.
          const fromUserinfo = (await client.userinfo(tokenSet)) as Record<string, unknown>;
          // email and email_verified are taken together from one source, the signed id_token first.
          const emailSource = "email" in fromIdToken ? fromIdToken : fromUserinfo;
          return {
            ...fromUserinfo,
            ...fromIdToken,
            email: emailSource.email,
            email_verified: emailSource.email_verified,
          } as Profile;
        },
      },
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

const refuse = (code: SsoError | "inactive") => `/login?error=${code}`;

/**
 * The signIn callback for single sign-on: admits only users an administrator has provisioned.
 * - A user bound to the asserted subject signs in by that subject (whatever email it asserts now).
 * - Otherwise the first sign-in links by email, case-insensitively, to exactly one provisioned,
 *   active account not yet bound — and only when the provider says it verified that email.
 * - An account bound to another subject is never taken over by a second subject asserting its email.
 * On success `user.id` becomes the app's user id (next-auth carries that object into the jwt callback).
 */
export async function admitOidcSignIn({
  user,
  account,
  profile,
}: {
  user: User;
  account: Account;
  profile?: Profile;
}): Promise<true | string> {
  const db = getDb();
  const identity = assertedIdentity(account.providerAccountId, (profile ?? {}) as Record<string, unknown>);
  const bound = await db.user.findUnique({
    where: { oidcSubject: identity.subject },
    select: { id: true, active: true },
  });
  if (bound) {
    if (!bound.active) return refuse("inactive");
    await db.user.update({ where: { id: bound.id }, data: { lastLoginAt: new Date() } });
    user.id = String(bound.id);
    return true;
  }
  if (!identity.email || !identity.emailVerified) return refuse("sso-unverified-email");
  const matches = await db.user.findMany({
    where: { email: { equals: identity.email, mode: "insensitive" } },
    select: { id: true, active: true, oidcSubject: true },
    take: 2,
  });
  // None, or two accounts whose emails differ only in case: nothing to link to unambiguously.
  if (matches.length !== 1) return refuse("sso-unknown-user");
  const match = matches[0]!;
  if (!match.active) return refuse("inactive");
  if (match.oidcSubject !== null) return refuse("sso-subject-mismatch");
  // Bind only if still unbound: two first sign-ins racing for one account cannot both win.
  const linked = await db.user.updateMany({
    where: { id: match.id, oidcSubject: null, active: true },
    data: { oidcSubject: identity.subject, lastLoginAt: new Date() },
  });
  if (linked.count !== 1) return refuse("sso-subject-mismatch");
  user.id = String(match.id);
  return true;
}
