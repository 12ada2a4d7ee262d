// Known rows of the reference tables, in both stores (PGlite always; a PostgreSQL server when TEST_DATABASE_URL is set).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { testDatabaseUrl } from '../config/config.ts';
import { openAnalytics, type Analytics } from '../store/analytics/duckdb.ts';
import { migrateState, openState, type StateStore } from '../store/state/pg.ts';
import { loadReferenceAnalytics } from './load.analytics.ts';
import { loadReferenceState, referenceStateMigration } from './load.state.ts';

let duck: Analytics;
before(async () => {
  duck = await openAnalytics({ kind: 'duckdb', path: ':memory:' });
  await loadReferenceAnalytics(duck);
});
after(() => duck.close());

describe('reference data in DuckDB', () => {
  it('has the GB/T 4754-2017 classes: 6511 exists, 6510 does not, 1381 classes', async () => {
    const r = await duck.all<{ code: string; name: string }>(
      "SELECT code, name FROM ref_industry WHERE code IN ('6511', '6510')",
    );
    assert.deepEqual(r, [{ code: '6511', name: '基础软件开发' }]);
    const [n] = await duck.all<{ n: string }>("SELECT count(*) AS n FROM ref_industry WHERE level = 'class'");
    assert.equal(n?.n, '1381');
  });
  it('has the 38 districts with 500103 渝中区', async () => {
    const r = await duck.all<{ name: string }>("SELECT name FROM ref_district WHERE code = '500103'");
    assert.deepEqual(r, [{ name: '渝中区' }]);
    const [n] = await duck.all<{ n: string }>('SELECT count(*) AS n FROM ref_district');
    assert.equal(n?.n, '38');
  });
  it('keeps leading zeros and records versions and completeness', async () => {
    const r = await duck.all<{ code: string }>("SELECT code FROM ref_industry WHERE code = '0111'");
    assert.equal(r.length, 1);
    const v = await duck.all<{ completeness: string }>(
      "SELECT completeness FROM ref_versions WHERE table_name = 'ref_digital_industry_map'",
    );
    assert.deepEqual(v, [{ completeness: 'not_loaded' }]);
  });
  it('loads the SME thresholds of the 16 industries', async () => {
    const r = await duck.all<{ n: string; f: string }>(
      "SELECT count(*) AS n, max(CASE WHEN rule_id = 'industry' THEN medium_floor.employees_gte END)::VARCHAR AS f FROM ref_sme_threshold",
    );
    assert.deepEqual(r, [{ n: '16', f: '300' }]);
  });
});

const stores: [string, () => Promise<StateStore>][] = [
  ['pglite', () => openState({ kind: 'pglite', dataDir: null })],
];
const url = testDatabaseUrl();
if (url) stores.push(['postgres', () => openState({ kind: 'postgres', url })]);

for (const [name, open] of stores) {
  describe(`reference data in the state store (${name})`, () => {
    it('copies the tables with 6511 and 500103', async () => {
      const st = await open();
      try {
        await st.query('DROP TABLE IF EXISTS ref_versions');
        await migrateState(st, []);
        await st.query("DELETE FROM schema_migrations WHERE id = '0001_reference'");
        await migrateState(st, [referenceStateMigration]);
        await loadReferenceState(st, duck);
        const r = await st.query<{ name: string }>("SELECT name FROM ref_industry WHERE code = '6511'");
        assert.deepEqual(r, [{ name: '基础软件开发' }]);
        const d = await st.query<{ name: string }>("SELECT name FROM ref_district WHERE code = '500103'");
        assert.deepEqual(d, [{ name: '渝中区' }]);
        const n = await st.query<{ n: string }>(
          "SELECT count(*) AS n FROM ref_industry WHERE level = 'class'",
        );
        assert.equal(n[0]?.n, '1381');
      } finally {
        await st.close();
      }
    });
  });
}
