// The 13 tech lines of INDICATORS.md §1 × 5 measures × 2 bill variants on a small hand-computed v2 book (one test
// per line), entrusted loans and 转贴现 bills counting nowhere, and the NFRA S70 switch.
//
// The book (period 2025-12; borrowers A–G are enterprises; rates in %):
//  #  borrower  category        bal      rate  issued  codes      lists of the borrower
//  1  A         C01             1000.00  4.0   0       HTP01      高新技术企业, 科技型中小企业
//  2  A         C03 direct      500.00   2.0   500.00  —
//  3  B         C01             2000.00  3.0   2000.00 SE01 HTS09 专精特新中小企业
//  4  C         C01             400.00   5.0   0       —          专精特新“小巨人”
//  5  D         C01             300.00   4.0   300.00  —          国家技术创新示范企业
//  6  E         C03 direct      200.00   1.5   200.00  —          制造业单项冠军
//  7  F         C01             600.00   3.5   600.00  PA01       —
//  8  F         C03 rediscount  900.00   2.0   900.00  HTS01      (转贴现: counts nowhere)
//  9  A         C01 entrusted   700.00   4.0   700.00  HTP01      (委托: counts nowhere)
// 10  G         C01             800.00   4.0   800.00  —          创新型中小企业 (only under S70)
// 11  F         C01             0.00     4.0   100.00  HTP04      (repaid in the month: no balance, no count)
// 12  B         C03 direct      100.00   2.5   0       SE02
// 13  A         C02             50.00    6.0   0       —          (个人贷款: never tech)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { classifySubmission } from '../classify/classify.ts';
import { DEFAULT_OPTIONS } from '../classify/rules.ts';
import { RULE_SET_V2 } from '../classify/rules.v2.ts';
import { addQualification, insertSubmission, openTestAnalytics, type TestLoan } from '../classify/testing.ts';
import type { Analytics } from '../store/analytics/duckdb.ts';
import { computeLineFigures, type LineFigure } from './lines.sql.ts';

const K = (c: string): string => `91500000000000000${c}`;
const BOOK: Partial<TestLoan>[] = [
  {
    borrower_key: K('A'),
    balance: '1000.00',
    interest_rate: '4.0',
    issued_amount: '0',
    tech_htp: 'HTP01',
    industry_code: '2710',
  },
  {
    borrower_key: K('A'),
    business_category: 'C03',
    bill_discount_method: 'direct',
    balance: '500.00',
    interest_rate: '2.0',
    issued_amount: '500.00',
    product_type: 'discount',
  },
  {
    borrower_key: K('B'),
    balance: '2000.00',
    interest_rate: '3.0',
    issued_amount: '2000.00',
    tech_sei: 'SE01',
    tech_hts: 'HTS09',
  },
  { borrower_key: K('C'), balance: '400.00', interest_rate: '5.0', issued_amount: '0' },
  { borrower_key: K('D'), balance: '300.00', interest_rate: '4.0', issued_amount: '300.00' },
  {
    borrower_key: K('E'),
    business_category: 'C03',
    bill_discount_method: 'direct',
    balance: '200.00',
    interest_rate: '1.5',
    issued_amount: '200.00',
    product_type: 'discount',
  },
  {
    borrower_key: K('F'),
    balance: '600.00',
    interest_rate: '3.5',
    issued_amount: '600.00',
    tech_ipi: 'PA01',
  },
  {
    borrower_key: K('F'),
    business_category: 'C03',
    bill_discount_method: 'rediscount',
    balance: '900.00',
    interest_rate: '2.0',
    issued_amount: '900.00',
    tech_hts: 'HTS01',
    product_type: 'discount',
  },
  {
    borrower_key: K('A'),
    loan_nature: 'entrusted',
    balance: '700.00',
    interest_rate: '4.0',
    issued_amount: '700.00',
    tech_htp: 'HTP01',
    industry_code: '2710',
  },
  {
    borrower_key: K('G'),
    enterprise_size: 'small',
    balance: '800.00',
    interest_rate: '4.0',
    issued_amount: '800.00',
  },
  {
    borrower_key: K('F'),
    balance: '0.00',
    interest_rate: '4.0',
    issued_amount: '100.00',
    tech_htp: 'HTP04',
    industry_code: '3911',
  },
  {
    borrower_key: K('B'),
    business_category: 'C03',
    bill_discount_method: 'direct',
    balance: '100.00',
    interest_rate: '2.5',
    issued_amount: '0',
    tech_sei: 'SE02',
    product_type: 'discount',
  },
  {
    borrower_key: K('A'),
    business_category: 'C02',
    balance: '50.00',
    interest_rate: '6.0',
    issued_amount: '0',
  },
];

