/**
 * User administration: the rules and the writes, shared by the admin pages (through lib/server/users.ts
 * and server actions) and the operators' CLI (scripts/user.ts, run with the react-server condition like
 * every script that calls lib/server). It takes the Prisma client and the actor as arguments and never
 * reads a session, so the CLI can call it without a request. Authorization is the caller's job
 * (defineAction with roles ["ADMIN"]; the CLI is an operator on the database host); the invariants below
 * hold whoever calls:
 *
 * - a DEPARTMENT_EDITOR belongs to a department, every other role to none;
 * - passwords follow lib/domain/passwords.ts and are stored only as bcrypt hashes;
 * - an administrator cannot deactivate or demote themselves, and at least one active ADMIN remains
 *   (the active admins are locked FOR UPDATE, so two admins demoting each other cannot both succeed);
 * - every change writes an audit entry in the same transaction, with before/after and never the hash.
 */
import "server-only";
import type { Db } from "../db/client";
import type { Role } from "../domain/roles";
import { checkPassword, generatePassword, passwordProblemMessage } from "../domain/passwords";
import { Prisma } from "../generated/prisma/client";
import {
  usernameMessage,
  usernameSchema,
  type CreateUserInput,
  type ListUsersFilter,
  type PasswordChoice,
  type UpdateUserInput,
  type UserListItem,
} from "../schemas/users";
import { hashPassword } from "./auth/passwords";
import { AppError, notFound } from "./errors";
import { msg, type Message, type MessageLike } from "../i18n/message";

type Tx = Prisma.TransactionClient;

/** Who performs an operation: a signed-in admin (id and username) or an operator (`{ id: null, label: "cli" }`). */
export interface OperationActor {
  id: number | null;
  label: string;
}

// ───────────────────────────── reads ─────────────────────────────

const userSelect = {
  id: true,
  username: true,
  displayName: true,
  email: true,
  role: true,
  departmentId: true,
  department: { select: { name: true } },
  active: true,
  lastLoginAt: true,
  lockedUntil: true,
  failedLoginCount: true,
  createdAt: true,
  passwordChangedAt: true,
  passwordHash: true,
} as const satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

function toListItem(row: UserRow, now: Date): UserListItem {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    role: row.role,
    departmentId: row.departmentId,
    departmentName: row.department?.name ?? null,
    active: row.active,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    lockedUntil: row.lockedUntil?.toISOString() ?? null,
    locked: !!row.lockedUntil && row.lockedUntil > now,
    failedLoginCount: row.failedLoginCount,
    createdAt: row.createdAt.toISOString(),
    passwordChangedAt: row.passwordChangedAt?.toISOString() ?? null,
    // Only whether a hash exists leaves this module, never the hash.
    hasPassword: row.passwordHash !== null,
  };
}

export async function listUsers(db: Db, filter: ListUsersFilter = {}, now = new Date()): Promise<UserListItem[]> {
  const q = filter.q?.trim();
  const rows = await db.user.findMany({
    where: {
      role: filter.role,
      departmentId: filter.departmentId,
      ...(q
        ? {
            OR: [
              { username: { contains: q, mode: "insensitive" } },
              { displayName: { contains: q, mode: "insensitive" } },
              { email: { contains: q, mode: "insensitive" } },
            ],
          }
        : {}),
    },
    orderBy: [{ active: "desc" }, { role: "asc" }, { username: "asc" }],
    select: userSelect,
  });
  return rows.map((row) => toListItem(row, now));
}

export async function getUser(db: Db, userId: number, now = new Date()): Promise<UserListItem | null> {
  const row = await db.user.findUnique({ where: { id: userId }, select: userSelect });
  return row ? toListItem(row, now) : null;
}

/** The account of exactly this name, else the one with the same username key (as sign-in finds it). */
export async function findUserIdByUsername(db: Db, username: string): Promise<number> {
  const typed = username.trim();
  const [row] = await db.$queryRaw<{ id: number }[]>`
    SELECT id FROM "app_user"
    WHERE username = ${typed} OR "dpt_username_key"(username) = "dpt_username_key"(${typed})
    ORDER BY (username = ${typed}) DESC, id
    LIMIT 1`;
  if (!row) throw new AppError("NOT_FOUND", msg("errors.users.noSuchUser", { username: typed }));
  return row.id;
}

