// The release figures of a period (issue 14, the PBoC release caliber) read from the stored monthly sums
// (release_base): 余额, 比年初增加, 同比, 同比增量, 同比多增, 当年累计发放 and its 同比, 贡献率, 有余额户数,
// 当年新增首贷户, 新发放加权平均利率 (一般贷款, 票据融资) and their change in bp, 信用贷款占比, 关注类 / 逾期90天以上 /
// 不良 ratios and the comparable growth (可比口径). Formulas: docs/methodology.md "Release figures".
// Money: yuan, decimal strings with 2 decimals. Percentages (growth, shares, ratios): %, 2 decimals. Rates: % a
// year, 4 decimals; their change: bp, 2 decimals. Growth is never computed across two rule versions (null).
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import { addMonths } from '../shared/period.ts';
import { RELEASE_KEYS, type ReleaseDim } from './release.sql.ts';

export interface ReleaseFigure {
  report_period: string;
  /** An area (tech … digital), all5, all_loans (各项贷款, entrusted loans excluded) or a classify-v2 line. */
  key: string;
  key_label: string;
  dim: string;
  dim_value: string;
  dim_label: string;
  balance: string;
  ytd_increase: string | null;
  yoy: string | null;
  yoy_increase: string | null;
  yoy_extra_increase: string | null;
  ytd_issued: string | null;
  ytd_issued_yoy: string | null;
  contribution: string | null;
  borrowers_with_balance: string;
  first_loan_borrowers_ytd: string | null;
  new_loan_rate: string | null;
  new_loan_rate_yoy_bp: string | null;
  bill_rate: string | null;
  bill_rate_yoy_bp: string | null;
  credit_share_balance: string | null;
  credit_share_issued: string | null;
  special_mention_ratio: string | null;
  overdue90_ratio: string | null;
  npl_ratio: string | null;
  yoy_comparable: string | null;
  rule_version: string;
}

const pct = (num: string, den: string): string =>
  `CASE WHEN ${den} <> 0 THEN round(CAST(${num} AS DOUBLE) * 100 / CAST(${den} AS DOUBLE), 2)::DECIMAL(18,2)::VARCHAR END`;
const rate = (w: string, amount: string): string =>
  `CASE WHEN ${amount} > 0 THEN round(${w} / ${amount}, 4)::DECIMAL(18,4) END`;
/** Growth compares two periods only under one rule version (all_loans has no labels: always comparable). */
const sameRules = (a: string): string => `(c.key = 'all_loans' OR ${a}.rule_version = c.rule_version)`;

/**
 * Release figures of a period by one dimension (optionally one key or one dimension value). Periods: c = the
 * period, d = December of the previous year, y = the same month a year earlier, dd = December two years back;
 * year-to-date sums need every month of the year stored (null otherwise).
 */
