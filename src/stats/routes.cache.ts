// A response cache for the statistics routes, keyed by route, parameters and scope, and emptied whenever the
// data changes: every lookup first reads a cheap data version (stored aggregates and submissions in force), so
// a new upload or recomputation is visible on the next request. Concurrent misses share one computation.
import type { Analytics } from '../store/analytics/duckdb.ts';

export interface StatsCache {
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export async function dataVersion(db: Analytics): Promise<string> {
  const [row] = await db.all<{ v: string }>(
    `SELECT concat_ws('|', (SELECT max(computed_at) FROM area_aggregates), (SELECT count(*) FROM area_aggregates),
       (SELECT max(submission_id) FROM submissions), (SELECT count(*) FROM submissions WHERE superseded_at IS NULL))::VARCHAR AS v`,
  );
  return row?.v ?? '';
}

export function statsCache(db: Analytics, maxEntries = 1000): StatsCache {
  let version: string | null = null;
  const entries = new Map<string, Promise<unknown>>();
  return {
    async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const v = await dataVersion(db);
      if (v !== version) {
        entries.clear();
        version = v;
      }
      const hit = entries.get(key);
      if (hit) return hit as Promise<T>;
      const p = compute();
      entries.set(key, p);
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      p.catch(() => entries.delete(key));
      return p;
    },
  };
}
