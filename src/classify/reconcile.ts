// Reconciliation: for v1 submissions, the bank's declared areas (declared_areas) against the derived labels
// (loan_areas); for v2 submissions, the reported codes and flags against what the classify-v2 rules derive
// (RECONCILE_V2: tech HTP code vs industry list, 普惠 legs vs flags, green industry lines, list matches the bank
// did not code). Every disagreement per loan, and a summary per bank. Nothing is resolved here.
import type { AnalyticsConn, SqlParam } from '../store/analytics/duckdb.ts';
import { compileCheckSelect } from './compile.sql.ts';
import { RECONCILE_V2 } from './rules.v2.ts';

/** v1: declared_not_derived / derived_not_declared; v2: a RECONCILE_V2 kind (e.g. tech.htp_not_coded). */
export type ReconciliationKind = string;

export interface ReconciliationItem {
  institution_code: string;
  report_period: string;
  submission_id: string;
  row_no: string;
  loan_id: string;
  area: string;
  kind: ReconciliationKind;
  /** The derived bases (empty for declared_not_derived). */
  bases: string[];
  balance: string;
}

export interface ReconciliationSummaryRow {
  institution_code: string;
  area: string;
  kind: ReconciliationKind;
  loan_count: string;
  balance: string;
}

const V2_SUBMISSIONS = `SELECT submission_id FROM submissions WHERE superseded_at IS NULL AND report_period = ?
  AND coalesce(file_spec, 'loan-file-v1') = 'loan-file-v2' AND (CAST(? AS VARCHAR) IS NULL OR institution_code = ?)`;

function itemsSql(period: string, inst: string | null): { sql: string; params: SqlParam[] } {
  const checks = compileCheckSelect(
    { sql: `l.submission_id IN (${V2_SUBMISSIONS})`, params: [period, inst, inst] },
    RECONCILE_V2,
  );
  const sql = `
WITH l AS (
  SELECT l.* FROM loans_current l WHERE l.report_period = ? AND (CAST(? AS VARCHAR) IS NULL OR l.institution_code = ?)
),
l1 AS (
  SELECT l.* FROM l JOIN submissions s USING (submission_id)
  WHERE coalesce(s.file_spec, 'loan-file-v1') = 'loan-file-v1'
),
declared AS (SELECT DISTINCT submission_id, row_no, unnest(declared_areas) AS area FROM l1),
derived AS (
  SELECT la.submission_id, la.row_no, la.area, list_sort(list(la.basis)) AS bases
  FROM loan_areas la WHERE la.submission_id IN (SELECT DISTINCT submission_id FROM l1)
  GROUP BY la.submission_id, la.row_no, la.area
),
v2 AS (${checks.sql}),
items AS (
  SELECT coalesce(d.submission_id, v.submission_id) AS submission_id, coalesce(d.row_no, v.row_no) AS row_no,
    coalesce(d.area, v.area) AS area,
    CASE WHEN v.area IS NULL THEN 'declared_not_derived' ELSE 'derived_not_declared' END AS kind,
    coalesce(v.bases, []::VARCHAR[]) AS bases
  FROM declared d FULL OUTER JOIN derived v
    ON d.submission_id = v.submission_id AND d.row_no = v.row_no AND d.area = v.area
  WHERE d.area IS NULL OR v.area IS NULL
  UNION ALL
  SELECT v2.submission_id, v2.row_no, k.area, v2.kind, []::VARCHAR[] AS bases
  FROM v2 JOIN (VALUES ${RECONCILE_V2.map(() => '(?, ?)').join(', ')}) k(kind, area) USING (kind)
)
SELECT l.institution_code, l.report_period, i.submission_id::VARCHAR AS submission_id, i.row_no::VARCHAR AS row_no,
  l.loan_id, i.area, i.kind, i.bases, l.balance::VARCHAR AS balance
FROM items i JOIN l USING (submission_id, row_no)`;
  return {
    sql,
    params: [period, inst, inst, ...checks.params, ...RECONCILE_V2.flatMap((c) => [c.kind, c.area])],
  };
}

/** Every disagreement of a period (optionally one institution), ordered by institution, loan, area. */
export async function listReconciliationItems(
  db: AnalyticsConn,
  period: string,
  opts: { institution?: string; limit?: number; offset?: number } = {},
): Promise<ReconciliationItem[]> {
  const q = itemsSql(period, opts.institution ?? null);
  return db.all<ReconciliationItem>(
    `${q.sql} ORDER BY l.institution_code, l.loan_id, i.area, i.kind LIMIT ? OFFSET ?`,
    [...q.params, opts.limit ?? 1000, opts.offset ?? 0],
  );
}

/** Count and balance of disagreements per institution × area × kind. */
export async function reconciliationSummary(
  db: AnalyticsConn,
  period: string,
  opts: { institution?: string } = {},
): Promise<ReconciliationSummaryRow[]> {
  const q = itemsSql(period, opts.institution ?? null);
  return db.all<ReconciliationSummaryRow>(
    `SELECT institution_code, area, kind, count(*)::VARCHAR AS loan_count, sum(balance::DECIMAL(18,2))::VARCHAR AS balance
     FROM (${q.sql}) x GROUP BY institution_code, area, kind ORDER BY institution_code, area, kind`,
    q.params,
  );
}
