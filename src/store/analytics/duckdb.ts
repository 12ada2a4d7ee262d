// The analytics store: DuckDB (a file under the data directory, or :memory: in tests).
// Narrow adapter: all / run with bound parameters, a dedicated connection for transactions, close.
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';

import type { AnalyticsStoreConfig } from '../../config/config.ts';
import { assertNever } from '../../shared/assert-never.ts';

export type SqlParam = string | number | bigint | boolean | null;
export type Row = Record<string, unknown>;

export interface AnalyticsConn {
  /** Runs a statement; returns nothing. */
  run(sql: string, params?: SqlParam[]): Promise<void>;
  /** Runs a query and returns rows as JSON-safe values (BIGINT and DECIMAL as strings). */
  all<T = Row>(sql: string, params?: SqlParam[]): Promise<T[]>;
  /** Runs fn inside BEGIN … COMMIT; rolls back on any error. */
  transaction<T>(fn: (c: AnalyticsConn) => Promise<T>): Promise<T>;
  close(): void;
}

export interface Analytics extends AnalyticsConn {
  /** A fresh connection of its own (for a long ingest transaction or a stream). */
  connect(): Promise<AnalyticsConn>;
  readonly path: string;
}

function wrap(conn: DuckDBConnection): AnalyticsConn {
  const bind = (params: SqlParam[] | undefined) => (params ?? []) as DuckDBValue[];
  const self: AnalyticsConn = {
    async run(sql, params) {
      if (params && params.length > 0) await conn.run(sql, bind(params));
      else await conn.run(sql);
    },
    async all<T>(sql: string, params?: SqlParam[]) {
      const reader =
        params && params.length > 0
          ? await conn.runAndReadAll(sql, bind(params))
          : await conn.runAndReadAll(sql);
      return reader.getRowObjectsJson() as T[];
    },
    async transaction(fn) {
      await conn.run('BEGIN TRANSACTION');
      try {
        const out = await fn(self);
        await conn.run('COMMIT');
        return out;
      } catch (e) {
        await conn.run('ROLLBACK');
        throw e;
      }
    },
    close() {
      conn.closeSync();
    },
  };
  return self;
}

/** Opens the analytics store chosen by configuration. */
export async function openAnalytics(
  cfg: AnalyticsStoreConfig | { kind: 'duckdb'; path: ':memory:' },
): Promise<Analytics> {
  switch (cfg.kind) {
    case 'duckdb': {
      const instance = await DuckDBInstance.create(cfg.path, {
        threads: '2',
        preserve_insertion_order: 'true',
      });
      const main = await instance.connect();
      const base = wrap(main);
      return {
        ...base,
        path: cfg.path,
        async connect() {
          return wrap(await instance.connect());
        },
        close() {
          main.closeSync();
          instance.closeSync();
        },
      };
    }
    default:
      return assertNever(cfg.kind);
  }
}

/** A migration of the analytics schema, owned by one capability. */
export interface AnalyticsMigration {
  id: string;
  sql: string;
}

export async function migrateAnalytics(db: AnalyticsConn, migrations: AnalyticsMigration[]): Promise<void> {
  await db.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT now())',
  );
  const done = new Set((await db.all<{ id: string }>('SELECT id FROM schema_migrations')).map((r) => r.id));
  for (const m of migrations) {
    if (done.has(m.id)) continue;
    await db.transaction(async (tx) => {
      await tx.run(m.sql);
      await tx.run('INSERT INTO schema_migrations (id) VALUES (?)', [m.id]);
    });
  }
}
