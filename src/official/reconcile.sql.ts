// The official series against fivefin's figures, in DuckDB: (1) the completeness control — each bank × month
// 各项贷款 return against the bank's file in force (entrusted loans excluded), with the configured tolerance;
// (2) the reconciliation of the city's area totals: official − fivefin split into explained parts and an
// unexplained remainder that makes the line sum exactly (docs/methodology.md § Reconciliation).
import { RULES } from '../classify/rules.ts';
import { sqlTimestamp } from '../shared/time.ts';
import type { AnalyticsConn, SqlParam } from '../store/analytics/duckdb.ts';
import type { Tolerance } from './config.ts';
import { OFFICIAL_SERIES } from './import.ts';

export type ControlStatus = 'within' | 'outside' | 'no_file' | 'no_official';

export interface CompletenessRow {
  institution_code: string;
  institution_name: string | null;
  /** The bank's 各项贷款 from the official return (null: none imported). */
  official: string | null;
  official_source: string | null;
  /** The bank's file in force: all rows, its entrusted loans, and the 各项贷款 caliber (file − entrusted). */
  file_total: string | null;
  entrusted: string | null;
  fivefin: string | null;
  /** official − fivefin (null when either is missing). */
  difference: string | null;
  tolerance: string | null;
  status: ControlStatus;
  /** The bank's file in force is still under review (its figures may change). */
  under_review: boolean;
}

/**
 * The completeness control of every bank's file of a period (banks with a return or a file in force);
 * `pendingReview` = the analytics ids of the period's submissions still under review.
 */
export async function completenessControl(
  db: AnalyticsConn,
  period: string,
  tolerance: Tolerance,
  asOf: Date,
  pendingReview: readonly string[] = [],
): Promise<CompletenessRow[]> {
  const pending =
    pendingReview.length === 0 ? 'NULL' : pendingReview.map(() => 'CAST(? AS BIGINT)').join(', ');
  return db.all<CompletenessRow>(
    `WITH o AS (
       SELECT scope AS institution_code, value, source FROM official_as_of(CAST(? AS TIMESTAMP))
       WHERE period = ? AND series = 'all_loans' AND scope <> 'city'),
     f AS (
       SELECT institution_code, sum(balance) AS file_total,
         coalesce(sum(balance) FILTER (WHERE loan_nature = 'entrusted'), 0) AS entrusted,
         bool_or(submission_id IN (${pending})) AS under_review
       FROM loans_current WHERE report_period = ? GROUP BY institution_code),
     j AS (
       SELECT coalesce(o.institution_code, f.institution_code) AS institution_code, o.value AS official, o.source,
         f.file_total, f.entrusted, f.file_total - f.entrusted AS fivefin, coalesce(f.under_review, false) AS under_review,
         greatest(CAST(? AS DECIMAL(18,2)), round(o.value * CAST(? AS DECIMAL(18,6)), 2)) AS tolerance
       FROM o FULL OUTER JOIN f USING (institution_code))
     SELECT j.institution_code, i.name_zh AS institution_name, j.official::VARCHAR AS official,
       j.source AS official_source, j.file_total::VARCHAR AS file_total, j.entrusted::VARCHAR AS entrusted,
       j.fivefin::VARCHAR AS fivefin, (j.official - j.fivefin)::VARCHAR AS difference,
       j.tolerance::DECIMAL(18,2)::VARCHAR AS tolerance,
       CASE WHEN j.file_total IS NULL THEN 'no_file' WHEN j.official IS NULL THEN 'no_official'
            WHEN abs(j.official - j.fivefin) <= j.tolerance THEN 'within' ELSE 'outside' END AS status,
       j.under_review
     FROM j LEFT JOIN institutions i ON i.code = j.institution_code
     ORDER BY status <> 'outside', j.institution_code`,
    [sqlTimestamp(asOf), period, ...pendingReview, period, tolerance.absolute, tolerance.relative],
  );
}

export interface ReconciliationLine {
  series: string;
  official: string;
  official_source: string;
  official_import_id: string;
  /** fivefin's city figure (area_aggregates; 0.00 when none is stored). */
  fivefin: string;
  /** official − fivefin = missing_banks + under_review + exclusions + provisional + unexplained. */
  difference: string;
  /** Official bank returns of banks with no file in force. */
  missing_banks: string;
  /** official − fivefin at banks whose file is still under review (where their return is imported). */
  under_review: string;
  /** Caliber: bank-claimed loans fivefin does not count, less loans fivefin counts that the bank did not claim
   *  (各项贷款: − entrusted loans, which the files carry and 各项贷款 excludes). */
  exclusions: string;
  /** − balance fivefin counts on a provisional basis (not in the official caliber). */
  provisional: string;
  unexplained: string;
}

const PROVISIONAL_BASES = RULES.filter((r) => r.provisional).map((r) => r.basis);

/** SQL: the loan l is claimed by its bank for an area (v1 declared_areas, or the v2 codes and flags). */
const CLAIM: Record<string, string> = {
  tech: 'coalesce(l.tech_htp, l.tech_hts, l.tech_sei, l.tech_ipi) IS NOT NULL',
  green: 'l.green_item IS NOT NULL',
  inclusive: `list_has_any(coalesce(l.inclusive_flags, []::VARCHAR[]), ['sme_le10m', 'ib_operating_le10m', 'owner_operating_le10m'])`,
  pension: 'l.pension_type IS NOT NULL OR coalesce(l.elderly_institution, false)',
  digital: 'l.digital_core IS NOT NULL OR coalesce(l.digital_efficiency, false)',
};
const AREA_SERIES = OFFICIAL_SERIES.filter((s) => s !== 'all_loans');
const claimCase = `CASE a.series ${AREA_SERIES.map(
  (s) => `WHEN '${s}' THEN list_contains(l.declared_areas, '${s}') OR ${CLAIM[s] ?? 'false'}`,
).join(' ')} END`;

