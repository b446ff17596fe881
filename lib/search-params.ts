import { z } from "zod";
import { isSafeText } from "./domain/text-input";

const page = z.coerce.number().int().min(1).max(100_000).catch(1);
const id = z.coerce.number().int().min(1).max(2_147_483_647);

/** A page number from the URL; anything unparsable means the first page. */
export function pageParam(value: string | string[] | undefined): number {
  return page.parse(Array.isArray(value) ? value[0] : (value ?? 1));
}

/** A numeric id from a route segment, or null when it is not one (the page then 404s). */
export function idParam(value: string): number | null {
  const parsed = id.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * The query string a page was requested with, rebuilt from Next's searchParams object (keys in request
 * order, repeated keys kept), without the leading "?". Pages compare it with their canonical form.
 */
export function queryStringOf(params: Record<string, string | string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) search.append(key, item);
  }
  return search.toString();
}

/** How the departments list is ordered: by lag (the default), by the number of tasks led or shared, by name. */
export const DEPARTMENT_SORTS = ["lag", "lead", "responsible", "name"] as const;
export type DepartmentSort = (typeof DEPARTMENT_SORTS)[number];
const departmentSort = z.enum(DEPARTMENT_SORTS).catch("lag");

export function departmentSortParam(value: string | string[] | undefined): DepartmentSort {
  return departmentSort.parse(Array.isArray(value) ? value[0] : value);
}

/**
 * The name of the first query parameter whose name or value breaks the text rule (NUL, lone surrogate —
 * lib/domain/text-input.ts), or null. The route wrapper answers 422 and proxy.ts 400 for a page.
 */
export function unsafeSearchParam(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): string | null {
  const entries =
    params instanceof URLSearchParams
      ? [...params.entries()]
      : Object.entries(params).flatMap(([key, value]) =>
          (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((item) => [key, item] as const),
        );
  for (const [key, value] of entries) {
    if (!isSafeText(key)) return "(name)";
    if (!isSafeText(value)) return key;
  }
  return null;
}
