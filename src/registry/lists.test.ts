// List schemes (DATA-SPEC §4): the built-in schemes, a list file per scheme with Chinese headers as a new version,
// rejection with rule/row/column, batches and replacing versions (the superseded entries kept readable).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import type { Stores } from '../store/stores.ts';
import { openTestStores } from '../testing/stores.ts';
import { importListFile, listSchemes } from './lists.ts';

const FIX = join(import.meta.dirname, '../../test/fixtures/registry/lists');
let stores: Stores;
const now = () => new Date('2026-01-05T00:00:00Z');
before(async () => {
  stores = await openTestStores();
});
after(() => stores.close());

describe('list schemes', () => {
  it('has the five PBoC lists (with 小巨人 inside 专精特新), NFRA 创新型中小企业 and a local list', async () => {
    const rows = await listSchemes(stores.analytics);
    assert.deepEqual(
      rows.map((r) => [r.scheme, r.caliber, r.parent]),
      [
        ['cq_tech_enterprise', 'local', null],
        ['innovative_sme', 'nfra_s70', null],
        ['high_tech_enterprise', 'pboc', null],
        ['little_giant', 'pboc', 'specialized_sme'],
        ['manufacturing_champion', 'pboc', null],
        ['specialized_sme', 'pboc', null],
        ['tech_innovation_demo', 'pboc', null],
        ['tech_sme', 'pboc', null],
      ],
    );
  });

  it('rejects an unknown scheme and a bad file with rule, row and column, importing nothing', async () => {
    const u = await importListFile(
      stores.analytics,
      { scheme: 'no_such_list', path: join(FIX, 'ok-cq_tech_2025.csv'), listVersion: 'x', replace: false },
      now,
    );
    assert.deepEqual([u.status, u.violations[0]?.rule_id], ['rejected', 'LIST_E_UNKNOWN_SCHEME']);
    const r = await importListFile(
      stores.analytics,
      { scheme: 'cq_tech_enterprise', path: join(FIX, 'not-ok.csv'), listVersion: 'bad', replace: false },
      now,
    );
    assert.deepEqual(
      r.violations.map((v) => [v.rule_id, v.row, v.column]),
      [
        ['REG_E_BAD_CREDIT_CODE', 2, 'credit_code'],
        ['REG_E_BAD_DATE', 3, 'valid_from'],
      ],
    );
    assert.equal(
      (await listSchemes(stores.analytics)).find((s) => s.scheme === 'cq_tech_enterprise')?.entries,
      '0',
    );
  });

  it('imports a list file with Chinese headers as a version, ignores a re-import, and replaces keeping history', async () => {
    const a = await importListFile(
      stores.analytics,
      {
        scheme: 'cq_tech_enterprise',
        path: join(FIX, 'ok-cq_tech_2025.csv'),
        listVersion: '2025年',
        replace: false,
      },
      now,
    );
    assert.deepEqual([a.status, a.rows], ['imported', 2]);
    const again = await importListFile(
      stores.analytics,
      {
        scheme: 'cq_tech_enterprise',
        path: join(FIX, 'ok-cq_tech_2025.csv'),
        listVersion: '2025年',
        replace: false,
      },
      now,
    );
    assert.equal(again.status, 'duplicate');
    const b = await importListFile(
      stores.analytics,
      {
        scheme: 'cq_tech_enterprise',
        path: join(FIX, 'ok-cq_tech_2026.csv'),
        listVersion: '2026年',
        replace: true,
      },
      now,
    );
    assert.deepEqual([b.status, b.rows, b.superseded], ['imported', 1, 2]);
    const s = (await listSchemes(stores.analytics)).find((x) => x.scheme === 'cq_tech_enterprise');
    assert.deepEqual([s?.versions, s?.current_version, s?.entries], ['2', '2026年', '1']);
    const hist = await stores.analytics.all<{ n: string }>(
      `SELECT count(*)::VARCHAR AS n FROM enterprise_qualifications_history
       WHERE qualification = 'cq_tech_enterprise' AND superseded_by = CAST(? AS BIGINT)`,
      [b.import_id],
    );
    assert.equal(hist[0]?.n, '2');
  });
});
