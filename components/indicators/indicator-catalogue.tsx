import Link from "next/link";
import { DataTable, type Column } from "@/components/ui/data-table";
import { FilterActions, FilterForm, SelectField } from "@/components/ui/filter-field";
import { compareAreas } from "@/lib/domain/areas";
import {
  catalogueHref,
  catalogueSlice,
  type CatalogueSlice,
  type IndicatorCatalogueFilters,
} from "@/lib/domain/indicator-filters";
import { COMPARATOR_SYMBOL, INDICATOR_STATUSES } from "@/lib/domain/indicator-status";
import { formatDate, formatQuantity, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { IndicatorListItem } from "@/lib/server/indicators";
import { IndicatorStatusBadge } from "./indicator-status-badge";
import { ProgressBar } from "./progress-bar";

/** The catalogue: a GET filter form, then one table per area in strategy order. */
export function IndicatorCatalogue({
  indicators,
  filters,
  locale,
  t,
}: {
  indicators: IndicatorListItem[];
  filters: IndicatorCatalogueFilters;
  locale: Locale;
  t: Translate;
}) {
  const areas = [...new Set(indicators.map((i) => i.area))].sort(compareAreas);
  const shown = indicators.filter(
    (i) =>
      (filters.area === null || i.area === filters.area) && (filters.status === null || i.status === filters.status),
  );
  const groups = areas
    .map((area) => {
      const items = shown.filter((i) => i.area === area);
      return { area, items, slice: catalogueSlice(items, filters) };
    })
    .filter((g) => g.items.length > 0);
  return (
    <>
      <FilterForm action="/indicators" label={t("indicators.filter")} columns="grid-cols-2 sm:grid-cols-4">
        <SelectField
          id="indicator-area"
          name="area"
          label={t("indicators.area")}
          defaultValue={filters.area ?? ""}
          allLabel={t("indicators.allAreas")}
          options={areas.map((area) => ({ value: area, label: area }))}
        />
        <SelectField
          id="indicator-status"
          name="status"
          label={t("indicators.status")}
          defaultValue={filters.status?.toLowerCase() ?? ""}
          allLabel={t("indicators.allStatuses")}
          options={INDICATOR_STATUSES.map((status) => ({
            value: status.toLowerCase(),
            label: t(`indicators.statusLabel.${status}`),
          }))}
        />
        <FilterActions
          apply={t("indicators.filter")}
          reset={{ href: "/indicators", label: t("indicators.reset") }}
          className="col-span-2 flex items-end gap-2"
        >
          <span className="ml-auto text-sm text-slate-600" data-testid="indicator-count" data-total={shown.length}>
            {t("indicators.count", { count: shown.length })}
          </span>
        </FilterActions>
      </FilterForm>

      {groups.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">
          {t("indicators.noMatch")}
        </p>
      ) : (
        <div className="space-y-6">
          {groups.map((group) => (
            <section key={group.area} aria-labelledby={`area-${group.area}`} data-area={group.area}>
              <h2 id={`area-${group.area}`} className="mb-2 flex flex-wrap items-baseline gap-x-3 font-semibold">
                {group.area}
                <span className="text-sm font-normal text-slate-600">
                  {t("indicators.areaSummary", {
                    count: group.items.length,
                    achieved: group.items.filter((i) => i.status === "ACHIEVED").length,
                    behind: group.items.filter((i) => i.status === "BEHIND").length,
                  })}
                </span>
              </h2>
              <IndicatorTable items={group.slice.items} caption={group.area} locale={locale} t={t} />
              <CatalogueMore area={group.area} slice={group.slice} filters={filters} t={t} />
            </section>
          ))}
        </div>
      )}
    </>
  );
}

