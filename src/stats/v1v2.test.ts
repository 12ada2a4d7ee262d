// A v1 file and its v2 translation of the same loans: the green and inclusive figures agree where the rules agree,
// and the differences are exactly the rule changes of classify-v2, listed here:
//  - 普惠小微: an individual business's working-capital loan is 经营性 under v2 (any product but consumer/housing),
//    v1 counted only product_type = operating;
//  - green: v2 needs a third-level item of the 2025 catalogue, v1 accepted a first-level code alone ('6').
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';

import { classifySubmission } from '../classify/classify.ts';
import { insertSubmission, openTestAnalytics, type TestLoan } from '../classify/testing.ts';
import type { Analytics } from '../store/analytics/duckdb.ts';
import { computeAggregates } from './aggregates.sql.ts';

const V1_BOOK: (Partial<TestLoan> & { loan_id: string })[] = [
  {
    loan_id: 'a',
    enterprise_size: 'small',
    credit_line_total: '5000000.00',
    green_category: '1.1.1',
    balance: '100.00',
  },
  {
    loan_id: 'b',
    enterprise_size: 'micro',
    product_type: 'discount',
    credit_line_total: '2000000.00',
    balance: '200.00',
  },
  {
    loan_id: 'c',
    borrower_type: 'individual_business',
    enterprise_size: null,
    product_type: 'operating',
    credit_line_total: '1000000.00',
    balance: '300.00',
  },
  {
    loan_id: 'd',
    borrower_type: 'individual_business',
    enterprise_size: null,
    product_type: 'working_capital',
    credit_line_total: '1000000.00',
    balance: '400.00',
  },
  {
    loan_id: 'e',
    borrower_type: 'small_business_owner',
    borrower_is_person: true,
    enterprise_size: null,
    product_type: 'consumer',
    credit_line_total: '100000.00',
    balance: '500.00',
  },
  { loan_id: 'f', enterprise_size: 'large', green_category: '6', balance: '600.00' },
  { loan_id: 'g', enterprise_size: 'medium', green_category: '4.1.1', balance: '700.00' },
  { loan_id: 'h', enterprise_size: 'small', credit_line_total: '20000000.00', balance: '800.00' },
].map((l) => ({ issue_date: '2025-11-01', maturity_date: '2026-10-31', ...l }));

/** The v2 translation of a v1 loan: business category from borrower and product, own loan, green edition by date. */
function toV2(l: Partial<TestLoan>): Partial<TestLoan> {
  const person = ['small_business_owner', 'individual', 'farmer', 'individual_business'].includes(
    l.borrower_type ?? '',
  );
  const bill = l.product_type === 'discount';
  const g = l.green_category ?? null;
  return {
    ...l,
    green_category: null,
    declared_areas: [],
    business_category: bill ? 'C03' : person ? 'C02' : 'C01',
    bill_discount_method: bill ? 'direct' : null,
    loan_nature: 'own',
    green_edition: g === null ? null : (l.issue_date ?? '') >= '2025-10-01' ? '2025' : '2019',
    green_item: g,
  };
}

let db: Analytics;
let s1: string;
let s2: string;
before(async () => {
  db = await openTestAnalytics();
  s1 = await insertSubmission(
    db,
    { institution: 'T01', period: '2025-12', acceptedAt: '2026-01-10 09:00:00' },
    V1_BOOK,
  );
  s2 = await insertSubmission(
    db,
    { institution: 'T02', period: '2025-12', acceptedAt: '2026-01-10 09:00:00', fileSpec: 'loan-file-v2' },
    V1_BOOK.map(toV2),
  );
  await classifySubmission(db, s1);
  await classifySubmission(db, s2);
});
after(() => db.close());

const counted = async (sub: string, area: string): Promise<string[]> =>
  (
    await db.all<{ id: string }>(
      `SELECT DISTINCT l.loan_id AS id FROM loan_areas la JOIN loans l USING (submission_id, row_no)
       WHERE la.submission_id = CAST(? AS BIGINT) AND la.area = ? AND la.in_total ORDER BY 1`,
      [sub, area],
    )
  ).map((r) => r.id);

it('gives the same green and inclusive loans where the rules agree, and lists the differences', async () => {
  const diff: [string, string, string][] = [];
  for (const area of ['green', 'inclusive']) {
    const a = await counted(s1, area);
    const b = await counted(s2, area);
    for (const id of a) if (!b.includes(id)) diff.push([id, area, 'v1 only']);
    for (const id of b) if (!a.includes(id)) diff.push([id, area, 'v2 only']);
    const common = a.filter((id) => b.includes(id));
    assert.deepEqual(common, area === 'green' ? ['a', 'g'] : ['a', 'b', 'c']);
  }
  assert.deepEqual(diff, [
    ['f', 'green', 'v1 only'],
    ['d', 'inclusive', 'v2 only'],
  ]);
});

it('gives figures per file that differ by exactly the listed loans', async () => {
  const rows = await computeAggregates(db, '2025-12');
  const bal = (area: string, inst: string) =>
    rows.find((r) => r.area === area && r.dim === 'institution' && r.dim_value === inst)?.balance;
  // green: v1 a + f + g = 1400, v2 a + g = 800 (f: 600 out); inclusive: v1 a + b + c = 600, v2 + d (400) = 1000
  assert.deepEqual([bal('green', 'T01'), bal('green', 'T02')], ['1400.00', '800.00']);
  assert.deepEqual([bal('inclusive', 'T01'), bal('inclusive', 'T02')], ['600.00', '1000.00']);
});