export async function releaseFigures(
  db: AnalyticsConn,
  period: string,
  opts: { dim?: ReleaseDim; key?: string; dimValue?: string } = {},
): Promise<ReleaseFigure[]> {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  const dec = `${year - 1}-12`;
  const prevY = addMonths(period, -12);
  const dec2 = `${year - 2}-12`;
  const keyLabels = `(VALUES ${RELEASE_KEYS.map(() => '(?, ?)').join(', ')}) kl(key, label)`;
  return db.all<ReleaseFigure>(
    `WITH ytd AS (
       SELECT key, dim, dim_value, count(*) AS months, sum(issued) AS issued, sum(first_loan_new) AS first_new
       FROM release_base WHERE report_period BETWEEN ? AND ? GROUP BY ALL
     ),
     ytd_prev AS (
       SELECT key, dim, dim_value, count(*) AS months, sum(issued) AS issued
       FROM release_base WHERE report_period BETWEEN ? AND ? GROUP BY ALL
     ),
     exits12 AS (
       SELECT key, dim, dim_value, sum(exits_adjust) AS amount
       FROM release_base WHERE report_period BETWEEN ? AND ? GROUP BY ALL
     ),
     r AS (
       SELECT c.*,
         CASE WHEN ${sameRules('d')} THEN c.balance - d.balance END AS ytd_inc,
         CASE WHEN ${sameRules('y')} THEN y.balance END AS bal_y,
         CASE WHEN ${sameRules('y')} AND ${sameRules('dd')} THEN y.balance - dd.balance END AS ytd_inc_prev,
         CASE WHEN t.months = ? THEN t.issued END AS ytd_issued,
         CASE WHEN t.months = ? THEN t.first_new END AS first_new,
         CASE WHEN tp.months = ? THEN tp.issued END AS ytd_issued_prev,
         CASE WHEN ${sameRules('y')} THEN coalesce(e.amount, 0) END AS exits12,
         ${rate('c.loan_issued_w', 'c.loan_issued')} AS loan_rate, ${rate('y.loan_issued_w', 'y.loan_issued')} AS loan_rate_y,
         ${rate('c.bill_issued_w', 'c.bill_issued')} AS bill_rate, ${rate('y.bill_issued_w', 'y.bill_issued')} AS bill_rate_y
       FROM release_base c
       LEFT JOIN release_base d ON d.report_period = ? AND (d.key, d.dim, d.dim_value) = (c.key, c.dim, c.dim_value)
       LEFT JOIN release_base y ON y.report_period = ? AND (y.key, y.dim, y.dim_value) = (c.key, c.dim, c.dim_value)
       LEFT JOIN release_base dd ON dd.report_period = ? AND (dd.key, dd.dim, dd.dim_value) = (c.key, c.dim, c.dim_value)
       LEFT JOIN ytd t ON (t.key, t.dim, t.dim_value) = (c.key, c.dim, c.dim_value)
       LEFT JOIN ytd_prev tp ON (tp.key, tp.dim, tp.dim_value) = (c.key, c.dim, c.dim_value)
       LEFT JOIN exits12 e ON (e.key, e.dim, e.dim_value) = (c.key, c.dim, c.dim_value)
       WHERE c.report_period = ?
     )
     SELECT r.report_period, r.key, coalesce(kl.label, r.key) AS key_label, r.dim, r.dim_value,
       coalesce(d.name, i.name_zh, r.dim_value) AS dim_label,
       r.balance::VARCHAR AS balance, r.ytd_inc::VARCHAR AS ytd_increase,
       ${pct('r.balance - r.bal_y', 'r.bal_y')} AS yoy,
       (r.balance - r.bal_y)::VARCHAR AS yoy_increase,
       (r.ytd_inc - r.ytd_inc_prev)::VARCHAR AS yoy_extra_increase,
       r.ytd_issued::DECIMAL(18,2)::VARCHAR AS ytd_issued,
       ${pct('r.ytd_issued - r.ytd_issued_prev', 'r.ytd_issued_prev')} AS ytd_issued_yoy,
       ${pct('r.ytd_inc', 'city.ytd_inc')} AS contribution,
       r.borrowers_with_balance::VARCHAR AS borrowers_with_balance,
       r.first_new::BIGINT::VARCHAR AS first_loan_borrowers_ytd,
       r.loan_rate::VARCHAR AS new_loan_rate,
       round((r.loan_rate - r.loan_rate_y) * 100, 2)::DECIMAL(18,2)::VARCHAR AS new_loan_rate_yoy_bp,
       r.bill_rate::VARCHAR AS bill_rate,
       round((r.bill_rate - r.bill_rate_y) * 100, 2)::DECIMAL(18,2)::VARCHAR AS bill_rate_yoy_bp,
       ${pct('r.credit_balance', 'r.balance')} AS credit_share_balance,
       ${pct('r.credit_issued', 'r.issued')} AS credit_share_issued,
       ${pct('r.special_mention_balance', 'r.balance')} AS special_mention_ratio,
       ${pct('r.overdue90_balance', 'r.balance')} AS overdue90_ratio,
       ${pct('r.npl_balance', 'r.balance')} AS npl_ratio,
       ${pct('r.balance + r.exits12 - r.bal_y', 'r.bal_y')} AS yoy_comparable,
       r.rule_version
     FROM r
     LEFT JOIN r city ON city.key = r.key AND city.dim = 'city'
     LEFT JOIN ${keyLabels} ON kl.key = r.key
     LEFT JOIN ref_district d ON r.dim IN ('district', 'branch_district') AND d.code = r.dim_value
     LEFT JOIN institutions i ON r.dim = 'institution' AND i.code = r.dim_value
     WHERE r.dim = ? AND (CAST(? AS VARCHAR) IS NULL OR r.key = ?)
       AND (CAST(? AS VARCHAR) IS NULL OR r.dim_value = ?)
     ORDER BY r.key, r.balance DESC, r.dim_value`,
    [
      `${year}-01`,
      period,
      `${year - 1}-01`,
      prevY,
      addMonths(period, -11),
      period,
      month,
      month,
      month,
      dec,
      prevY,
      dec2,
      period,
      ...RELEASE_KEYS.flatMap((k) => [k.key, k.label_zh]),
      opts.dim ?? 'city',
      opts.key ?? null,
      opts.key ?? null,
      opts.dimValue ?? null,
      opts.dimValue ?? null,
    ],
  );
}