/**
 * The city reconciliation of a period: one line per series with an official city value as of `asOf`.
 * `pendingReview` = the analytics ids of the period's submissions still under review (from the state store).
 */
export async function reconcileCity(
  db: AnalyticsConn,
  period: string,
  pendingReview: readonly string[],
  asOf: Date,
): Promise<ReconciliationLine[]> {
  const pending =
    pendingReview.length === 0 ? 'NULL' : pendingReview.map(() => 'CAST(? AS BIGINT)').join(', ');
  const params: SqlParam[] = [
    sqlTimestamp(asOf),
    period,
    period,
    ...pendingReview,
    period,
    period,
    ...PROVISIONAL_BASES,
    period,
  ];
  return db.all<ReconciliationLine>(
    `WITH off AS (SELECT * FROM official_as_of(CAST(? AS TIMESTAMP)) WHERE period = ?),
     inforce AS (SELECT institution_code, submission_id FROM submissions WHERE superseded_at IS NULL AND report_period = ?),
     -- (bank, series) pairs whose whole difference is put down to a file under review
     attributed AS (
       SELECT o.scope AS institution_code, o.series FROM off o JOIN inforce i ON i.institution_code = o.scope
       WHERE i.submission_id IN (${pending})),
     fb AS (
       SELECT dim_value AS institution_code, area AS series, balance FROM area_aggregates
       WHERE report_period = ? AND dim = 'institution'),
     review_part AS (
       SELECT t.series, sum(o.value - coalesce(fb.balance, 0)) AS v
       FROM attributed t JOIN off o ON o.scope = t.institution_code AND o.series = t.series
       LEFT JOIN fb ON fb.institution_code = t.institution_code AND fb.series = t.series GROUP BY t.series),
     missing_part AS (
       SELECT series, sum(value) AS v FROM off
       WHERE scope <> 'city' AND scope NOT IN (SELECT institution_code FROM inforce) GROUP BY series),
     l AS (SELECT * FROM loans_current WHERE report_period = ?),
     lab AS (
       SELECT submission_id, row_no, area, bool_or(basis IN (${PROVISIONAL_BASES.map(() => '?').join(', ') || 'NULL'})) AS prov
       FROM loan_areas WHERE coalesce(in_total, TRUE) AND submission_id IN (SELECT submission_id FROM inforce)
       GROUP BY ALL),
     per AS (
       SELECT a.series,
         CASE WHEN a.series = 'all_loans' THEN CASE WHEN l.loan_nature = 'entrusted' THEN -l.balance ELSE 0 END
              WHEN (${claimCase}) AND lab.area IS NULL THEN l.balance
              WHEN NOT (${claimCase}) AND lab.area IS NOT NULL THEN -l.balance ELSE 0 END AS excl,
         CASE WHEN lab.prov THEN -l.balance ELSE 0 END AS prov
       FROM l CROSS JOIN (SELECT unnest([${OFFICIAL_SERIES.map((s) => `'${s}'`).join(', ')}]) AS series) a
       LEFT JOIN lab ON lab.submission_id = l.submission_id AND lab.row_no = l.row_no AND lab.area = a.series
       WHERE NOT EXISTS (SELECT 1 FROM attributed t WHERE t.institution_code = l.institution_code AND t.series = a.series)),
     loan_part AS (SELECT series, sum(excl) AS excl, sum(prov) AS prov FROM per GROUP BY series),
     lines AS (
       SELECT o.series, o.value AS official, o.source, o.import_id, coalesce(c.balance, 0) AS fivefin,
         coalesce(m.v, 0) AS missing_banks, coalesce(r.v, 0) AS under_review,
         coalesce(lp.excl, 0) AS exclusions, coalesce(lp.prov, 0) AS provisional
       FROM off o
       LEFT JOIN area_aggregates c ON c.report_period = ? AND c.dim = 'city' AND c.area = o.series
       LEFT JOIN missing_part m USING (series) LEFT JOIN review_part r USING (series)
       LEFT JOIN loan_part lp USING (series)
       WHERE o.scope = 'city')
     SELECT series, official::DECIMAL(18,2)::VARCHAR AS official, source AS official_source,
       import_id::VARCHAR AS official_import_id, fivefin::DECIMAL(18,2)::VARCHAR AS fivefin,
       (official - fivefin)::DECIMAL(18,2)::VARCHAR AS difference,
       missing_banks::DECIMAL(18,2)::VARCHAR AS missing_banks, under_review::DECIMAL(18,2)::VARCHAR AS under_review,
       exclusions::DECIMAL(18,2)::VARCHAR AS exclusions, provisional::DECIMAL(18,2)::VARCHAR AS provisional,
       (official - fivefin - missing_banks - under_review - exclusions - provisional)::DECIMAL(18,2)::VARCHAR
         AS unexplained
     FROM lines ORDER BY list_position([${OFFICIAL_SERIES.map((s) => `'${s}'`).join(', ')}], series)`,
    params,
  );
}
