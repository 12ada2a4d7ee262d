// Aggregates on hand-built loans with known answers: dedup across areas, ratios, growth across a year
// boundary, reconciliation items, and a re-submission whose old figure stays reproducible as of its date.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { classifySubmission } from '../classify/classify.ts';
import { listReconciliationItems, reconciliationSummary } from '../classify/reconcile.ts';
import { addQualification, insertSubmission, openTestAnalytics, type TestLoan } from '../classify/testing.ts';
import type { Analytics } from '../store/analytics/duckdb.ts';
import { computeAggregates, recomputeAggregates, storedAggregates } from './aggregates.sql.ts';
import { areaStats } from './queries.ts';

const HT = '915000000000000001';
const SM = '915000000000000020';
const small = (p: Partial<TestLoan>): Partial<TestLoan> => ({
  borrower_key: SM,
  enterprise_size: 'small',
  credit_line_total: '2000000.00',
  ...p,
});

const JAN25_V1: Partial<TestLoan>[] = [
  {
    loan_id: 'L1',
    borrower_key: HT,
    enterprise_size: 'small',
    credit_line_total: '5000000.00',
    green_category: '1',
    declared_areas: ['tech'],
    balance: '1000.00',
    issued_amount: '1000.00',
    interest_rate: '4.0000',
    guarantee_type: 'credit',
    issue_date: '2025-01-10',
    maturity_date: '2027-01-10',
    first_loan: true,
  },
  small({
    loan_id: 'L2',
    declared_areas: ['green'],
    district_code: '500104',
    balance: '500.00',
    issued_amount: '500.00',
    interest_rate: '5.0000',
    quality: 'substandard',
    first_loan: true,
    issue_date: '2025-01-05',
    maturity_date: '2025-12-31',
  }),
  { loan_id: 'L3', balance: '2000.00' },
  small({ loan_id: 'L4', district_code: '500104', balance: '300.00', guarantee_type: 'credit' }),
  {
    loan_id: 'L5',
    borrower_key: 'ef'.repeat(32),
    borrower_is_person: true,
    borrower_type: 'individual',
    enterprise_size: null,
    product_type: 'consumer',
    declared_areas: ['digital'],
    balance: '100.00',
  },
];

// Borrowers whose loans differ in district, industry, size and guarantee, with first loans in only some values.
const MIXED: Partial<TestLoan>[] = [
  small({ loan_id: 'M1', district_code: '500103', guarantee_type: 'credit', first_loan: true }),
  small({ loan_id: 'M2', district_code: '500104', industry_code: '3911', enterprise_size: 'micro' }),
  small({ loan_id: 'M3', district_code: '500104', industry_code: '3911', first_loan: true }),
  { loan_id: 'M4', borrower_key: HT, industry_code: '3911', guarantee_type: 'credit' },
  { loan_id: 'M5', borrower_key: HT, industry_code: '0111', enterprise_size: 'small', first_loan: true },
  { loan_id: 'M6', borrower_key: '915000000000000030', guarantee_type: 'credit' },
];

let db: Analytics;
let janV1 = '';
const city = async (period: string, area: string) =>
  (await areaStats(db, period, { area: area as 'all5' })).figures[0];

before(async () => {
  db = await openTestAnalytics();
  await addQualification(db, HT, 'high_tech_enterprise', '2023-01-01', '2026-12-31');
  const subs: [string, string, Partial<TestLoan>[]][] = [
    ['2024-01', '2024-02-10 09:00:00', [small({ loan_id: 'A', balance: '1200.00' })]],
    ['2024-12', '2025-01-10 09:00:00', [small({ loan_id: 'A', balance: '1500.00' })]],
    ['2025-01', '2025-02-10 09:00:00', JAN25_V1],
    ['2025-03', '2025-04-10 09:00:00', MIXED],
  ];
  for (const [period, at, loans] of subs) {
    const id = await insertSubmission(db, { institution: 'B001', period, acceptedAt: at }, loans);
    if (period === '2025-01') janV1 = id;
    await classifySubmission(db, id);
    await recomputeAggregates(db, period, new Date(at.replace(' ', 'T') + 'Z'));
  }
});
after(() => db.close());

