// Release figures on the hand-computed book of fixtures/release (book.csv, exits/*.csv submitted through the
// loan-exits ingest), period 2025-01. Every
// expected value below is computed by hand from the book, not by the SQL under test.
//
// The book (C01 own loans unless said; SE01 = a 战略性新兴产业 code, so the loan is tech unless entrusted):
//  loan bank borrower district branch   balance by period                     issued (rate)      other
//  L1   B1   E1       500103   500105   1000.00 to 2024-12, 1200.00 in 2025-01  —                SE01, mortgage
//  L2   B1   E2       500104   500105   500.00 throughout                      —                 credit, 关注, 30 days
//  L3   B1   E3       500103   500105   300.00 in 2025-01 (C03 direct bill)    300.00 @1.5 2025-01 SE01
//  L4   B1   E4       500103   500105   800.00 2024-01 … 2024-06               800.00 @4.5 2024-01 SE01, credit;
//                                                                                                written off 2024-07 (800.00)
//  L5   B2   E5       500104   500106   2000.00 to 2024-12, 1900.00 in 2025-01  —                次级, 120 days;
//                                                                                                repaid 2025-01 (100.00)
//  L6   B2   E1       500103   500106   400.00 in 2025-01                      400.00 @3.8 2025-01 SE01, first_loan (E1 seen
//                                                                                                at B1 since 2023-12)
//  L7   B2   E6       500104   500106   0.00 in 2025-01 (repaid in the month)  100.00 @4.2 2025-01 first_loan (new)
//  L8   B2   E7       500104   500106   600.00 2024-01 … 2025-01               600.00 @4.0 2024-01 credit, first_loan
//  L9   B3   E8       500103   500105   700.00 throughout, ENTRUSTED           —                 SE01 (counts nowhere)
//  L10  B3   E9       500103   500105   900.00 to 2024-12                      —                 SE01; securitized 2025-01
//                                                                                                (900.00)
//  L11  B3   E10      500104   500105   150.00 in 2025-01                      150.00 @3.6 2025-01 credit, first_loan (new)
//
// 各项贷款 (all_loans, L9 excluded): 2023-12 = L1+L2+L5+L10 = 1000+500+2000+900 = 4400.00;
//   2024-01 = 4400 + L4 800 + L8 600 = 5800.00; 2024-12 = 1000+500+2000+600+900 = 5000.00;
//   2025-01 = L1 1200 + L2 500 + L3 300 + L5 1900 + L6 400 + L7 0 + L8 600 + L11 150 = 5050.00.
// tech (L1, L3, L4, L6, L10): 2023-12 = 1900.00; 2024-01 = 2700.00; 2024-12 = 1900.00; 2025-01 = 1200+300+400 = 1900.00.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { openTestAnalytics } from '../classify/testing.ts';
import type { Analytics } from '../store/analytics/duckdb.ts';
import type { CliContext } from '../cli/kernel/command.ts';
import { createOutput } from '../cli/kernel/output.ts';
import { DEFAULT_REPORTING_DEADLINE, type Config } from '../config/config.ts';
import type { Stores } from '../store/stores.ts';
import { repairAggregates, stalePeriods } from './aggregates.sql.ts';
import { periodCompleteness, reportingDeadline } from './completeness.ts';
import { recomputeSettled, requestRecompute } from './recompute.ts';
import { statsCommands } from './cli.ts';
import { releaseAnswer, type ReleaseAnswer } from './release.answer.ts';
import { releaseFigures, type ReleaseFigure } from './release.ts';
import { aggregateBook, BOOK_LAST, loadBook, loadBookExits } from './release.testkit.ts';

let db: Analytics;
const NOW = new Date('2025-02-05T08:00:00Z');

before(async () => {
  db = await openTestAnalytics();
  const periods = await loadBook(db);
  const exits = await loadBookExits(db, NOW);
  // The loan of B2's repaid exit is in its 2024-12 file; all three files are accepted without warnings.
  assert.deepEqual(
    exits.map((e) => [e.status, e.institution_code, e.report_period, e.violations.length]),
    [
      ['accepted', 'B1', '2024-07', 0],
      ['accepted', 'B2', '2025-01', 0],
      ['accepted', 'B3', '2025-01', 0],
    ],
  );
  await aggregateBook(db, periods, NOW);
});
after(() => db.close());

async function fig(
  key: string,
  dim: 'city' | 'district' | 'branch_district' | 'institution',
  value?: string,
) {
  const rows = await releaseFigures(db, BOOK_LAST, { dim, key, dimValue: value });
  assert.equal(rows.length, 1, `${key} ${dim} ${value ?? ''}`);
  return rows[0] as ReleaseFigure;
}

