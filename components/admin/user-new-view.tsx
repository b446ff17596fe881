import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { PASSWORD_MIN_LENGTH } from "@/lib/domain/passwords";
import { getMessages, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { DepartmentOption } from "@/lib/server/users";
import { CreateUserForm } from "./user-forms";

/** The form that creates an account. */
export function UserNewView({
  departments,
  locale,
  t,
}: {
  departments: DepartmentOption[];
  locale: Locale;
  t: Translate;
}) {
  const messages = getMessages(locale);
  return (
    <>
      <Link href="/admin/users" className="text-sm text-brand-700 underline">
        {t("admin.users.title")}
      </Link>
      <PageHeader title={t("admin.form.createTitle")} intro={t("admin.form.createIntro")} />
      <CreateUserForm
        text={messages.admin}
        roles={messages.auth.roles}
        locale={locale}
        departments={departments}
        passwordMinLength={PASSWORD_MIN_LENGTH}
      />
    </>
  );
}