/** Below a cut group: the link to the whole area; on one area's pages: previous and next. */
function CatalogueMore({
  area,
  slice,
  filters,
  t,
}: {
  area: string;
  slice: CatalogueSlice<IndicatorListItem>;
  filters: IndicatorCatalogueFilters;
  t: Translate;
}) {
  const link = "text-brand-700 underline";
  if (filters.area === null) {
    if (slice.items.length === slice.total) return null;
    return (
      <p className="mt-2 text-sm">
        <Link href={catalogueHref({ ...filters, area, page: 1 })} className={link}>
          {t("indicators.moreInArea", { shown: slice.items.length, total: slice.total, area })}
        </Link>
      </p>
    );
  }
  if (slice.pages === 1) return null;
  return (
    <nav aria-label={t("indicators.pages")} className="mt-2 flex flex-wrap items-center gap-3 text-sm">
      {slice.page > 1 ? (
        <Link href={catalogueHref({ ...filters, page: slice.page - 1 })} className={link}>
          {t("indicators.previousPage")}
        </Link>
      ) : null}
      <span className="text-slate-600">{t("indicators.pageOf", { page: slice.page, pages: slice.pages })}</span>
      {slice.page < slice.pages ? (
        <Link href={catalogueHref({ ...filters, page: slice.page + 1 })} className={link}>
          {t("indicators.nextPage")}
        </Link>
      ) : null}
    </nav>
  );
}

function IndicatorTable({
  items,
  caption,
  locale,
  t,
}: {
  items: IndicatorListItem[];
  caption: string;
  locale: Locale;
  t: Translate;
}) {
  const cell = "px-3 py-2 align-top";
  const quantity = (value: number, unit: string) => formatQuantity(locale, value, unit);
  /** A number with a small line below it (the year or date it stands for), or a dash. */
  const dated = (value: { value: number; note: string } | null, unit: string) =>
    value ? (
      <>
        {quantity(value.value, unit)}
        <span className="block text-xs text-slate-500">{value.note}</span>
      </>
    ) : (
      "—"
    );
  const numeric = {
    headerClassName: `${cell} text-right`,
    className: `${cell} text-right whitespace-nowrap tabular-nums`,
  };
  const columns: Column<IndicatorListItem>[] = [
    {
      key: "name",
      header: t("indicators.name"),
      headerClassName: cell,
      rowHeader: true,
      className: `${cell} text-left font-normal`,
      cell: (i) => (
        <Link href={`/indicators/${i.id}`} className="text-brand-700 hover:underline">
          {i.name}
        </Link>
      ),
    },
    {
      key: "unit",
      header: t("indicators.unit"),
      headerClassName: cell,
      className: `${cell} whitespace-nowrap`,
      cell: (i) => i.unit,
    },
    {
      key: "baseline",
      header: t("indicators.baseline"),
      ...numeric,
      cell: (i) => dated(i.baseline && { value: i.baseline.value, note: i.baseline.asOf.slice(0, 4) }, i.unit),
    },
    {
      key: "targets",
      header: t("indicators.targets"),
      headerClassName: cell,
      className: cell,
      cell: (i) =>
        i.targets.length === 0 ? (
          "—"
        ) : (
          <ul className="space-y-0.5">
            {i.targets.map((target, index) => (
              <li key={index} className="whitespace-nowrap">
                <span className="tabular-nums">
                  {target.cumulative === false ? `${t("indicatorChart.annualShort")} ` : ""}
                  {COMPARATOR_SYMBOL[target.comparator]}
                  {quantity(target.value, i.unit)}
                </span>
                <span className="ml-1 text-xs text-slate-600">
                  {formatDate(locale, target.dueDate, { year: "numeric", month: "short" })} · {target.document}
                </span>
              </li>
            ))}
          </ul>
        ),
    },
    {
      key: "latest",
      header: t("indicators.latest"),
      ...numeric,
      cell: (i) => dated(i.latest && { value: i.latest.value, note: i.latest.asOf }, i.unit),
    },
    {
      key: "progress",
      header: t("indicators.progress"),
      headerClassName: cell,
      className: `${cell} w-36`,
      cell: (i) =>
        i.actualShare !== null ? (
          <ProgressBar
            compact
            label={t("indicators.progressLabel")}
            share={i.actualShare}
            expected={i.expectedShare}
            expectedLabel={t("indicators.expectedLabel")}
            status={i.status}
            locale={locale}
          />
        ) : (
          "—"
        ),
    },
    {
      key: "status",
      header: t("indicators.status"),
      headerClassName: cell,
      className: `${cell} whitespace-nowrap`,
      cell: (i) => <IndicatorStatusBadge status={i.status} label={t(`indicators.statusLabel.${i.status}`)} />,
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={items}
      rowKey={(i) => i.id}
      caption={caption}
      className="w-full min-w-[56rem] text-sm"
      look="boxed"
      rowProps={(i) => ({ "data-indicator": i.key })}
    />
  );
}
