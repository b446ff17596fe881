/**
 * Data an e2e journey creates for itself, straight in E2E_DATABASE_URL, so that no journey depends on
 * what another one (or a retry of itself, or the other project running in parallel) did to the shared
 * database. Every name is unique per project, worker, retry and call.
 *
 * What still comes from the seed, and why:
 * - The imported documents, their sections and the departments: reference data no journey changes. A
 *   created task is a copy of one of a seeded document's tasks (same section and source passage, so its
 *   page renders as a real one) under a new number, led by the department the test names.
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

export interface CreatedTask {
  id: number;
  number: string;
  leadDepartmentId: number;
}

/**
 * A task of a seeded document (a copy of its first task's section and source passage) with a new number,
 * led by the named department, with no reports yet.
 */
export async function createTask(lead: string, document = "work-points-2023"): Promise<CreatedTask> {
  const number = uniqueName("E2E");
  const leadId = await departmentId(lead);
  const [task] = await queryE2E<{ id: number }>(
    `INSERT INTO task (key, "documentId", "sectionId", number, kind, ordinal, title, text, area, "sourceFileId",
                       "startOffset", "endOffset", "updatedAt")
     SELECT d.slug || '#' || $2, t."documentId", t."sectionId", $2, t.kind,
            (SELECT max(ordinal) + 1 FROM task WHERE "documentId" = d.id), t.title, t.text, t.area,
            t."sourceFileId", t."startOffset", t."endOffset", now()
       FROM task t JOIN document d ON d.id = t."documentId"
      WHERE d.slug = $1
      ORDER BY t.ordinal LIMIT 1
     RETURNING id`,
    [document, number],
  );
  if (!task) throw new Error(`no seeded task in ${document} to copy`);
  await queryE2E(
    `INSERT INTO task_assignment ("taskId", "departmentId", role, ordinal, "rawName") VALUES ($1, $2, 'LEAD', 0, $3)`,
    [task.id, leadId, lead],
  );
  return { id: task.id, number, leadDepartmentId: leadId };
}
