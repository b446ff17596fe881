import { z } from "zod";

const page = z.coerce.number().int().min(1).max(100_000).catch(1);

/** A page number from the URL; anything unparsable means the first page. */
export function pageParam(value: string | string[] | undefined): number {
  return page.parse(Array.isArray(value) ? value[0] : (value ?? 1));
}
