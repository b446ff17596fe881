import "server-only";
/**
 * A read cache for expensive aggregates (the overview, the indicator catalogue), invalidated by the
 * database itself: table `data_version` holds two counters that statement-level triggers raise in the
 * same transaction as every write to the tables behind them (migration 20261123164632_data_version).
 *
 * Each read first fetches the counters (one primary-key lookup) and reuses a result only if it was
 * computed under the same counters and the same key (which includes the date wherever a result depends
 * on it). Why this is correct:
 * - the counter and the write commit together: a reader that sees the new counter also sees the data;
 * - the counters are read before the result is computed, so a result computed while a write committed
 *   is filed under the older counters and never reused after the reader sees the new ones;
 * - every server process shares the database, so a write through one invalidates all of them, and
 *   writes made outside the app (imports, psql) invalidate too — nothing relies on the app to remember.
 * Concurrent requests for the same missing entry share one computation. Entries are bounded in number
 * and age (a safety net; correctness does not depend on it).
 */
import { getDb } from "./db";

export type CacheScope = "tasks" | "indicators";

const MAX_ENTRIES = 500;
const MAX_AGE_MS = 10 * 60_000;

interface Entry {
  stamp: string;
  at: number;
  value: Promise<unknown>;
}

const globalForCache = globalThis as unknown as { dptReadCache?: Map<string, Entry> };
const entries = (globalForCache.dptReadCache ??= new Map());

/**
 * The counters, each prefixed with the database's identity: its name and the counter table's OID. A
 * restore recreates the schema (a new OID), so counters that start again from a backup's values can never
 * match a result cached before it; test databases cloned from one template differ by name.
 */
export async function readDataVersion(): Promise<Record<CacheScope, string>> {
  const rows = await getDb().$queryRaw<{ tasks: bigint; indicators: bigint; epoch: string }[]>`
    SELECT "tasks", "indicators", current_database() || '/' || 'data_version'::regclass::oid AS epoch
    FROM "data_version" WHERE "id" = 1`;
  const row = rows[0];
  // No row (deleted by hand): never reuse anything.
  if (!row) return { tasks: `none-${Math.random()}`, indicators: `none-${Math.random()}` };
  return { tasks: `${row.epoch}/${row.tasks}`, indicators: `${row.epoch}/${row.indicators}` };
}

/**
 * The cached result of `compute` for `name` + `key`, valid while the counters of `scopes` stand.
 * Results are shared between requests: callers must treat them as read-only.
 */
export async function cachedRead<T>(
  name: string,
  scopes: readonly CacheScope[],
  key: unknown,
  compute: () => Promise<T>,
): Promise<T> {
  const version = await readDataVersion();
  const id = `${name}:${JSON.stringify(key)}`;
  const stamp = scopes.map((scope) => version[scope]).join("/");
  const now = Date.now();
  const hit = entries.get(id);
  if (hit && hit.stamp === stamp && now - hit.at < MAX_AGE_MS) {
    // Most recently used last, so eviction drops the least recently used.
    entries.delete(id);
    entries.set(id, hit);
    return hit.value as Promise<T>;
  }
  const value = compute();
  entries.set(id, { stamp, at: now, value });
  value.catch(() => {
    if (entries.get(id)?.value === value) entries.delete(id);
  });
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return value;
}

/** For tests: forget every entry (the counters still decide validity; this only frees memory). */
export function clearReadCache(): void {
  entries.clear();
}
