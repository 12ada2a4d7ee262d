// Test fixture of the assessment (also the worked example of docs/assessment.md): 4 banks (3 in one peer
// group), 2 districts, 2 quarters (2025-Q1, 2025-Q2; base month 2024-12), a small indicator configuration,
// and the reviewers' qualitative scores. Only used by tests.
import type { Institution } from '../institutions/schema.sql.ts';
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';

export const FIXTURE_CONFIG_YAML = `
label: fixture
grades:
  - {grade: A, min_score: 85}
  - {grade: B, min_score: 70}
  - {grade: C, min_score: 60}
  - {grade: D, min_score: 0}
subjects:
  bank:
    quantitative_weight: 80
    qualitative_weight: 20
    indicators:
      - {id: inc_growth, name_zh: 普惠小微贷款增速差, name_en: Inclusive growth gap, kind: quantitative,
         metric: balance_growth_gap, area: inclusive, direction: higher,
         normalisation: {method: minmax, min_score: 60}, weight: 30}
      - {id: inc_share, name_zh: 普惠小微贷款占比, name_en: Inclusive share, kind: quantitative,
         metric: area_share, area: inclusive, direction: higher, normalisation: {method: rank}, weight: 20}
      - {id: inc_npl, name_zh: 普惠小微不良率, name_en: Inclusive NPL ratio, kind: quantitative,
         metric: npl_ratio, area: inclusive, direction: lower,
         normalisation: {method: bands, bands: [{bound: 1, score: 100}, {bound: 5, score: 60}], otherwise: 0},
         weight: 20}
      - {id: recon, name_zh: 报送一致率, name_en: Reconciliation, kind: quantitative,
         metric: reconciliation_match, direction: higher, normalisation: {method: minmax}, weight: 10}
      - {id: q_mech, name_zh: 工作机制, name_en: Mechanism, kind: qualitative,
         normalisation: {method: reviewer}, weight: 20}
  district:
    quantitative_weight: 80
    qualitative_weight: 20
    indicators:
      - {id: d_growth, name_zh: 普惠小微贷款增速差, name_en: Inclusive growth gap, kind: quantitative,
         metric: balance_growth_gap, area: inclusive, direction: higher, normalisation: {method: minmax}, weight: 50}
      - {id: d_share, name_zh: 普惠小微贷款占比, name_en: Inclusive share, kind: quantitative,
         metric: area_share, area: inclusive, direction: higher, normalisation: {method: minmax}, weight: 30}
      - {id: q_local, name_zh: 本地特色模式, name_en: Local model, kind: qualitative,
         normalisation: {method: reviewer}, weight: 20}
`;

export const FIXTURE_INSTITUTIONS: Institution[] = [
  { code: 'B1', name_zh: '甲银行', name_en: 'Bank One', peer_group: 'joint_stock', district_code: '500103' },
  { code: 'B2', name_zh: '乙银行', name_en: 'Bank Two', peer_group: 'joint_stock', district_code: '500104' },
  {
    code: 'B3',
    name_zh: '丙银行',
    name_en: 'Bank Three',
    peer_group: 'joint_stock',
    district_code: '500103',
  },
  {
    code: 'B4',
    name_zh: '丁银行',
    name_en: 'Bank Four',
    peer_group: 'city_commercial',
    district_code: '500104',
  },
];

/** [bank, loan, inclusive?, balances at 2024-12 / 2025-03 / 2025-06 (null = not on the books), declared] */
type LoanLine = [string, string, boolean, (string | null)[], string[]];
const LOANS: LoanLine[] = [
  ['B1', 'L1', true, ['100.00', '110.00', '120.00'], ['inclusive']],
  ['B1', 'L2', false, ['300.00', '300.00', '300.00'], []],
  ['B2', 'L1', true, ['200.00', '200.00', '220.00'], ['inclusive']],
  ['B2', 'L3', true, [null, null, '30.00'], ['inclusive']], // substandard in 2025-06
  ['B2', 'L2', false, ['200.00', '200.00', '250.00'], ['green']], // declared green, derived none: mismatch
  ['B3', 'L1', true, ['50.00', '60.00', '66.00'], ['inclusive']],
  ['B3', 'L2', false, ['150.00', '150.00', '150.00'], ['inclusive']], // mismatch
  ['B4', 'L2', false, ['100.00', '100.00', '100.00'], []],
  ['B4', 'L1', true, [null, null, '40.00'], ['inclusive']],
];
const MONTHS = ['2024-12', '2025-03', '2025-06'];
const PERIOD_END: Record<string, string> = {
  '2024-12': '2024-12-31',
  '2025-03': '2025-03-31',
  '2025-06': '2025-06-30',
};
const DISTRICT: Record<string, string> = { B1: '500103', B3: '500103', B2: '500104', B4: '500104' };

