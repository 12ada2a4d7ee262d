// The monthly sums behind the release figures (PBoC release caliber, issue 14), one DuckDB statement per period:
// per key (area, the deduplicated five areas, 各项贷款, or a classify-v2 line of DATA-SPEC §6) × dimension (city,
// district where the borrower is, district of the lending office, bank): balance, issuance split into 一般贷款 and
// 票据融资 with their rate weights, credit loans, 关注 / 逾期90天以上 / 不良 balances, borrowers with a balance,
// new first-loan borrowers of the month and the non-repayment exits of the month. The growth figures
// (release.ts) are read from these rows of several periods.
import { LINES_V2 } from '../classify/rules.v2.ts';
import type { AnalyticsConn, SqlParam } from '../store/analytics/duckdb.ts';
import { addMonths } from '../shared/period.ts';
import { AREA_LABELS, STAT_AREAS, type StatArea } from './dims.ts';
import { outOfCitySql } from './district.sql.ts';

/** The dimensions of the release figures (columns of the statement's rows). */
export const RELEASE_DIMS = ['city', 'district', 'branch_district', 'institution'] as const;
export type ReleaseDim = (typeof RELEASE_DIMS)[number];

/** The keys of the release figures: the stat areas, then the classify-v2 lines, each with its label. */
export const RELEASE_KEYS: readonly { key: string; label_zh: string }[] = [
  ...STAT_AREAS.map((a: StatArea) => ({
    key: a,
    label_zh: a === 'all_loans' ? '各项贷款（不含委托贷款）' : AREA_LABELS[a][0],
  })),
  ...LINES_V2.map((l) => ({ key: l.line, label_zh: l.label_zh })),
];

/** The district value of a loan whose lending office's district is not reported (loan-file-v1 rows). */
export const BRANCH_UNREPORTED = '未报';

/** Exit reasons that take a loan off the books without repayment (可比口径 adds them back). */
export const NON_REPAYMENT_EXITS = ['written_off', 'transferred', 'securitized', 'foreclosed'] as const;

/**
 * Submissions whose figures count for a period: the versions in force that are not held back by review
 * (submissions.review_status under review; NULL = no review, 'approved' = counted).
 */
export async function countedSubmissions(db: AnalyticsConn, periods: readonly string[]): Promise<string[]> {
  const rows = await db.all<{ id: string }>(
    `SELECT submission_id::VARCHAR AS id FROM submissions
     WHERE superseded_at IS NULL AND list_contains(string_split(?, ','), report_period)
       AND coalesce(review_status, 'approved') = 'approved' ORDER BY 1`,
    [periods.join(',')],
  );
  return rows.map((r) => r.id);
}

/** Exit files in force for a period (the newest non-superseded version of each bank's file). */
const EXITS_IN_FORCE = `SELECT e.institution_code AS exit_inst, e.loan_id AS exit_loan, e.exit_reason, e.amount
  FROM loan_exits e JOIN exit_submissions s USING (exit_submission_id)
  WHERE s.superseded_at IS NULL AND s.report_period = ?`;

const DIM_NAME = `CASE WHEN grouping(district) = 0 THEN 'district' WHEN grouping(branch_district) = 0
  THEN 'branch_district' WHEN grouping(institution_code) = 0 THEN 'institution' ELSE 'city' END`;
const DIM_VALUE = `coalesce(district, branch_district, institution_code, '500000')`;
const SETS = 'GROUPING SETS ((key), (key, district), (key, branch_district), (key, institution_code))';

/**
 * The statement. `l`: the counted loans of the period and of the month before (the exits of the month are
 * loans of the month before); `keys`: each loan's keys — its areas (labels counted in the area total), all5 when
 * it has any, all_loans when it is not entrusted (委托贷款 are no bank loans), and each classify-v2 line one of
 * its bases belongs to. A borrower is a new first-loan borrower of the month when one of its loans of the month
 * is flagged first_loan, was issued this year, and the borrower appears in no earlier stored period.
 */
