/**
 * User administration on real PostgreSQL: the operations shared by the admin pages and the CLI (policy,
 * department rule, duplicates, self-protection, last admin, reset, unlock, audit without hashes), and
 * the CLI itself (exit codes and effects).
 */
import { spawn } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../lib/server/auth/passwords";
import { AppError } from "../../lib/server/errors";
import {
  createUser,
  listUsers,
  resetPassword,
  setUserActive,
  unlockUser,
  updateUser,
  type OperationActor,
} from "../../lib/server/user-admin";
import { createUserSchema } from "../../lib/schemas/users";
import { setUpIntegrationDatabase } from "../support/integration";

const GOOD_PASSWORD = "Shandong#2026";
const cli: OperationActor = { id: null, label: "cli" };

const db = setUpIntegrationDatabase();
let departmentId: number;
let otherDepartmentId: number;
let serial = 0;
// The audit id is a BigInt: serialise what the entry records, not the row.
const recorded = (entry: { before: unknown; after: unknown }) => JSON.stringify([entry.before, entry.after]);
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${serial++}`;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => new Error("expected a rejection"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function makeAdmin(username = unique("admin")): Promise<{ id: number; actor: OperationActor }> {
  const user = await db.prisma.user.create({
    data: { username, displayName: username, role: "ADMIN", passwordHash: await hashPassword(GOOD_PASSWORD) },
    select: { id: true, username: true },
  });
  return { id: user.id, actor: { id: user.id, label: user.username } };
}

function input(overrides: Record<string, unknown> = {}) {
  return createUserSchema.parse({
    username: unique("user"),
    displayName: "测试用户",
    role: "VIEWER",
    password: { mode: "set", password: GOOD_PASSWORD },
    ...overrides,
  });
}

beforeAll(async () => {
  const department = await db.prisma.department.create({ data: { name: "省大数据局" }, select: { id: true } });
  await db.prisma.departmentAlias.create({ data: { alias: "山东省大数据局", departmentId: department.id } });
  const other = await db.prisma.department.create({ data: { name: "省工业和信息化厅" }, select: { id: true } });
  departmentId = department.id;
  otherDepartmentId = other.id;
});

describe("user operations", () => {
  it("creates a user with a hashed password and an audit entry that never contains the hash", async () => {
    const { actor } = await makeAdmin();
    const created = await createUser(db.prisma, actor, input({ email: "a@example.cn" }));
    expect(created.generatedPassword).toBeNull();
    expect(created.user).toMatchObject({ role: "VIEWER", active: true, email: "a@example.cn", hasPassword: true });

    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: created.user.id } });
    expect(row.passwordHash).not.toBe(GOOD_PASSWORD);
    expect(await verifyPassword(GOOD_PASSWORD, row.passwordHash!)).toBe(true);

    const entries = await db.prisma.auditLog.findMany({ where: { entityType: "user", entityId: String(row.id) } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: "user.create",
      actorId: actor.id,
      actorLabel: actor.label,
      before: null,
    });
    expect(entries[0]!.after).toMatchObject({ username: row.username, role: "VIEWER", active: true });
    expect(recorded(entries[0]!)).not.toContain(row.passwordHash!);
    expect(recorded(entries[0]!)).not.toMatch(/passwordHash|\$2[aby]\$/);
  });

  it("refuses passwords that break the policy, naming every broken rule, and writes nothing", async () => {
    const { actor } = await makeAdmin();
    const before = await db.prisma.user.count();
    const short = await rejection(createUser(db.prisma, actor, input({ password: { mode: "set", password: "Ab1!" } })));
    expect(short.code).toBe("VALIDATION");
    expect(short.toBody("zh-CN").fieldErrors?.password?.join()).toContain("至少 10 个字符");

    const oneClass = await rejection(
      createUser(db.prisma, actor, input({ password: { mode: "set", password: "abcdefghijklmnop" } })),
    );
    expect(oneClass.toBody("zh-CN").fieldErrors?.password?.join()).toContain("至少三类");

    const sameExactly = await rejection(
      createUser(
        db.prisma,
        actor,
        input({ username: "Ops.User-2026", password: { mode: "set", password: "ops.user-2026" } }),
      ),
    );
    // "ops.user-2026" has only lower case, digits and symbols (3 classes) and ≥ 10 chars: only the username rule fails.
    expect(sameExactly.toBody("zh-CN").fieldErrors?.password).toEqual(["密码不能与用户名相同"]);
    expect(sameExactly.toBody("en").fieldErrors?.password).toEqual(["The password must differ from the username"]);
    expect(await db.prisma.user.count()).toBe(before);
  });

  it("generates a password that satisfies the policy and returns it once", async () => {
    const { actor } = await makeAdmin();
    const created = await createUser(db.prisma, actor, input({ password: { mode: "generate" } }));
    expect(created.generatedPassword).toMatch(/^.{16}$/);
    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: created.user.id } });
    expect(await verifyPassword(created.generatedPassword!, row.passwordHash!)).toBe(true);
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { entityId: String(row.id), action: "user.create" },
    });
    expect(recorded(audit)).not.toContain(created.generatedPassword!);
  });

  it("requires a department for an editor and forbids one for other roles", async () => {
    const { actor } = await makeAdmin();
    const missing = await rejection(createUser(db.prisma, actor, input({ role: "DEPARTMENT_EDITOR" })));
    expect(missing.code).toBe("VALIDATION");
    expect(missing.extra.fieldErrors?.departmentId).toBeDefined();

    const forbidden = await rejection(createUser(db.prisma, actor, input({ role: "REVIEWER", departmentId })));
    expect(forbidden.extra.fieldErrors?.departmentId).toBeDefined();

    const unknown = await rejection(
      createUser(db.prisma, actor, input({ role: "DEPARTMENT_EDITOR", departmentId: 999_999 })),
    );
    expect(unknown.extra.fieldErrors?.departmentId).toBeDefined();

    const editor = await createUser(db.prisma, actor, input({ role: "DEPARTMENT_EDITOR", departmentId }));
    expect(editor.user).toMatchObject({ departmentId, departmentName: "省大数据局" });

    // Changing the role away from editor must drop the department in the same edit.
    const refused = await rejection(
      updateUser(db.prisma, actor, {
        userId: editor.user.id,
        displayName: "x",
        email: null,
        role: "VIEWER",
        departmentId,
      }),
    );
    expect(refused.code).toBe("VALIDATION");
  });

  it("answers a clear conflict for a duplicate username or email", async () => {
    const { actor } = await makeAdmin();
    const first = await createUser(db.prisma, actor, input({ email: `${unique("dup")}@example.cn` }));
    const dupName = await rejection(createUser(db.prisma, actor, input({ username: first.user.username })));
    expect(dupName.code).toBe("CONFLICT");
    expect(dupName.message).toContain(first.user.username);
    expect(dupName.extra.fieldErrors?.username).toBeDefined();

    const dupEmail = await rejection(createUser(db.prisma, actor, input({ email: first.user.email })));
    expect(dupEmail.code).toBe("CONFLICT");
    expect(dupEmail.extra.fieldErrors?.email).toBeDefined();
  });

  it("edits role, department, name and email with before/after in the audit log", async () => {
    const { actor } = await makeAdmin();
    const { user } = await createUser(db.prisma, actor, input({ role: "DEPARTMENT_EDITOR", departmentId }));
    const updated = await updateUser(db.prisma, actor, {
      userId: user.id,
      displayName: "新名字",
      email: "new@example.cn",
      role: "DEPARTMENT_EDITOR",
      departmentId: otherDepartmentId,
    });
    expect(updated).toMatchObject({ displayName: "新名字", email: "new@example.cn", departmentId: otherDepartmentId });
    const entry = await db.prisma.auditLog.findFirstOrThrow({
      where: { entityId: String(user.id), action: "user.update" },
    });
    expect(entry.before).toMatchObject({ displayName: "测试用户", departmentId, email: null });
    expect(entry.after).toMatchObject({
      displayName: "新名字",
      departmentId: otherDepartmentId,
      email: "new@example.cn",
    });
  });

  it("refuses an admin deactivating or demoting themselves", async () => {
    const { id, actor } = await makeAdmin();
    await makeAdmin(); // another active admin exists, so only the self rule can refuse
    const deactivate = await rejection(setUserActive(db.prisma, actor, { userId: id, active: false }));
    expect(deactivate.code).toBe("CONFLICT");
    const demote = await rejection(
      updateUser(db.prisma, actor, { userId: id, displayName: "x", email: null, role: "VIEWER", departmentId: null }),
    );
    expect(demote.extra.fieldErrors?.role).toBeDefined();
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id }, select: { role: true, active: true } })).toEqual({
      role: "ADMIN",
      active: true,
    });
  });

  it("keeps at least one active admin, also when two demotions race", async () => {
    // Leave exactly two active admins.
    await db.prisma.user.updateMany({ where: { role: "ADMIN" }, data: { active: false } });
    const a = await makeAdmin();
    const b = await makeAdmin();
    const results = await Promise.allSettled([
      setUserActive(db.prisma, a.actor, { userId: b.id, active: false }),
      setUserActive(db.prisma, b.actor, { userId: a.id, active: false }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.prisma.user.count({ where: { role: "ADMIN", active: true } })).toBe(1);

    const [last] = await db.prisma.user.findMany({ where: { role: "ADMIN", active: true }, select: { id: true } });
    const error = await rejection(setUserActive(db.prisma, cli, { userId: last!.id, active: false }));
    expect(error.toBody("zh-CN").message).toContain("至少需要保留一名");
    const demote = await rejection(
      updateUser(db.prisma, cli, {
        userId: last!.id,
        displayName: "x",
        email: null,
        role: "REVIEWER",
        departmentId: null,
      }),
    );
    expect(demote.code).toBe("CONFLICT");
  });

  it("deactivates and reactivates, auditing each change and nothing for a no-op", async () => {
    const { actor } = await makeAdmin();
    const { user } = await createUser(db.prisma, actor, input());
    expect((await setUserActive(db.prisma, actor, { userId: user.id, active: false })).changed).toBe(true);
    expect((await setUserActive(db.prisma, actor, { userId: user.id, active: false })).changed).toBe(false);
    const back = await setUserActive(db.prisma, actor, { userId: user.id, active: true });
    expect(back).toMatchObject({ changed: true, user: { active: true } });
    const actions = await db.prisma.auditLog.findMany({
      where: { entityId: String(user.id) },
      orderBy: { id: "asc" },
      select: { action: true, before: true, after: true },
    });
    expect(actions.map((a) => a.action)).toEqual(["user.create", "user.deactivate", "user.activate"]);
    expect(actions[1]).toMatchObject({ before: { active: true }, after: { active: false } });
  });

  it("resets a password (given or generated) so that verifyPassword accepts only the new one", async () => {
    const { actor } = await makeAdmin();
    const { user } = await createUser(db.prisma, actor, input());
    const hash = async () => (await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash!;

    const weak = await rejection(
      resetPassword(db.prisma, actor, { userId: user.id, password: { mode: "set", password: "short" } }),
    );
    expect(weak.code).toBe("VALIDATION");
    expect(await verifyPassword(GOOD_PASSWORD, await hash())).toBe(true);

    await resetPassword(db.prisma, actor, { userId: user.id, password: { mode: "set", password: "Another@Pass9" } });
    expect(await verifyPassword("Another@Pass9", await hash())).toBe(true);
    expect(await verifyPassword(GOOD_PASSWORD, await hash())).toBe(false);

    const { generatedPassword } = await resetPassword(db.prisma, actor, {
      userId: user.id,
      password: { mode: "generate" },
    });
    expect(await verifyPassword(generatedPassword!, await hash())).toBe(true);

    const entries = await db.prisma.auditLog.findMany({
      where: { entityId: String(user.id), action: "user.reset_password" },
    });
    expect(entries).toHaveLength(2);
    for (const entry of entries) {
      expect(recorded(entry)).not.toMatch(/passwordHash|\$2[aby]\$|Another@Pass9/);
      expect(entry.after).toHaveProperty("passwordChangedAt");
    }
  });

  it("unlocks a locked account", async () => {
    const { actor } = await makeAdmin();
    const { user } = await createUser(db.prisma, actor, input());
    const lockedUntil = new Date(Date.now() + 10 * 60_000);
    await db.prisma.user.update({ where: { id: user.id }, data: { lockedUntil, failedLoginCount: 5 } });
    expect((await listUsers(db.prisma, { q: user.username }))[0]).toMatchObject({ locked: true, failedLoginCount: 5 });

    const result = await unlockUser(db.prisma, actor, { userId: user.id });
    expect(result).toMatchObject({ changed: true, user: { locked: false, lockedUntil: null, failedLoginCount: 0 } });
    const entry = await db.prisma.auditLog.findFirstOrThrow({
      where: { entityId: String(user.id), action: "user.unlock" },
    });
    expect(entry.before).toMatchObject({ lockedUntil: lockedUntil.toISOString(), failedLoginCount: 5 });
    expect(entry.after).toMatchObject({ lockedUntil: null, failedLoginCount: 0 });
    expect((await unlockUser(db.prisma, actor, { userId: user.id })).changed).toBe(false);
  });

  it("lists users filtered by role, department and text", async () => {
    const { actor } = await makeAdmin();
    const tag = unique("filt");
    await createUser(db.prisma, actor, input({ username: `${tag}-ed`, role: "DEPARTMENT_EDITOR", departmentId }));
    await createUser(db.prisma, actor, input({ username: `${tag}-rv`, role: "REVIEWER", displayName: "督导员甲" }));
    expect((await listUsers(db.prisma, { q: tag })).map((u) => u.username).sort()).toEqual([`${tag}-ed`, `${tag}-rv`]);
    expect((await listUsers(db.prisma, { q: tag, role: "REVIEWER" })).map((u) => u.username)).toEqual([`${tag}-rv`]);
    expect((await listUsers(db.prisma, { q: tag, departmentId })).map((u) => u.username)).toEqual([`${tag}-ed`]);
    expect((await listUsers(db.prisma, { q: "督导员甲" })).map((u) => u.username)).toContain(`${tag}-rv`);
    expect(JSON.stringify(await listUsers(db.prisma))).not.toMatch(/\$2[aby]\$/);
  });
});

// ───────────────────────────── the CLI ─────────────────────────────

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cliRun(...args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/user.ts", ...args],
      {
        env: { ...process.env, DATABASE_URL: db.url, NODE_ENV: "test" },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("npm run user (scripts/user.ts)", () => {
  it("creates an editor by department alias with a generated password printed once on stdout", async () => {
    const username = unique("cli-ed");
    const res = await cliRun(
      "create",
      "--username",
      username,
      "--name",
      "命令行用户",
      "--role",
      "DEPARTMENT_EDITOR",
      "--department",
      "山东省大数据局",
      "--generate",
    );
    expect(res.stderr).toContain(`created ${username}`);
    expect(res.status).toBe(0);
    const password = res.stdout.trim();
    expect(password).toMatch(/^\S{16}$/);
    const row = await db.prisma.user.findUniqueOrThrow({ where: { username } });
    expect(row).toMatchObject({ role: "DEPARTMENT_EDITOR", departmentId, displayName: "命令行用户" });
    expect(await verifyPassword(password, row.passwordHash!)).toBe(true);
    const entry = await db.prisma.auditLog.findFirstOrThrow({ where: { entityId: String(row.id) } });
    expect(entry).toMatchObject({ action: "user.create", actorLabel: "cli", actorId: null });
  }, 60_000);

  it("exits 2 with a clear message and writes nothing for bad input", async () => {
    const username = unique("cli-bad");
    const cases: [string[], RegExp][] = [
      [["frobnicate"], /unknown command/],
      [["create", "--username", username, "--name", "x", "--role", "KING", "--generate"], /--role/],
      [["create", "--username", username, "--name", "x", "--role", "VIEWER"], /--password/],
      [["create", "--username", username, "--name", "x", "--role", "VIEWER", "--password", "weak"], /至少 10 个字符/],
      [
        ["create", "--username", username, "--name", "x", "--role", "DEPARTMENT_EDITOR", "--generate"],
        /单位填报员必须指定所属单位/,
      ],
      [
        [
          "create",
          "--username",
          username,
          "--name",
          "x",
          "--role",
          "DEPARTMENT_EDITOR",
          "--department",
          "不存在局",
          "--generate",
        ],
        /不存在/,
      ],
      [["deactivate", "--username", unique("nobody")], /不存在|not found/],
      [["list", "--username", "x"], /does not take/],
      [["create", "--bogus"], /Unknown option|bogus/],
    ];
    for (const [args, message] of cases) {
      const res = await cliRun(...args);
      expect({ args, status: res.status }).toEqual({ args, status: 2 });
      expect(res.stderr).toMatch(message);
      expect(res.stdout).toBe("");
    }
    expect(await db.prisma.user.count({ where: { username } })).toBe(0);
  }, 120_000);

  it("resets, deactivates, activates, unlocks and lists", async () => {
    const username = unique("cli-ops");
    const created = await cliRun(
      "create",
      "--username",
      username,
      "--name",
      "运维",
      "--role",
      "VIEWER",
      "--password",
      GOOD_PASSWORD,
    );
    expect(created.status).toBe(0);
    expect(created.stdout).toBe("");

    const reset = await cliRun("reset-password", "--username", username, "--password", "Fresh!Pass42");
    expect(reset.status).toBe(0);
    const hash = async () => (await db.prisma.user.findUniqueOrThrow({ where: { username } })).passwordHash!;
    expect(await verifyPassword("Fresh!Pass42", await hash())).toBe(true);

    expect((await cliRun("deactivate", "--username", username)).status).toBe(0);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { username } })).active).toBe(false);
    expect((await cliRun("activate", "--username", username)).status).toBe(0);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { username } })).active).toBe(true);

    await db.prisma.user.update({
      where: { username },
      data: { lockedUntil: new Date(Date.now() + 60_000), failedLoginCount: 5 },
    });
    expect((await cliRun("unlock", "--username", username)).status).toBe(0);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { username } })).lockedUntil).toBeNull();

    const list = await cliRun("list");
    expect(list.status).toBe(0);
    expect(list.stdout).toContain(`${username}\t运维\tVIEWER`);

    const row = await db.prisma.user.findUniqueOrThrow({ where: { username } });
    const actions = await db.prisma.auditLog.findMany({
      where: { entityId: String(row.id), actorLabel: "cli" },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "user.create",
      "user.reset_password",
      "user.deactivate",
      "user.activate",
      "user.unlock",
    ]);
  }, 120_000);
});
