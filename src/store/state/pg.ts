// The state store: PostgreSQL dialect — embedded PGlite by default, a PostgreSQL server when DATABASE_URL is set.
// Narrow adapter: query with bound parameters, transaction, close. The same migrations run on both.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

import type { StateStoreConfig } from '../../config/config.ts';
import { assertNever } from '../../shared/assert-never.ts';

export type PgParam = string | number | boolean | null | Date | string[] | number[];

export interface StateTx {
  query<T = Record<string, unknown>>(sql: string, params?: PgParam[]): Promise<T[]>;
}

export interface StateStore extends StateTx {
  readonly kind: StateStoreConfig['kind'];
  transaction<T>(fn: (tx: StateTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Return BIGINT/NUMERIC as strings (money never passes through a float) and timestamps as Date on both engines.
pg.types.setTypeParser(20, (v: string) => v);
pg.types.setTypeParser(1700, (v: string) => v);

export async function openState(
  cfg: StateStoreConfig | { kind: 'pglite'; dataDir: null },
): Promise<StateStore> {
  switch (cfg.kind) {
    case 'pglite': {
      const db = cfg.dataDir ? await PGlite.create(cfg.dataDir) : await PGlite.create();
      const asText = { parsers: { 20: (v: string) => v, 1700: (v: string) => v } };
      return {
        kind: 'pglite',
        async query<T>(sql: string, params?: PgParam[]) {
          return (await db.query<T>(sql, params ?? [], asText)).rows;
        },
        async transaction<T>(fn: (tx: StateTx) => Promise<T>) {
          return db.transaction(async (t) =>
            fn({
              async query<R>(sql: string, params?: PgParam[]) {
                return (await t.query<R>(sql, params ?? [], asText)).rows;
              },
            }),
          );
        },
        async close() {
          await db.close();
        },
      };
    }
    case 'postgres': {
      const pool = new pg.Pool({
        connectionString: cfg.url,
        max: 10,
        ...(cfg.schema ? { options: `-c search_path=${cfg.schema}` } : {}),
      });
      return {
        kind: 'postgres',
        async query<T>(sql: string, params?: PgParam[]) {
          return (await pool.query(sql, params ?? [])).rows as T[];
        },
        async transaction<T>(fn: (tx: StateTx) => Promise<T>) {
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            const out = await fn({
              async query<R>(sql: string, params?: PgParam[]) {
                return (await client.query(sql, params ?? [])).rows as R[];
              },
            });
            await client.query('COMMIT');
            return out;
          } catch (e) {
            await client.query('ROLLBACK');
            throw e;
          } finally {
            client.release();
          }
        },
        async close() {
          await pool.end();
        },
      };
    }
    default:
      return assertNever(cfg);
  }
}

/** A migration of the state schema, owned by one capability. Ids sort in application order. */
export interface StateMigration {
  id: string;
  sql: string;
}

export async function migrateState(db: StateStore, migrations: StateMigration[]): Promise<void> {
  await db.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const done = new Set((await db.query<{ id: string }>('SELECT id FROM schema_migrations')).map((r) => r.id));
  for (const m of migrations) {
    if (done.has(m.id)) continue;
    await db.transaction(async (tx) => {
      for (const stmt of splitStatements(m.sql)) await tx.query(stmt);
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [m.id]);
    });
  }
}

/** Splits a migration on top-level semicolons (migrations contain no procedural bodies). */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
