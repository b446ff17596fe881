/** The catalogue's bounded rendering: previews per area, pages within one area, URLs that round-trip. */
import { describe, expect, it } from "vitest";
import {
  AREA_PAGE_SIZE,
  catalogueHref,
  catalogueSlice,
  GROUP_PREVIEW,
  parseIndicatorCatalogueFilters,
} from "../../lib/domain/indicator-filters";

const items = Array.from({ length: 250 }, (_, i) => i + 1);
const all = { area: null, status: null, page: 1 };

describe("indicator catalogue slices", () => {
  it("previews the first GROUP_PREVIEW of an area when every area is shown", () => {
    const slice = catalogueSlice(items, all);
    expect(slice.items).toEqual(items.slice(0, GROUP_PREVIEW));
    expect(slice).toMatchObject({ total: 250, page: 1, pages: 1 });
    expect(catalogueSlice(items.slice(0, 10), all).items).toHaveLength(10);
  });

  it("pages through one area, clamping a page past the end to the last", () => {
    const one = { area: "数字经济", status: null, page: 2 };
    expect(catalogueSlice(items, one)).toMatchObject({ page: 2, pages: 3, total: 250 });
    expect(catalogueSlice(items, one).items[0]).toBe(AREA_PAGE_SIZE + 1);
    const past = catalogueSlice(items, { ...one, page: 9 });
    expect(past.page).toBe(3);
    expect(past.items).toEqual(items.slice(2 * AREA_PAGE_SIZE));
    expect(catalogueSlice([], one)).toMatchObject({ page: 1, pages: 1, items: [] });
  });

  it("parses the page and writes URLs that parse back to the same filters", () => {
    expect(parseIndicatorCatalogueFilters({ page: "3" }).page).toBe(3);
    for (const bad of ["0", "-1", "1.5", "abc", "99999999"])
      expect(parseIndicatorCatalogueFilters({ page: bad }).page).toBe(1);
    const filters = { area: "数字政府", status: "BEHIND" as const, page: 2 };
    const href = catalogueHref(filters);
    expect(href).toBe(`/indicators?area=${encodeURIComponent("数字政府")}&status=behind&page=2`);
    const query = Object.fromEntries(new URL(href, "http://x").searchParams);
    expect(parseIndicatorCatalogueFilters(query)).toEqual(filters);
    expect(catalogueHref(all)).toBe("/indicators");
  });
});
