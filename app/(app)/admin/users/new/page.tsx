import { UserNewView } from "@/components/admin/user-new-view";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { listDepartmentOptions } from "@/lib/server/users";

export default async function NewUserPage() {
  await requirePageActor(["ADMIN"]);
  const [{ locale, t }, departments] = await Promise.all([getTranslator(), listDepartmentOptions()]);
  return <UserNewView departments={departments} locale={locale} t={t} />;
}
