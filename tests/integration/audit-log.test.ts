/**
 * Reading the audit log (lib/server/audit-log.ts) on real PostgreSQL: newest first, filters, paging,
 * the before/after diff; and the log as the operations write it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createUser, setUserActive, type OperationActor } from "../../lib/server/user-admin";
import type * as auditLogModule from "../../lib/server/audit-log";
import { setUpIntegrationDatabase } from "../support/integration";

// Loaded after DATABASE_URL points at the test database (getDb reads it once per module graph).
type AuditLogModule = typeof auditLogModule;

const db = setUpIntegrationDatabase();
let auditLog: AuditLogModule;

async function entry(data: {
  at: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: object;
  after?: object;
}) {
  await db.prisma.auditLog.create({ data: { ...data, at: new Date(data.at) } });
}

beforeAll(async () => {
  auditLog = await db.load(() => import("../../lib/server/audit-log"));

  // Times in UTC; the URL's dates are Shanghai calendar days (UTC+8).
  await entry({
    at: "2026-03-01T02:00:00Z",
    actorLabel: "admin",
    action: "user.create",
    entityType: "user",
    entityId: "7",
    after: { username: "zhang", role: "VIEWER" },
  });
  await entry({
    at: "2026-03-01T17:30:00Z",
    actorLabel: "admin",
    action: "user.update",
    entityType: "user",
    entityId: "7",
    before: { username: "zhang", role: "VIEWER", email: null },
    after: { username: "zhang", role: "REVIEWER", email: "z@example.cn" },
  });
  await entry({
    at: "2026-03-03T08:00:00Z",
    actorLabel: "cli",
    action: "user.deactivate",
    entityType: "user",
    entityId: "8",
    before: { active: true },
    after: { active: false },
  });
  await entry({
    at: "2026-03-04T08:00:00Z",
    actorLabel: "reviewer",
    action: "department.alias_add",
    entityType: "department",
    entityId: "3",
    after: { alias: "山东省大数据局" },
  });
});

const list = (params: Record<string, string>) => auditLog.listAuditEntries(auditLog.parseAuditFilter(params));

describe("audit log", () => {
  it("lists newest first with a readable diff of the changed keys only", async () => {
    const page = await list({});
    expect(page.total).toBe(4);
    expect(page.items.map((e) => e.action)).toEqual([
      "department.alias_add",
      "user.deactivate",
      "user.update",
      "user.create",
    ]);
    const update = page.items[2]!;
    expect(update.changes).toEqual([
      { key: "email", before: null, after: "z@example.cn" },
      { key: "role", before: "VIEWER", after: "REVIEWER" },
    ]);
    // A creation lists every key of after; ids are strings (BigInt does not cross to the client).
    expect(page.items[3]!.changes).toEqual([
      { key: "role", before: null, after: "VIEWER" },
      { key: "username", before: null, after: "zhang" },
    ]);
    expect(typeof page.items[0]!.id).toBe("string");
  });

  it("filters by actor, action prefix, entity type and id, and Shanghai calendar days", async () => {
    expect((await list({ actor: "ADMIN" })).items.map((e) => e.action)).toEqual(["user.update", "user.create"]);
    expect((await list({ action: "user." })).total).toBe(3);
    expect((await list({ action: "department" })).items.map((e) => e.entityId)).toEqual(["3"]);
    expect((await list({ entityType: "user", entityId: "7" })).total).toBe(2);
    // 2026-03-01T17:30Z is 2 March in Shanghai.
    expect((await list({ from: "2026-03-02", to: "2026-03-02" })).items.map((e) => e.action)).toEqual(["user.update"]);
    expect((await list({ to: "2026-03-01" })).items.map((e) => e.action)).toEqual(["user.create"]);
    expect((await list({ from: "2026-03-03" })).total).toBe(2);
  });

  it("ignores malformed filters instead of failing", async () => {
    const filter = auditLog.parseAuditFilter({ from: "yesterday", page: "-3", actor: ["admin", "cli"], entityId: "" });
    expect(filter).toMatchObject({ from: undefined, page: 1, actor: "admin", entityId: undefined });
  });

  it("pages on the server", async () => {
    const actor: OperationActor = { id: null, label: "pager" };
    for (let i = 0; i < auditLog.AUDIT_PAGE_SIZE + 3; i++) {
      await db.prisma.auditLog.create({
        data: { actorLabel: actor.label, action: "test.page", entityType: "test", entityId: String(i) },
      });
    }
    const first = await list({ actor: "pager" });
    const second = await list({ actor: "pager", page: "2" });
    expect(first.total).toBe(auditLog.AUDIT_PAGE_SIZE + 3);
    expect(first.items).toHaveLength(auditLog.AUDIT_PAGE_SIZE);
    expect(second.items).toHaveLength(3);
    expect(new Set([...first.items, ...second.items].map((e) => e.id)).size).toBe(auditLog.AUDIT_PAGE_SIZE + 3);
  });

  it("shows what the user operations record, never a password hash", async () => {
    const actor: OperationActor = { id: null, label: "cli" };
    const { user } = await createUser(db.prisma, actor, {
      username: "audited.user",
      displayName: "审计对象",
      email: null,
      role: "VIEWER",
      departmentId: null,
      password: { mode: "set", password: "Audit#Trail2026" },
    });
    await setUserActive(db.prisma, actor, { userId: user.id, active: false });
    const page = await list({ entityType: "user", entityId: String(user.id) });
    expect(page.items.map((e) => e.action)).toEqual(["user.deactivate", "user.create"]);
    // Deactivation also ends the user's sessions (lib/server/auth/session.ts): the version moves on.
    expect(page.items[0]!.changes).toEqual([
      { key: "active", before: "true", after: "false" },
      { key: "sessionVersion", before: "0", after: "1" },
    ]);
    expect(JSON.stringify(page)).not.toMatch(/passwordHash|\$2[aby]\$/);
  });

  it("diffs non-object payloads as one value", () => {
    expect(auditLog.diffAuditPayload(1, 2)).toEqual([{ key: "value", before: "1", after: "2" }]);
    expect(auditLog.diffAuditPayload(null, null)).toEqual([]);
    expect(auditLog.diffAuditPayload({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
  });
  it("names the actor by display name and department, and filters by action kind and actor", async () => {
    const department = await db.prisma.department.create({ data: { name: "审计测试局" } });
    const user = await db.prisma.user.create({
      data: { username: "li.si", displayName: "李四", role: "DEPARTMENT_EDITOR", departmentId: department.id },
    });
    for (const action of ["api_token.revoke", "api_token.revoke_all", "evidence.link"]) {
      await db.prisma.auditLog.create({
        data: { actorId: user.id, actorLabel: "li.si", action, entityType: "api_token", entityId: "9" },
      });
    }
    const mine = await list({ actor: "李" });
    expect(mine.total).toBe(3);
    expect(mine.items[0]).toMatchObject({ actorName: "李四", actorDepartment: "审计测试局", actorLabel: "li.si" });
    expect((await list({ actor: "LI.SI" })).total).toBe(3);
    // An action kind is the part before the dot; a whole action matches exactly, not as a prefix.
    expect((await list({ actor: "李四", kind: "api_token" })).total).toBe(2);
    expect((await list({ actor: "李四", action: "api_token.revoke" })).items.map((e) => e.action)).toEqual([
      "api_token.revoke",
    ]);
    expect((await list({ kind: "user" })).items.every((e) => e.action.startsWith("user."))).toBe(true);
    expect(auditLog.parseAuditFilter({ kind: "nonsense" }).kind).toBeUndefined();
    // Entries without a user (cli, system) have no name.
    expect((await list({ actor: "cli" })).items.every((e) => e.actorName === null)).toBe(true);
  });
});
