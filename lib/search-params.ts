import { z } from "zod";

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
