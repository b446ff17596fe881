import Link from "next/link";
import { IndicatorCatalogue } from "@/components/indicators/indicator-catalogue";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { IndicatorCatalogueFilters } from "@/lib/domain/indicator-filters";
import type { Locale, Translate } from "@/lib/i18n/catalogue";
import type { IndicatorListItem } from "@/lib/server/indicators";

/** The indicator catalogue, with a link to bulk entry for those who may record values. */
export function IndicatorsView({
  indicators,
  filters,
  canImport,
  locale,
  t,
}: {
  indicators: IndicatorListItem[];
  filters: IndicatorCatalogueFilters;
  canImport: boolean;
  locale: Locale;
  t: Translate;
}) {
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
