import Link from "next/link";
import { IndicatorCatalogue } from "@/components/indicators/indicator-catalogue";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
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
  return (
    <>
      <PageHeader
        title={t("indicators.title")}
        intro={t("indicators.intro")}
        actions={
          canImport ? (
            <Link href="/indicators/import" className="text-sm text-brand-700 hover:underline">
              {t("observationImport.link")}
            </Link>
          ) : null
        }
      />
      {indicators.length === 0 ? (
        <EmptyState message={t("common.empty")} />
      ) : (
        <IndicatorCatalogue indicators={indicators} filters={filters} locale={locale} t={t} />
      )}
    </>
  );
}
