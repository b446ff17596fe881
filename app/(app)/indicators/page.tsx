import { IndicatorCatalogue } from "@/components/indicators/indicator-catalogue";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { parseIndicatorCatalogueFilters } from "@/lib/domain/indicator-filters";
import { shanghaiDate } from "@/lib/domain/periods";
import type { RawSearchParams } from "@/lib/domain/task-filters";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { listIndicators } from "@/lib/server/indicators";

export default async function IndicatorsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  // Every page checks the session itself: a layout is not re-run on client navigation.
  await requirePageActor();
  const filters = parseIndicatorCatalogueFilters(await searchParams);
  const [{ locale, t }, indicators] = await Promise.all([getTranslator(), listIndicators(shanghaiDate(new Date()))]);
  return (
    <>
      <PageHeader title={t("indicators.title")} intro={t("indicators.intro")} />
      {indicators.length === 0 ? (
        <EmptyState message={t("common.empty")} />
      ) : (
        <IndicatorCatalogue indicators={indicators} filters={filters} locale={locale} t={t} />
      )}
    </>
  );
}
