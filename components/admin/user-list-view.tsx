import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import type { Locale, Translate } from "@/lib/i18n/catalogue";
import type { DepartmentOption, ListUsersFilter, UserListItem } from "@/lib/server/users";
import { UserFilters, UserTable } from "./user-list";

/** The accounts for an administrator: filters in the URL, the table, a link to create one. */
export function UserListView({
  filter,
  users,
  departments,
  locale,
  t,
}: {
  filter: ListUsersFilter;
  users: UserListItem[];
  departments: DepartmentOption[];
  locale: Locale;
  t: Translate;
}) {
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
