import { INDICATOR_STATUSES, type IndicatorStatus } from "./indicator-status";
import type { RawSearchParams } from "./task-filters";

/** The catalogue's filters, in the URL: ?area=数字经济&status=behind. Bad values are ignored. */
export interface IndicatorCatalogueFilters {
  area: string | null;
  status: IndicatorStatus | null;
}

function first(value: string | string[] | undefined): string | null {
  const single = Array.isArray(value) ? value[0] : value;
  return single === undefined || single.trim() === "" ? null : single.trim();
}

export function parseIndicatorCatalogueFilters(raw: RawSearchParams): IndicatorCatalogueFilters {
  const area = first(raw.area);
  const status = first(raw.status)?.toUpperCase() ?? null;
  return {
    area: area && area.length <= 50 ? area : null,
    status: (INDICATOR_STATUSES as readonly string[]).includes(status ?? "") ? (status as IndicatorStatus) : null,
  };
}