/** The existing account whose username has the same key as `username` (same up to case, width, look-alikes). */
async function findUsernameTwin(db: Db | Tx, username: string): Promise<string | null> {
  const [row] = await db.$queryRaw<{ username: string }[]>`
    SELECT username FROM "app_user"
    WHERE "dpt_username_key"(username) = "dpt_username_key"(${username})
    ORDER BY id
    LIMIT 1`;
  return row?.username ?? null;
}

function usernameTaken(existing: string): AppError {
  const message = usernameMessage("lookalike", { existing });
  return new AppError("CONFLICT", message, { fieldErrors: { username: [message] } });
}

/** A unique violation of the username key index: two creations raced past the check. */
const isUsernameKeyViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError &&
  error.code === "P2002" &&
  /username/.test(JSON.stringify(error.meta ?? {}));

/** A department by its canonical name or any alias (省大数据局, 山东省大数据局 and 省大數據局 are one). */
export async function findDepartmentByName(db: Db, name: string): Promise<{ id: number; name: string }> {
  const trimmed = name.trim();
  const byName = await db.department.findUnique({
    where: { name: trimmed },
    select: { id: true, name: true, mergedInto: { select: { id: true, name: true } } },
  });
  // A unit merged away by institutional reform answers with the unit it was merged into.
  if (byName) return byName.mergedInto ?? { id: byName.id, name: byName.name };
  const byAlias = await db.departmentAlias.findUnique({
    where: { alias: trimmed },
    select: { department: { select: { id: true, name: true } } },
  });
  if (byAlias) return byAlias.department;
  const unknown = msg("errors.users.unknownDepartment", { name: trimmed });
  throw new AppError("VALIDATION", unknown, { fieldErrors: { departmentId: [unknown] } });
}

// ───────────────────────────── writes ─────────────────────────────

/** What the audit log keeps of a user: everything an admin may change, never the password hash. */
const auditSelect = {
  id: true,
  username: true,
  displayName: true,
  email: true,
  role: true,
  departmentId: true,
  active: true,
  lockedUntil: true,
  failedLoginCount: true,
  passwordChangedAt: true,
  sessionVersion: true,
} as const satisfies Prisma.UserSelect;

type AuditSnapshot = Prisma.UserGetPayload<{ select: typeof auditSelect }>;

const toJson = (value: unknown) =>
  value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

async function audit(
  tx: Tx,
  actor: OperationActor,
  action: string,
  userId: number,
  before: AuditSnapshot | null,
  after: AuditSnapshot | null,
): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: actor.id,
      actorLabel: actor.label,
      action,
      entityType: "user",
      entityId: String(userId),
      before: before ? toJson(before) : undefined,
      after: after ? toJson(after) : undefined,
    },
  });
}

const fieldError = (field: string, message: MessageLike) =>
  new AppError("VALIDATION", message, { fieldErrors: { [field]: [message] } });

/** Several broken rules reported at once, so a form shows every problem after one submission. */
function throwIfProblems(problems: Record<string, MessageLike[]>): void {
  const fields = Object.keys(problems);
  if (fields.length === 0) return;
  const only = fields.length === 1 ? problems[fields[0]!] : undefined;
  const message = only?.length === 1 ? only[0]! : msg("errors.invalidInput");
  throw new AppError("VALIDATION", message, { fieldErrors: problems });
}

const passwordProblems = (password: string, username: string) =>
  checkPassword(password, username).map(passwordProblemMessage);

/** DEPARTMENT_EDITOR needs an existing department; every other role must not have one. */
async function departmentProblem(db: Db | Tx, role: Role, departmentId: number | null): Promise<Message | null> {
  if (role === "DEPARTMENT_EDITOR") {
    if (departmentId === null) return msg("errors.users.editorNeedsDepartment");
    // A unit merged away (机构改革) takes no new editors: its work is the survivor's.
    const exists = await db.department.findUnique({
      where: { id: departmentId, mergedIntoId: null },
      select: { id: true },
    });
    return exists ? null : msg("errors.users.departmentMissing");
  }
  return departmentId === null ? null : msg("errors.users.onlyEditorsHaveDepartment");
}

/**
 * Checks the department rule and the password policy together, then hashes the chosen or generated
 * password (before any transaction opens: bcrypt is slow).
 */
