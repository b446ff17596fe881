/**
 * Demo accounts: admin, reviewer, viewer, and one DEPARTMENT_EDITOR per department that leads a task
 * (username = the department's canonical name, e.g. 省大数据局). Idempotent; existing accounts keep
 * their passwords.
 */
import type { Db } from "../lib/db/client";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../lib/demo";
import { hashPassword } from "../lib/server/auth/passwords";

export async function ensureDemoUsers(db: Db): Promise<number> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const leads = await db.department.findMany({
    where: { generic: false, assignments: { some: { role: "LEAD" } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const accounts = [
    ...DEMO_ACCOUNTS.map((a) => ({ ...a, departmentId: null as number | null })),
    ...leads.map((d) => ({
      username: d.name,
      displayName: `${d.name}填报员`,
      role: "DEPARTMENT_EDITOR" as const,
      departmentId: d.id as number | null,
    })),
  ];
  const created = await db.user.createMany({
    data: accounts.map((a) => ({ ...a, passwordHash, isDemo: true, passwordChangedAt: new Date() })),
    skipDuplicates: true,
  });
  await db.appSetting.upsert({ where: { key: "demo" }, create: { key: "demo", value: true }, update: { value: true } });
  return created.count;
}
