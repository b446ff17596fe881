import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { Translate } from "@/lib/i18n/catalogue";
import type { AdminDepartment } from "@/lib/schemas/departments";

/** Every department for an administrator: kind, aliases, task counts by role and accounts. */
export function DepartmentListView({ departments, t }: { departments: AdminDepartment[]; t: Translate }) {
  return (
    <>
      <Link href="/admin" className="text-sm text-brand-700 underline">
        {t("admin.back")}
      </Link>
      <PageHeader title={t("admin.departments.title")} intro={t("admin.departments.intro")} />
      {departments.length === 0 ? (
        <EmptyState message={t("common.empty")} />
      ) : (
        <DepartmentTable departments={departments} t={t} />
      )}
    </>
  );
}

function DepartmentTable({ departments, t }: { departments: AdminDepartment[]; t: Translate }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <thead className="bg-slate-100 text-left text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("admin.departments.name")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("admin.departments.kind")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("admin.departments.aliases")}
            </th>
            <th scope="col" className="px-3 py-2 text-right whitespace-nowrap">
              {t("admin.departments.tasks")}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t("admin.departments.users")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {departments.map((d) => (
            <tr key={d.id}>
              <td className="px-3 py-2">
                <Link href={`/admin/departments/${d.id}`} className="font-medium text-brand-700 underline">
                  {d.name}
                </Link>
                {d.shortName ? <span className="ml-1 text-slate-500">（{d.shortName}）</span> : null}
                {d.generic ? (
                  <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-700">
                    {t("admin.departments.generic")}
                  </span>
                ) : null}
                {d.mergedInto ? (
                  <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">
                    {t("admin.departments.mergedBadge", { name: d.mergedInto.name, date: d.mergedInto.on })}
                  </span>
                ) : null}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{t(`admin.departments.kinds.${d.kind}`)}</td>
              <td className="min-w-48 px-3 py-2 text-slate-600">
                {d.aliases.length ? d.aliases.map((a) => a.alias).join("、") : t("admin.departments.noAliases")}
              </td>
              <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                {d.leadCount} / {d.responsibleCount} / {d.cooperatingCount}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{d.userCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