type Cell = [count: string, balance: string, rate: string | null, issued: string, issuedRate: string | null];
/** Hand figures: [with bills (4.1), without bills (4.2)], each [获贷企业数, 余额, 余额利率, 新发放额, 新发放利率]. */
const HAND: Record<string, { with: Cell; without: Cell; why: string }> = {
  K1: {
    why: '#1 + #2: (1000×4 + 500×2) / 1500; without bills #1 only',
    with: ['1', '1500.00', '3.333333', '500.00', '2.000000'],
    without: ['1', '1000.00', '4.000000', '0.00', null],
  },
  K2: {
    why: 'A is on both lists: same as K1',
    with: ['1', '1500.00', '3.333333', '500.00', '2.000000'],
    without: ['1', '1000.00', '4.000000', '0.00', null],
  },
  K3: {
    why: '#3 + #4 (小巨人 is inside 专精特新) + #12: 8250 / 2500; without #12: 8000 / 2400',
    with: ['2', '2500.00', '3.300000', '2000.00', '3.000000'],
    without: ['2', '2400.00', '3.333333', '2000.00', '3.000000'],
  },
  K3a: {
    why: '#4 only',
    with: ['1', '400.00', '5.000000', '0.00', null],
    without: ['1', '400.00', '5.000000', '0.00', null],
  },
  K4: {
    why: '#5 only',
    with: ['1', '300.00', '4.000000', '300.00', '4.000000'],
    without: ['1', '300.00', '4.000000', '300.00', '4.000000'],
  },
  K5: {
    why: '#6 is a bill: nothing without bills',
    with: ['1', '200.00', '1.500000', '200.00', '1.500000'],
    without: ['0', '0.00', null, '0.00', null],
  },
  K0: {
    why: 'loans 1–6 and 12 once each: 14750 / 4500, issued 8500 / 3000; without: 1,3,4,5: 13200 / 3700, 7200 / 2300',
    with: ['5', '4500.00', '3.277778', '3000.00', '2.833333'],
    without: ['4', '3700.00', '3.567568', '2300.00', '3.130435'],
  },
  I1: {
    why: '#1 + #11 (no balance: no count); #9 entrusted out',
    with: ['1', '1000.00', '4.000000', '100.00', '4.000000'],
    without: ['1', '1000.00', '4.000000', '100.00', '4.000000'],
  },
  I2: {
    why: '#3 (HTS09, the ninth category); #8 转贴现 out',
    with: ['1', '2000.00', '3.000000', '2000.00', '3.000000'],
    without: ['1', '2000.00', '3.000000', '2000.00', '3.000000'],
  },
  I3: {
    why: '#3 + #12: 6250 / 2100; without: #3',
    with: ['1', '2100.00', '2.976190', '2000.00', '3.000000'],
    without: ['1', '2000.00', '3.000000', '2000.00', '3.000000'],
  },
  I4: {
    why: '#7',
    with: ['1', '600.00', '3.500000', '600.00', '3.500000'],
    without: ['1', '600.00', '3.500000', '600.00', '3.500000'],
  },
  I0: {
    why: '#1, #3 (two flags, once), #7, #11, #12: 12350 / 3700, 8500 / 2700; without #12: 12100 / 3600',
    with: ['3', '3700.00', '3.337838', '2700.00', '3.148148'],
    without: ['3', '3600.00', '3.361111', '2700.00', '3.148148'],
  },
  T0: {
    why: 'K0 ∪ I0 = 1,2,3,4,5,6,7,11,12: 16850 / 5100, 11000 / 3700; without: 1,3,4,5,7,11: 15300 / 4300, 9700 / 3000',
    with: ['6', '5100.00', '3.303922', '3700.00', '2.972973'],
    without: ['5', '4300.00', '3.558140', '3000.00', '3.233333'],
  },
};

let db: Analytics;
let sub: string;
let figures: LineFigure[];
before(async () => {
  db = await openTestAnalytics();
  const lists: [string, string][] = [
    ['A', 'high_tech_enterprise'],
    ['A', 'tech_sme'],
    ['B', 'specialized_sme'],
    ['C', 'little_giant'],
    ['D', 'tech_innovation_demo'],
    ['E', 'manufacturing_champion'],
    ['G', 'innovative_sme'],
  ];
  for (const [b, q] of lists) await addQualification(db, K(b), q, '2024-01-01', null);
  sub = await insertSubmission(
    db,
    { institution: 'H01', period: '2025-12', acceptedAt: '2026-01-10 09:00:00', fileSpec: 'loan-file-v2' },
    BOOK.map((l, i) => ({ ...l, loan_id: `L${i + 1}` })),
  );
  await classifySubmission(db, sub);
  figures = await computeLineFigures(db, '2025-12');
});
after(() => db.close());

const cell = (line: string, variant: string): Cell => {
  const f = figures.find((x) => x.line === line && x.variant === variant);
  assert.ok(f, `${line} ${variant} missing`);
  return [f.borrower_count, f.balance, f.balance_rate, f.issued_amount, f.issued_rate];
};

describe('tech lines on the hand-computed book (含 / 不含票据直贴)', () => {
  for (const [line, hand] of Object.entries(HAND))
    it(`${line}: ${hand.why}`, () => {
      assert.deepEqual(cell(line, 'with_bills'), hand.with);
      assert.deepEqual(cell(line, 'without_bills'), hand.without);
    });

  it('labels entrusted loans, 转贴现 bills and C02 loans under no basis at all', async () => {
    const rows = await db.all<{ row_no: string }>(
      'SELECT DISTINCT row_no::VARCHAR AS row_no FROM loan_areas WHERE submission_id = ? ORDER BY row_no::BIGINT',
      [sub],
    );
    assert.deepEqual(
      rows.map((r) => r.row_no),
      ['1', '2', '3', '4', '5', '6', '7', '11', '12'],
    );
    assert.equal(figures.find((f) => f.line === 'S70' && f.variant === 'with_bills')?.balance, '0.00');
    assert.ok(figures.every((f) => f.rule_version === 'classify-v2'));
  });

  it('counts 创新型中小企业 in T0 only under the NFRA S70 switch, with the switch in the rule version', async () => {
    await classifySubmission(db, sub, { set: RULE_SET_V2, opts: { ...DEFAULT_OPTIONS, nfraS70: true } });
    const on = await computeLineFigures(db, '2025-12');
    const t0 = on.find((f) => f.line === 'T0' && f.variant === 'with_bills');
    assert.deepEqual(
      [t0?.borrower_count, t0?.balance, t0?.rule_version],
      ['7', '5900.00', 'classify-v2;s70=on'],
    );
    const k0 = on.find((f) => f.line === 'K0' && f.variant === 'with_bills');
    assert.equal(k0?.balance, '4500.00');
    await classifySubmission(db, sub);
  });
});
