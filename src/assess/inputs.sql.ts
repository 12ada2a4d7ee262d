// Raw-value inputs of the assessment, computed inside DuckDB from the same loan facts as the statistics:
// `loans_current` joined with the derived area labels `loan_areas` on (submission_id, row_no).
// Returns one SubjectAggregates per bank or district, plus the submission ids and rule versions used.
import { RULES } from '../classify/rules.ts';
import { RULES_V2 } from '../classify/rules.v2.ts';
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import type { AssessPeriod } from './engine/period.domain.ts';
import {
  AREAS,
  type Area,
  type AreaAggregates,
  type SubjectAggregates,
  type SubjectKind,
} from './engine/metrics.domain.ts';

/** Allow-listed subject columns (identifiers are never taken from input). */
const SUBJECT_COLUMN: Record<SubjectKind, string> = { bank: 'institution_code', district: 'district_code' };

const AREA_VALUES = AREAS.map((a) => `('${a}')`).join(', ');

/**
 * Bases resting on a partial reference table (provisional): shown in the statistics, never scored. A loan
 * counts in an area for the assessment only through a firm basis.
 */
export const PROVISIONAL_BASES: readonly string[] = [...RULES, ...RULES_V2]
  .filter((r) => r.provisional)
  .map((r) => r.basis);

// $1 = base month, $2 = first month of the window, $3 = last month of the window (YYYY-MM sorts as text),
// $4 = the month a year before the last one (year-on-year base), $5 = the provisional bases, comma-separated.
function aggregatesSql(col: string): string {
  return `
WITH l AS (
  SELECT *, ${col} AS subject FROM loans_current
  WHERE report_period IN ($1, $4) OR report_period BETWEEN $2 AND $3
),
la AS (
  SELECT DISTINCT submission_id, row_no, area FROM loan_areas
  WHERE NOT list_contains(string_split($5, ','), basis)
),
ar AS (SELECT l.*, la.area FROM l JOIN la USING (submission_id, row_no)),
tot AS (
  SELECT subject,
    coalesce(sum(balance) FILTER (WHERE report_period = $3), 0)::DECIMAL(38,2) AS all_bal_end,
    coalesce(sum(balance) FILTER (WHERE report_period = $1), 0)::DECIMAL(38,2) AS all_bal_base,
    coalesce(sum(balance) FILTER (WHERE report_period = $3 AND quality IN ('substandard', 'doubtful', 'loss')), 0)
      ::DECIMAL(38,2) AS all_npl_bal_end
  FROM l GROUP BY subject
),
agg AS (
  SELECT subject, area,
    sum(balance) FILTER (WHERE report_period = $3) AS bal_end,
    sum(balance) FILTER (WHERE report_period = $1) AS bal_base,
    sum(balance) FILTER (WHERE report_period = $4) AS bal_yoy,
    sum(balance) FILTER (WHERE report_period = $3 AND guarantee_type = 'credit') AS credit_bal_end,
    sum(balance) FILTER (WHERE report_period = $3 AND maturity_date > issue_date + INTERVAL 1 YEAR) AS mlt_bal_end,
    sum(balance) FILTER (WHERE report_period = $3 AND quality IN ('substandard', 'doubtful', 'loss')) AS npl_bal_end,
    sum(issued_amount) FILTER (WHERE report_period BETWEEN $2 AND $3) AS issued,
    sum(issued_amount::DECIMAL(38,2) * interest_rate) FILTER (WHERE report_period BETWEEN $2 AND $3) AS rate_x_issued,
    sum(issued_amount) FILTER (WHERE report_period BETWEEN $2 AND $3 AND relending_tool NOT IN ('none', 'stock_buyback_relending')) AS tool_issued,
    sum(issued_amount) FILTER (WHERE report_period BETWEEN $2 AND $3 AND revolving) AS revolving_issued,
    sum(issued_amount) FILTER (WHERE report_period BETWEEN $2 AND $3 AND guarantee_type = 'credit') AS credit_issued,
    count(DISTINCT borrower_key) FILTER (WHERE report_period BETWEEN $2 AND $3 AND issued_amount > 0) AS borrowers_issued,
    count(DISTINCT borrower_key)
      FILTER (WHERE report_period BETWEEN $2 AND $3 AND issued_amount > 0 AND first_loan) AS first_borrowers_issued
  FROM ar GROUP BY subject, area
),
mkt AS (
  SELECT area,
    sum(balance) FILTER (WHERE report_period = $3) AS market_bal_end,
    sum(issued_amount) FILTER (WHERE report_period BETWEEN $2 AND $3) AS market_issued,
    sum(issued_amount::DECIMAL(38,2) * interest_rate) FILTER (WHERE report_period BETWEEN $2 AND $3) AS market_rate_x_issued
  FROM ar GROUP BY area
)
SELECT t.subject, a.area,
  coalesce(g.bal_end, 0)::DECIMAL(38,2)::VARCHAR AS bal_end,
  coalesce(g.bal_base, 0)::DECIMAL(38,2)::VARCHAR AS bal_base,
  t.all_bal_end::VARCHAR AS all_bal_end,
  t.all_bal_base::VARCHAR AS all_bal_base,
  coalesce(g.credit_bal_end, 0)::DECIMAL(38,2)::VARCHAR AS credit_bal_end,
  coalesce(g.mlt_bal_end, 0)::DECIMAL(38,2)::VARCHAR AS mlt_bal_end,
  coalesce(g.npl_bal_end, 0)::DECIMAL(38,2)::VARCHAR AS npl_bal_end,
  coalesce(g.issued, 0)::DECIMAL(38,2)::VARCHAR AS issued,
  coalesce(g.rate_x_issued, 0)::DECIMAL(38,8)::VARCHAR AS rate_x_issued,
  coalesce(m.market_issued, 0)::DECIMAL(38,2)::VARCHAR AS market_issued,
  coalesce(m.market_rate_x_issued, 0)::DECIMAL(38,8)::VARCHAR AS market_rate_x_issued,
  coalesce(g.borrowers_issued, 0)::VARCHAR AS borrowers_issued,
  coalesce(g.first_borrowers_issued, 0)::VARCHAR AS first_borrowers_issued,
  coalesce(m.market_bal_end, 0)::DECIMAL(38,2)::VARCHAR AS market_bal_end,
  coalesce(g.bal_yoy, 0)::DECIMAL(38,2)::VARCHAR AS bal_yoy,
  t.all_npl_bal_end::VARCHAR AS all_npl_bal_end,
  coalesce(g.tool_issued, 0)::DECIMAL(38,2)::VARCHAR AS tool_issued,
  coalesce(g.revolving_issued, 0)::DECIMAL(38,2)::VARCHAR AS revolving_issued,
  coalesce(g.credit_issued, 0)::DECIMAL(38,2)::VARCHAR AS credit_issued
FROM tot t CROSS JOIN (VALUES ${AREA_VALUES}) a(area)
LEFT JOIN agg g ON g.subject = t.subject AND g.area = a.area
LEFT JOIN mkt m ON m.area = a.area
ORDER BY t.subject, a.area`;
}

