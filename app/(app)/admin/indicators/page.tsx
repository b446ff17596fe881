import { IndicatorAdminListView } from "@/components/admin/indicators/indicator-admin-list-view";
import { parseIndicatorAdminQuery, type QueryParams } from "@/lib/domain/query-params";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { listIndicatorAreas, pageIndicatorsForAdmin } from "@/lib/server/indicator-admin";
import { listUnusableObservations } from "@/lib/server/observations";

export default async function AdminIndicatorsPage({ searchParams }: { searchParams: Promise<QueryParams> }) {
  const actor = await requirePageActor(["ADMIN"]);
  const { filter, page } = parseIndicatorAdminQuery(await searchParams);
  const [{ locale, t }, indicators, areas, unusable] = await Promise.all([
    getTranslator(),
    pageIndicatorsForAdmin(actor, filter, page),
    listIndicatorAreas(actor),
    listUnusableObservations(actor),
  ]);
  return (
    <IndicatorAdminListView
      filter={filter}
      indicators={indicators}
      areas={areas}
      unusable={unusable}
      locale={locale}
      t={t}
    />
  );
}
