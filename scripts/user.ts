/**
 * npm run user -- <command> [options]   — account administration for operators
 *
 *   create --username U --name N --role ROLE [--department 省大数据局] [--email E] (--password P | --generate)
 *   reset-password --username U (--password P | --generate)
 *   deactivate --username U
 *   activate --username U
 *   unlock --username U
 *   list
 *
 * Works on DATABASE_URL, or the embedded database under DATA_DIR when unset (stop the app first: the
 * embedded database serves one process). The same rules as the admin pages apply (lib/server/user-admin.ts);
 * every change is audited with actor "cli". A generated password is printed once on stdout, everything
 * else goes to stderr. Exit codes: 0 done, 2 bad input or refused (nothing written), 1 unexpected failure.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createPrismaClient, type Db } from "../lib/db/client";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import { getEnv } from "../lib/env";
import { msg, translate } from "../lib/i18n/message";
import { AppError } from "../lib/server/errors";
import {
  createUser,
  findDepartmentByName,
  findUserIdByUsername,
  listUsers,
  resetPassword,
  setUserActive,
  unlockUser,
  type OperationActor,
} from "../lib/server/user-admin";
import {
  displayNameSchema,
  emailSchema,
  roleSchema,
  usernameLookupSchema,
  usernameSchema,
  type PasswordChoice,
} from "../lib/schemas/users";

const CLI_ACTOR: OperationActor = { id: null, label: "cli" };
const log = (line: string) => process.stderr.write(`[user] ${line}\n`);

const USAGE = `usage: npm run user -- <command> [options]
  create --username U --name N --role ADMIN|REVIEWER|DEPARTMENT_EDITOR|VIEWER [--department 单位] [--email E] (--password P | --generate)
  reset-password --username U (--password P | --generate)
  deactivate --username U
  activate --username U
  unlock --username U
  list`;

// The department rule (editors need one, others none) is checked by createUser, as for the admin pages.
/** The language of the operators' messages: the deployment's DEFAULT_LOCALE (zh-CN unless set). */
const cliLocale = () => getEnv().DEFAULT_LOCALE;

class UsageError extends Error {
  override name = "UsageError";
}

const passwordOptions = z
  .object({ password: z.string().optional(), generate: z.boolean().optional() })
  .refine((o) => (o.password !== undefined) !== (o.generate === true), {
    message: "give exactly one of --password P or --generate · 须指定 --password 或 --generate 之一",
  })
  .transform((o): PasswordChoice => (o.generate ? { mode: "generate" } : { mode: "set", password: o.password! }));

const commands = {
  create: z.object({
    username: usernameSchema,
    name: displayNameSchema,
    role: roleSchema,
    department: z.string().trim().min(1).optional(),
    email: emailSchema,
    passwordChoice: passwordOptions,
  }),
  "reset-password": z.object({ username: usernameLookupSchema, passwordChoice: passwordOptions }),
  deactivate: z.object({ username: usernameLookupSchema }),
  activate: z.object({ username: usernameLookupSchema }),
  unlock: z.object({ username: usernameLookupSchema }),
  list: z.object({}),
} as const;
type Command = keyof typeof commands;

function parseCommandLine(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      username: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      department: { type: "string" },
      email: { type: "string" },
      password: { type: "string" },
      generate: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help) return null;
  if (!command || !(command in commands)) throw new UsageError(command ? `unknown command: ${command}` : "no command");
  if (rest.length) throw new UsageError(`unexpected argument: ${rest[0]}`);
  const name = command as Command;
  // Options a command does not take are refused rather than silently ignored.
  const allowed: Record<Command, string[]> = {
    create: ["username", "name", "role", "department", "email", "password", "generate"],
    "reset-password": ["username", "password", "generate"],
    deactivate: ["username"],
    activate: ["username"],
    unlock: ["username"],
    list: [],
  };
  const extra = Object.keys(values).find((key) => !allowed[name].includes(key));
  if (extra) throw new UsageError(`${name} does not take --${extra}`);
  const raw = { ...values, passwordChoice: { password: values.password, generate: values.generate } };
  const parsed = commands[name].safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = issue.path[0] === "passwordChoice" ? "password" : String(issue.path[0] ?? "");
      return `--${key}: ${translate(cliLocale(), issue.message)}`;
    });
    throw new UsageError(lines.join("\n"));
  }
  return { command: name, options: parsed.data } as const;
}

