import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getTranslator } from "@/lib/i18n/server";
import { listDepartments } from "@/lib/server/departments";

export default async function DepartmentsPage() {
  const [{ t }, departments] = await Promise.all([getTranslator(), listDepartments()]);
  return (
    <>
      <PageHeader title={t("departments.title")} intro={t("departments.intro")} />
      {departments.length === 0 ? (
        <EmptyState message={t("common.empty")} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-slate-100 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("departments.name")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("departments.asLead")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("departments.asResponsible")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {departments.map((d) => (
                <tr key={d.id}>
                  <td className="px-3 py-2">
                    {d.name}
                    {d.generic ? (
                      <span className="ml-2 text-xs text-slate-500">（{t("departments.generic")}）</span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{d.leadCount}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{d.responsibleCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
