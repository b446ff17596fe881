import { AdminHomeView } from "@/components/admin/admin-home-view";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { getBulletinSettings, getIndicatorThresholds } from "@/lib/server/settings";
import { getAdminOverview } from "@/lib/server/users";

export default async function AdminPage() {
  await requirePageActor(["ADMIN"]);
  const [{ locale, t }, overview, thresholds, bulletinSettings] = await Promise.all([
    getTranslator(),
    getAdminOverview(),
    getIndicatorThresholds(),
    getBulletinSettings(),
  ]);
  return (
    <AdminHomeView
      overview={overview}
      thresholds={thresholds}
      bulletinSettings={bulletinSettings}
      locale={locale}
      t={t}
    />
  );
}
