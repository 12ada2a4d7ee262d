// The platform's two stores as one handle — the analytical store (DuckDB) and the state store (PGlite or a
// PostgreSQL server) — and the in-memory configuration tests use. Kernel: imports no capability; the stores
// are opened, migrated and loaded by the assembly (src/platform/open.ts).
import type { Config } from '../config/config.ts';
import type { Analytics } from './analytics/duckdb.ts';
import type { StateStore } from './state/pg.ts';

export interface Stores {
  analytics: Analytics;
  state: StateStore;
  close(): Promise<void>;
}

export type StoreConfig = Pick<Config, 'analytics' | 'state'>;

/** In-memory DuckDB and PGlite: nothing written to disk (tests, quick checks). */
export const MEMORY_STORES: StoreConfig = {
  analytics: { kind: 'duckdb', path: ':memory:' },
  state: { kind: 'pglite', dataDir: null },
};
