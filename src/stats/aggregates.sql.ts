// Per-period aggregates of the five areas, computed inside DuckDB in one grouped pass (GROUPING SETS over the
// dimensions), from the loans in force (now, or as of any past time) and their stored labels (loan_areas).
import type { AnalyticsConn, SqlParam } from '../store/analytics/duckdb.ts';

export interface AggregateRow {
  report_period: string;
  area: string;
  dim: string;
  dim_value: string;
  balance: string;
  loan_count: string;
  borrower_count: string;
  issued_amount: string;
  issued_rate_weight: string;
  credit_balance: string;
  first_loan_borrowers: string;
  mlt_balance: string;
  npl_balance: string;
  rule_version: string;
  submission_ids: string[];
}

/** The loans in force for a period: now (superseded_at IS NULL) or as of time t; `cols` an allow-listed select list. */
export function inForce(
  period: string,
  asOf: string | undefined,
  cols = '*',
): { sql: string; params: SqlParam[] } {
  return asOf === undefined
    ? { sql: `SELECT ${cols} FROM loans_current WHERE report_period = ?`, params: [period] }
    : {
        sql: `SELECT ${cols} FROM loans_as_of(CAST(? AS TIMESTAMP)) WHERE report_period = ?`,
        params: [asOf, period],
      };
}

/** The loan columns the aggregates read (only these are carried through the pass). */
const LOAN_COLUMNS = `submission_id, row_no, borrower_key, balance, issued_amount, interest_rate, guarantee_type,
  first_loan, maturity_date, issue_date, quality, district_code, institution_code, industry_code, enterprise_size,
  borrower_type`;

/**
 * One pass over the period's loans: each loan is joined once to the list of its labelled areas and unnested into
 * one row per area, plus 'all5' when it has any label and 'all_loans' always; borrowers are numbered (integers
 * hash and compare faster than the keys in the distinct counts); then one GROUP BY GROUPING SETS of every
 * (area, dimension).
 */
function aggregateSelect(period: string, asOf: string | undefined): { sql: string; params: SqlParam[] } {
  const src = inForce(period, asOf, LOAN_COLUMNS);
  const sql = `
WITH l AS (${src.sql}),
labels AS (
  SELECT la.submission_id, la.row_no, la.area, la.rule_version FROM loan_areas la
  WHERE la.submission_id IN (SELECT DISTINCT submission_id FROM l)
),
rv AS (SELECT coalesce(string_agg(DISTINCT rule_version, ',' ORDER BY rule_version), 'none') AS v FROM labels),
areas AS (SELECT submission_id, row_no, list(DISTINCT area) AS areas FROM labels GROUP BY submission_id, row_no),
borrowers AS (SELECT borrower_key, row_number() OVER () AS borrower_no FROM (SELECT DISTINCT borrower_key FROM l)),
x AS (
  SELECT unnest(list_concat(coalesce(a.areas, []::VARCHAR[]),
      CASE WHEN a.areas IS NULL THEN []::VARCHAR[] ELSE ['all5'] END, ['all_loans'])) AS area,
    l.submission_id, b.borrower_no, l.balance, l.issued_amount, l.interest_rate, l.guarantee_type, l.first_loan,
    l.maturity_date, l.issue_date, l.quality, l.district_code, l.institution_code,
    coalesce(ind.parent, '?') AS industry_section, left(l.industry_code, 2) AS industry_division,
    coalesce(l.enterprise_size, l.borrower_type) AS size_key
  FROM l LEFT JOIN areas a USING (submission_id, row_no)
  JOIN borrowers b USING (borrower_key)
  LEFT JOIN ref_industry ind ON ind.code = left(l.industry_code, 2) AND ind.level = 'division'
)
SELECT ? AS report_period, area,
  CASE WHEN grouping(district_code) = 0 THEN 'district'
       WHEN grouping(institution_code) = 0 THEN 'institution'
       WHEN grouping(industry_section) = 0 THEN 'industry_section'
       WHEN grouping(industry_division) = 0 THEN 'industry_division'
       WHEN grouping(size_key) = 0 THEN 'size'
       WHEN grouping(guarantee_type) = 0 THEN 'guarantee'
       ELSE 'city' END AS dim,
  coalesce(district_code, institution_code, industry_section, industry_division, size_key, guarantee_type, '500000')
    AS dim_value,
  sum(balance)::DECIMAL(18,2) AS balance,
  count(*) AS loan_count,
  count(DISTINCT borrower_no) AS borrower_count,
  sum(issued_amount)::DECIMAL(18,2) AS issued_amount,
  sum(issued_amount::DECIMAL(38,6) * interest_rate)::DECIMAL(38,6) AS issued_rate_weight,
  coalesce(sum(balance) FILTER (WHERE guarantee_type = 'credit'), 0)::DECIMAL(18,2) AS credit_balance,
  count(DISTINCT borrower_no) FILTER (WHERE first_loan) AS first_loan_borrowers,
  coalesce(sum(balance) FILTER (WHERE maturity_date > issue_date + INTERVAL 1 YEAR), 0)::DECIMAL(18,2)
    AS mlt_balance,
  coalesce(sum(balance) FILTER (WHERE quality IN ('substandard', 'doubtful', 'loss')), 0)::DECIMAL(18,2)
    AS npl_balance,
  (SELECT v FROM rv) AS rule_version,
  list_sort(list(DISTINCT submission_id)) AS submission_ids
FROM x
GROUP BY GROUPING SETS ((area), (area, district_code), (area, institution_code), (area, industry_section),
  (area, industry_division), (area, size_key), (area, guarantee_type))`;
  return { sql, params: [...src.params, period] };
}