// Reconciliation quality at the last month: a loan matches when its declared areas equal its derived areas.
const RECONCILIATION_SQL = `
WITH d AS (SELECT submission_id, row_no, list_sort(list(DISTINCT area)) AS areas FROM loan_areas GROUP BY ALL)
SELECT l.institution_code AS subject, count(*)::VARCHAR AS loans_end,
  count(*) FILTER (
    WHERE list_sort(list_distinct(l.declared_areas)) = coalesce(d.areas, []::VARCHAR[])
  )::VARCHAR AS loans_matched_end
FROM loans_current l LEFT JOIN d USING (submission_id, row_no)
WHERE l.report_period = $1
GROUP BY l.institution_code ORDER BY 1`;

const VERSIONS_SQL = `
SELECT DISTINCT l.submission_id::VARCHAR AS submission_id FROM loans_current l
WHERE l.report_period = $1 OR l.report_period BETWEEN $2 AND $3 ORDER BY 1`;

const RULE_VERSIONS_SQL = `
SELECT DISTINCT a.rule_version FROM loan_areas a JOIN loans_current l USING (submission_id, row_no)
WHERE l.report_period = $1 OR l.report_period BETWEEN $2 AND $3 ORDER BY 1`;

export interface AssessInputs {
  bank: Map<string, SubjectAggregates>;
  district: Map<string, SubjectAggregates>;
  /** Submission ids (as strings, ascending) of every loan row read: the data versions of the run. */
  submission_ids: string[];
  rule_versions: string[];
}

type AggRow = AreaAggregates & { subject: string; area: Area };

async function aggregates(
  db: AnalyticsConn,
  kind: SubjectKind,
  p: AssessPeriod,
): Promise<Map<string, SubjectAggregates>> {
  const rows = await db.all<AggRow>(aggregatesSql(SUBJECT_COLUMN[kind]), [
    p.base,
    p.months[0] ?? p.end,
    p.end,
    p.yoy,
    PROVISIONAL_BASES.join(','),
  ]);
  const out = new Map<string, SubjectAggregates>();
  for (const { subject, area, ...agg } of rows) {
    const s = out.get(subject) ?? { areas: {} };
    s.areas[area] = agg;
    out.set(subject, s);
  }
  return out;
}

/** Reads every aggregate the metrics need for one assessment period. */
export async function readAssessInputs(db: AnalyticsConn, p: AssessPeriod): Promise<AssessInputs> {
  const params = [p.base, p.months[0] ?? p.end, p.end];
  const bank = await aggregates(db, 'bank', p);
  const district = await aggregates(db, 'district', p);
  const rec = await db.all<{ subject: string; loans_end: string; loans_matched_end: string }>(
    RECONCILIATION_SQL,
    [p.end],
  );
  for (const r of rec) {
    const s = bank.get(r.subject) ?? { areas: {} };
    s.loans_end = r.loans_end;
    s.loans_matched_end = r.loans_matched_end;
    bank.set(r.subject, s);
  }
  const versions = await db.all<{ submission_id: string }>(VERSIONS_SQL, params);
  const rules = await db.all<{ rule_version: string }>(RULE_VERSIONS_SQL, params);
  return {
    bank,
    district,
    submission_ids: versions.map((v) => v.submission_id).sort((a, b) => Number(a) - Number(b)),
    rule_versions: rules.map((r) => r.rule_version),
  };
}
