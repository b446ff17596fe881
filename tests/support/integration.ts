/**
 * One integration file's database and environment, set up once per file:
 *
 *   const db = setUpIntegrationDatabase({ documents: ["work-points-2023"], env: { UPLOAD_DIR: dir } });
 *   let tasks: typeof TasksModule;
 *   beforeAll(async () => { tasks = await db.load(() => import("../../lib/server/tasks")); });
 *
 * Registers a beforeAll that clones a fresh migrated database (tests/support/db.ts), imports the seed
 * documents asked for, points DATABASE_URL (and any other variables) at it and clears the module cache and
 * the process-wide Prisma singleton, so modules loaded afterwards through `load` talk to this database only;
 * and an afterAll that undoes all of it and drops the database. Hooks run in registration order, so call it
 * at the top of the file, before the file's own beforeAll.
 */
import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, vi } from "vitest";
import type { Db } from "../../lib/db/client";
import { PrismaClient } from "../../lib/generated/prisma/client";
import type { Actor, RoleName } from "../../lib/server/auth/actor";
import { hashToken } from "../../lib/server/auth/token-hash";
import { importDocuments } from "../../seed/import";
import { createTestDatabase, type TestDatabase } from "./db";

type Singleton = { dptPrisma?: { $disconnect: () => Promise<void> } };

export interface IntegrationOptions {
  /** Seed documents to import: "all", a list of slugs, or none (the default: an empty migrated database). */
  documents?: "all" | string[];
  /** Environment variables besides DATABASE_URL, stubbed before any module is loaded. */
  env?: Record<string, string>;
  /**
   * The client lib/server's singleton should be: "fresh" (the default) lets the first loaded module create
   * its own from DATABASE_URL; "test" hands it this file's client, for files that import lib/server
   * statically; a function builds another one (a query counter, say), disconnected in afterAll.
   */
  singleton?: "fresh" | "test" | ((url: string) => Singleton["dptPrisma"]);
}

export interface IntegrationDatabase {
  readonly prisma: Db;
  readonly url: string;
  readonly name: string;
  readonly adminUrl: string;
  /** Imports a module after the environment is set; a typed `await import(...)` that fails if called early. */
  load<T>(importer: () => Promise<T>): Promise<T>;
  /** Stubs the environment again with other values (modules load afresh after it), e.g. another NEXTAUTH_URL. */
  restub(env?: Record<string, string>): void;
}

export function setUpIntegrationDatabase(options: IntegrationOptions = {}): IntegrationDatabase {
  let db: TestDatabase | undefined;
  let own: Singleton["dptPrisma"];
  const ready = (): TestDatabase => {
    if (!db)
      throw new Error("setUpIntegrationDatabase: the database is set up in beforeAll; use it inside a hook or test");
    return db;
  };
  const stub = (env: Record<string, string> = {}) => {
    vi.resetModules();
    delete (globalThis as Singleton).dptPrisma;
    vi.stubEnv("DATABASE_URL", ready().url);
    for (const [key, value] of Object.entries({ ...options.env, ...env })) vi.stubEnv(key, value);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    if (options.documents === "all") await importDocuments(db.prisma);
    else if (options.documents) await importDocuments(db.prisma, { only: options.documents });
    stub();
    const singleton = options.singleton ?? "fresh";
    if (singleton === "test") (globalThis as { dptPrisma?: Db }).dptPrisma = db.prisma;
    else if (typeof singleton === "function") (globalThis as Singleton).dptPrisma = own = singleton(db.url);
  }, 120_000);

  afterAll(async () => {
    const shared = (globalThis as Singleton).dptPrisma;
    delete (globalThis as Singleton).dptPrisma;
    // The test client is disconnected by drop(); any other (a loaded module's, or the file's own) here.
    if (shared && shared !== (db?.prisma as unknown)) await shared.$disconnect();
    if (own && own !== shared) await own.$disconnect();
    vi.unstubAllEnvs();
    await db?.drop();
  });

  return {
    get prisma() {
      return ready().prisma;
    },
    get url() {
      return ready().url;
    },
    get name() {
      return ready().name;
    },
    get adminUrl() {
      return ready().adminUrl;
    },
    load: async (importer) => {
      ready();
      return importer();
    },
    restub: stub,
  };
}

/** A client that reports each query, for tests that bound how many queries a read makes. */
export function createCountingClient(url: string, onQuery: () => void) {
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: 4 }),
    log: [{ emit: "event", level: "query" }],
  });
  client.$on("query", onQuery);
  return client;
}

export interface ActorSpec {
  role: RoleName;
  /** The department by name or id; none for reviewers, admins and viewers. */
  department?: string | number | null;
  /** Defaults to a unique name, so retries and several actors per role don't collide. */
  username?: string;
  displayName?: string;
  passwordHash?: string;
}

/** Creates the user row and returns the Actor a lib/server mutation expects from a session. */
export async function makeActor(prisma: Db, spec: ActorSpec): Promise<Actor> {
  const department =
    spec.department == null
      ? null
      : await prisma.department.findUniqueOrThrow({
          where: typeof spec.department === "number" ? { id: spec.department } : { name: spec.department },
          select: { id: true, name: true },
        });
  const username = spec.username ?? `actor-${spec.role.toLowerCase()}-${randomBytes(4).toString("hex")}`;
  const user = await prisma.user.create({
    data: {
      username,
      displayName: spec.displayName ?? username,
      role: spec.role,
      departmentId: department?.id ?? null,
      passwordHash: spec.passwordHash,
    },
    select: { id: true, username: true, displayName: true, role: true, locale: true },
  });
  return { ...user, departmentId: department?.id ?? null, departmentName: department?.name ?? null, via: "session" };
}

/** Issues an API token for a user straight in the database (no audit entry); returns the secret. */
export async function issueApiToken(prisma: Db, userId: number, name: string): Promise<string> {
  const secret = `dpt_${randomBytes(24).toString("base64url")}`;
  await prisma.apiToken.create({ data: { userId, name, prefix: secret.slice(0, 10), tokenHash: hashToken(secret) } });
  return secret;
}
