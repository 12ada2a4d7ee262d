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
  it('has the full 2025 green catalogue: 9 / 38 / 271 items, 1.1.1 节能锅炉制造', async () => {
    const r = await duck.all<{ level: string; n: string }>(
      'SELECT level, count(*)::VARCHAR AS n FROM ref_green_catalogue_2025 GROUP BY level ORDER BY level',
    );
    assert.deepEqual(r, [
      { level: '1', n: '9' },
      { level: '2', n: '38' },
      { level: '3', n: '271' },
    ]);
    const i = await duck.all<{ gf_name: string; parent: string }>(
      "SELECT gf_name, parent FROM ref_green_catalogue_2025 WHERE gf_code = '1.1.1'",
    );
    assert.deepEqual(i, [{ gf_name: '节能锅炉制造', parent: '1.1' }]);
  });
  it('keeps the industry lines of the 2025 catalogue with the flagged anomalies visible', async () => {
    const [n] = await duck.all<{ n: string }>(
      'SELECT count(*)::VARCHAR AS n FROM ref_green_industry_map_2025',
    );
    assert.equal(n?.n, '1036');
    const flagged = await duck.all<{ gf_code: string; industry_code: string | null; check_flag: string }>(
      `SELECT gf_code, industry_code, check_flag FROM ref_green_industry_map_2025
       WHERE check_flag IN ('NAME_MISMATCH', 'code_cell_empty_in_source') ORDER BY gf_code`,
    );
    assert.deepEqual(flagged, [
      { gf_code: '1.1.10', industry_code: '3411', check_flag: 'NAME_MISMATCH' },
      { gf_code: '6.4.2', industry_code: null, check_flag: 'code_cell_empty_in_source' },
    ]);
    const zero = await duck.all<{ n: string }>(
      "SELECT count(*)::VARCHAR AS n FROM ref_green_industry_map_2025 WHERE check_flag = 'ok;leading_zero_restored' AND industry_code LIKE '0%'",
    );
    assert.equal(zero[0]?.n, '105');
  });
  it('has the PBoC category codes with HTS09 (the ninth high-tech service category)', async () => {
    const r = await duck.all<{ scheme: string; n: string }>(
      'SELECT scheme, count(*)::VARCHAR AS n FROM ref_pboc_category GROUP BY scheme ORDER BY scheme',
    );
    assert.deepEqual(r, [
      { scheme: 'DE', n: '4' },
      { scheme: 'EC', n: '12' },
      { scheme: 'HTP', n: '6' },
      { scheme: 'HTS', n: '9' },
      { scheme: 'PA', n: '7' },
      { scheme: 'SE', n: '9' },
    ]);
    const h = await duck.all<{ cat_name: string }>(
      "SELECT cat_name FROM ref_pboc_category WHERE pboc_code = 'HTS09'",
    );
    assert.deepEqual(h, [{ cat_name: '其他高技术服务' }]);
  });
  it('has the SEI 2018 categories (9 大类 + 40 中类) marked partial', async () => {
    const r = await duck.all<{ n: string }>(
      "SELECT count(*)::VARCHAR AS n FROM ref_sei_category WHERE level = '大类'",
    );
    assert.equal(r[0]?.n, '9');
    const v = await duck.all<{ completeness: string; row_count: string }>(
      "SELECT completeness, row_count::VARCHAR AS row_count FROM ref_versions WHERE table_name = 'ref_sei_category'",
    );
    assert.deepEqual(v, [{ completeness: 'partial', row_count: '49' }]);
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
