import "server-only";
import {
  createUser,
  endUserSessions,
  getUser,
  listUsers,
  resetPassword,
  setUserActive,
  unlockUser,
  updateUser,
  type OperationActor,
} from "./user-admin";
import type { CreateUserInput, ListUsersFilter, PasswordChoice, UpdateUserInput, UserListItem } from "../schemas/users";
import type { Actor } from "./auth/actor";
import { getDb } from "./db";
import { forbidden } from "./errors";

/**
 * User administration for the admin pages. The rules live in lib/server/user-admin.ts (shared with
 * the CLI); this module binds them to the request's database client and actor, and checks the role again
 * where the data is touched — a caller that forgot `roles: ["ADMIN"]` still fails closed.
 */
export type { UserListItem, ListUsersFilter };

function asAdmin(actor: Actor): OperationActor {
  if (actor.role !== "ADMIN") throw forbidden();
  return { id: actor.id, label: actor.username };
}

export function listUsersForAdmin(filter: ListUsersFilter): Promise<UserListItem[]> {
  return listUsers(getDb(), filter);
}

export function getUserForAdmin(userId: number): Promise<UserListItem | null> {
  return getUser(getDb(), userId);
}

export interface DepartmentOption {
  id: number;
  name: string;
}

/** Departments an editor may belong to: real units first, generic pseudo-units (省政府有关部门) last. */
export async function listDepartmentOptions(): Promise<DepartmentOption[]> {
  return getDb().department.findMany({
    where: { mergedIntoId: null }, // merged away by institutional reform
    orderBy: [{ generic: "asc" }, { name: "asc" }],
    select: { id: true, name: true },
  });
}

export const createUserAsAdmin = (input: CreateUserInput, actor: Actor) => createUser(getDb(), asAdmin(actor), input);
export const updateUserAsAdmin = (input: UpdateUserInput, actor: Actor) => updateUser(getDb(), asAdmin(actor), input);
export const setUserActiveAsAdmin = (input: { userId: number; active: boolean }, actor: Actor) =>
  setUserActive(getDb(), asAdmin(actor), input);
export const resetPasswordAsAdmin = (input: { userId: number; password: PasswordChoice }, actor: Actor) =>
  resetPassword(getDb(), asAdmin(actor), input);
export const endUserSessionsAsAdmin = (input: { userId: number }, actor: Actor) =>
  endUserSessions(getDb(), asAdmin(actor), input);
export const unlockUserAsAdmin = (input: { userId: number }, actor: Actor) =>
  unlockUser(getDb(), asAdmin(actor), input);

export interface AdminOverview {
  users: number;
  activeUsers: number;
  lockedUsers: number;
  departments: number;
}

export async function getAdminOverview(now = new Date()): Promise<AdminOverview> {
  const db = getDb();
  const [users, activeUsers, lockedUsers, departments] = await Promise.all([
    db.user.count(),
    db.user.count({ where: { active: true } }),
    db.user.count({ where: { lockedUntil: { gt: now } } }),
    db.department.count(),
  ]);
  return { users, activeUsers, lockedUsers, departments };
}