describe('release figures, city, 2025-01', () => {
  it('各项贷款 (all_loans)', async () => {
    const f = await fig('all_loans', 'city');
    assert.deepEqual(
      {
        balance: f.balance,
        // 5050.00 − 5000.00 (2024-12)
        ytd_increase: f.ytd_increase,
        // 5050.00 − 5800.00 (2024-01) = −750.00; −750 / 5800 = −12.931…%
        yoy_increase: f.yoy_increase,
        yoy: f.yoy,
        // this year's +50.00 − last year's (5800.00 − 4400.00 = 1400.00)
        yoy_extra_increase: f.yoy_extra_increase,
        // L3 300 + L6 400 + L7 100 + L11 150; last year L4 800 + L8 600 = 1400: (950 − 1400) / 1400 = −32.142…%
        ytd_issued: f.ytd_issued,
        ytd_issued_yoy: f.ytd_issued_yoy,
        contribution: f.contribution,
        // E1 (L1, L6), E2, E3, E5, E7, E10; E6's only loan has balance 0.00
        borrowers_with_balance: f.borrowers_with_balance,
        // E6 (L7) and E10 (L11); E1 (L6) was seen at B1 before
        first_loan_borrowers_ytd: f.first_loan_borrowers_ytd,
        // (400×3.8 + 100×4.2 + 150×3.6) / 650 = 2480 / 650 = 3.81538…; 2024-01: (800×4.5 + 600×4.0) / 1400 = 4.28571…
        new_loan_rate: f.new_loan_rate,
        // (3.8154 − 4.2857) × 100
        new_loan_rate_yoy_bp: f.new_loan_rate_yoy_bp,
        // L3 alone; no bill issued in 2024-01
        bill_rate: f.bill_rate,
        bill_rate_yoy_bp: f.bill_rate_yoy_bp,
        // credit: L2 500 + L8 600 + L11 150 = 1250 / 5050 = 24.752…%; issued: L11 150 / 950 = 15.789…%
        credit_share_balance: f.credit_share_balance,
        credit_share_issued: f.credit_share_issued,
        // 关注 L2 500 / 5050 = 9.900…%; 逾期90天以上 and 不良 L5 1900 / 5050 = 37.623…%
        special_mention_ratio: f.special_mention_ratio,
        overdue90_ratio: f.overdue90_ratio,
        npl_ratio: f.npl_ratio,
        // exits 2024-02 … 2025-01 other than repaid: L4 800 + L10 900 = 1700; (5050 + 1700 − 5800) / 5800 = 16.379…%
        yoy_comparable: f.yoy_comparable,
      },
      {
        balance: '5050.00',
        ytd_increase: '50.00',
        yoy_increase: '-750.00',
        yoy: '-12.93',
        yoy_extra_increase: '-1350.00',
        ytd_issued: '950.00',
        ytd_issued_yoy: '-32.14',
        contribution: '100.00',
        borrowers_with_balance: '6',
        first_loan_borrowers_ytd: '2',
        new_loan_rate: '3.8154',
        new_loan_rate_yoy_bp: '-47.03',
        bill_rate: '1.5000',
        bill_rate_yoy_bp: null,
        credit_share_balance: '24.75',
        credit_share_issued: '15.79',
        special_mention_ratio: '9.90',
        overdue90_ratio: '37.62',
        npl_ratio: '37.62',
        yoy_comparable: '16.38',
      },
    );
  });

  it('科技贷款 (tech area) and its line T0 agree; the entrusted L9 counts in neither', async () => {
    for (const key of ['tech', 'T0', 'I3']) {
      const f = await fig(key, 'city');
      assert.deepEqual(
        [
          f.balance,
          f.ytd_increase,
          f.yoy_increase,
          f.yoy,
          f.yoy_extra_increase,
          f.ytd_issued,
          f.ytd_issued_yoy,
          f.borrowers_with_balance,
          f.first_loan_borrowers_ytd,
          f.new_loan_rate,
          f.new_loan_rate_yoy_bp,
          f.bill_rate,
          f.yoy_comparable,
        ],
        [
          '1900.00',
          // 1900 − 1900 (2024-12)
          '0.00',
          // 1900 − 2700 (2024-01); −800 / 2700 = −29.629…%
          '-800.00',
          '-29.63',
          // 0 − (2700 − 1900)
          '-800.00',
          // L3 300 + L6 400; last year L4 800: (700 − 800) / 800 = −12.5%
          '700.00',
          '-12.50',
          // E1 (L1, L6) and E3 (L3)
          '2',
          // L6's E1 was seen before
          '0',
          // L6 alone 3.8; 2024-01 L4 4.5: −70 bp
          '3.8000',
          '-70.00',
          '1.5000',
          // (1900 + L4 800 + L10 900 − 2700) / 2700 = 33.333…%
          '33.33',
        ],
        key,
      );
    }
  });
});