describe('stored aggregates', () => {
  it('counts a loan in three areas once in the deduplicated total', async () => {
    assert.equal((await city('2025-01', 'tech'))?.balance, '1000.00');
    assert.equal((await city('2025-01', 'green'))?.balance, '1000.00');
    assert.equal((await city('2025-01', 'inclusive'))?.balance, '1800.00');
    assert.equal((await city('2025-01', 'digital'))?.balance, '100.00');
    const all5 = await city('2025-01', 'all5');
    assert.equal(all5?.balance, '1900.00');
    assert.equal(all5?.loan_count, '4');
    const all = await city('2025-01', 'all_loans');
    assert.equal(all?.balance, '3900.00');
    assert.equal(all?.loan_count, '5');
  });

  it('gives the ratios and counts of an area', async () => {
    const inc = await city('2025-01', 'inclusive');
    assert.ok(inc);
    assert.equal(inc.loan_count, '3');
    assert.equal(inc.borrower_count, '2');
    assert.equal(inc.issued_amount, '1500.00');
    assert.equal(inc.avg_issued_rate, '4.3333');
    assert.equal(inc.credit_share, 0.722222);
    assert.equal(inc.npl_ratio, 0.277778);
    assert.equal(inc.mlt_share, 0.555556);
    assert.equal(inc.first_loan_borrowers, '2');
    assert.equal(inc.rule_version, 'classify-v1');
    assert.deepEqual(inc.submission_ids, [janV1]);
  });

  it('computes MoM 2025-01 vs 2024-12 and YoY 2025-01 vs 2024-01', async () => {
    const inc = await city('2025-01', 'inclusive');
    assert.equal(inc?.balance_prev_month, '1500.00');
    assert.equal(inc?.balance_prev_year, '1200.00');
    assert.equal(inc?.mom, 0.2);
    assert.equal(inc?.yoy, 0.5);
  });

  it('breaks figures down by district with names', async () => {
    const s = await areaStats(db, '2025-01', { dim: 'district', area: 'inclusive' });
    assert.deepEqual(
      s.figures.map((f) => [f.dim_value, f.dim_label, f.balance]),
      [
        ['500103', '渝中区', '1000.00'],
        ['500104', '大渡口区', '800.00'],
      ],
    );
    assert.deepEqual(
      s.provisional.map((p) => [p.basis, p.balance]),
      [['digital.declared_provisional', '100.00']],
    );
  });

  it('lists every declared/derived disagreement', async () => {
    const items = await listReconciliationItems(db, '2025-01', { institution: 'B001' });
    assert.deepEqual(
      items.map((i) => [i.loan_id, i.area, i.kind]),
      [
        ['L1', 'green', 'derived_not_declared'],
        ['L1', 'inclusive', 'derived_not_declared'],
        ['L2', 'green', 'declared_not_derived'],
        ['L2', 'inclusive', 'derived_not_declared'],
        ['L4', 'inclusive', 'derived_not_declared'],
      ],
    );
    const sum = await reconciliationSummary(db, '2025-01');
    const row = sum.find((r) => r.area === 'inclusive' && r.kind === 'derived_not_declared');
    assert.deepEqual([row?.loan_count, row?.balance], ['3', '1800.00']);
  });

  it('counts each borrower once per area and dimension value, also when its loans differ', async () => {
    const expected = await db.all<{ area: string; dim: string; dim_value: string; b: string; f: string }>(
      `WITH x AS (
         SELECT l.borrower_key, l.first_loan, a.area, l.district_code, l.industry_code, l.guarantee_type,
           coalesce(l.enterprise_size, l.borrower_type) AS size_key
         FROM loans_current l
         JOIN (SELECT DISTINCT submission_id, row_no, area FROM loan_areas
               UNION ALL SELECT DISTINCT submission_id, row_no, 'all5' FROM loan_areas
               UNION ALL SELECT submission_id, row_no, 'all_loans' FROM loans_current) a
           USING (submission_id, row_no)
         WHERE l.report_period = '2025-03'
       ),
       d AS (
         SELECT area, 'city' AS dim, '500000' AS dim_value, borrower_key, first_loan FROM x
         UNION ALL SELECT area, 'district', district_code, borrower_key, first_loan FROM x
         UNION ALL SELECT area, 'industry_division', left(industry_code, 2), borrower_key, first_loan FROM x
         UNION ALL SELECT area, 'size', size_key, borrower_key, first_loan FROM x
         UNION ALL SELECT area, 'guarantee', guarantee_type, borrower_key, first_loan FROM x
       )
       SELECT area, dim, dim_value, count(DISTINCT borrower_key)::VARCHAR AS b,
         count(DISTINCT borrower_key) FILTER (WHERE first_loan)::VARCHAR AS f
       FROM d GROUP BY ALL`,
    );
    const order = (a: object, b: object) =>
      JSON.stringify(Object.values(a)).localeCompare(JSON.stringify(Object.values(b)));
    const dims = new Set(['city', 'district', 'industry_division', 'size', 'guarantee']);
    const stored = (await storedAggregates(db, '2025-03'))
      .filter((r) => dims.has(r.dim))
      .map((r) => ({
        area: r.area,
        dim: r.dim,
        dim_value: r.dim_value,
        b: r.borrower_count,
        f: r.first_loan_borrowers,
      }))
      .sort(order);
    assert.ok(expected.length > 20);
    assert.deepEqual(stored, expected.sort(order));
    const guarantee = stored.filter((r) => r.area === 'all_loans' && r.dim === 'guarantee');
    assert.deepEqual(
      guarantee.map((r) => [r.dim_value, r.b, r.f]),
      [
        ['credit', '3', '1'],
        ['mortgage', '2', '2'],
      ],
    );
  });

  it('keeps an old figure reproducible as of its date after a re-submission', async () => {
    const before = await storedAggregates(db, '2025-01');
    const v2 = JAN25_V1.filter((l) => l.loan_id !== 'L3').map((l) =>
      l.loan_id === 'L2' ? { ...l, balance: '700.00' } : l,
    );
    const id2 = await insertSubmission(
      db,
      { institution: 'B001', period: '2025-01', acceptedAt: '2025-02-20 09:00:00' },
      v2,
    );
    await classifySubmission(db, id2);
    await recomputeAggregates(db, '2025-01');
    const inc = await city('2025-01', 'inclusive');
    assert.equal(inc?.balance, '2000.00');
    assert.deepEqual(inc?.submission_ids, [id2]);
    assert.equal((await city('2025-01', 'all_loans'))?.balance, '2100.00');
    const asOf = await computeAggregates(db, '2025-01', { asOf: '2025-02-15 00:00:00' });
    assert.deepEqual(asOf, before);
    const inc1 = asOf.find((r) => r.area === 'inclusive' && r.dim === 'city');
    assert.equal(inc1?.balance, '1800.00');
    const now = await computeAggregates(db, '2025-01');
    assert.deepEqual(now, await storedAggregates(db, '2025-01'));
  });
});
