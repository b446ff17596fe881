import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { PASSWORD_MIN_LENGTH } from "@/lib/domain/passwords";
import { formatDate, getMessages, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { DepartmentOption, UserListItem } from "@/lib/server/users";
import { UserStatusBadges } from "./user-list";
import { EditUserForm } from "./user-forms";
import { ResetPasswordForm, UserStatusActions } from "./user-manage";

/** One account for an administrator: its facts, the edit form, status actions and a password reset. */
export function UserDetailView({
  user,
  departments,
  actorId,
  justCreated,
  locale,
  t,
}: {
  user: UserListItem;
  departments: DepartmentOption[];
  /** The signed-in administrator: they may not deactivate themselves. */
  actorId: number;
  justCreated: boolean;
  locale: Locale;
  t: Translate;
}) {
  const messages = getMessages(locale);
  const when = (iso: string | null) =>
    iso ? formatDate(locale, iso, { hour: "2-digit", minute: "2-digit" }) : t("admin.users.never");
  return (
    <>
      <Link href="/admin/users" className="text-sm text-brand-700 underline">
        {t("admin.users.title")}
      </Link>
      <PageHeader
        title={`${user.displayName}（${user.username}）`}
        intro={`${t(`auth.roles.${user.role}`)}${user.departmentName ? ` · ${user.departmentName}` : ""}`}
        actions={<UserStatusBadges user={user} t={t} locale={locale} />}
      />
      {justCreated ? (
        <p role="status" className="mb-4 rounded border border-green-300 bg-green-50 p-3 text-sm text-green-800">
          {t("admin.form.created", { username: user.username })}
        </p>
      ) : null}
      <dl className="mb-6 grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-500">{t("admin.users.lastLogin")}</dt>
          <dd>{when(user.lastLoginAt)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("admin.users.createdAt")}</dt>
          <dd>{when(user.createdAt)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("admin.users.passwordChangedAt")}</dt>
          <dd>{when(user.passwordChangedAt)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("admin.users.status")}</dt>
          <dd>
            {user.active ? t("admin.users.active") : t("admin.users.inactive")}
            {user.locked && user.lockedUntil
              ? ` · ${t("admin.users.lockedUntil", { time: when(user.lockedUntil) })}`
              : ""}
            {user.failedLoginCount > 0 ? ` · ${t("admin.users.failedLogins", { count: user.failedLoginCount })}` : ""}
          </dd>
        </div>
      </dl>
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="edit-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="edit-heading" className="mb-3 text-lg font-semibold text-slate-900">
            {t("admin.form.editTitle")}
          </h2>
          <EditUserForm
            text={messages.admin}
            roles={messages.auth.roles}
            locale={locale}
            departments={departments}
            user={{
              id: user.id,
              displayName: user.displayName,
              email: user.email,
              role: user.role,
              departmentId: user.departmentId,
            }}
          />
        </section>
        <div className="space-y-6">
          <section aria-labelledby="manage-heading" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="manage-heading" className="mb-3 text-lg font-semibold text-slate-900">
              {t("admin.manage.title")}
            </h2>
            <UserStatusActions
              userId={user.id}
              active={user.active}
              locked={user.locked || user.failedLoginCount > 0}
              isSelf={user.id === actorId}
              text={messages.admin}
              locale={locale}
            />
          </section>
          <section aria-labelledby="reset-heading" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="reset-heading" className="mb-3 text-lg font-semibold text-slate-900">
              {t("admin.manage.resetTitle")}
            </h2>
            <ResetPasswordForm
              userId={user.id}
              text={messages.admin}
              locale={locale}
              passwordMinLength={PASSWORD_MIN_LENGTH}
            />
          </section>
        </div>
      </div>
    </>
  );
}
