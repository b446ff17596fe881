/**
 * Every action the audit log records, and the kinds of object it names: /admin/audit shows each with
 * its label from the message catalogue (admin.audit.actions / kinds / entities, zh-CN and en;
 * tests/unit/audit-actions.test.ts fails when a written action is missing here or has no label).
 */
export const AUDIT_ACTIONS = [
  // sign-in and security events (lib/server/security-events.ts)
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.lockout",
  "auth.sign_out",
  "security.forbidden",
  // API tokens (lib/server/api-tokens.ts, lib/server/user-admin.ts)
  "api_token.create",
  "api_token.revoke",
  "api_token.revoke_all",
  // accounts (lib/server/user-admin.ts)
  "user.create",
  "user.update",
  "user.activate",
  "user.deactivate",
  "user.reset_password",
  "user.end_sessions",
  "user.unlock",
  // departments (lib/server/admin-departments.ts)
  "department.update",
  "department.alias_add",
  "department.alias_remove",
  // institutional reform (lib/server/department-reform.ts)
  "department.rename",
  "department.merge",
  "department.split",
  "department.rename_undo",
  "department.unmerge",
  "department.split_undo",
  // documents (lib/server/document-import.ts)
  "document.import",
  "document.reimport",
  // reports and their review (lib/server/task-updates.ts, lib/server/evidence.ts)
  "task_update.save_draft",
  "task_update.submit",
  "task_update.conflict",
  "task_update.approve",
  "task_update.return",
  "task.status",
  "task.status_kept",
  // task assignment (lib/server/assignments.ts: browser, API, 任务分工表, reform)
  "task.assign",
  "comment.create",
  "evidence.upload",
  "evidence.link",
  // indicators (lib/server/observations.ts, observation-import.ts, indicator-admin.ts, settings.ts)
  "observation.record",
  "observation.correct",
  "observation.import",
  "indicator.update",
  "indicator.merge",
  "indicator.split",
  "indicator.unmerge",
  "settings.indicator_thresholds",
  "settings.bulletin",
  // periods and bulletins (lib/server/periods.ts, lib/server/bulletins.ts)
  "period.lock",
  "period.reopen",
  "bulletin.generate",
  "bulletin.new_version",
  "bulletin.refresh",
  "bulletin.publish",
  "bulletin.layout",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const isAuditAction = (value: string): value is AuditAction =>
  (AUDIT_ACTIONS as readonly string[]).includes(value);

/** The kind of an action: the part before the dot (user.create → user). The filter's choices. */
export const AUDIT_ACTION_KINDS = [
  "auth",
  "security",
  "api_token",
  "user",
  "department",
  "document",
  "task_update",
  "task",
  "comment",
  "evidence",
  "observation",
  "indicator",
  "settings",
  "period",
  "bulletin",
] as const;

export type AuditActionKind = (typeof AUDIT_ACTION_KINDS)[number];

export const auditActionKind = (action: string): string => action.split(".")[0] ?? action;

/** The object types entries name (entityType). */
export const AUDIT_ENTITY_TYPES = [
  "user",
  "sign_in",
  "route",
  "server_action",
  "api_token",
  "department",
  "document",
  "task",
  "task_update",
  "comment",
  "evidence",
  "observation",
  "indicator",
  "setting",
  "reporting_period",
  "bulletin",
] as const;

export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export const isAuditEntityType = (value: string): value is AuditEntityType =>
  (AUDIT_ENTITY_TYPES as readonly string[]).includes(value);

/** The catalogue key of an action: dots become underscores (user.create → user_create). */
export const auditActionKey = (action: AuditAction) => action.replace(".", "_") as AuditActionLabelKey;
type Underscored<S extends string> = S extends `${infer A}.${infer B}` ? `${A}_${B}` : S;
export type AuditActionLabelKey = Underscored<AuditAction>;

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
] as const satisfies readonly AuditAction[];

export type SecurityAuditAction = (typeof SECURITY_AUDIT_ACTIONS)[number];

export const AUDIT_CATEGORIES = ["security"] as const;
