import { UserListView } from "@/components/admin/user-list-view";
import { firstParam, type QueryParams } from "@/lib/domain/query-params";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { listDepartmentOptions, listUsersForAdmin } from "@/lib/server/users";
import { listUsersFilterSchema } from "@/lib/schemas/users";

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<QueryParams> }) {
  await requirePageActor(["ADMIN"]);
  const params = await searchParams;
  const filter = listUsersFilterSchema.parse({
    role: firstParam(params.role),
    departmentId: firstParam(params.departmentId),
    q: firstParam(params.q),
  });
  const [{ locale, t }, users, departments] = await Promise.all([
    getTranslator(),
    listUsersForAdmin(filter),
    listDepartmentOptions(),
  ]);
  return <UserListView filter={filter} users={users} departments={departments} locale={locale} t={t} />;
}