async function prepareAccount(db: Db, input: CreateUserInput): Promise<{ hash: string; generated: string | null }> {
  const problems: Record<string, MessageLike[]> = {};
  const department = await departmentProblem(db, input.role, input.departmentId);
  if (department) problems.departmentId = [department];
  const generated = input.password.mode === "generate" ? generatePassword() : null;
  const password = generated ?? (input.password.mode === "set" ? input.password.password : "");
  const passwordIssues = passwordProblems(password, input.username);
  if (passwordIssues.length) problems.password = passwordIssues;
  throwIfProblems(problems);
  return { hash: await hashPassword(password), generated };
}

async function assertEmailFree(tx: Tx, email: string | null, exceptUserId?: number): Promise<void> {
  if (!email) return;
  const taken = await tx.user.findUnique({ where: { email }, select: { id: true } });
  if (taken && taken.id !== exceptUserId) {
    throw new AppError("CONFLICT", msg("errors.users.emailTaken", { email }), {
      fieldErrors: { email: [msg("errors.users.emailTakenField")] },
    });
  }
}

/** Locks the active admins, then the target user, always in that order (no deadlock between two admins). */
async function lockForChange(tx: Tx, userId: number): Promise<{ user: AuditSnapshot; activeAdminIds: number[] }> {
  const admins = await tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM app_user WHERE role = 'ADMIN' AND active ORDER BY id FOR UPDATE`;
  await tx.$queryRaw`SELECT id FROM app_user WHERE id = ${userId} FOR UPDATE`;
  const user = await tx.user.findUnique({ where: { id: userId }, select: auditSelect });
  if (!user) throw notFound("user");
  return { user, activeAdminIds: admins.map((a) => a.id) };
}

function assertAnotherActiveAdmin(activeAdminIds: number[], userId: number): void {
  if (!activeAdminIds.some((id) => id !== userId)) {
    throw new AppError("CONFLICT", msg("errors.users.lastAdmin"));
  }
}

export interface CreatedUser {
  user: UserListItem;
  /** Present only when the password was generated: shown once, stored nowhere in clear. */
  generatedPassword: string | null;
}

export async function createUser(db: Db, actor: OperationActor, raw: CreateUserInput): Promise<CreatedUser> {
  // The username rules hold whoever calls, even without the form's schema (NFKC, script mix).
  const username = usernameSchema.safeParse(raw.username);
  if (!username.success)
    throw fieldError("username", username.error.issues[0]?.message ?? usernameMessage("characters"));
  const input = { ...raw, username: username.data };
  const { hash, generated } = await prepareAccount(db, input);
  const id = await db
    .$transaction(async (tx) => {
      const twin = await findUsernameTwin(tx, input.username);
      if (twin !== null) throw usernameTaken(twin);
      await assertEmailFree(tx, input.email);
      const created = await tx.user.create({
        data: {
          username: input.username,
          displayName: input.displayName,
          email: input.email,
          role: input.role,
          departmentId: input.departmentId,
          passwordHash: hash,
          passwordChangedAt: new Date(),
        },
        select: auditSelect,
      });
      await audit(tx, actor, "user.create", created.id, null, created);
      return created.id;
    })
    .catch(async (error: unknown) => {
      if (!isUsernameKeyViolation(error)) throw error;
      throw usernameTaken((await findUsernameTwin(db, input.username)) ?? input.username);
    });
  return { user: (await getUser(db, id))!, generatedPassword: generated };
}

export async function updateUser(db: Db, actor: OperationActor, input: UpdateUserInput): Promise<UserListItem> {
  const department = await departmentProblem(db, input.role, input.departmentId);
  if (department) throw fieldError("departmentId", department);
  await db.$transaction(async (tx) => {
    const { user, activeAdminIds } = await lockForChange(tx, input.userId);
    if (user.role === "ADMIN" && input.role !== "ADMIN") {
      if (actor.id === user.id) {
        throw fieldError("role", msg("errors.users.cannotDemoteSelf"));
      }
      if (user.active) assertAnotherActiveAdmin(activeAdminIds, user.id);
    }
    await assertEmailFree(tx, input.email, user.id);
    const after = await tx.user.update({
      where: { id: user.id },
      data: {
        displayName: input.displayName,
        email: input.email,
        role: input.role,
        departmentId: input.departmentId,
      },
      select: auditSelect,
    });
    await audit(tx, actor, "user.update", user.id, user, after);
  });
  return (await getUser(db, input.userId))!;
}

/** Deactivate or reactivate. A no-op (already in that state) changes and audits nothing. */
export async function setUserActive(
  db: Db,
  actor: OperationActor,
  input: { userId: number; active: boolean },
): Promise<{ user: UserListItem; changed: boolean }> {
  const changed = await db.$transaction(async (tx) => {
    const { user, activeAdminIds } = await lockForChange(tx, input.userId);
    if (user.active === input.active) return false;
    if (!input.active) {
      if (actor.id === user.id) throw new AppError("CONFLICT", msg("errors.users.cannotDeactivateSelf"));
      if (user.role === "ADMIN") assertAnotherActiveAdmin(activeAdminIds, user.id);
    }
    // Deactivation ends every session and revokes every API token for good: reactivating the account
    // later revives none of them (the user signs in again, and makes new tokens).
    const after = await tx.user.update({
      where: { id: user.id },
      data: { active: input.active, ...(input.active ? {} : { sessionVersion: { increment: 1 } }) },
      select: auditSelect,
    });
    await audit(tx, actor, input.active ? "user.activate" : "user.deactivate", user.id, user, after);
    if (!input.active) await revokeAllTokens(tx, actor, user.id, new Date(), "deactivation");
    return true;
  });
  return { user: (await getUser(db, input.userId))!, changed };
}

export async function resetPassword(
  db: Db,
  actor: OperationActor,
  input: { userId: number; password: PasswordChoice },
): Promise<{ user: UserListItem; generatedPassword: string | null }> {
  const target = await db.user.findUnique({ where: { id: input.userId }, select: { username: true } });
  if (!target) throw notFound("user");
  const password = input.password.mode === "generate" ? generatePassword() : input.password.password;
  const issues = passwordProblems(password, target.username);
  throwIfProblems(issues.length ? { password: issues } : {});
  const hash = await hashPassword(password);
  const generated = input.password.mode === "generate" ? password : null;
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: input.userId }, select: auditSelect });
    if (!before) throw notFound("user");
    const now = new Date();
    const after = await tx.user.update({
      where: { id: input.userId },
      data: { passwordHash: hash, passwordChangedAt: now, sessionVersion: { increment: 1 } },
      select: auditSelect,
    });
    // A reset after a compromise must end every way in: sessions signed in before it stop working
    // (see lib/server/auth/session.ts) and the user's API tokens are revoked.
    await audit(tx, actor, "user.reset_password", input.userId, before, after);
    await revokeAllTokens(tx, actor, input.userId, now, "password reset");
  });
  return { user: (await getUser(db, input.userId))!, generatedPassword: generated };
}

/** Revokes every live API token of the user, with one audit entry when there were any. */
async function revokeAllTokens(tx: Tx, actor: OperationActor, userId: number, now: Date, reason: string) {
  const revoked = await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  if (revoked.count === 0) return;
  await tx.auditLog.create({
    data: {
      actorId: actor.id,
      actorLabel: actor.label,
      action: "api_token.revoke_all",
      entityType: "user",
      entityId: String(userId),
      after: { revokedTokens: revoked.count, reason },
    },
  });
}

/**
 * "Sign out everywhere": every session the user has open ends at its next request (the session version
 * moves on; lib/server/auth/session.ts). API tokens are not touched — revoke them on /account, or reset
 * the password, which does both.
 */
export async function endUserSessions(db: Db, actor: OperationActor, input: { userId: number }): Promise<UserListItem> {
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: input.userId }, select: auditSelect });
    if (!before) throw notFound("user");
    const after = await tx.user.update({
      where: { id: input.userId },
      data: { sessionVersion: { increment: 1 } },
      select: auditSelect,
    });
    await audit(tx, actor, "user.end_sessions", input.userId, before, after);
  });
  return (await getUser(db, input.userId))!;
}

/** Clears the sign-in lock (lib/server/auth/throttle.ts sets it after repeated failures). */
export async function unlockUser(
  db: Db,
  actor: OperationActor,
  input: { userId: number },
): Promise<{ user: UserListItem; changed: boolean }> {
  const changed = await db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: input.userId }, select: auditSelect });
    if (!before) throw notFound("user");
    if (before.lockedUntil === null && before.failedLoginCount === 0) return false;
    const after = await tx.user.update({
      where: { id: input.userId },
      data: { lockedUntil: null, failedLoginCount: 0 },
      select: auditSelect,
    });
    await audit(tx, actor, "user.unlock", input.userId, before, after);
    return true;
  });
  return { user: (await getUser(db, input.userId))!, changed };
}
