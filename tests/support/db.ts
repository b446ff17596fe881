/**
 * A fresh, migrated database per test file, cloned from the template the global setup built.
 * Real PostgreSQL, never a mock.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createPrismaClient, type Db } from "../../lib/db/client";
import { TEMPLATE_DB, withDatabase } from "./pg-url";

export interface TestDatabase {
  name: string;
  url: string;
  adminUrl: string;
  prisma: Db;
  drop: () => Promise<void>;
}

export async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: inject("adminDatabaseUrl") });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** An empty database (no migrations) for tests of the migration machinery itself. */
export async function createEmptyDatabase(prefix = "dpt_empty"): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return {
    url: withDatabase(inject("adminDatabaseUrl"), name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("adminDatabaseUrl");
  const name = `dpt_test_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  const url = withDatabase(adminUrl, name);
  const prisma = createPrismaClient(url, { poolSize: 5 });
  return {
    name,
    url,
    adminUrl,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
