// In-process cache of session lookups. The authentication hook runs on every API request, and one state-store
// round trip per request (PGlite runs on the event loop) dominated the API's latency under load. An entry lives
// at most `ttlMs` and never past its session's expiry; every change to accounts or sessions made through
// src/auth/store.ts calls `invalidateSessions()`, which empties every cache of the process at once. Another
// process sharing the same PostgreSQL sees such a change within `ttlMs` (the documented bound).

export const SESSION_CACHE_TTL_MS = 5_000;

let generation = 0;

/** Forgets every cached session in this process (called on logout, password change, disabling, …). */
export function invalidateSessions(): void {
  generation += 1;
}

interface Entry<T> {
  value: T;
  until: number;
  generation: number;
}

export class SessionCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs = SESSION_CACHE_TTL_MS,
    private readonly maxEntries = 10_000,
  ) {}

  /** The cached value for `key`, else `load()`'s (cached only when found, until min(now + ttl, expiresAt)). */
  async get(
    key: string,
    now: Date,
    load: () => Promise<{ value: T; expiresAt: Date } | null>,
  ): Promise<T | null> {
    const t = now.getTime();
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation && hit.until > t) return hit.value;
    if (hit) this.entries.delete(key);
    const gen = generation;
    const loaded = await load();
    if (!loaded) return null;
    // A change during the load bumps the generation: the entry is then stale on arrival and not kept.
    if (gen === generation) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, {
        value: loaded.value,
        until: Math.min(t + this.ttlMs, loaded.expiresAt.getTime()),
        generation: gen,
      });
    }
    return loaded.value;
  }
}
