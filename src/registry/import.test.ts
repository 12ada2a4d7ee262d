// Registry import: sizes derived by the SME rules, qualifications with validity, rejection with row/column,
// re-import as a no-op, and the loan ingest's size-mismatch warning against the registry.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { upsertInstitutions } from '../institutions/store.ts';
import { ingestLoanFile } from '../loans/ingest/ingest.ts';
import type { Stores } from '../store/stores.ts';
import { openTestStores } from '../testing/stores.ts';
import { importRegistry } from './import.ts';

const FIX = join(import.meta.dirname, '../../test/fixtures');
let stores: Stores;
const now = () => new Date('2025-04-01T00:00:00Z');
before(async () => {
  stores = await openTestStores();
});
after(() => stores.close());

describe('registry import', () => {
  it('rejects a bad file with rule, row and column, and imports nothing', async () => {
    const r = await importRegistry(stores.analytics, join(FIX, 'registry/not-ok.csv'), now);
    assert.equal(r.status, 'rejected');
    assert.deepEqual(
      r.violations.map((v) => [v.rule_id, v.row, v.column]),
      [
        ['REG_E_BAD_CREDIT_CODE', 2, 'credit_code'],
        ['REG_E_BAD_QUALIFICATION', 3, 'qualification'],
        ['REG_E_UNKNOWN_INDUSTRY', 4, 'industry_code'],
      ],
    );
    const [n] = await stores.analytics.all<{ n: string }>('SELECT count(*) AS n FROM enterprises');
    assert.equal(n?.n, '0');
  });

  it('imports enterprises with sizes derived by the SME size rules, and qualifications', async () => {
    const r = await importRegistry(stores.analytics, join(FIX, 'registry/ok.csv'), now);
    assert.equal(r.status, 'imported');
    assert.equal(r.enterprises, 3);
    assert.equal(r.qualifications, 3);
    const sizes = await stores.analytics.all<{ name: string; derived_size: string }>(
      'SELECT name, derived_size FROM enterprises ORDER BY name',
    );
    // Software 80 staff / 3000万 → medium floor (100 staff) not met, small floor (10, 50万) met → small.
    // Manufacturing 1200 staff and 5亿 revenue: no indicator below the ceiling (1000, 40000万) → large.
    // Machinery 15 staff (< 20) → micro.
    assert.deepEqual(sizes, [
      { name: '重庆星辰软件有限公司', derived_size: 'small' },
      { name: '重庆示例机械有限公司', derived_size: 'micro' },
      { name: '重庆绿能科技有限公司', derived_size: 'large' },
    ]);
    const again = await importRegistry(stores.analytics, join(FIX, 'registry/ok.csv'), now);
    assert.equal(again.status, 'duplicate');
  });

  it('lets the loan ingest warn when a declared size differs from the registry', async () => {
    await upsertInstitutions(stores.state, stores.analytics, [
      {
        code: 'B0001',
        name_zh: '测试银行',
        name_en: 'Test Bank',
        peer_group: 'city_commercial',
        district_code: null,
      },
    ]);
    const res = await ingestLoanFile(stores, {
      path: join(FIX, 'loans/ok/utf8.csv'),
      reportRoot: await mkdtemp(join(tmpdir(), 'fivefin-r-')),
      hmacKey: Buffer.from('k'.repeat(32)),
      now,
    });
    assert.equal(res.status, 'accepted');
    const w = res.report.violations.filter((v) => v.rule_id === 'LOAN_W_SIZE_MISMATCH');
    // Row 3 declares 重庆绿能 medium; the registry derives large.
    assert.deepEqual(
      w.map((v) => [v.row, v.column, v.value, v.expected]),
      [[3, 'enterprise_size', 'medium', 'large']],
    );
  });
});
