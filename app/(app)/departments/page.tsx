import { DepartmentSortSwitch, DepartmentWorkloadTable } from "@/components/departments/department-workload-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { shanghaiDate } from "@/lib/domain/periods";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { listDepartmentWorkload } from "@/lib/server/departments";
import { departmentSortParam } from "@/lib/search-params";

export default async function DepartmentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageActor();
  const sort = departmentSortParam((await searchParams).sort);
  const [{ locale, t }, { units, generic }] = await Promise.all([
    getTranslator(),
    listDepartmentWorkload(sort, shanghaiDate(new Date())),
  ]);
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
