/**
 * Audit actions that are security events: what /admin/audit shows under "security events only".
 * Written by lib/server/security-events.ts (sign-in, failure, lockout, sign-out, 403 refusals),
 * lib/server/api-tokens.ts and lib/server/user-admin.ts.
 */
export const SECURITY_AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.lockout",
  "auth.sign_out",
  "security.forbidden",
  "api_token.create",
  "api_token.revoke",
  "api_token.revoke_all",
  "user.end_sessions",
  "user.reset_password",
  "user.deactivate",
  "user.activate",
  "user.unlock",
] as const;

export type SecurityAuditAction = (typeof SECURITY_AUDIT_ACTIONS)[number];

export const AUDIT_CATEGORIES = ["security"] as const;
