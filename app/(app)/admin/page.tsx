import { AdminHomeView } from "@/components/admin/admin-home-view";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { getIndicatorThresholds } from "@/lib/server/settings";
import { getAdminOverview } from "@/lib/server/users";

export default async function AdminPage() {
  await requirePageActor(["ADMIN"]);
  const [{ locale, t }, overview, thresholds] = await Promise.all([
    getTranslator(),
    getAdminOverview(),
    getIndicatorThresholds(),
  ]);
  return <AdminHomeView overview={overview} thresholds={thresholds} locale={locale} t={t} />;
}
