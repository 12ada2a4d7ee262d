// Restatement (可比口径): relabels only the restated periods, keeps the replaced labels and figures readable, labels
// later files of a restated period the same way, and YoY is never computed across two rule versions.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { classifySubmission } from '../classify/classify.ts';
import { addQualification, insertSubmission, openTestAnalytics, type TestLoan } from '../classify/testing.ts';
import type { Analytics } from '../store/analytics/duckdb.ts';
import { recomputeAggregates } from './aggregates.sql.ts';
import { areaStats } from './queries.ts';
import { listRestatements, replacedFigures, restatePeriods, RestatementError } from './restate.ts';

const A = '915000000000000001';
const G = '915000000000000007';
// A on 高新技术企业 (tech under every version); G on 创新型中小企业 only (tech only under S70).
const BOOK: Partial<TestLoan>[] = [
  { loan_id: 'A1', borrower_key: A, balance: '1000.00' },
  { loan_id: 'G1', borrower_key: G, enterprise_size: 'small', balance: '300.00' },
];
const now = () => new Date('2026-01-20T00:00:00Z');

let db: Analytics;
const subs: Record<string, string> = {};
const labels = async (sub: string): Promise<string[]> =>
  (
    await db.all<{ b: string }>(
      "SELECT row_no::VARCHAR || ':' || basis || '@' || rule_version AS b FROM loan_areas WHERE submission_id = ? ORDER BY 1",
      [sub],
    )
  ).map((r) => r.b);
const tech = async (period: string) => (await areaStats(db, period, { area: 'tech' })).figures[0];

before(async () => {
  db = await openTestAnalytics();
  await addQualification(db, A, 'high_tech_enterprise', '2020-01-01', null);
  await addQualification(db, G, 'innovative_sme', '2020-01-01', null);
  for (const p of ['2024-12', '2025-12']) {
    subs[p] = await insertSubmission(
      db,
      {
        institution: 'R01',
        period: p,
        acceptedAt: `${p === '2024-12' ? '2025' : '2026'}-01-10 09:00:00`,
        fileSpec: 'loan-file-v2',
      },
      BOOK,
    );
    await classifySubmission(db, subs[p] ?? '');
    await recomputeAggregates(db, p, now());
  }
});
after(() => db.close());

describe('restatement', () => {
  it('computes YoY between two periods under the same version', async () => {
    const t = await tech('2025-12');
    assert.deepEqual(
      [t?.balance, t?.balance_prev_year, t?.yoy, t?.rule_version],
      ['1000.00', '1000.00', 0, 'classify-v2'],
    );
  });

  it('rejects a bad range or an unknown rule version', async () => {
    await assert.rejects(
      restatePeriods(
        db,
        { from: '2025-12', to: '2025-01', ruleVersion: 'classify-v2', reason: 'x', requestedBy: 't' },
        now,
      ),
      RestatementError,
    );
    await assert.rejects(
      restatePeriods(
        db,
        { from: '2025-12', to: '2025-12', ruleVersion: 'classify-v9', reason: 'x', requestedBy: 't' },
        now,
      ),
      RestatementError,
    );
  });

  it('changes the labels of the restated periods only, keeps the old ones readable, and blocks YoY across versions', async () => {
    const before2024 = await labels(subs['2024-12'] ?? '');
    const r = await restatePeriods(
      db,
      {
        from: '2025-01',
        to: '2025-12',
        ruleVersion: 'classify-v2;s70=on',
        reason: 'NFRA S70 caliber',
        requestedBy: 'test',
      },
      now,
    );
    assert.deepEqual([r.rule_version, r.submissions], ['classify-v2;s70=on', '1']);
    assert.deepEqual(await labels(subs['2025-12'] ?? ''), [
      '1:tech.list.high_tech_enterprise@classify-v2;s70=on',
      '2:tech.list.innovative_sme_s70@classify-v2;s70=on',
    ]);
    assert.deepEqual(await labels(subs['2024-12'] ?? ''), before2024);
    const t = await tech('2025-12');
    assert.deepEqual(
      [t?.balance, t?.rule_version, t?.balance_prev_year, t?.yoy],
      ['1300.00', 'classify-v2;s70=on', null, null],
    );
    const old = await replacedFigures(db, r.restatement_id, '2025-12');
    assert.deepEqual(
      old.find((f) => f.area === 'tech'),
      { area: 'tech', balance: '1000.00', borrower_count: '1', rule_version: 'classify-v2' },
    );
    const [h] = await db.all<{ n: string }>(
      'SELECT count(*)::VARCHAR AS n FROM loan_areas_history WHERE restatement_id = CAST(? AS BIGINT)',
      [r.restatement_id],
    );
    assert.equal(h?.n, '1');
  });

  it('labels a later file of a restated period under the restated version', async () => {
    const s = await insertSubmission(
      db,
      { institution: 'R02', period: '2025-12', acceptedAt: '2026-01-21 09:00:00', fileSpec: 'loan-file-v2' },
      BOOK,
    );
    await classifySubmission(db, s);
    assert.ok((await labels(s)).every((l) => l.endsWith('@classify-v2;s70=on')));
  });

  it('gives YoY again once the earlier period is restated to the same version', async () => {
    await restatePeriods(
      db,
      {
        from: '2024-12',
        to: '2024-12',
        ruleVersion: 'classify-v2;s70=on',
        reason: 'comparable',
        requestedBy: 'test',
      },
      now,
    );
    await recomputeAggregates(db, '2025-12', now());
    const t = await tech('2025-12');
    assert.deepEqual([t?.balance, t?.balance_prev_year], ['2600.00', '1300.00']);
    assert.equal(t?.yoy, 1);
    assert.equal((await listRestatements(db)).length, 2);
  });
});