function formatUserLine(u: Awaited<ReturnType<typeof listUsers>>[number]): string {
  return [
    u.username,
    u.displayName,
    u.role,
    u.departmentName ?? "-",
    u.active ? "active" : "inactive",
    u.locked ? `locked until ${u.lockedUntil}` : "-",
    u.lastLoginAt ?? "never",
  ].join("\t");
}

async function run(db: Db, parsed: NonNullable<ReturnType<typeof parseCommandLine>>): Promise<void> {
  switch (parsed.command) {
    case "create": {
      const o = parsed.options as z.output<(typeof commands)["create"]>;
      const department = o.department ? await findDepartmentByName(db, o.department) : null;
      const { user, generatedPassword } = await createUser(db, CLI_ACTOR, {
        username: o.username,
        displayName: o.name,
        email: o.email,
        role: o.role,
        departmentId: department?.id ?? null,
        password: o.passwordChoice,
      });
      log(`created ${user.username} (${user.role}${department ? `, ${department.name}` : ""})`);
      if (generatedPassword) {
        log("generated password (shown once) on stdout");
        process.stdout.write(`${generatedPassword}\n`);
      }
      return;
    }
    case "reset-password": {
      const o = parsed.options as z.output<(typeof commands)["reset-password"]>;
      const userId = await findUserIdByUsername(db, o.username);
      const { generatedPassword } = await resetPassword(db, CLI_ACTOR, { userId, password: o.passwordChoice });
      log(`password of ${o.username} reset`);
      if (generatedPassword) {
        log("generated password (shown once) on stdout");
        process.stdout.write(`${generatedPassword}\n`);
      }
      return;
    }
    case "deactivate":
    case "activate": {
      const o = parsed.options as { username: string };
      const userId = await findUserIdByUsername(db, o.username);
      const { changed } = await setUserActive(db, CLI_ACTOR, { userId, active: parsed.command === "activate" });
      log(
        `${o.username}: ${changed ? `${parsed.command}d` : `already ${parsed.command === "activate" ? "active" : "inactive"}`}`,
      );
      return;
    }
    case "unlock": {
      const o = parsed.options as { username: string };
      const userId = await findUserIdByUsername(db, o.username);
      const { changed } = await unlockUser(db, CLI_ACTOR, { userId });
      log(`${o.username}: ${changed ? "unlocked" : "was not locked"}`);
      return;
    }
    case "list": {
      const users = await listUsers(db);
      process.stdout.write(["username", "name", "role", "department", "state", "lock", "last login"].join("\t") + "\n");
      for (const u of users) process.stdout.write(`${formatUserLine(u)}\n`);
      log(`${users.length} users`);
      return;
    }
  }
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown or malformed options.
    log(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (!parsed) {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }

  const env = getEnv();
  let embedded: EmbeddedDatabase | undefined;
  let db: Db | undefined;
  try {
    embedded = env.DATABASE_URL
      ? undefined
      : await startEmbeddedDatabase({ dataDir: path.resolve(env.DATA_DIR, "pglite") });
    const url = env.DATABASE_URL ?? embedded!.url;
    log(`database: ${embedded ? `embedded (${embedded.dataDir})` : "DATABASE_URL"}`);
    await applyMigrations(url, { log: () => undefined });
    db = createPrismaClient(url, { poolSize: embedded ? 1 : 2 });
    await run(db, parsed);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      log(`error: ${error.message}`);
      return 2;
    }
    if (error instanceof AppError && error.code !== "INTERNAL" && error.code !== "UNAVAILABLE") {
      // Operators read the deployment's language (DEFAULT_LOCALE), like every other refusal.
      const body = error.toBody(cliLocale());
      const details = Object.entries(body.fieldErrors ?? {})
        .flatMap(([field, messages]) => messages.map((m) => `  - ${field}: ${m}`))
        .filter((line) => !line.endsWith(body.message));
      log(`error: ${body.message}${details.length ? `\n${details.join("\n")}` : ""}`);
      return 2;
    }
    if ((error as { code?: unknown } | null)?.code === "P2002") {
      log(`error: ${translate(cliLocale(), msg("errors.users.usernameOrEmailTaken"))}`);
      return 2;
    }
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  } finally {
    await db?.$disconnect();
    await embedded?.stop();
  }
}

process.exitCode = await main();
