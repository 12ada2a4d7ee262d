// Injection of rows that each break one rule of the loan file (DATA-SPEC §1), for testing the validator.
// Each kind names the column it breaks, which rows it may hit and the SQL that breaks it; the chosen rows are
// listed in bad-rows.json (row numbers count the header as row 1).
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';

export interface BadRowKind {
  id: string;
  column: string;
  rule: string;
  /** SQL condition on demo_book alias b: rows the defect may be applied to without breaking a second rule. */
  eligible: string;
  /** SQL expression (over the row's own columns) of the broken value; NULL writes an empty field. */
  value: string;
}

const ENTITY = `b.borrower_type IN ('enterprise', 'individual_business')`;
const PERSON = `b.borrower_type IN ('small_business_owner', 'farmer', 'individual')`;

export const BAD_ROW_KINDS: readonly BadRowKind[] = [
  {
    id: 'uscc_check_digit',
    column: 'borrower_id',
    rule: '统一社会信用代码 check digit is wrong',
    eligible: ENTITY,
    value: `left(borrower_id, 17) || CASE WHEN right(borrower_id, 1) = '0' THEN '1' ELSE '0' END`,
  },
  {
    id: 'duplicate_loan_id',
    column: 'loan_id',
    rule: 'loan_id repeats the previous row (not unique in the file)',
    eligible: 'b.k > (SELECT min(f.k) FROM demo_book f WHERE f.file_key = b.file_key)',
    value: `(SELECT p.loan_id FROM demo_book p WHERE p.file_key = demo_book.file_key AND p.k =
      (SELECT max(q.k) FROM demo_book q WHERE q.file_key = demo_book.file_key AND q.k < demo_book.k))`,
  },
  {
    id: 'wrong_period',
    column: 'report_period',
    rule: 'report_period differs from the file period',
    eligible: 'true',
    value: `strftime(strptime(report_period || '-01', '%Y-%m-%d') + INTERVAL 1 MONTH, '%Y-%m')`,
  },
  {
    id: 'amount_thousands_separator',
    column: 'balance',
    rule: 'amount with a thousands separator (1,234.00)',
    eligible: 'true',
    value: `'1,234.00'`,
  },
  { id: 'rate_nan', column: 'interest_rate', rule: 'interest_rate is NaN', eligible: 'true', value: `'NaN'` },
  {
    id: 'unknown_industry',
    column: 'industry_code',
    rule: 'industry_code 6510 is not a GB/T 4754-2017 class',
    eligible: 'true',
    value: `'6510'`,
  },
  {
    id: 'unknown_district',
    column: 'district_code',
    rule: 'district_code 509999 is not a county-level code (50 = Chongqing, whose list it is not in)',
    eligible: 'true',
    value: `'509999'`,
  },
  {
    id: 'issue_after_maturity',
    column: 'maturity_date',
    rule: 'issue_date is after maturity_date',
    eligible: 'true',
    value: `strftime(strptime(issue_date, '%Y-%m-%d') - INTERVAL 1 DAY, '%Y-%m-%d')`,
  },
  {
    id: 'balance_over_line',
    column: 'balance',
    rule: 'balance exceeds credit_line_total',
    eligible: 'true',
    value: `(credit_line_total::DECIMAL(18,2) + 1000)::DECIMAL(18,2)::VARCHAR`,
  },
  {
    id: 'formula_injection',
    column: 'borrower_name',
    rule: 'borrower_name starts with = (spreadsheet formula)',
    eligible: ENTITY,
    value: `'=HYPERLINK("http://example.com","点击查看")'`,
  },
  {
    id: 'enterprise_without_size',
    column: 'enterprise_size',
    rule: 'enterprise_size missing for an enterprise',
    eligible: `b.borrower_type = 'enterprise'`,
    value: 'NULL',
  },
  {
    id: 'resident_id_check_digit',
    column: 'borrower_id',
    rule: 'resident ID check digit is wrong',
    eligible: PERSON,
    value: `left(borrower_id, 17) || CASE WHEN right(borrower_id, 1) = '0' THEN '1' ELSE '0' END`,
  },
  {
    id: 'negative_balance',
    column: 'balance',
    rule: 'balance is negative',
    eligible: 'true',
    value: `'-100.00'`,
  },
  {
    id: 'invalid_date',
    column: 'issue_date',
    rule: 'issue_date is not a calendar date',
    eligible: 'true',
    value: `left(issue_date, 4) || '-02-30'`,
  },
  {
    id: 'unknown_guarantee_type',
    column: 'guarantee_type',
    rule: 'guarantee_type is not in the code list',
    eligible: 'true',
    value: `'collateral'`,
  },
  {
    id: 'rate_out_of_range',
    column: 'interest_rate',
    rule: 'interest_rate above 36',
    eligible: 'true',
    value: `'45.00'`,
  },
  {
    id: 'overdue_but_normal',
    column: 'overdue_days',
    rule: 'overdue_days > 0 on a normal loan',
    eligible: `b.quality = 'normal'`,
    value: `'30'`,
  },
  {
    id: 'unknown_green_item',
    column: 'green_item',
    rule: 'green_item 9.9.99 is not a third-level item of the 2025 catalogue',
    eligible: `b.green_edition = '2025'`,
    value: `'9.9.99'`,
  },
  {
    id: 'unknown_inclusive_flag',
    column: 'inclusive_flags',
    rule: 'inclusive_flags holds an unknown flag',
    eligible: 'true',
    value: `'sme_le10m;fintech'`,
  },
  {
    id: 'missing_contract_id',
    column: 'contract_id',
    rule: 'contract_id is empty',
    eligible: 'true',
    value: 'NULL',
  },
  {
    id: 'carbon_without_tool',
    column: 'carbon_reduction_t',
    rule: 'carbon_reduction_t on a loan without carbon_reduction',
    eligible: `b.relending_tool <> 'carbon_reduction'`,
    value: `'12.5000'`,
  },
];

