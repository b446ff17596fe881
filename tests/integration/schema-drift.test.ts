/**
 * The migrations and prisma/schema.prisma must describe the same database. We build one database from
 * the migrations and one from a from-empty diff of the schema, and compare their pg_dump. A deliberately
 * altered schema must be caught.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../lib/db/migrate";
import { diffSchemas, readSchema } from "../../lib/db/schema-diff";
import { findPgBin } from "../../lib/db/postgres-bin";
import { createEmptyDatabase } from "../support/db";

type Scratch = { url: string; drop: () => Promise<void> };

/**
 * pg_dump --schema-only in a canonical form: statements sorted, and the column lines of each CREATE
 * TABLE sorted (ALTER TABLE … ADD COLUMN appends columns, which Prisma does not count as drift).
 */
function dumpSchema(url: string, options: { dropHandWritten?: boolean } = {}): string {
  const out = execFileSync(
    path.join(findPgBin(), "pg_dump"),
    ["--schema-only", "--no-owner", "--no-privileges", "--exclude-table=_prisma_migrations", url],
    { encoding: "utf8" },
  );
  const lines = out.split("\n").filter(
    (line) =>
      line.trim() &&
      !line.startsWith("--") &&
      !line.startsWith("SET ") &&
      !line.includes("set_config") &&
      // \restrict lines carry a random key per dump (pg_dump 15.14+).
      !/^\\(un)?restrict /.test(line),
  );
  let text = lines.join("\n");
  if (options.dropHandWritten) text = dropHandWritten(text);
  const statements = text.split(/;\n/).map((statement) => {
    const table = /^(CREATE TABLE [^(]+\()\n([\s\S]*)\n(\).*)$/.exec(statement.trim());
    if (!table) return statement.trim();
    const columns = table[2]!.split("\n").map((c) => c.trim().replace(/,$/, ""));
    return `${table[1]}\n${columns.sort().join(",\n")}\n${table[3]}`;
  });
  return statements.sort().join(";\n");
}

// Hand-written in a migration because Prisma's schema cannot express them (see that migration).
function dropHandWritten(dump: string): string {
  return dump
    .replace(/CREATE FUNCTION public\.dpt_forbid_history_change\(\)[\s\S]*?\$\$;/, "")
    .replace(/CREATE FUNCTION public\.dpt_bump_data_version\(\)[\s\S]*?\$\$;/, "")
    .replace(/CREATE FUNCTION public\.dpt_username_key\(name text\)[\s\S]*?\$\$;/, "")
    .replace(/CREATE FUNCTION public\.dpt_(refresh_task_state|task_state_\w+)\([^)]*\)[\s\S]*?\$\$;/g, "")
    .split("\n")
    .filter(
      (line) =>
        !/_append_only|_data_version |app_user_username_fold_key|follow_one_subject|task_update_submitted_queue_idx|_state_(ins|del|upd) /.test(
          line,
        ),
    )
    .join("\n");
}

async function execSql(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function alterSchema(schema: string): string {
  const altered = schema.replace(/model Task \{\n/, "model Task {\n  driftProbe String?\n");
  if (altered === schema) throw new Error("could not alter the schema for the negative check");
  return altered;
}

describe("schema drift", () => {
  let fromMigrations: Scratch;
  let fromSchema: Scratch;
  let fromAltered: Scratch;

  beforeAll(async () => {
    [fromMigrations, fromSchema, fromAltered] = await Promise.all([
      createEmptyDatabase("dpt_drift_m"),
      createEmptyDatabase("dpt_drift_s"),
      createEmptyDatabase("dpt_drift_a"),
    ]);
    const schema = readSchema();
    const [schemaSql, alteredSql] = await Promise.all([
      diffSchemas(null, schema, fromSchema.url),
      diffSchemas(null, alterSchema(schema), fromAltered.url),
    ]);
    await Promise.all([
      applyMigrations(fromMigrations.url),
      execSql(fromSchema.url, schemaSql),
      execSql(fromAltered.url, alteredSql),
    ]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([fromMigrations?.drop(), fromSchema?.drop(), fromAltered?.drop()]);
  });

  it("the migrations build exactly the database schema.prisma describes", () => {
    const migrated = dumpSchema(fromMigrations.url);
    expect(migrated).toContain("CREATE TABLE public.task");
    expect(dumpSchema(fromMigrations.url, { dropHandWritten: true })).toEqual(dumpSchema(fromSchema.url));
  });

  it("a schema change without a migration is detected", () => {
    const migrated = dumpSchema(fromMigrations.url);
    const altered = dumpSchema(fromAltered.url);
    expect(altered).not.toEqual(dumpSchema(fromMigrations.url, { dropHandWritten: true }));
    expect(altered).toContain('"driftProbe" text');
    expect(migrated).not.toContain("driftProbe");
  });

  it("the hand-written migration makes history append-only", async () => {
    const client = new pg.Client({ connectionString: fromMigrations.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO "audit_log" ("actorLabel", action, "entityType", "entityId") VALUES ('test', 'x', 'y', '1')`,
      );
      await expect(client.query(`UPDATE "audit_log" SET action = 'changed'`)).rejects.toThrow(/append-only/);
      await expect(client.query(`DELETE FROM "audit_log"`)).rejects.toThrow(/append-only/);
      const { rows } = await client.query<{ tgname: string }>(
        `SELECT tgname FROM pg_trigger WHERE tgname LIKE '%append_only' ORDER BY tgname`,
      );
      expect(rows.map((r) => r.tgname)).toEqual([
        "audit_log_append_only",
        "department_reform_append_only",
        "observation_append_only",
        "task_assignment_change_append_only",
        "task_update_append_only",
      ]);
    } finally {
      await client.end();
    }
  });
});