function releaseSelect(period: string, submissions: readonly string[]): { sql: string; params: SqlParam[] } {
  const subs = submissions.length === 0 ? 'NULL' : submissions.map(() => 'CAST(? AS BIGINT)').join(', ');
  const linePairs = LINES_V2.flatMap((d) => d.bases.map((b) => [d.line, b] as const));
  const prev = addMonths(period, -1);
  const sql = `
WITH l AS (
  SELECT submission_id, row_no, report_period, institution_code, loan_id, borrower_key, balance, issued_amount,
    interest_rate, guarantee_type, first_loan, issue_date, quality, overdue_days,
    coalesce(business_category, '') = 'C03' AS bill, coalesce(loan_nature, '') <> 'entrusted' AS own,
    ${outOfCitySql('district_code')} AS district, coalesce(branch_district_code, '${BRANCH_UNREPORTED}') AS branch_district
  FROM loans WHERE submission_id IN (${subs}) AND report_period IN (?, ?)
),
lab AS (
  SELECT submission_id, row_no, area, basis, coalesce(in_total, TRUE) AS in_total, rule_version
  FROM loan_areas WHERE submission_id IN (${subs})
),
keys AS (
  SELECT submission_id, row_no, area AS key FROM lab WHERE in_total
  UNION SELECT submission_id, row_no, 'all5' FROM lab WHERE in_total
  UNION SELECT lab.submission_id, lab.row_no, d.line FROM lab
    JOIN (VALUES ${linePairs.map(() => '(?, ?)').join(', ')}) d(line, basis) USING (basis)
  UNION SELECT submission_id, row_no, 'all_loans' FROM l WHERE own
),
x AS (SELECT l.*, k.key FROM l JOIN keys k USING (submission_id, row_no)),
seen AS (SELECT DISTINCT borrower_key FROM loans_current WHERE report_period < ?),
cur AS (
  SELECT x.*, x.first_loan AND year(x.issue_date) = ? AND s.borrower_key IS NULL AS new_first
  FROM x LEFT JOIN seen s USING (borrower_key) WHERE x.report_period = ?
),
sums AS (
  SELECT key, ${DIM_NAME} AS dim, ${DIM_VALUE} AS dim_value,
    sum(balance) AS balance, sum(issued_amount) AS issued,
    coalesce(sum(issued_amount) FILTER (WHERE NOT bill), 0) AS loan_issued,
    coalesce(sum(issued_amount::DECIMAL(38,6) * interest_rate) FILTER (WHERE NOT bill), 0) AS loan_issued_w,
    coalesce(sum(issued_amount) FILTER (WHERE bill), 0) AS bill_issued,
    coalesce(sum(issued_amount::DECIMAL(38,6) * interest_rate) FILTER (WHERE bill), 0) AS bill_issued_w,
    coalesce(sum(balance) FILTER (WHERE guarantee_type = 'credit'), 0) AS credit_balance,
    coalesce(sum(issued_amount) FILTER (WHERE guarantee_type = 'credit'), 0) AS credit_issued,
    coalesce(sum(balance) FILTER (WHERE quality = 'special_mention'), 0) AS special_mention_balance,
    coalesce(sum(balance) FILTER (WHERE overdue_days > 90), 0) AS overdue90_balance,
    coalesce(sum(balance) FILTER (WHERE quality IN ('substandard', 'doubtful', 'loss')), 0) AS npl_balance,
    count(DISTINCT borrower_key) FILTER (WHERE balance > 0) AS borrowers_with_balance,
    count(DISTINCT borrower_key) FILTER (WHERE new_first) AS first_loan_new
  FROM cur GROUP BY ${SETS}
),
ex AS (
  SELECT key, ${DIM_NAME} AS dim, ${DIM_VALUE} AS dim_value, sum(e.amount) AS exits_adjust
  FROM (${EXITS_IN_FORCE}) e
  JOIN x ON x.report_period = ? AND x.institution_code = e.exit_inst AND x.loan_id = e.exit_loan
  WHERE e.exit_reason IN (${NON_REPAYMENT_EXITS.map((r) => `'${r}'`).join(', ')})
  GROUP BY ${SETS}
),
rv AS (
  SELECT coalesce(string_agg(DISTINCT rule_version, ',' ORDER BY rule_version), 'none') AS v
  FROM lab JOIN l USING (submission_id, row_no) WHERE l.report_period = ?
),
-- every key has a city row, zero when no loan counts in it
u AS (
  SELECT * FROM sums FULL JOIN ex USING (key, dim, dim_value)
  UNION ALL BY NAME
  SELECT k.key, 'city' AS dim, '500000' AS dim_value FROM (VALUES ${RELEASE_KEYS.map(() => '(?)').join(', ')}) k(key)
  WHERE k.key NOT IN (SELECT key FROM sums WHERE dim = 'city' UNION SELECT key FROM ex WHERE dim = 'city')
)
SELECT ? AS report_period, key, dim, dim_value,
  coalesce(balance, 0)::DECIMAL(18,2) AS balance, coalesce(issued, 0)::DECIMAL(18,2) AS issued,
  coalesce(loan_issued, 0)::DECIMAL(18,2) AS loan_issued,
  coalesce(loan_issued_w, 0)::DECIMAL(38,6) AS loan_issued_w,
  coalesce(bill_issued, 0)::DECIMAL(18,2) AS bill_issued,
  coalesce(bill_issued_w, 0)::DECIMAL(38,6) AS bill_issued_w,
  coalesce(credit_balance, 0)::DECIMAL(18,2) AS credit_balance,
  coalesce(credit_issued, 0)::DECIMAL(18,2) AS credit_issued,
  coalesce(special_mention_balance, 0)::DECIMAL(18,2) AS special_mention_balance,
  coalesce(overdue90_balance, 0)::DECIMAL(18,2) AS overdue90_balance,
  coalesce(npl_balance, 0)::DECIMAL(18,2) AS npl_balance,
  coalesce(borrowers_with_balance, 0)::BIGINT AS borrowers_with_balance,
  coalesce(first_loan_new, 0)::BIGINT AS first_loan_new,
  coalesce(exits_adjust, 0)::DECIMAL(18,2) AS exits_adjust,
  (SELECT v FROM rv) AS rule_version
FROM u`;
  return {
    sql,
    params: [
      ...submissions,
      period,
      prev,
      ...submissions,
      ...linePairs.flat(),
      period,
      Number(period.slice(0, 4)),
      period,
      period,
      prev,
      period,
      ...RELEASE_KEYS.map((k) => k.key),
      period,
    ],
  };
}

