import { SSO_ERRORS, ssoErrorCode } from "./sso";

/** Every message the sign-in page can show (messages under auth.errors), in the order they are listed. */
export const LOGIN_ERRORS = ["invalid", "locked", "busy", "inactive", ...SSO_ERRORS, "generic"] as const;
export type LoginError = (typeof LOGIN_ERRORS)[number];

/**
 * The message for the sign-in page's `?error=` parameter: one of ours as is, a next-auth sign-on failure
 * mapped (lib/domain/sso.ts), anything else the generic message; no parameter, no message.
 */
export function loginErrorCode(error: string | null): LoginError | null {
  if (!error) return null;
  if ((LOGIN_ERRORS as readonly string[]).includes(error)) return error as LoginError;
  return ssoErrorCode(error) ?? "generic";
}
