// Test helpers: fresh stores per test — in-memory DuckDB and PGlite, and, when TEST_DATABASE_URL is set, a
// PostgreSQL server with a throw-away schema so parallel test files never see each other's rows.
import { randomBytes } from 'node:crypto';

import pg from 'pg';

import { testDatabaseUrl } from '../config/config.ts';
import { openStores } from '../platform/open.ts';
import { MEMORY_STORES, type Stores } from '../store/stores.ts';
import { upsertInstitutions } from '../institutions/store.ts';
import type { Institution } from '../institutions/schema.sql.ts';

export type StateKind = 'pglite' | 'postgres';

/** The state-store kinds to run state tests against: PGlite always, PostgreSQL when a server is configured. */
export function stateKinds(): StateKind[] {
  return testDatabaseUrl() ? ['pglite', 'postgres'] : ['pglite'];
}

/** Opens fresh, migrated stores with reference data; `close()` also drops the throw-away schema. */
export async function openTestStores(kind: StateKind = 'pglite'): Promise<Stores> {
  if (kind === 'pglite') return openStores(MEMORY_STORES);
  const url = testDatabaseUrl();
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const stores = await openStores({
    analytics: MEMORY_STORES.analytics,
    state: { kind: 'postgres', url, schema },
  });
  return {
    ...stores,
    async close() {
      await stores.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** The bank most tests register: B0001 测试银行, a city commercial bank in 渝中区 (500103). */
export const TEST_BANK = {
  code: 'B0001',
  name_zh: '测试银行',
  name_en: 'Test Bank',
  peer_group: 'city_commercial',
  district_code: '500103',
} as const;

/** Registers TEST_BANK (and any `more` institutions) in both stores. */
export async function registerTestBank(stores: Stores, ...more: Institution[]): Promise<void> {
  await upsertInstitutions(stores.state, stores.analytics, [TEST_BANK, ...more]);
}
