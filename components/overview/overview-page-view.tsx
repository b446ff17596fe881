import { PageHeader } from "@/components/ui/page-header";
import type { OverviewFilters } from "@/lib/domain/overview-filters";
import type { Locale, Translate } from "@/lib/i18n/catalogue";
import type { Overview, OverviewFilterOptions } from "@/lib/server/overview";
import { OverviewFilterForm } from "./overview-filters";
import { OverviewView } from "./overview-view";

/** The overview page: its filters (in the URL), then the dashboard they select. */
export function OverviewPageView({
  overview,
  filters,
  options,
  departmentName,
  locale,
  t,
}: {
  overview: Overview;
  filters: OverviewFilters;
  options: OverviewFilterOptions;
  /** The name of the unit filtered on, or null when none is (or it no longer exists). */
  departmentName: string | null;
  locale: Locale;
  t: Translate;
}) {
  const selectedDepartment =
    filters.departmentId !== null && departmentName ? { id: filters.departmentId, name: departmentName } : null;
  return (
    <>
      <PageHeader title={t("overview.title")} intro={t("overview.intro")} />
      <OverviewFilterForm
        filters={filters}
        options={options}
        selectedDepartment={selectedDepartment}
        locale={locale}
        t={t}
      />
      <OverviewView overview={overview} filters={filters} locale={locale} t={t} />
    </>
  );
}