const COLUMNS = `report_period, area, dim, dim_value, balance::VARCHAR AS balance, loan_count::VARCHAR AS loan_count,
  borrower_count::VARCHAR AS borrower_count, issued_amount::VARCHAR AS issued_amount,
  issued_rate_weight::VARCHAR AS issued_rate_weight, credit_balance::VARCHAR AS credit_balance,
  first_loan_borrowers::VARCHAR AS first_loan_borrowers, mlt_balance::VARCHAR AS mlt_balance,
  npl_balance::VARCHAR AS npl_balance, rule_version, list_transform(submission_ids, x -> x::VARCHAR) AS submission_ids`;

/** Computes a period's aggregates without storing them — now, or as of a past time ('YYYY-MM-DD HH:MM:SS'). */
export async function computeAggregates(
  db: AnalyticsConn,
  period: string,
  opts: { asOf?: string } = {},
): Promise<AggregateRow[]> {
  const q = aggregateSelect(period, opts.asOf);
  return db.all<AggregateRow>(`SELECT ${COLUMNS} FROM (${q.sql}) a ORDER BY area, dim, dim_value`, q.params);
}

/**
 * Recomputes and stores a period's aggregates from the loans in force (called by the ingest after accepting a
 * submission). Two statements: callers wanting them atomic run this inside their transaction.
 */
export async function recomputeAggregates(
  db: AnalyticsConn,
  period: string,
  computedAt?: Date,
): Promise<void> {
  const q = aggregateSelect(period, undefined);
  const at = computedAt ? computedAt.toISOString().replace('T', ' ').replace('Z', '') : null;
  await db.run('DELETE FROM area_aggregates WHERE report_period = ?', [period]);
  await db.run(
    `INSERT INTO area_aggregates
     SELECT a.*, coalesce(CAST(? AS TIMESTAMP), current_timestamp::TIMESTAMP) AS computed_at FROM (${q.sql}) a`,
    [at, ...q.params],
  );
}

/** Stored aggregates of a period (optionally one area / dimension). */
export async function storedAggregates(
  db: AnalyticsConn,
  period: string,
  filter: { area?: string; dim?: string } = {},
): Promise<AggregateRow[]> {
  return db.all<AggregateRow>(
    `SELECT ${COLUMNS} FROM area_aggregates WHERE report_period = ?
       AND (CAST(? AS VARCHAR) IS NULL OR area = ?) AND (CAST(? AS VARCHAR) IS NULL OR dim = ?)
     ORDER BY area, dim, dim_value`,
    [period, filter.area ?? null, filter.area ?? null, filter.dim ?? null, filter.dim ?? null],
  );
}
