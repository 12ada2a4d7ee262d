// Response caches of the HTTP routes, keyed by route, parameters and scope: the published answers. A held answer
// is served at once and never waits for the store; when its data changes, every held answer is recomputed in
// the background and the new set swapped in, the previous one served meanwhile. Writers in this process await
// dataChanged(store) before answering, so every later request sees their change; writers elsewhere are caught
// by a cheap data version read in the background at most every VERSION_CHECK_MS. sendCached stores the JSON
// bytes (serialized once by the route's response schema), so a cached answer costs no query and no
// serialization. statsCache covers the statistics (DuckDB); the loans routes build one over the upload log.
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

/** The refresh of every cache over a store (see dataChanged). */
const refreshers = new WeakMap<object, Set<() => Promise<void>>>();

/**
 * Tells every cache over this store that its data changed (after an upload, import or restatement). Resolves
 * once each cache has recomputed the answers it holds and swapped them in: a writer that awaits it before it
 * answers makes its change visible to every later request, while readers meanwhile keep the previous answers.
 */
export async function dataChanged(store: object): Promise<void> {
  await Promise.all([...(refreshers.get(store) ?? [])].map((refresh) => refresh()));
}

interface Entry {
  value: Promise<unknown>;
  compute: () => Promise<unknown>;
}

/**
 * A cache over `store`. A held answer is served at once, never waiting for the store: after a change it is
 * recomputed in the background (all held answers together, swapped in as one set) while the previous one is
 * still served. A change is announced by dataChanged(store) or seen by `readVersion()` (read at most every
 * VERSION_CHECK_MS, in the background, once for all requests). Only an answer never computed waits.
 */
export function versionedCache(
  store: object,
  readVersion: () => Promise<string>,
  maxEntries = 1000,
  clock: () => number = Date.now,
): StatsCache {
  let entries = new Map<string, Entry>();
  let version: string | null = null;
  let checkedAt = -Infinity;
  let checking: Promise<void> | null = null;
  let refreshing: Promise<void> | null = null;
  let again = false;

  const put = (key: string, e: Entry) => {
    entries.set(key, e);
    // A failed computation is not kept (the next request tries again).
    e.value.catch(() => {
      if (entries.get(key) === e) entries.delete(key);
    });
    if (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
  };

  /**
   * Recomputes every held answer, one at a time (a refresh holds at most one of the store's connections and
   * worker threads, leaving the rest to requests and writers); the new set replaces the old one at once
   * (answers first computed meanwhile stay, failed recomputations are dropped).
   */
  async function refreshOnce(): Promise<void> {
    const held = [...entries];
    const next = new Map<string, Entry>();
    for (const [key, { compute }] of held) {
      const value = compute();
      if (
        await value.then(
          () => true,
          () => false,
        )
      )
        next.set(key, { value, compute });
    }
    const heldKeys = new Set(held.map(([key]) => key));
    for (const [key, e] of entries) if (!heldKeys.has(key)) next.set(key, e);
    entries = next;
  }

  /** Refreshes now; a change announced during a refresh gets one more round before the promise resolves. */
  function refresh(): Promise<void> {
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      try {
        do {
          again = false;
          await refreshOnce();
        } while (again);
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  async function check(): Promise<void> {
    try {
      const v = await readVersion();
      const seen = version;
      version = v;
      checkedAt = clock();
      if (seen !== null && v !== seen) await refresh();
    } finally {
      checking = null;
    }
  }

  const mine = refreshers.get(store) ?? new Set<() => Promise<void>>();
  mine.add(refresh);
  refreshers.set(store, mine);

  return {
    async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      if (clock() - checkedAt >= VERSION_CHECK_MS) (checking ??= check()).catch(() => undefined);
      const hit = entries.get(key);
      if (hit) return hit.value as Promise<T>;
      const e: Entry = { value: compute(), compute };
      put(key, e);
      return e.value as Promise<T>;
    },
  };
}

/** The statistics routes' cache over the analytics store. */
export function statsCache(db: Analytics, maxEntries = 1000, clock: () => number = Date.now): StatsCache {
  return versionedCache(db, () => dataVersion(db), maxEntries, clock);
}

/**
 * Sends the cached JSON answer of `key`; on a miss, computes it and serializes it by the route's 200 schema.
 * The bytes are kept (large answers are otherwise encoded to UTF-8 again on every send); the kept computation
 * holds the route's serializer, not this request's reply.
 */
export async function sendCached(
  reply: FastifyReply,
  cache: StatsCache,
  key: string,
  compute: () => Promise<unknown>,
): Promise<FastifyReply> {
  const serialize = reply.getSerializationFunction('200');
  if (!serialize) throw new Error(`sendCached: ${reply.request.routeOptions.url} has no 200 response schema`);
  const body = await cache.get(key, async () =>
    Buffer.from(serialize((await compute()) as Record<string, unknown>)),
  );
  return reply.type('application/json; charset=utf-8').send(body);
}