describe('release figures by district, lending-office district and bank, 2025-01', () => {
  it('borrower caliber: 500104 holds the whole increase', async () => {
    // 500103: L1 1200 + L3 300 + L6 400 = 1900 vs 2024-12 L1 1000 + L10 900 = 1900 → +0.00, 0.00%
    const a = await fig('all_loans', 'district', '500103');
    assert.deepEqual([a.balance, a.ytd_increase, a.contribution], ['1900.00', '0.00', '0.00']);
    // 500104: L2 500 + L5 1900 + L7 0 + L8 600 + L11 150 = 3150 vs 500 + 2000 + 600 = 3100 → +50.00, 100.00%
    const b = await fig('all_loans', 'district', '500104');
    assert.deepEqual([b.balance, b.ytd_increase, b.contribution], ['3150.00', '50.00', '100.00']);
  });

  it('机构所在地 caliber differs from the borrower caliber', async () => {
    // 500105 (B1 and B3's office): 1200 + 500 + 300 + 150 = 2150 vs 1000 + 500 + 900 = 2400 → −250.00, −500.00%
    const a = await fig('all_loans', 'branch_district', '500105');
    assert.deepEqual([a.balance, a.ytd_increase, a.contribution], ['2150.00', '-250.00', '-500.00']);
    // 500106 (B2): 1900 + 400 + 0 + 600 = 2900 vs 2000 + 600 = 2600 → +300.00, 600.00%
    const b = await fig('all_loans', 'branch_district', '500106');
    assert.deepEqual([b.balance, b.ytd_increase, b.contribution], ['2900.00', '300.00', '600.00']);
  });

  it('bank B3: securitization added back in the comparable growth', async () => {
    // B3 (L9 excluded): 2025-01 L11 150; 2024-01 L10 900 → yoy (150 − 900) / 900 = −83.333…%;
    // comparable (150 + 900 − 900) / 900 = 16.666…%; new first-loan borrower E10
    const f = await fig('all_loans', 'institution', 'B3');
    assert.deepEqual(
      [f.balance, f.yoy, f.yoy_comparable, f.first_loan_borrowers_ytd, f.contribution],
      ['150.00', '-83.33', '16.67', '1', '-1500.00'],
    );
  });
});

describe('fivefin stats --json (the API contract on the command line)', () => {
  it('answers the latest complete period with every contract field for every area and line', async () => {
    const printed: string[] = [];
    const ctx: CliContext = {
      config: { reportingDeadline: DEFAULT_REPORTING_DEADLINE } as Config,
      stores: async () => ({ analytics: db }) as unknown as Stores,
      out: createOutput({
        json: true,
        tty: false,
        sink: { stdout: (t) => void printed.push(t), stderr: () => undefined },
      }),
      now: () => NOW,
    };
    const stats = statsCommands.find((c) => c.path.join(' ') === 'stats');
    assert.equal(await stats?.run(['--json'], ctx), 0);
    const r = JSON.parse(printed.join('')) as ReleaseAnswer;
    assert.deepEqual(
      [r.period, r.complete, r.institutions_reported, r.institutions_expected],
      ['2025-01', true, 3, 3],
    );
    const keys = new Set(r.figures.map((f) => f.key));
    for (const k of ['tech', 'green', 'inclusive', 'pension', 'digital', 'all5', 'all_loans', 'T0', 'I3'])
      assert.ok(keys.has(k), k);
    const city = r.figures.find((f) => f.key === 'all_loans');
    assert.deepEqual(
      [city?.balance, city?.yoy_comparable, city?.first_loan_borrowers_ytd, city?.complete],
      ['5050.00', '16.38', '2', true],
    );
    for (const f of r.figures)
      for (const field of [
        'balance',
        'ytd_increase',
        'yoy',
        'yoy_increase',
        'yoy_extra_increase',
        'ytd_issued',
        'borrowers_with_balance',
        'first_loan_borrowers_ytd',
        'new_loan_rate',
        'bill_rate',
        'yoy_comparable',
        'rule_version',
        'complete',
        'institutions_reported',
        'institutions_expected',
      ])
        assert.ok(field in f, `${f.key} ${field}`);
  });
});

