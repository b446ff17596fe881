import Link from "next/link";
import { CreateUserForm } from "@/components/admin/user-forms";
import { PageHeader } from "@/components/ui/page-header";
import { getMessages } from "@/lib/i18n/catalogue";
import { getTranslator } from "@/lib/i18n/server";
import { PASSWORD_MIN_LENGTH } from "@/lib/domain/passwords";
import { requirePageActor } from "@/lib/server/auth/session";
import { listDepartmentOptions } from "@/lib/server/users";

export default async function NewUserPage() {
  await requirePageActor(["ADMIN"]);
  const [{ locale, t }, departments] = await Promise.all([getTranslator(), listDepartmentOptions()]);
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
