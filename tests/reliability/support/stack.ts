/**
 * The reliability layer's stack: a scratch PostgreSQL of the test file's own (so the test may stop and
 * restart it), migrated and seeded like `npm start` seeds (documents, reporting periods, demo users), and
 * the production server (`next start` of the existing build) spawned directly, so the test can kill -9
 * it. Everything listens on 127.0.0.1 only.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "../../../lib/db/client";
import { applyMigrations } from "../../../lib/db/migrate";
import { generateTokenSecret } from "../../../lib/server/api-tokens";
import { signInCookie as signInWithPassword, startAppServer, type AppServer } from "../../../scripts/lib/app-server";
import { freePort, pgCtl, startScratchPostgres, type ScratchPostgres } from "../../../scripts/lib/postgres";
import { seedDatabase } from "../../../seed/seed";

export const DEMO_PASSWORD = "Demo@2026";
const DATABASE = "dpt_reliability";
const SERVER_LOG_LIMIT = 200_000;

export interface Stack {
  baseUrl: string;
  databaseUrl: string;
  postgres: ScratchPostgres;
  /** What the server printed (the tail), for failure messages and for finding logged failures. */
  serverLog: () => string;
  query: <T extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<T[]>;
  startServer: () => Promise<void>;
  /** SIGKILL: no shutdown hooks, in-flight requests die with the process. */
  killServer: () => Promise<void>;
  stopPostgres: () => void;
  startPostgres: () => void;
  close: () => Promise<void>;
}

export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  { timeoutMs, intervalMs = 200 }: { timeoutMs: number; intervalMs?: number },
): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await probe().catch(() => false)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export async function startStack(options: { poolSize?: number } = {}): Promise<Stack> {
  if (!existsSync(path.join(".next", "BUILD_ID"))) {
    throw new Error("no production build: run the layer through `npm test -- reliability`, which builds first");
  }
  const postgres = await startScratchPostgres();
  const admin = new pg.Client({ connectionString: postgres.url() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const databaseUrl = postgres.url(DATABASE);
  await applyMigrations(databaseUrl);
  const seeding = createPrismaClient(databaseUrl, { poolSize: 2 });
  try {
    await seedDatabase(seeding, () => undefined, { demo: true });
  } finally {
    await seeding.$disconnect();
  }

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let server: AppServer | undefined;
  let previousOutput = "";

  const startServer = async () => {
    previousOutput += server?.output() ?? "";
    server = await startAppServer({
      port,
      env: {
        DATABASE_URL: databaseUrl,
        DATABASE_MODE: "external",
        DATABASE_POOL_SIZE: String(options.poolSize ?? 10),
        NEXTAUTH_SECRET: "reliability-only-secret-0123456789abcdef",
        UPLOAD_DIR: path.join(postgres.dir, "uploads"),
      },
    });
  };

  const killServer = async () => {
    await server?.stop("SIGKILL");
  };

  const query = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };

  await startServer();
  return {
    baseUrl,
    databaseUrl,
    postgres,
    serverLog: () => (previousOutput + (server?.output() ?? "")).slice(-SERVER_LOG_LIMIT),
    query,
    startServer,
    killServer,
    stopPostgres: () => pgCtl(postgres.dir, "stop", postgres.port),
    startPostgres: () => pgCtl(postgres.dir, "start", postgres.port),
    close: async () => {
      await killServer();
      postgres.stop();
    },
  };
}

/** A personal API token for a user, made and stored as lib/server/api-tokens.ts does (sha256 only). */
export async function issueToken(stack: Stack, username: string): Promise<string> {
  const { secret, prefix, tokenHash } = generateTokenSecret();
  const rows = await stack.query<{ id: number }>(
    `INSERT INTO api_token ("userId", name, prefix, "tokenHash")
     SELECT id, 'reliability', $2, $3 FROM app_user WHERE username = $1 RETURNING id`,
    [username, prefix, tokenHash],
  );
  if (rows.length !== 1) throw new Error(`no user ${username}`);
  return secret;
}

/** A session cookie through next-auth's credentials sign-in, as the login form does it. */
export function signInCookie(stack: Stack, username: string, password = DEMO_PASSWORD): Promise<string> {
  return signInWithPassword(stack.baseUrl, username, password);
}

/** Tasks whose lead unit has a demo editor account: the editor may report on them. */
export async function leadTasks(
  stack: Stack,
  count: number,
): Promise<{ taskId: number; departmentId: number; editor: string }[]> {
  const rows = await stack.query<{ taskId: number; departmentId: number; editor: string }>(
    `SELECT DISTINCT ON (t.id) t.id AS "taskId", a."departmentId", u.username AS editor
       FROM task t
       JOIN task_assignment a ON a."taskId" = t.id AND a.role = 'LEAD'
       JOIN app_user u ON u."departmentId" = a."departmentId" AND u.role = 'DEPARTMENT_EDITOR'
      WHERE t."retiredAt" IS NULL
      ORDER BY t.id, a."departmentId"
      LIMIT $1`,
    [count],
  );
  if (rows.length < count) throw new Error(`only ${rows.length} tasks with a lead editor`);
  return rows;
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}
