import Link from "next/link";
import { DataTable, type Column } from "@/components/ui/data-table";
import { FilterActions, FilterForm, FilterInput, SelectField } from "@/components/ui/filter-field";
import { Pager } from "@/components/ui/pager";
import { EmptyState } from "@/components/ui/empty-state";
import { formatNumber, type Locale, type Translate } from "@/lib/i18n/catalogue";
import { INDICATOR_ADMIN_STATES, type IndicatorAdminState } from "@/lib/domain/indicator-admin";
import type { AdminIndicatorRow } from "@/lib/server/indicator-admin";

export interface IndicatorAdminFilter {
  q: string;
  area: string;
  state: IndicatorAdminState;
}

/** A plain GET form: the filters live in the URL, so a filtered list can be shared and works without JS. */
export function IndicatorAdminFilters({
  filter,
  areas,
  t,
}: {
  filter: IndicatorAdminFilter;
  areas: string[];
  t: Translate;
}) {
  return (
    <FilterForm action="/admin/indicators" columns="sm:grid-cols-2 lg:grid-cols-4">
      <FilterInput
        id="filter-q"
        label={t("indicatorAdmin.search")}
        look="roomy"
        wrapperClassName="sm:col-span-2 lg:col-span-1"
        name="q"
        type="search"
        defaultValue={filter.q}
      />
      <SelectField
        id="filter-area"
        label={t("indicatorAdmin.area")}
        look="roomy"
        name="area"
        defaultValue={filter.area}
        allLabel={t("indicatorAdmin.allAreas")}
        options={areas.map((area) => ({ value: area, label: area }))}
      />
      <SelectField
        id="filter-state"
        label={t("indicatorAdmin.state")}
        look="roomy"
        name="state"
        defaultValue={filter.state}
        options={INDICATOR_ADMIN_STATES.map((state) => ({ value: state, label: t(`indicatorAdmin.states.${state}`) }))}
      />
      <FilterActions apply={t("indicatorAdmin.filter")} look="roomy" className="flex items-end" />
    </FilterForm>
  );
}

/** The list's address for another page, keeping the filters. */
/** A plain text column that keeps to one line. */
const nowrap = { headerClassName: "px-3 py-2", className: "px-3 py-2 whitespace-nowrap" };

function pageHref(filter: IndicatorAdminFilter, page: number): string {
  const params = new URLSearchParams();
  if (filter.q) params.set("q", filter.q);
  if (filter.area) params.set("area", filter.area);
  if (filter.state !== "all") params.set("state", filter.state);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/admin/indicators?${query}` : "/admin/indicators";
}

export function IndicatorAdminTable({
  page,
  filter,
  locale,
  t,
}: {
  page: { items: AdminIndicatorRow[]; total: number; page: number; pageSize: number };
  filter: IndicatorAdminFilter;
  locale: Locale;
  t: Translate;
}) {
  const indicators = page.items;
  if (indicators.length === 0) return <EmptyState message={t("indicatorAdmin.empty")} />;
  const n = (value: number) => formatNumber(locale, value);
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const count = (key: string, header: string, value: (i: AdminIndicatorRow) => number): Column<AdminIndicatorRow> => ({
    key,
    header,
    headerClassName: "px-3 py-2 text-right",
    className: "px-3 py-2 text-right tabular-nums",
    cell: (i) => n(value(i)),
  });
  const columns: Column<AdminIndicatorRow>[] = [
    {
      key: "name",
      header: t("indicatorAdmin.name"),
      headerClassName: "px-3 py-2",
      className: "min-w-48 px-3 py-2",
      cell: (i) => (
        <>
          <Link href={`/admin/indicators/${i.id}`} className="font-medium text-brand-700 underline">
            {i.name}
          </Link>
          <span className="block text-xs break-all text-slate-600">{i.key}</span>
        </>
      ),
    },
    { key: "area", header: t("indicatorAdmin.area"), ...nowrap, cell: (i) => i.area },
    { key: "unit", header: t("indicatorAdmin.unit"), ...nowrap, cell: (i) => i.unit },
    {
      key: "state",
      header: t("indicatorAdmin.state"),
      headerClassName: "px-3 py-2",
      className: "px-3 py-2",
      cell: (i) =>
        i.mergedInto ? (
          <span className="text-slate-700">{t("indicatorAdmin.mergedInto", { name: i.mergedInto.name })}</span>
        ) : (
          <span className="text-slate-700">{t("indicatorAdmin.active")}</span>
        ),
    },
    // Counts, not values: what an admin checks before merging or splitting (headings say so).
    count("targets", t("indicatorAdmin.targetCount"), (i) => i.targetCount),
    count("baselines", t("indicatorAdmin.baselineCount"), (i) => i.baselineCount),
    count("observations", t("indicatorAdmin.observationCount"), (i) => i.observationCount),
  ];
  return (
    <>
      <p className="mb-2 text-sm text-slate-600" role="status">
        {t("indicatorAdmin.count", { count: n(page.total) })}
      </p>
      <DataTable
        columns={columns}
        rows={indicators}
        rowKey={(i) => i.id}
        caption={t("indicatorAdmin.title")}
        look="boxed"
      />
      {pages > 1 ? (
        <Pager
          page={page.page}
          pages={pages}
          hrefOf={(p) => pageHref(filter, p)}
          label={t("indicatorAdmin.pagination")}
          previous={t("indicatorAdmin.previous")}
          next={t("indicatorAdmin.next")}
          status={t("indicatorAdmin.pageOf", { page: page.page, pages })}
        />
      ) : null}
    </>
  );
}
