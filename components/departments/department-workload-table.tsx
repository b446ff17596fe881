import Link from "next/link";
import { DEFAULT_STATE, taskListHref, type TaskListState } from "@/lib/domain/task-filters";
import { formatNumber, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { DepartmentWorkload } from "@/lib/server/departments";
import { DEPARTMENT_SORTS, type DepartmentSort } from "@/lib/search-params";

/** A count that opens the task list filtered to exactly the tasks it counts. */
function CountLink({
  value,
  view,
  locale,
  alert = false,
}: {
  value: number;
  view: Partial<TaskListState>;
  locale: Locale;
  alert?: boolean;
}) {
  const text = formatNumber(locale, value);
  if (value === 0) return <span className="text-slate-400">{text}</span>;
  return (
    <Link
      href={taskListHref(DEFAULT_STATE, view)}
      className={`tabular-nums underline-offset-2 hover:underline ${alert ? "font-semibold text-red-700" : "text-brand-700"}`}
    >
      {text}
    </Link>
  );
}

export function DepartmentSortSwitch({ current, t }: { current: DepartmentSort; t: Translate }) {
  return (
    <nav aria-label={t("departmentPage.list.sortLabel")} className="mb-3 flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-600">{t("departmentPage.list.sortLabel")}：</span>
      {DEPARTMENT_SORTS.map((sort) => (
        <Link
          key={sort}
          href={sort === "lag" ? "/departments" : `/departments?sort=${sort}`}
          aria-current={sort === current ? "true" : undefined}
          className={
            sort === current
              ? "rounded bg-brand-700 px-2 py-1 font-medium text-white"
              : "rounded border border-slate-300 bg-white px-2 py-1 text-brand-700 hover:border-brand-600"
          }
        >
          {t(`departmentPage.list.sorts.${sort}`)}
        </Link>
      ))}
    </nav>
  );
}

/** Units with their counts. Lagging and overdue count only the tasks a unit leads. */
export function DepartmentWorkloadTable({
  rows,
  caption,
  locale,
  t,
}: {
  rows: DepartmentWorkload[];
  caption: string;
  locale: Locale;
  t: Translate;
}) {
  const cell = "px-3 py-2 text-right";
  const head = `${cell} font-medium whitespace-nowrap`;
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm" data-testid="department-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              {t("departmentPage.list.name")}
            </th>
            <th scope="col" className={head}>
              {t("departmentPage.list.lead")}
            </th>
            <th scope="col" className={`${head} hidden sm:table-cell`}>
              {t("departmentPage.list.responsible")}
            </th>
            <th scope="col" className={`${head} hidden sm:table-cell`}>
              {t("departmentPage.list.cooperating")}
            </th>
            <th scope="col" className={head}>
              <span className="hidden sm:inline">{t("departmentPage.list.lagging")}</span>
              <span className="sm:hidden">{t("departmentPage.list.laggingShort")}</span>
            </th>
            <th scope="col" className={head}>
              {t("departmentPage.list.overdue")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((d) => {
            const lead = { departmentId: d.id, role: "lead" as const };
            return (
              <tr key={d.id} data-department-id={d.id} data-attention={d.attentionCount}>
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  <Link href={`/departments/${d.id}`} className="text-brand-700 hover:underline">
                    {d.name}
                  </Link>
                  {d.generic ? (
                    <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                      {t("departmentPage.list.genericBadge")}
                    </span>
                  ) : null}
                </th>
                <td className={cell}>
                  <CountLink value={d.leadCount} view={lead} locale={locale} />
                </td>
                <td className={`${cell} hidden sm:table-cell`}>
                  <CountLink
                    value={d.responsibleCount}
                    view={{ departmentId: d.id, role: "responsible" }}
                    locale={locale}
                  />
                </td>
                <td className={`${cell} hidden sm:table-cell`}>
                  <CountLink
                    value={d.cooperatingCount}
                    view={{ departmentId: d.id, role: "cooperating" }}
                    locale={locale}
                  />
                </td>
                <td className={cell} data-testid="lagging-count">
                  <CountLink
                    value={d.laggingCount}
                    view={{ ...lead, statuses: ["LAGGING", "AT_RISK"] }}
                    locale={locale}
                    alert
                  />
                </td>
                <td className={cell} data-testid="overdue-count">
                  <CountLink value={d.overdueCount} view={{ ...lead, overdue: true }} locale={locale} alert />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
