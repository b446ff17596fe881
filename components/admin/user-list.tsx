import Link from "next/link";
import { column, DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterActions, FilterForm, FilterInput, SelectField } from "@/components/ui/filter-field";
import { formatDate, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { ListUsersFilter, UserListItem } from "@/lib/schemas/users";
import { ROLES } from "@/lib/domain/roles";

const dateTime = (locale: Locale, iso: string) =>
  formatDate(locale, iso, { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });

/** A plain GET form: the filters live in the URL, so a filtered list can be shared and works without JS. */
export function UserFilters({
  filter,
  departments,
  t,
}: {
  filter: ListUsersFilter;
  departments: { id: number; name: string }[];
  t: Translate;
}) {
  return (
    <FilterForm action="/admin/users" columns="sm:grid-cols-2 lg:grid-cols-4">
      <FilterInput
        id="filter-q"
        label={t("admin.users.search")}
        look="roomy"
        name="q"
        type="search"
        defaultValue={filter.q ?? ""}
        placeholder={t("admin.users.searchHint")}
      />
      <SelectField
        id="filter-role"
        label={t("admin.users.role")}
        look="roomy"
        name="role"
        defaultValue={filter.role ?? ""}
        allLabel={t("admin.users.allRoles")}
        options={ROLES.map((role) => ({ value: role, label: t(`auth.roles.${role}`) }))}
      />
      <SelectField
        id="filter-department"
        label={t("admin.users.department")}
        look="roomy"
        name="departmentId"
        defaultValue={filter.departmentId ?? ""}
        allLabel={t("admin.users.allDepartments")}
        options={departments.map((d) => ({ value: d.id, label: d.name }))}
      />
      <FilterActions
        apply={t("admin.users.filter")}
        reset={{ href: "/admin/users", label: t("admin.users.clearFilter") }}
        look="roomy"
        className="flex items-end gap-3"
      />
    </FilterForm>
  );
}

export function UserStatusBadges({ user, t, locale }: { user: UserListItem; t: Translate; locale: Locale }) {
  return (
    <span className="flex flex-wrap gap-1">
      <span
        className={`rounded px-2 py-0.5 text-xs font-medium ${
          user.active ? "bg-green-100 text-green-800" : "bg-slate-200 text-slate-700"
        }`}
      >
        {user.active ? t("admin.users.active") : t("admin.users.inactive")}
      </span>
      {user.locked && user.lockedUntil ? (
        <span
          className="rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800"
          title={t("admin.users.lockedUntil", { time: dateTime(locale, user.lockedUntil) })}
        >
          {t("admin.users.locked")}
        </span>
      ) : null}
    </span>
  );
}

/** A table from the md breakpoint, a list of cards on a phone. */
export function UserTable({ users, t, locale }: { users: UserListItem[]; t: Translate; locale: Locale }) {
  if (users.length === 0) return <EmptyState message={t("common.empty")} />;
  const cell = "px-3 py-2";
  const lastLogin = (user: UserListItem) =>
    user.lastLoginAt ? dateTime(locale, user.lastLoginAt) : t("admin.users.never");
  const columns: Column<UserListItem>[] = [
    column(
      "username",
      t("admin.users.username"),
      (user) => (
        <Link href={`/admin/users/${user.id}`} className="font-medium text-brand-700 underline">
          {user.username}
        </Link>
      ),
      cell,
    ),
    column("displayName", t("admin.users.displayName"), (user) => user.displayName, cell),
    column("role", t("admin.users.role"), (user) => t(`auth.roles.${user.role}`), `${cell} whitespace-nowrap`, cell),
    column("department", t("admin.users.department"), (u) => u.departmentName ?? t("admin.users.noDepartment"), cell),
    column("status", t("admin.users.status"), (user) => <UserStatusBadges user={user} t={t} locale={locale} />, cell),
    column("lastLogin", t("admin.users.lastLogin"), lastLogin, `${cell} whitespace-nowrap tabular-nums`, cell),
  ];
  return (
    <>
      <p className="mb-2 text-sm text-slate-600">{t("admin.users.count", { count: users.length })}</p>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white md:hidden">
        {users.map((user) => (
          <li key={user.id} className="p-3">
            <div className="flex items-start justify-between gap-2">
              <Link href={`/admin/users/${user.id}`} className="font-medium text-brand-700 underline">
                {user.username}
              </Link>
              <UserStatusBadges user={user} t={t} locale={locale} />
            </div>
            <p className="mt-1 text-sm text-slate-700">
              {user.displayName} · {t(`auth.roles.${user.role}`)}
              {user.departmentName ? ` · ${user.departmentName}` : ""}
            </p>
            <p className="mt-1 text-xs text-slate-500">
              {t("admin.users.lastLogin")}：{lastLogin(user)}
            </p>
          </li>
        ))}
      </ul>
      <DataTable
        columns={columns}
        rows={users}
        rowKey={(user) => user.id}
        scrollClassName="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white md:block"
        look="boxed"
        rowClassName={(user) => (user.active ? undefined : "text-slate-500")}
      />
    </>
  );
}
