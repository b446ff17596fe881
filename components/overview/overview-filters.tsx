import { FilterActions, FilterForm, SelectField } from "@/components/ui/filter-field";
import { UNASSIGNED_AREA } from "@/lib/domain/task-filters";
import type { OverviewFilters } from "@/lib/domain/overview-filters";
import type { Locale, Translate } from "@/lib/i18n/catalogue";
import type { OverviewFilterOptions } from "@/lib/server/overview";
import { DepartmentPicker } from "./department-picker";
import { periodLabel } from "@/lib/i18n/periods";

/** A plain GET form: works without JavaScript, and every filtered view is a shareable URL. */
export function OverviewFilterForm({
  filters,
  options,
  selectedDepartment,
  locale,
  t,
}: {
  filters: OverviewFilters;
  options: OverviewFilterOptions;
  /** The chosen unit's name, for the search field used when there are too many units for a list. */
  selectedDepartment: { id: number; name: string } | null;
  locale: Locale;
  t: Translate;
}) {
  const current = options.periods[0];
  return (
    <FilterForm action="/" label={t("overview.filters.heading")} columns="grid-cols-1 sm:grid-cols-2 lg:grid-cols-5">
      <SelectField
        id="overview-doc"
        name="doc"
        label={t("overview.filters.document")}
        defaultValue={filters.document ?? ""}
        allLabel={t("overview.filters.allDocuments")}
        options={options.documents.map((d) => ({ value: d.slug, label: d.shortTitle }))}
      />
      <SelectField
        id="overview-area"
        name="area"
        label={t("overview.filters.area")}
        defaultValue={filters.area ?? ""}
        allLabel={t("overview.filters.allAreas")}
        options={options.areas.map((area) => ({
          value: area ?? UNASSIGNED_AREA,
          label: area ?? t("overview.filters.noArea"),
        }))}
      />
      {options.departments ? (
        <SelectField
          id="overview-dept"
          name="dept"
          label={t("overview.filters.department")}
          defaultValue={filters.departmentId ?? ""}
          allLabel={t("overview.filters.allDepartments")}
          options={options.departments.map((d) => ({ value: d.id, label: d.name }))}
        />
      ) : (
        <DepartmentPicker
          id="overview-dept"
          label={t("overview.filters.department")}
          placeholder={t("overview.filters.departmentSearch", { count: options.departmentCount })}
          noMatch={t("overview.filters.departmentNoMatch")}
          selected={selectedDepartment}
        />
      )}
      <SelectField
        id="overview-period"
        name="period"
        label={t("overview.filters.period")}
        defaultValue={filters.period?.code ?? ""}
        // The empty value is the current period, named as such.
        allLabel={current ? `${periodLabel(current, locale, t)} · ${t("overview.filters.currentPeriod")}` : undefined}
        options={options.periods.slice(1).map((p) => ({ value: p.code, label: periodLabel(p, locale, t) }))}
      />
      <FilterActions apply={t("overview.filters.apply")} reset={{ href: "/", label: t("overview.filters.reset") }} />
    </FilterForm>
  );
}
