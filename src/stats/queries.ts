// Read queries over the stored aggregates, returning plain data for the CLI, reports and (later) HTTP routes:
// figures with exact ratios, month-on-month and year-on-year growth, and the provisional bases in use.
import { RULES } from '../classify/rules.ts';
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import type { Dim, StatArea } from './dims.ts';
import { addMonths } from '../shared/period.ts';

export interface AreaFigure {
  report_period: string;
  area: string;
  dim: string;
  dim_value: string;
  dim_label: string;
  balance: string;
  loan_count: string;
  borrower_count: string;
  issued_amount: string;
  /** Issuance-weighted average rate, % a year (null when nothing was issued). */
  avg_issued_rate: string | null;
  credit_share: number | null;
  mlt_share: number | null;
  npl_ratio: number | null;
  first_loan_borrowers: string;
  balance_prev_month: string | null;
  balance_prev_year: string | null;
  mom: number | null;
  yoy: number | null;
  rule_version: string;
  submission_ids: string[];
}

export interface ProvisionalUse {
  area: string;
  basis: string;
  loan_count: string;
  balance: string;
}

export interface AreaStats {
  report_period: string;
  dim: Dim;
  figures: AreaFigure[];
  /** Provisional bases (bank-declared scope standing in for a missing official mapping) in this period. */
  provisional: ProvisionalUse[];
}

const ratio = (num: string, den: string): string =>
  `CASE WHEN ${den} > 0 THEN round(CAST(${num} AS DOUBLE) / CAST(${den} AS DOUBLE), 6) END`;

/**
 * Figures of a period by one dimension (all areas unless one is given), with MoM and YoY growth. Growth is never
 * computed across two rule versions (可比口径): when the earlier period's figure was labelled under another version,
 * its balance and the growth are null (restate the earlier period to compare).
 */
export async function areaStats(
  db: AnalyticsConn,
  period: string,
  opts: { dim?: Dim; area?: StatArea; dimValue?: string } = {},
): Promise<AreaStats> {
  const dim = opts.dim ?? 'city';
  const rows = await db.all<AreaFigure>(
    `SELECT c.report_period, c.area, c.dim, c.dim_value,
       coalesce(d.name, i.name, c.dim_value) AS dim_label,
       c.balance::VARCHAR AS balance, c.loan_count::VARCHAR AS loan_count,
       c.borrower_count::VARCHAR AS borrower_count, c.issued_amount::VARCHAR AS issued_amount,
       CASE WHEN c.issued_amount > 0 THEN round(c.issued_rate_weight / c.issued_amount, 4)::VARCHAR END
         AS avg_issued_rate,
       ${ratio('c.credit_balance', 'c.balance')} AS credit_share,
       ${ratio('c.mlt_balance', 'c.balance')} AS mlt_share,
       ${ratio('c.npl_balance', 'c.balance')} AS npl_ratio,
       c.first_loan_borrowers::VARCHAR AS first_loan_borrowers,
       m.balance::VARCHAR AS balance_prev_month, y.balance::VARCHAR AS balance_prev_year,
       ${ratio('c.balance - m.balance', 'm.balance')} AS mom,
       ${ratio('c.balance - y.balance', 'y.balance')} AS yoy,
       c.rule_version, list_transform(c.submission_ids, x -> x::VARCHAR) AS submission_ids
     FROM area_aggregates c
     LEFT JOIN area_aggregates m ON m.report_period = ? AND m.area = c.area AND m.dim = c.dim
       AND m.dim_value = c.dim_value AND (c.area = 'all_loans' OR m.rule_version = c.rule_version)
     LEFT JOIN area_aggregates y ON y.report_period = ? AND y.area = c.area AND y.dim = c.dim
       AND y.dim_value = c.dim_value AND (c.area = 'all_loans' OR y.rule_version = c.rule_version)
     LEFT JOIN ref_district d ON c.dim = 'district' AND d.code = c.dim_value
     LEFT JOIN ref_industry i ON c.dim IN ('industry_section', 'industry_division') AND i.code = c.dim_value
     WHERE c.report_period = ? AND c.dim = ?
       AND (CAST(? AS VARCHAR) IS NULL OR c.area = ?) AND (CAST(? AS VARCHAR) IS NULL OR c.dim_value = ?)
     ORDER BY c.area, c.balance DESC, c.dim_value`,
    [
      addMonths(period, -1),
      addMonths(period, -12),
      period,
      dim,
      opts.area ?? null,
      opts.area ?? null,
      opts.dimValue ?? null,
      opts.dimValue ?? null,
    ],
  );
  return { report_period: period, dim, figures: rows, provisional: await provisionalUse(db, period) };
}

const PROVISIONAL_BASES = RULES.filter((r) => r.provisional).map((r) => r.basis);

/** How much of a period's figures rest on provisional bases (loans in force now). */
export async function provisionalUse(db: AnalyticsConn, period: string): Promise<ProvisionalUse[]> {
  return db.all<ProvisionalUse>(
    `SELECT la.area, la.basis, count(*)::VARCHAR AS loan_count, sum(l.balance)::VARCHAR AS balance
     FROM loans_current l JOIN loan_areas la USING (submission_id, row_no)
     WHERE l.report_period = ? AND la.basis IN (${PROVISIONAL_BASES.map(() => '?').join(', ')})
     GROUP BY la.area, la.basis ORDER BY la.area, la.basis`,
    [period, ...PROVISIONAL_BASES],
  );
}

/** City-level balance history of one area, oldest first (for trends and targets). */
export async function balanceHistory(
  db: AnalyticsConn,
  area: StatArea,
  opts: { dim?: Dim; dimValue?: string } = {},
): Promise<{ report_period: string; balance: string }[]> {
  return db.all<{ report_period: string; balance: string }>(
    `SELECT report_period, balance::VARCHAR AS balance FROM area_aggregates
     WHERE area = ? AND dim = ? AND dim_value = ? ORDER BY report_period`,
    [area, opts.dim ?? 'city', opts.dimValue ?? '500000'],
  );
}

/** Periods that have stored aggregates, newest first. */
export async function storedPeriods(db: AnalyticsConn): Promise<string[]> {
  const rows = await db.all<{ p: string }>(
    'SELECT DISTINCT report_period AS p FROM area_aggregates ORDER BY p DESC',
  );
  return rows.map((r) => r.p);
}
