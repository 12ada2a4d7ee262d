// Reconciliation of the bank's declared areas (declared_areas) with the derived labels (loan_areas):
// every disagreement per loan, and a summary per bank. Nothing is resolved here — both sides are reported.
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';

export type ReconciliationKind = 'declared_not_derived' | 'derived_not_declared';

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

const ITEMS_SQL = `
WITH l AS (
  SELECT * FROM loans_current WHERE report_period = ? AND (CAST(? AS VARCHAR) IS NULL OR institution_code = ?)
),
declared AS (SELECT DISTINCT submission_id, row_no, unnest(declared_areas) AS area FROM l),
derived AS (
  SELECT la.submission_id, la.row_no, la.area, list_sort(list(la.basis)) AS bases
  FROM loan_areas la WHERE la.submission_id IN (SELECT DISTINCT submission_id FROM l)
  GROUP BY la.submission_id, la.row_no, la.area
),
items AS (
  SELECT coalesce(d.submission_id, v.submission_id) AS submission_id, coalesce(d.row_no, v.row_no) AS row_no,
    coalesce(d.area, v.area) AS area,
    CASE WHEN v.area IS NULL THEN 'declared_not_derived' ELSE 'derived_not_declared' END AS kind,
    coalesce(v.bases, []::VARCHAR[]) AS bases
  FROM declared d FULL OUTER JOIN derived v
    ON d.submission_id = v.submission_id AND d.row_no = v.row_no AND d.area = v.area
  WHERE d.area IS NULL OR v.area IS NULL
)
SELECT l.institution_code, l.report_period, i.submission_id::VARCHAR AS submission_id, i.row_no::VARCHAR AS row_no,
  l.loan_id, i.area, i.kind, i.bases, l.balance::VARCHAR AS balance
FROM items i JOIN l USING (submission_id, row_no)`;

/** Every disagreement of a period (optionally one institution), ordered by institution, loan, area. */
export async function listReconciliationItems(
  db: AnalyticsConn,
  period: string,
  opts: { institution?: string; limit?: number; offset?: number } = {},
): Promise<ReconciliationItem[]> {
  const inst = opts.institution ?? null;
  return db.all<ReconciliationItem>(
    `${ITEMS_SQL} ORDER BY l.institution_code, l.loan_id, i.area, i.kind LIMIT ? OFFSET ?`,
    [period, inst, inst, opts.limit ?? 1000, opts.offset ?? 0],
  );
}

/** Count and balance of disagreements per institution × area × kind. */
export async function reconciliationSummary(
  db: AnalyticsConn,
  period: string,
  opts: { institution?: string } = {},
): Promise<ReconciliationSummaryRow[]> {
  const inst = opts.institution ?? null;
  return db.all<ReconciliationSummaryRow>(
    `SELECT institution_code, area, kind, count(*)::VARCHAR AS loan_count, sum(balance::DECIMAL(18,2))::VARCHAR AS balance
     FROM (${ITEMS_SQL}) x GROUP BY institution_code, area, kind ORDER BY institution_code, area, kind`,
    [period, inst, inst],
  );
}