/** Reviewers' scores: [period, kind, code, indicator, score]. */
export const FIXTURE_QUALITATIVE: [string, 'bank' | 'district', string, string, string][] = [
  ['2025-Q2', 'bank', 'B1', 'q_mech', '84.1'],
  ['2025-Q2', 'bank', 'B2', 'q_mech', '70'],
  ['2025-Q2', 'bank', 'B3', 'q_mech', '80'],
  ['2025-Q1', 'district', '500103', 'q_local', '0'],
  ['2025-Q1', 'district', '500104', 'q_local', '100'],
  ['2025-Q2', 'district', '500103', 'q_local', '90'],
];

/** Loads the fixture's submissions, loans and derived area labels into the analytics store. */
export async function seedFixtureLoans(db: AnalyticsConn): Promise<void> {
  await db.run(`CREATE TABLE IF NOT EXISTS loan_areas (submission_id BIGINT NOT NULL, row_no BIGINT NOT NULL,
    area VARCHAR NOT NULL, basis VARCHAR NOT NULL, rule_version VARCHAR NOT NULL)`);
  let sid = 100;
  for (const bank of ['B1', 'B2', 'B3', 'B4']) {
    for (const [m, month] of MONTHS.entries()) {
      sid += 1;
      await db.run(
        `INSERT INTO submissions (submission_id, institution_code, report_period, version, content_hash, file_name,
           row_count, warning_count, rule_version, accepted_at, superseded_at)
         VALUES (?, ?, ?, 1, ?, 'f.csv', 0, 0, 'loan-file-v1', TIMESTAMP '2025-07-01 00:00:00', NULL)`,
        [sid, bank, month, `h${sid}`],
      );
      let row = 0;
      for (const [b, loan, inclusive, balances, declared] of LOANS) {
        const bal = balances[m];
        if (b !== bank || bal === null || bal === undefined) continue;
        row += 1;
        const quality = bank === 'B2' && loan === 'L3' ? 'substandard' : 'normal';
        await db.run(
          `INSERT INTO loans (submission_id, row_no, report_period, period_end, institution_code, loan_id, contract_id,
            borrower_key, borrower_is_person, borrower_name, borrower_type, enterprise_size, industry_code, district_code,
            product_type, green_category, declared_areas, issue_date, maturity_date, currency, balance, issued_amount,
            interest_rate, guarantee_type, credit_line_total, first_loan, quality, overdue_days, revolving, fiscal_support,
            relending_tool, carbon_reduction_t, warn_mask) VALUES (?, ?, ?, CAST(? AS DATE), ?, ?, ?, ?, false, 'X', 'enterprise', 'small', '6510', ?,
            'working_capital', NULL, list_filter(string_split(?, ';'), x -> x <> ''), DATE '2024-01-10', DATE '2026-01-10', 'CNY', CAST(? AS DECIMAL(18,2)),
            0, 4.0000, 'mortgage', 1000000, false, ?, 0, false, 'none', 'none', NULL, 0)`,
          [
            sid,
            row,
            month,
            PERIOD_END[month] ?? '',
            bank,
            `${bank}-${loan}`,
            `C-${bank}-${loan}`,
            `K-${bank}-${loan}`,
            DISTRICT[bank] ?? '',
            declared.join(';'),
            bal,
            quality,
          ],
        );
        if (inclusive)
          await db.run(
            `INSERT INTO loan_areas (submission_id, row_no, area, basis, rule_version) VALUES (?, ?, 'inclusive', 'inclusive.small_micro_line_le_10m', 'rules-v1')`,
            [sid, row],
          );
      }
    }
  }
}
