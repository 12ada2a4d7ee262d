// Response caches of the HTTP routes, keyed by route, parameters and scope, and emptied whenever their data
// changes. Writers in this process call dataChanged(store): the next request waits for a fresh version and sees
// the change. Writers elsewhere are caught by a cheap data version read in the background at most every
// VERSION_CHECK_MS (answers may lag such a change by that long plus one check). A version check and the
// computation of a missing key are shared by every request waiting for them, and sendCached stores the JSON bytes
// (serialized once by the route's response schema), so a cached answer costs no query and no serialization.
// statsCache covers the statistics (DuckDB); the loans routes build one over the upload log with versionedCache.
import type { FastifyReply } from 'fastify';

import type { Analytics } from '../store/analytics/duckdb.ts';

export interface StatsCache {
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export async function dataVersion(db: Analytics): Promise<string> {
  const [row] = await db.all<{ v: string }>(
    `SELECT concat_ws('|', (SELECT max(computed_at) FROM area_aggregates), (SELECT count(*) FROM area_aggregates),
       (SELECT max(submission_id) FROM submissions), (SELECT count(*) FROM submissions WHERE superseded_at IS NULL),
       (SELECT max(import_id) FROM official_imports))::VARCHAR AS v`,
  );
  return row?.v ?? '';
}

export const VERSION_CHECK_MS = 1000;

const generations = new WeakMap<object, number>();

/** Tells every cache over this store that its data changed (called after an upload or import). */
export function dataChanged(store: object): void {
  generations.set(store, (generations.get(store) ?? 0) + 1);
}

/**
 * A cache over `store` whose entries live until dataChanged(store) is called or `readVersion()` answers
 * something new (read at most every VERSION_CHECK_MS, in the background, once for all requests).
 */
export function versionedCache(
  store: object,
  readVersion: () => Promise<string>,
  maxEntries = 1000,
  clock: () => number = Date.now,
): StatsCache {
  let version: string | null = null;
  let generation = generations.get(store) ?? 0;
  let checkedAt = -Infinity;
  let checking: Promise<void> | null = null;
  const entries = new Map<string, Promise<unknown>>();

  const changed = () => version === null || (generations.get(store) ?? 0) !== generation;
  async function check(): Promise<void> {
    const g = generations.get(store) ?? 0;
    try {
      const v = await readVersion();
      if (v !== version || g !== generation) entries.clear();
      version = v;
      generation = g;
      checkedAt = clock();
    } finally {
      checking = null;
    }
  }

  return {
    async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      // A change announced while a check was running makes that check's answer stale: check again.
      while (changed()) await (checking ??= check());
      if (clock() - checkedAt >= VERSION_CHECK_MS) (checking ??= check()).catch(() => undefined);
      const hit = entries.get(key);
      if (hit) return hit as Promise<T>;
      const p = compute();
      entries.set(key, p);
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      p.catch(() => {
        if (entries.get(key) === p) entries.delete(key);
      });
      return p;
    },
  };
}

/** The statistics routes' cache over the analytics store. */
export function statsCache(db: Analytics, maxEntries = 1000, clock: () => number = Date.now): StatsCache {
  return versionedCache(db, () => dataVersion(db), maxEntries, clock);
}

/**
 * Sends the cached JSON answer of `key`; on a miss, computes it and serializes it by the route's schema. The
 * bytes are kept (large answers are otherwise encoded to UTF-8 again on every send).
 */
export async function sendCached(
  reply: FastifyReply,
  cache: StatsCache,
  key: string,
  compute: () => Promise<unknown>,
): Promise<FastifyReply> {
  const body = await cache.get(key, async () => {
    const json = reply.serialize(await compute());
    return typeof json === 'string' ? Buffer.from(json) : Buffer.from(new Uint8Array(json));
  });
  return reply.type('application/json; charset=utf-8').send(body);
}
