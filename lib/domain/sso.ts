/**
 * Single sign-on rules that need no database: where the provider's discovery document is, which claims
 * an OpenID Connect provider asserted, and which sign-in page message a failed sign-on shows.
 */

/** Codes the sign-in page shows for single sign-on (messages under auth.errors). */
export const SSO_ERRORS = ["sso-unknown-user", "sso-unverified-email", "sso-subject-mismatch", "sso-failed"] as const;
export type SsoError = (typeof SSO_ERRORS)[number];

/**
 * next-auth's own error codes for an OAuth/OIDC sign-in that failed before our rules ran (the provider
 * answered with an error such as access_denied, the state/PKCE/nonce check or the id_token validation
 * failed, the provider was unreachable): shown as one "single sign-on did not complete" message.
 */
const NEXT_AUTH_OAUTH_ERRORS = new Set([
  "OAuthSignin",
  "OAuthCallback",
  "OAuthCreateAccount",
  "OAuthAccountNotLinked",
  "Callback",
  "AccessDenied",
]);

export function ssoErrorCode(error: string): SsoError | null {
  if ((SSO_ERRORS as readonly string[]).includes(error)) return error as SsoError;
  return NEXT_AUTH_OAUTH_ERRORS.has(error) ? "sso-failed" : null;
}

/**
 * The discovery document of an issuer. OIDC_ISSUER is the issuer identifier (with or without a trailing
 * slash, possibly with a path such as Keycloak's /realms/NAME); an operator who pasted the discovery
 * URL itself gets it as is.
 */
export function discoveryUrl(issuer: string): string {
  const url = new URL(issuer);
  if (url.pathname.endsWith("/.well-known/openid-configuration")) return url.href;
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/.well-known/openid-configuration`;
  return url.href;
}

export interface AssertedIdentity {
  subject: string;
  /** The email exactly as asserted (trimmed), or null when none was. */
  email: string | null;
  /** Only an explicit true (boolean, or the string "true" some providers send from userinfo). */
  emailVerified: boolean;
}

/** The identity an OpenID Connect provider asserted, from its id_token and userinfo claims. */
export function assertedIdentity(subject: string, claims: Record<string, unknown>): AssertedIdentity {
  const email = typeof claims.email === "string" && claims.email.trim() !== "" ? claims.email.trim() : null;
  const verified = claims.email_verified === true || claims.email_verified === "true";
  return { subject, email, emailVerified: email !== null && verified };
}
