import Link from "next/link";
import { UserFilters, UserTable } from "@/components/admin/user-list";
import { PageHeader } from "@/components/ui/page-header";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { listDepartmentOptions, listUsersForAdmin } from "@/lib/server/users";
import { listUsersFilterSchema } from "@/lib/schemas/users";

export default async function AdminUsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageActor(["ADMIN"]);
  const params = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const filter = listUsersFilterSchema.parse({
    role: first(params.role),
    departmentId: first(params.departmentId),
    q: first(params.q),
  });
  const [{ locale, t }, users, departments] = await Promise.all([
    getTranslator(),
    listUsersForAdmin(filter),
    listDepartmentOptions(),
  ]);
  return (
    <>
      <Link href="/admin" className="text-sm text-brand-700 underline">
        {t("admin.back")}
      </Link>
      <PageHeader
        title={t("admin.users.title")}
        intro={t("admin.users.intro")}
        actions={
          <Link
            href="/admin/users/new"
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            {t("admin.users.new")}
          </Link>
        }
      />
      <UserFilters filter={filter} departments={departments} t={t} />
      <UserTable users={users} t={t} locale={locale} />
    </>
  );
}