export interface BadRow {
  file: string;
  row: number;
  column: string;
  rule_id: string;
  rule: string;
}

/**
 * Breaks `count` rows of demo_book, spread round-robin over the files (`fileOf` maps a file key to its path in the
 * output folder). Rows are chosen by the seed; two defects never touch the same or neighbouring rows.
 * Rows of demo_book are in file order by loan key k, so a row's number is 1 + its rank by k.
 */
export async function injectBadRows(
  db: AnalyticsConn,
  count: number,
  seed: number,
  fileKeys: string[],
  fileOf: (key: string) => string,
): Promise<BadRow[]> {
  await db.run('CREATE OR REPLACE TABLE demo_bad (file_key VARCHAR, k BIGINT)');
  // rows already broken and their neighbours in file order (a duplicate id copies its previous row)
  await db.run('CREATE OR REPLACE TABLE demo_bad_near (file_key VARCHAR, k BIGINT)');
  const out: BadRow[] = [];
  for (let j = 0; j < count && fileKeys.length > 0; j++) {
    const kind = BAD_ROW_KINDS[j % BAD_ROW_KINDS.length];
    if (!kind) continue;
    for (let tries = 0; tries < fileKeys.length; tries++) {
      const key = fileKeys[(j + tries) % fileKeys.length] ?? '';
      const [hit] = await db.all<{ k: string; row_no: string }>(
        `WITH pick AS (
           SELECT b.k FROM demo_book b WHERE b.file_key = $1 AND (${kind.eligible})
             AND NOT EXISTS (SELECT 1 FROM demo_bad_near x WHERE x.file_key = b.file_key AND x.k = b.k)
           ORDER BY demo_h($2::BIGINT, $3::BIGINT, b.k) LIMIT 1)
         SELECT pick.k::VARCHAR AS k,
           ((SELECT count(*) FROM demo_book f WHERE f.file_key = $1 AND f.k <= pick.k) + 1)::VARCHAR AS row_no
         FROM pick`,
        [key, seed, j],
      );
      if (!hit) continue;
      await db.run(
        `UPDATE demo_book SET ${kind.column} = ${kind.value} WHERE file_key = $1 AND k = $2::BIGINT`,
        [key, hit.k],
      );
      await db.run('INSERT INTO demo_bad VALUES ($1, $2::BIGINT)', [key, hit.k]);
      await db.run(
        `INSERT INTO demo_bad_near
         SELECT $1, $2::BIGINT
         UNION ALL SELECT $1, max(k) FROM demo_book WHERE file_key = $1 AND k < $2::BIGINT
         UNION ALL SELECT $1, min(k) FROM demo_book WHERE file_key = $1 AND k > $2::BIGINT`,
        [key, hit.k],
      );
      out.push({
        file: fileOf(key),
        row: Number(hit.row_no),
        column: kind.column,
        rule_id: kind.id,
        rule: kind.rule,
      });
      break;
    }
  }
  return out.sort((a, b) => (a.file === b.file ? a.row - b.row : a.file < b.file ? -1 : 1));
}
