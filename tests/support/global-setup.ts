/**
 * vitest globalSetup for the integration project: a real PostgreSQL for the run. Uses
 * TEST_DATABASE_URL (a server where we may CREATE DATABASE) when given, else starts a scratch server
 * and removes it afterwards. Builds one migrated template database; each test file clones it.
 */
import type { TestProject } from "vitest/node";
import pg from "pg";
import { applyMigrations } from "../../lib/db/migrate";
import { startScratchPostgres, type ScratchPostgres } from "../../scripts/lib/postgres";
import { TEMPLATE_DB, withDatabase } from "./pg-url";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

let scratch: ScratchPostgres | undefined;

export async function setup(project: TestProject): Promise<void> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    scratch = await startScratchPostgres();
    adminUrl = scratch.url();
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  await applyMigrations(withDatabase(adminUrl, TEMPLATE_DB));
  project.provide("adminDatabaseUrl", adminUrl);
}

export function teardown(): void {
  scratch?.stop();
}