/** SQL: the exit files in force for the period (bind: period), as a sorted list. */
const EXIT_IDS = `SELECT coalesce(list_sort(list(exit_submission_id)), []) AS ids FROM exit_submissions
  WHERE superseded_at IS NULL AND report_period = ?`;

/**
 * Replaces a period's stored release sums (release_base) and their inputs (release_inputs) with freshly
 * computed ones, on `tx` (inside the caller's transaction, with the aggregates: see writeAggregates).
 */
export async function writeReleaseBase(tx: AnalyticsConn, period: string, at: string | null): Promise<void> {
  const subs = await countedSubmissions(tx, [period, addMonths(period, -1)]);
  const q = releaseSelect(period, subs);
  await tx.run('DELETE FROM release_base WHERE report_period = ?', [period]);
  await tx.run(
    `INSERT INTO release_base SELECT x.*, coalesce(CAST(? AS TIMESTAMP), current_timestamp::TIMESTAMP)
     FROM (${q.sql}) x`,
    [at, ...q.params],
  );
  await tx.run('DELETE FROM release_inputs WHERE report_period = ?', [period]);
  await tx.run(
    `INSERT INTO release_inputs SELECT ?, list_sort(CAST(? AS BIGINT[])), (${EXIT_IDS}),
       coalesce(CAST(? AS TIMESTAMP), current_timestamp::TIMESTAMP)`,
    [period, `[${subs.join(',')}]`, period, at],
  );
}

/**
 * Periods whose release sums are stale: stored from other inputs than those counted now (a submission accepted,
 * superseded, approved or returned, an exit file stored, in the period or — for the loans — the month before),
 * plus periods with submissions in force but no release sums.
 */
export async function staleReleasePeriods(db: AnalyticsConn): Promise<string[]> {
  const rows = await db.all<{ p: string }>(
    `WITH counted AS (
       SELECT report_period AS p, submission_id FROM submissions
       WHERE superseded_at IS NULL AND coalesce(review_status, 'approved') = 'approved'
     ),
     periods AS (SELECT DISTINCT report_period AS p FROM submissions WHERE superseded_at IS NULL
       UNION SELECT report_period FROM release_inputs),
     now_in AS (
       SELECT periods.p, coalesce(list_sort(list(c.submission_id) FILTER (WHERE c.submission_id IS NOT NULL)), [])
         AS ids
       FROM periods LEFT JOIN counted c
         ON c.p = periods.p OR c.p = strftime(CAST(periods.p || '-01' AS DATE) - INTERVAL 1 MONTH, '%Y-%m')
       GROUP BY periods.p
     ),
     exits AS (
       SELECT report_period AS p, list_sort(list(exit_submission_id)) AS ids FROM exit_submissions
       WHERE superseded_at IS NULL GROUP BY report_period
     )
     SELECT n.p FROM now_in n LEFT JOIN release_inputs r ON r.report_period = n.p LEFT JOIN exits e ON e.p = n.p
     WHERE r.submission_ids IS DISTINCT FROM n.ids OR r.exit_ids IS DISTINCT FROM coalesce(e.ids, [])
     ORDER BY 1`,
  );
  return rows.map((r) => r.p);
}
