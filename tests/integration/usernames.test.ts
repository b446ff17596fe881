/**
 * Look-alike usernames (outside probe 2026-12, finding 7) on real PostgreSQL, through the real user
 * creation (lib/server/user-admin.ts, shared by the admin pages and `npm run user`), the database's unique
 * index on the username key, the migration that builds it over existing rows, and next-auth's own
 * handler for sign-in (lib/server/auth/options.ts).
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthOptions } from "next-auth";
import { AuthHandler } from "../../node_modules/next-auth/core/index.js";
import { detectOrigin } from "../../node_modules/next-auth/utils/detect-origin.js";
import { applyMigrations, MIGRATIONS_DIR } from "../../lib/db/migrate";
import { usernameKey } from "../../lib/domain/usernames";
import { hashPassword } from "../../lib/server/auth/passwords";
import { AppError } from "../../lib/server/errors";
import { createUser, findUserIdByUsername, type OperationActor } from "../../lib/server/user-admin";
import { createUserSchema } from "../../lib/schemas/users";
import { createEmptyDatabase } from "../support/db";
import { setUpIntegrationDatabase } from "../support/integration";
import { translate } from "../../lib/i18n/message";

const PASSWORD = "Shandong#2026";
const cli: OperationActor = { id: null, label: "cli" };
const db = setUpIntegrationDatabase();
let serial = 0;
/** Latin letters only, so the Cyrillic/Greek look-alikes below can be written for them. */
const suffix = () => "x".repeat(++serial);

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => new Error("expected a rejection"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Through the same schema and function as the admin form and the CLI. */
function create(username: string) {
  return createUser(
    db.prisma,
    cli,
    createUserSchema.parse({
      username,
      displayName: "测试用户",
      role: "VIEWER",
      password: { mode: "set", password: PASSWORD },
    }),
  );
}

/** Without the schema: the rules must hold even for a caller that skips it. */
function createRaw(username: string) {
  return createUser(db.prisma, cli, {
    username,
    displayName: "测试用户",
    email: null,
    role: "VIEWER",
    departmentId: null,
    password: { mode: "set", password: PASSWORD },
  });
}

describe("creating users", () => {
  it("refuses case, width and look-alike twins of an existing name, naming it", async () => {
    const name = `admin${suffix()}`;
    await create(name);
    const tail = name.slice("admin".length);
    const fullWidth = Array.from(name, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join("");
    for (const twin of [name.toUpperCase(), `Admin${tail}`, `aDmIn${tail}`, fullWidth, fullWidth.toUpperCase()]) {
      const error = await rejection(create(twin));
      expect(error.code, twin).toBe("CONFLICT");
      const zh = error.toBody("zh-CN");
      expect(zh.message, twin).toContain(`「${name}」`);
      expect(error.toBody("en").message).toContain(`looks like, the existing account “${name}”`);
      expect(zh.fieldErrors?.username?.[0]).toBe(zh.message);
    }
    expect(await db.prisma.user.count({ where: { username: { equals: name, mode: "insensitive" } } })).toBe(1);
  });

  it.each([
    ["Cyrillic а in a Latin name", "\u0430dmin"],
    ["Cyrillic о", "r\u043Eot"],
    ["Greek ο", "r\u03BFot"],
    ["Latin and Cyrillic words", "ivan\u0438\u0432\u0430\u043D"],
    ["full-width Latin with Cyrillic і", "ａｄｍ\u0456ｎ"],
  ])("refuses a mixed-script name (%s)", async (_label, name) => {
    // Through the form's schema…
    const parsed = createUserSchema.safeParse({ username: name });
    const issue = parsed.error?.issues.find((i) => i.path[0] === "username");
    expect(translate("en", issue?.message ?? "")).toContain("Cyrillic or Greek");
    expect(translate("zh-CN", issue?.message ?? "")).toContain("西里尔字母");
    // …and without it (createUser checks again).
    const error = await rejection(createRaw(name));
    expect(error.code).toBe("VALIDATION");
    expect(error.toBody("en").fieldErrors?.username?.[0]).toContain("Cyrillic or Greek");
    expect(await db.prisma.user.count({ where: { username: name.normalize("NFKC") } })).toBe(0);
  });

  it("refuses a pure Cyrillic or Greek look-alike of an existing Latin name", async () => {
    const latin = `apex${suffix()}`;
    await create(latin);
    const cyrillic = `\u0430\u0440\u0435\u0445${latin.slice(4)}`; // арех…
    expect(cyrillic).not.toBe(latin);
    // "арех" + Latin x… would mix scripts: write the tail in Cyrillic х as well.
    const pureCyrillic = cyrillic.replace(/x/g, "\u0445");
    const error = await rejection(createRaw(pureCyrillic));
    expect(error.code).toBe("CONFLICT");
    expect(error.toBody("zh-CN").message).toContain(`「${latin}」`);
    const greek = `\u03BF${"x".repeat(3)}`.replace(/x/g, "\u03C7"); // οχχχ
    await create(`o${"x".repeat(3)}`);
    expect((await rejection(createRaw(greek))).code).toBe("CONFLICT");
  });

  it("keeps Chinese department names, and other single-script names, valid", async () => {
    for (const name of ["省大数据局", "省工业和信息化厅", "省大数据局.02", "иван", "αθηνα", "zhang.san"]) {
      const { user } = await create(name);
      expect(user.username).toBe(name);
    }
    // Traditional characters are other characters: a different name.
    expect((await create("省大數據局")).user.username).toBe("省大數據局");
  });

  it("stores the NFKC form of a full-width name", async () => {
    const { user } = await create("ｓｈａｎｄｏｎｇ");
    expect(user.username).toBe("shandong");
  });

  it("lets only one of two racing creations of twins through, the other gets a clear conflict", async () => {
    const name = `race${suffix()}`;
    const results = await Promise.allSettled([createRaw(name), createRaw(name.toUpperCase())]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [refused] = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused!.reason).toBeInstanceOf(AppError);
    expect((refused!.reason as AppError).code).toBe("CONFLICT");
  });

  it("is enforced by the database for every writer, not only by the application", async () => {
    const name = `direct${suffix()}`;
    await db.prisma.user.create({ data: { username: name, displayName: "d", role: "VIEWER" } });
    await expect(
      db.prisma.user.create({ data: { username: name.toUpperCase(), displayName: "d", role: "VIEWER" } }),
    ).rejects.toThrow(/Unique constraint/i);
    await expect(
      db.prisma.user.create({ data: { username: `\u0501${name.slice(1)}`, displayName: "d", role: "VIEWER" } }),
    ).rejects.toThrow(/Unique constraint/i);
  });

  it("computes the same key in SQL as lib/domain/usernames.ts", async () => {
    const samples = [
      "admin",
      "ADMIN",
      "ａｄｍｉｎ",
      "\u0430dmin",
      "АDMIN",
      "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
      "αβεζηικμνορτυχ",
      "ΟΔΟΣ",
      "οδος",
      "省大数据局",
      "ﬁle",
      "ⅿ",
      "Straße",
      "иван.petrov_01@x-y",
    ];
    const rows = await db.prisma.$queryRaw<{ key: string }[]>`
      SELECT "dpt_username_key"(name) AS key FROM unnest(${samples}::text[]) WITH ORDINALITY AS t(name, n) ORDER BY n`;
    expect(rows.map((row) => row.key)).toEqual(samples.map(usernameKey));
  });
});

describe("finding an account by name", () => {
  it("finds it by any spelling of its key (the CLI's --username)", async () => {
    const name = `finder${suffix()}`;
    const { user } = await create(name);
    expect(await findUserIdByUsername(db.prisma, name.toUpperCase())).toBe(user.id);
    expect(await findUserIdByUsername(db.prisma, ` ${name} `)).toBe(user.id);
    await expect(findUserIdByUsername(db.prisma, `${name}zz`)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("signing in", () => {
  let options: AuthOptions;
  let origin: string;

  beforeAll(async () => {
    db.restub({
      NEXTAUTH_URL: "http://127.0.0.1:3999",
      NEXTAUTH_SECRET: "integration-only-secret-0123456789abcdef",
      TRUST_PROXY: "false",
    });
    const { getAuthOptions } = await db.load(() => import("../../lib/server/auth/options"));
    options = getAuthOptions() as AuthOptions;
    origin = detectOrigin(undefined, undefined) ?? "";
  });

  /** A password sign-in through next-auth's own handler; the user id it signs in as, or the error. */
  async function signIn(username: string, password: string, callbackUrl?: string) {
    const csrf = await AuthHandler<{ csrfToken: string }>({
      req: { action: "csrf", method: "GET", origin, headers: {}, query: {}, cookies: {}, body: {} },
      options,
    });
    const csrfCookie = csrf.cookies!.find((cookie) => cookie.name.endsWith("next-auth.csrf-token"))!;
    const callback = await AuthHandler({
      req: {
        action: "callback",
        providerId: "credentials",
        method: "POST",
        origin,
        headers: {},
        query: {},
        cookies: { [csrfCookie.name]: csrfCookie.value },
        body: { username, password, csrfToken: csrf.body!.csrfToken, json: "true", callbackUrl },
      },
      options,
    });
    const error = /[?&]error=([^&]+)/.exec(callback.redirect ?? "")?.[1] ?? null;
    const signedIn = !error && (callback.cookies ?? []).some((cookie) => cookie.name.includes("session-token"));
    return { error, signedIn, redirect: callback.redirect ?? "" };
  }

  it("signs ADMIN, Admin and ａｄｍｉｎ in as the one account admin", async () => {
    const name = `signin${suffix()}`;
    await db.prisma.user.create({
      data: { username: name, displayName: name, role: "VIEWER", passwordHash: await hashPassword(PASSWORD) },
    });
    const fullWidth = Array.from(name.toUpperCase(), (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join("");
    for (const spelling of [name, name.toUpperCase(), `S${name.slice(1)}`, fullWidth]) {
      expect(await signIn(spelling, PASSWORD), spelling).toMatchObject({ signedIn: true, error: null });
    }
    // The attempts are recorded under the account's own name.
    const names = await db.prisma.loginAttempt.findMany({ where: { success: true }, select: { username: true } });
    expect(names.filter((n) => n.username.toLowerCase() === name)).toHaveLength(4);
    expect(names.every((n) => n.username === n.username.normalize("NFKC"))).toBe(true);
  });

  it("counts failures under every spelling against one lockout", async () => {
    const name = `lockme${suffix()}`;
    await db.prisma.user.create({
      data: { username: name, displayName: name, role: "VIEWER", passwordHash: await hashPassword(PASSWORD) },
    });
    const spellings = [name, name.toUpperCase(), `L${name.slice(1)}`, `lO${name.slice(2)}`, `LOCK${name.slice(4)}`];
    for (const spelling of spellings) expect((await signIn(spelling, "wrong-password")).error).toBe("invalid");
    // Five failures, five spellings: the account is locked, whatever the next spelling.
    expect((await signIn(`lockME${name.slice(6)}`, PASSWORD)).error).toBe("locked");
    const row = await db.prisma.user.findUniqueOrThrow({ where: { username: name }, select: { lockedUntil: true } });
    expect(row.lockedUntil).not.toBeNull();
  });

  it("locks an unknown name under every spelling too (the lockout reveals nothing)", async () => {
    const name = `ghost${suffix()}`;
    const spellings = [name, name.toUpperCase(), `G${name.slice(1)}`, `gH${name.slice(2)}`, `GHOST${name.slice(5)}`];
    for (const spelling of spellings) expect((await signIn(spelling, "wrong-password")).error).toBe("invalid");
    expect((await signIn(name, "wrong-password")).error).toBe("locked");
  });

  it("sends a foreign or scheme-relative callback to the home page (next-auth's redirect callback)", async () => {
    const name = `redirect${suffix()}`;
    await db.prisma.user.create({
      data: { username: name, displayName: name, role: "VIEWER", passwordHash: await hashPassword(PASSWORD) },
    });
    for (const callbackUrl of ["/.//evil.example/phish", "http://evil.example/", `${origin}//evil.example/x`]) {
      const result = await signIn(name, PASSWORD, callbackUrl);
      expect(result.signedIn).toBe(true);
      expect(result.redirect, callbackUrl).toBe(`${origin}/`);
    }
    expect((await signIn(name, PASSWORD, "/tasks?x=1")).redirect).toBe(`${origin}/tasks?x=1`);
  });
});

describe("the migration", () => {
  it("builds the index over existing twins: the oldest keeps its name, later ones are renamed and audited", async () => {
    const scratch = await createEmptyDatabase("dpt_userkey");
    const before = mkdtempSync(path.join(os.tmpdir(), "dpt-migrations-"));
    try {
      for (const entry of readdirSync(MIGRATIONS_DIR)) {
        if (entry.endsWith("_username_key")) continue;
        cpSync(path.join(MIGRATIONS_DIR, entry), path.join(before, entry), { recursive: true });
      }
      await applyMigrations(scratch.url, { dir: before });
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      try {
        for (const username of ["admin", "Admin", "ａｄｍｉｎ", "\u0430dmin", "viewer", "省大数据局"]) {
          await client.query(
            `INSERT INTO app_user (username, "displayName", role, "updatedAt") VALUES ($1, $1, 'VIEWER', now())`,
            [username],
          );
        }
        await applyMigrations(scratch.url);
        const { rows } = await client.query<{ id: number; username: string }>(
          "SELECT id, username FROM app_user ORDER BY id",
        );
        const [first, second, third, fourth] = rows;
        expect(rows.map((r) => r.username)).toEqual([
          "admin",
          `Admin.${second!.id}`,
          `ａｄｍｉｎ.${third!.id}`,
          `\u0430dmin.${fourth!.id}`,
          "viewer",
          "省大数据局",
        ]);
        expect(first!.username).toBe("admin");
        const audit = await client.query<{ entityId: string; before: { username: string } }>(
          `SELECT "entityId", before FROM audit_log WHERE action = 'user.rename' ORDER BY id`,
        );
        expect(audit.rows.map((r) => r.before.username)).toEqual(["Admin", "ａｄｍｉｎ", "\u0430dmin"]);
        await expect(
          client.query(
            `INSERT INTO app_user (username, "displayName", role, "updatedAt") VALUES ('ADMIN', 'x', 'VIEWER', now())`,
          ),
        ).rejects.toThrow(/app_user_username_fold_key/);
      } finally {
        await client.end();
      }
    } finally {
      rmSync(before, { recursive: true, force: true });
      await scratch.drop();
    }
  });
});
