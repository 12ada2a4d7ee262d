// The demo book as `npm start` loads it: every file accepted through the real ingest, none left needing a
// 校验说明, every submission approved by the demo statistician, so the figures count every bank; a simulated
// official series imported for every period.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { periodCompleteness } from '../stats/completeness.ts';
import type { Stores } from '../store/stores.ts';
import { testConfig } from '../testing/http.ts';
import { openTestStores } from '../testing/stores.ts';
import { loadDemo } from './demo.ts';

let stores: Stores;
let dataDir = '';
const now = () => new Date('2026-03-01T00:00:00Z');

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fivefin-demo-load-'));
  stores = await openTestStores('pglite');
  await loadDemo(stores, testConfig({ mode: 'demo', dataDir }), {
    loans: 600,
    months: 2,
    seed: 2025,
    institutions: 3,
    now,
  });
});
after(async () => {
  await stores.close();
  await rm(dataDir, { recursive: true, force: true });
});

test('every demo submission is accepted and approved; none waits for an explanation', async () => {
  const rows = await stores.state.query<{ status: string; review_status: string; n: string }>(
    `SELECT status, review_status, count(*)::text AS n FROM submission_log GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  assert.deepEqual(rows, [{ status: 'accepted', review_status: 'approved', n: '6' }]);
  const mirrored = await stores.analytics.all<{ review_status: string; n: string }>(
    `SELECT review_status, count(*)::VARCHAR AS n FROM submissions WHERE superseded_at IS NULL GROUP BY 1`,
  );
  assert.deepEqual(mirrored, [{ review_status: 'approved', n: '6' }]);
});

test('the demo periods count every bank (3 of 3 reported and approved)', async () => {
  const periods = (
    await stores.analytics.all<{ p: string }>(
      'SELECT DISTINCT report_period AS p FROM submissions ORDER BY 1',
    )
  ).map((r) => r.p);
  assert.equal(periods.length, 2);
  const c = await periodCompleteness(stores.analytics, periods, now(), { day: 12, hour: 17, minute: 0 });
  for (const x of c) {
    assert.equal(x.institutions_reported, 3, x.period);
    assert.equal(x.institutions_expected, 3, x.period);
  }
});

test('a simulated official series is imported for every period: the city series and each bank 各项贷款', async () => {
  const [r] = await stores.analytics.all<{ periods: number; city: number; banks: number }>(
    `SELECT count(DISTINCT period)::INTEGER AS periods,
       count(*) FILTER (WHERE scope = 'city' AND series = 'all_loans')::INTEGER AS city,
       count(*) FILTER (WHERE scope <> 'city')::INTEGER AS banks
     FROM official_as_of(TIMESTAMP '2026-03-02 00:00:00')`,
  );
  assert.deepEqual(r, { periods: 2, city: 2, banks: 6 });
});
