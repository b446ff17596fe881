import { DepartmentSortSwitch, DepartmentWorkloadTable } from "@/components/departments/department-workload-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { Locale, Translate } from "@/lib/i18n/catalogue";
import type { DepartmentWorkload } from "@/lib/server/departments";
import type { DepartmentSort } from "@/lib/search-params";

/** The units' workload in the chosen order, then the generic units (各市政府, 各有关部门) apart. */
export function DepartmentsView({
  sort,
  units,
  generic,
  locale,
  t,
}: {
  sort: DepartmentSort;
  units: DepartmentWorkload[];
  generic: DepartmentWorkload[];
  locale: Locale;
  t: Translate;
}) {
  const sortLabel = t(`departmentPage.list.sorts.${sort}`);
  return (
    <>
      <PageHeader title={t("departments.title")} intro={t("departmentPage.list.intro")} />
      <DepartmentSortSwitch current={sort} t={t} />
      {units.length === 0 ? (
        <EmptyState message={t("common.empty")} />
      ) : (
        <DepartmentWorkloadTable
          rows={units}
          caption={t("departmentPage.list.caption", { sort: sortLabel })}
          locale={locale}
          t={t}
        />
      )}
      <p className="mt-2 text-xs text-slate-500">{t("departmentPage.list.lagHelp")}</p>
      {generic.length ? (
        <section aria-labelledby="generic-units" className="mt-8">
          <h2 id="generic-units" className="text-lg font-semibold text-slate-900">
            {t("departmentPage.list.genericTitle")}
          </h2>
          <p className="mb-3 mt-1 text-sm text-slate-600">{t("departmentPage.list.genericIntro")}</p>
          <DepartmentWorkloadTable
            rows={generic}
            caption={t("departmentPage.list.genericCaption")}
            locale={locale}
            t={t}
          />
        </section>
      ) : null}
    </>
  );
}
