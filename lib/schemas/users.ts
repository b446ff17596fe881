/**
 * User administration's inputs and the user row the admin pages list: shared by the forms, the server
 * actions (lib/actions/users.ts), lib/server/user-admin.ts and the operators' CLI (scripts/user.ts).
 * Client-safe: no server imports.
 */
import { z } from "zod";
import { ROLES, type Role } from "../domain/roles";
import { usernameScriptProblem } from "../domain/usernames";
import { messageRef } from "../i18n/message";

const emptyToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

type UsernameRule = "tooShort" | "tooLong" | "characters" | "mixedScript" | "lookalike";

/** A username rule's message (admin.usernameRules.*), translated by the wrappers into the reader's language. */
export function usernameMessage(key: UsernameRule, values?: Record<string, string>): string {
  return messageRef(`admin.usernameRules.${key}`, values);
}

/**
 * A new username. Stored in NFKC (full-width ａｄｍｉｎ is stored as admin); letters of any one script
 * (editor accounts are named after their department, e.g. 省大数据局), digits, . _ - @; never Latin mixed
 * with Cyrillic or Greek letters (lib/domain/usernames.ts). Uniqueness by key is checked on creation.
 */
export const usernameSchema = z
  .string()
  .trim()
  .transform((value) => value.normalize("NFKC"))
  .pipe(
    z
      .string()
      .min(2, usernameMessage("tooShort"))
      .max(64, usernameMessage("tooLong"))
      .regex(/^[\p{L}\p{N}._@-]+$/u, usernameMessage("characters"))
      .refine((value) => usernameScriptProblem(value) === null, usernameMessage("mixedScript")),
  );

/** An existing username, as typed to find an account (older accounts may predate the rules above). */
export const usernameLookupSchema = z.string().trim().min(1).max(200);

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, messageRef("errors.users.displayNameRequired"))
  .max(100, messageRef("errors.users.displayNameMax"));

export const emailSchema = z.preprocess(
  emptyToNull,
  z.email(messageRef("errors.users.invalidEmail")).max(254).nullable().default(null),
);

export const roleSchema = z.enum(ROLES, messageRef("errors.users.chooseRole"));

export const departmentIdSchema = z.preprocess(
  emptyToNull,
  z.coerce.number().int().min(1).max(2_147_483_647).nullable().default(null),
);

export const userIdSchema = z.coerce.number().int().min(1).max(2_147_483_647);

/** Either a password the admin chose (checked against the policy) or a generated one, shown once. */
export const passwordChoiceSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("generate") }),
  z.object({ mode: z.literal("set"), password: z.string().min(1, messageRef("errors.users.enterPassword")).max(256) }),
]);
export type PasswordChoice = z.output<typeof passwordChoiceSchema>;

export const createUserSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  email: emailSchema,
  role: roleSchema,
  departmentId: departmentIdSchema,
  password: passwordChoiceSchema,
});
export type CreateUserInput = z.output<typeof createUserSchema>;

export const updateUserSchema = z.object({
  userId: userIdSchema,
  displayName: displayNameSchema,
  email: emailSchema,
  role: roleSchema,
  departmentId: departmentIdSchema,
});
export type UpdateUserInput = z.output<typeof updateUserSchema>;

export const setActiveSchema = z.object({ userId: userIdSchema, active: z.boolean() });
export const resetPasswordSchema = z.object({ userId: userIdSchema, password: passwordChoiceSchema });
export const unlockSchema = z.object({ userId: userIdSchema });
export const endSessionsSchema = z.object({ userId: userIdSchema });

export const listUsersFilterSchema = z.object({
  role: roleSchema.optional().catch(undefined),
  departmentId: z.coerce.number().int().min(1).max(2_147_483_647).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});
export type ListUsersFilter = z.output<typeof listUsersFilterSchema>;

export interface UserListItem {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  departmentId: number | null;
  departmentName: string | null;
  active: boolean;
  /** ISO timestamps: the result crosses to client components and the CLI as plain data. */
  lastLoginAt: string | null;
  lockedUntil: string | null;
  locked: boolean;
  failedLoginCount: number;
  createdAt: string;
  passwordChangedAt: string | null;
  hasPassword: boolean;
}
