import Link from "next/link";
import { UNASSIGNED_AREA } from "@/lib/domain/task-filters";
import type { OverviewFilters } from "@/lib/domain/overview-filters";
import type { Locale, Translate } from "@/lib/i18n/catalogue";
import type { OverviewFilterOptions } from "@/lib/server/overview";
import { periodLabel } from "./period-label";

const field = "mt-1 block w-full min-w-0 rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";
const label = "block text-sm font-medium text-slate-700";

/** A plain GET form: works without JavaScript, and every filtered view is a shareable URL. */
export function OverviewFilterForm({
  filters,
  options,
  locale,
  t,
}: {
  filters: OverviewFilters;
  options: OverviewFilterOptions;
  locale: Locale;
  t: Translate;
}) {
  const current = options.periods[0];
  return (
    <form
      method="get"
      action="/"
      aria-label={t("overview.filters.heading")}
      className="mb-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-2 lg:grid-cols-5"
    >
      <div>
        <label htmlFor="overview-doc" className={label}>
          {t("overview.filters.document")}
        </label>
        <select id="overview-doc" name="doc" defaultValue={filters.document ?? ""} className={field}>
          <option value="">{t("overview.filters.allDocuments")}</option>
          {options.documents.map((d) => (
            <option key={d.slug} value={d.slug}>
              {d.shortTitle}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="overview-area" className={label}>
          {t("overview.filters.area")}
        </label>
        <select id="overview-area" name="area" defaultValue={filters.area ?? ""} className={field}>
          <option value="">{t("overview.filters.allAreas")}</option>
          {options.areas.map((area) => (
            <option key={area ?? UNASSIGNED_AREA} value={area ?? UNASSIGNED_AREA}>
              {area ?? t("overview.filters.noArea")}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="overview-dept" className={label}>
          {t("overview.filters.department")}
        </label>
        <select id="overview-dept" name="dept" defaultValue={filters.departmentId ?? ""} className={field}>
          <option value="">{t("overview.filters.allDepartments")}</option>
          {options.departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="overview-period" className={label}>
          {t("overview.filters.period")}
        </label>
        <select id="overview-period" name="period" defaultValue={filters.period?.code ?? ""} className={field}>
          {current ? (
            <option value="">{`${periodLabel(current, locale, t)} · ${t("overview.filters.currentPeriod")}`}</option>
          ) : null}
          {options.periods.slice(1).map((p) => (
            <option key={p.code} value={p.code}>
              {periodLabel(p, locale, t)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex items-end gap-2">
        <button
          type="submit"
          className="rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-900"
        >
          {t("overview.filters.apply")}
        </button>
        <Link href="/" className="rounded px-2 py-1.5 text-sm text-brand-700 hover:underline">
          {t("overview.filters.reset")}
        </Link>
      </div>
    </form>
  );
}
