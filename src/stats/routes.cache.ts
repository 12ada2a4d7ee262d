// A response cache for the statistics routes, keyed by route, parameters and scope, and emptied whenever the
// data changes: uploads through the API call dataChanged() (visible on the next request); other writers are
// caught by a cheap data version (stored aggregates and submissions in force) read at most every
// VERSION_CHECK_MS. Concurrent misses share one computation.
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

export const VERSION_CHECK_MS = 1000;

const generations = new WeakMap<Analytics, number>();

/** Tells every stats cache over this store that the data changed (called after an accepted upload). */
export function dataChanged(db: Analytics): void {
  generations.set(db, (generations.get(db) ?? 0) + 1);
}

export function statsCache(db: Analytics, maxEntries = 1000, clock: () => number = Date.now): StatsCache {
  let version: string | null = null;
  let generation = generations.get(db) ?? 0;
  let checkedAt = -Infinity;
  const entries = new Map<string, Promise<unknown>>();
  return {
    async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const g = generations.get(db) ?? 0;
      if (g !== generation || clock() - checkedAt >= VERSION_CHECK_MS) {
        const v = await dataVersion(db);
        checkedAt = clock();
        if (v !== version || g !== generation) {
          entries.clear();
          version = v;
          generation = g;
        }
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