describe('completeness (the same book, then one bank missing in the last month)', () => {
  const D = DEFAULT_REPORTING_DEADLINE;
  it('the deadline is the 12th of the next month, 17:00 Asia/Shanghai', () => {
    assert.equal(reportingDeadline('2025-01', D).toISOString(), '2025-02-12T09:00:00.000Z');
    assert.equal(reportingDeadline('2024-12', D).toISOString(), '2025-01-12T09:00:00.000Z');
  });

  it('all three banks reported 2025-01: complete, and the default period', async () => {
    const r = await releaseAnswer(db, { dim: 'city', key: 'all_loans' }, NOW, D);
    assert.deepEqual(
      [r?.period, r?.complete, r?.institutions_reported, r?.institutions_expected, r?.figures[0]?.complete],
      ['2025-01', true, 3, 3, true],
    );
  });

  it('B3 withdraws 2025-01: stale, recomputed, incomplete before the deadline; the default is 2024-12', async () => {
    await db.run(
      `UPDATE submissions SET superseded_at = TIMESTAMP '2025-02-04 00:00:00'
       WHERE institution_code = 'B3' AND report_period = '2025-01'`,
    );
    assert.deepEqual(await stalePeriods(db), ['2025-01']);
    assert.deepEqual(await repairAggregates(db, NOW), ['2025-01']);
    const [c] = await periodCompleteness(db, ['2025-01'], NOW, D);
    assert.deepEqual([c?.complete, c?.institutions_reported, c?.institutions_expected], [false, 2, 3]);
    const r = await releaseAnswer(db, { dim: 'city', key: 'all_loans' }, NOW, D);
    // 2024-12: 5000.00 (three banks), complete
    assert.deepEqual([r?.period, r?.complete, r?.figures[0]?.balance], ['2024-12', true, '5000.00']);
    const asked = await releaseAnswer(db, { period: '2025-01', dim: 'city', key: 'all_loans' }, NOW, D);
    // 2025-01 without B3's L11 150.00: 5050.00 − 150.00; every row says incomplete
    assert.deepEqual(
      [
        asked?.complete,
        asked?.figures[0]?.balance,
        asked?.figures[0]?.complete,
        asked?.figures[0]?.institutions_reported,
      ],
      [false, '4900.00', false, 2],
    );
    // After the deadline the period is complete with what was reported.
    const late = await releaseAnswer(
      db,
      { dim: 'city', key: 'all_loans' },
      new Date('2025-02-12T09:00:01Z'),
      D,
    );
    assert.deepEqual([late?.period, late?.complete], ['2025-01', true]);
  });

  it('a submission under review counts neither in the figures nor as reported', async () => {
    await db.run(
      `UPDATE submissions SET review_status = 'under_review'
       WHERE institution_code = 'B2' AND report_period = '2024-12' AND superseded_at IS NULL`,
    );
    // 2024-12 itself, and 2025-01 (its exits are loans of 2024-12)
    assert.deepEqual(await repairAggregates(db, NOW), ['2024-12', '2025-01']);
    const r = await releaseAnswer(db, { period: '2024-12', dim: 'city', key: 'all_loans' }, NOW, D);
    // 5000.00 − B2's L5 2000.00 and L8 600.00; 2 of 3 banks; still complete (deadline 2025-01-12 passed)
    assert.deepEqual([r?.figures[0]?.balance, r?.institutions_reported, r?.complete], ['2400.00', 2, true]);
  });

  it('coalesced: a burst of requests runs in the background; the old figures stay readable meanwhile', async () => {
    await db.run(
      `UPDATE submissions SET review_status = 'approved'
       WHERE institution_code = 'B2' AND report_period = '2024-12' AND superseded_at IS NULL`,
    );
    const policy = { delayMs: 50, now: () => NOW };
    for (let i = 0; i < 3; i++) await requestRecompute(db, '2024-12', policy);
    const during = await releaseAnswer(db, { period: '2024-12', dim: 'city', key: 'all_loans' }, NOW, D);
    assert.deepEqual([during?.recomputing, during?.figures[0]?.balance], [true, '2400.00']);
    await recomputeSettled(db);
    const done = await releaseAnswer(db, { period: '2024-12', dim: 'city', key: 'all_loans' }, NOW, D);
    // B2 approved: 5000.00 again, 3 of 3 banks
    assert.deepEqual(
      [done?.recomputing, done?.figures[0]?.balance, done?.institutions_reported],
      [false, '5000.00', 3],
    );
    assert.deepEqual(await stalePeriods(db), []);
  });
});
