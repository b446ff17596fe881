import { IndicatorsView } from "@/components/indicators/indicators-view";
import { parseIndicatorCatalogueFilters } from "@/lib/domain/indicator-filters";
import { shanghaiDate } from "@/lib/domain/periods";
import type { RawSearchParams } from "@/lib/domain/task-filters";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { listIndicators } from "@/lib/server/indicators";
import { canImportObservations } from "@/lib/server/observation-import";

export default async function IndicatorsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  // Every page checks the session itself: a layout is not re-run on client navigation.
  const actor = await requirePageActor();
  const filters = parseIndicatorCatalogueFilters(await searchParams);
  const [{ locale, t }, indicators, canImport] = await Promise.all([
    getTranslator(),
    listIndicators(shanghaiDate(new Date())),
    canImportObservations(actor),
  ]);
  return <IndicatorsView indicators={indicators} filters={filters} canImport={canImport} locale={locale} t={t} />;
}
