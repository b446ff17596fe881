/**
 * Data an e2e journey creates for itself, straight in E2E_DATABASE_URL, so that no journey depends on
 * what another one (or a retry of itself, or the other project running in parallel) did to the shared
 * database. Every name is unique per project, worker, retry and call.
 *
 * What still comes from the seed, and why:
 * - The imported documents, their sections, tasks and the departments: reference data. Journeys that
 *   report on a task (update-journey, bulletin) take a seeded task, one per project, instead of creating
 *   one: a task added to a seeded document changes the counts and orderings the read-only specs below
 *   verify while they run in parallel (CI, December 2026: 47 tasks where 46 are expected). Creating
 *   tasks per test needs a fixture document of its own that no read-only view counts; until then the
 *   two projects use distinct seeded tasks and never share one.
 * - Read-only specs that check the seeded demo itself keep signing in with the demo accounts: dashboards,
 *   compare, documents, document-dashboard, departments, overview-unit-search, tasks-list, shell, auth,
 *   embedded-start and sign-in-redirect assert what the seeded documents show (counts, orderings, named
 *   units), which only the seed defines; they write nothing another journey reads.
 * - sessions, security, sso and account-unlock already make their own accounts or deliberately target
 *   the demo ones (the demo seed's own rules).
 */
import { randomBytes } from "node:crypto";
import { test } from "@playwright/test";
import bcrypt from "bcryptjs";
import { queryE2E } from "./db";

export type Role = "ADMIN" | "REVIEWER" | "DEPARTMENT_EDITOR" | "VIEWER";

/** The password of every account made here (meets the password policy). */
export const FIXTURE_PASSWORD = "Fixture#E2e2026";

/** A name no other test, project, worker or retry uses. */
export function uniqueName(prefix: string): string {
  const info = test.info();
  const run = `${info.project.name}-w${info.workerIndex}r${info.retry}`;
  return `${prefix}-${run}-${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
}

export interface Account {
  id: number;
  username: string;
  displayName: string;
  password: string;
}

/** A user who signs in with FIXTURE_PASSWORD; an editor needs a department (by name). */
export async function createAccount(role: Role, options: { department?: string; prefix?: string } = {}) {
  const department = options.department ? await departmentId(options.department) : null;
  const username = uniqueName(options.prefix ?? `e2e-${role.toLowerCase()}`);
  const displayName = `${username}用户`;
  // Cost 4: the hash is verified on every sign-in of a shared server; the value is not a secret here.
  const hash = await bcrypt.hash(FIXTURE_PASSWORD, 4);
  const [row] = await queryE2E<{ id: number }>(
    `INSERT INTO app_user (username, "displayName", role, "departmentId", "passwordHash", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, now()) RETURNING id`,
    [username, displayName, role, department, hash],
  );
  return { id: row!.id, username, displayName, password: FIXTURE_PASSWORD } satisfies Account;
}

async function departmentId(name: string): Promise<number> {
  const [row] = await queryE2E<{ id: number }>(`SELECT id FROM department WHERE name = $1`, [name]);
  if (!row) throw new Error(`no department ${name}`);
  return row.id;
}
