import { ReportsArchive } from "@/components/reports/reports-archive";
import { PageHeader } from "@/components/ui/page-header";
import { getTranslator } from "@/lib/i18n/server";
import { isReviewer } from "@/lib/server/auth/actor";
import { requirePageActor } from "@/lib/server/auth/session";
import { listBulletins } from "@/lib/server/bulletins";
import { listRecentPeriods } from "@/lib/server/periods";

export const dynamic = "force-dynamic";

export default async function ReportsPage() {
  // Every page checks the session itself: a layout is not re-run on client navigation.
  const actor = await requirePageActor();
  const reviewer = isReviewer(actor);
  const [{ locale, t }, bulletins, periods] = await Promise.all([
    getTranslator(),
    listBulletins(actor),
    reviewer ? listRecentPeriods() : Promise.resolve([]),
  ]);
  return (
    <>
      <PageHeader title={t("reports.title")} intro={t("reports.intro")} />
      <ReportsArchive locale={locale} bulletins={bulletins} periods={periods} reviewer={reviewer} />
    </>
  );
}
