import { INDICATOR_STATUSES, type IndicatorStatus } from "./indicator-status";
import type { RawSearchParams } from "./task-filters";

/** The catalogue's filters, in the URL: ?area=数字经济&status=behind&page=2. Bad values are ignored. */
export interface IndicatorCatalogueFilters {
  area: string | null;
  status: IndicatorStatus | null;
  /** 1-based; pages apply within one area (with `area` set). */
  page: number;
}

/**
 * How many rows the catalogue renders. All areas: the first GROUP_PREVIEW of each, with a link to the
 * area; one area: AREA_PAGE_SIZE a page. A province has around a hundred indicators, a country's worth
 * thousands — rendering thousands of rows would make officials wait seconds on a phone.
 */
export const GROUP_PREVIEW = 50;
export const AREA_PAGE_SIZE = 100;

export interface CatalogueSlice<T> {
  items: T[];
  total: number;
  /** For one area: the page shown (clamped to the last) and the number of pages. */
  page: number;
  pages: number;
}

export function catalogueSlice<T>(items: readonly T[], filters: IndicatorCatalogueFilters): CatalogueSlice<T> {
  if (filters.area === null) {
    return { items: items.slice(0, GROUP_PREVIEW), total: items.length, page: 1, pages: 1 };
  }
  const pages = Math.max(1, Math.ceil(items.length / AREA_PAGE_SIZE));
  const page = Math.min(filters.page, pages);
  return {
    items: items.slice((page - 1) * AREA_PAGE_SIZE, page * AREA_PAGE_SIZE),
    total: items.length,
    page,
    pages,
  };
}

/** The catalogue URL for filters (empty values left out). */
export function catalogueHref(filters: IndicatorCatalogueFilters): string {
  const params = new URLSearchParams();
  if (filters.area !== null) params.set("area", filters.area);
  if (filters.status !== null) params.set("status", filters.status.toLowerCase());
  if (filters.page > 1) params.set("page", String(filters.page));
  const query = params.toString();
  return query ? `/indicators?${query}` : "/indicators";
}

function first(value: string | string[] | undefined): string | null {
  const single = Array.isArray(value) ? value[0] : value;
  return single === undefined || single.trim() === "" ? null : single.trim();
}

export function parseIndicatorCatalogueFilters(raw: RawSearchParams): IndicatorCatalogueFilters {
  const area = first(raw.area);
  const status = first(raw.status)?.toUpperCase() ?? null;
  const page = Number(first(raw.page));
  return {
    area: area && area.length <= 50 ? area : null,
    status: (INDICATOR_STATUSES as readonly string[]).includes(status ?? "") ? (status as IndicatorStatus) : null,
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}
