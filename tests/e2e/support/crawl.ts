/**
 * Helpers for the invariant crawler (tests/e2e/invariants.spec.ts): read what a page shows — the counts
 * its links carry, the total a list page reports — and page through the REST API. Driven by markup that
 * means something (links, `data-value`, `data-count`, `data-total`, roles), never by CSS classes, so the
 * crawler keeps working while the pages change.
 */
import type { APIRequestContext, Page } from "@playwright/test";

/** One link whose visible figure is a count. */
export interface CountLink {
  /** The page it was found on. */
  page: string;
  /** The link's visible text, whitespace collapsed (a card's label and detail included). */
  text: string;
  href: string;
  count: number;
}

/**
 * Every link in `main` whose figure is a whole number, optionally followed by 项 or 个: the link's
 * `data-count`, else its single `[data-value]` child (a stat card, a status tile), else its whole text (a
 * count cell). Percentages, dates, names and "1.5" are not counts and are left out.
 */
export async function countLinks(page: Page): Promise<CountLink[]> {
  const path = new URL(page.url()).pathname + new URL(page.url()).search;
  const found = await page.locator("main").evaluate((main) => {
    const squash = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();
    const out: { text: string; href: string; figure: string }[] = [];
    for (const a of Array.from(main.querySelectorAll<HTMLAnchorElement>("a[href]"))) {
      const values = a.querySelectorAll("[data-value]");
      const figure = a.dataset.count ?? (values.length === 1 ? values[0]!.textContent : a.textContent);
      out.push({ text: squash(a.textContent), href: a.getAttribute("href") ?? "", figure: squash(figure) });
    }
    return out;
  });
  return found.flatMap(({ text, href, figure }) => {
    const match = /^(\d[\d,]*)\s*(?:项|个)?$/.exec(figure);
    return match ? [{ page: path, text, href, count: Number(match[1]!.replace(/,/g, "")) }] : [];
  });
}

/**
 * Whether an href can open a list: a path of this app (not a hash on the same page, not a download, not
 * one record such as /tasks/12 or /departments/20 — a task number in a table is a link too).
 */
export function mayOpenList(href: string): boolean {
  if (!href.startsWith("/") || href.startsWith("//")) return false;
  const url = new URL(href, "http://x");
  const last = url.pathname.split("/").filter(Boolean).at(-1) ?? "";
  return !/^\d+$/.test(last) && !url.pathname.startsWith("/api/") && !url.pathname.startsWith("/reports/files/");
}

/** The totals a page's HTML announces on its count element (`data-total` on a status or `*-count` element). */
export function announcedTotals(html: string): number[] {
  return [...html.matchAll(/<[a-z]+\s[^>]*\bdata-total="(\d+)"[^>]*>/g)]
    .filter((m) => /\brole="status"|\bdata-testid="[^"]*-count"/.test(m[0]))
    .map((m) => Number(m[1]));
}

export interface ListRead {
  status: number;
  /** The list's total, or null when the page announces none (not a list page). */
  total: number | null;
  html: string;
}

/** Fetches a list page as the server renders it (streamed parts included) and reads its total. */
export async function readList(request: APIRequestContext, href: string): Promise<ListRead> {
  const response = await request.get(href);
  const html = await response.text();
  const totals = announcedTotals(html);
  return { status: response.status(), total: totals[0] ?? null, html };
}

/** Runs `work` over `items` with at most `limit` in flight (the server is shared with the other project). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(runners);
  return results;
}

/** GET on the REST API (with the signed-in page's session cookie); throws with the body on an error. */
export async function apiGet<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(path);
  if (!response.ok()) throw new Error(`${path}: HTTP ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Every item of a paged API list. */
export async function apiAll<T>(request: APIRequestContext, path: string): Promise<T[]> {
  const separator = path.includes("?") ? "&" : "?";
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const body = await apiGet<{ items: T[]; total: number }>(request, `${path}${separator}pageSize=100&page=${page}`);
    items.push(...body.items);
    if (items.length >= body.total || body.items.length === 0) return items;
  }
}

/** A small deterministic PRNG (mulberry32): the same "random" sample on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fails once with every finding, one per line, instead of stopping at the first. */
export function report(title: string, findings: string[]): string {
  return findings.length === 0 ? "" : `${title} (${findings.length}):\n${findings.map((f) => `  - ${f}`).join("\n")}`;
}
