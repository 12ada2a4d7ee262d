// The published lines of classify-v2 (rules.v2.ts LINES_V2) per period, city-wide, in one DuckDB statement:
// 获贷企业数/户数 (distinct borrowers with balance > 0), 余额, 余额加权利率, 新发放额, 新发放加权利率 — each with and
// without directly discounted bills (票据融资, C03). A line is the deduplicated union of its bases: a loan counts
// once per line whatever number of its bases hold, a borrower once. Breakdowns: green by first- and second-level
// catalogue use (G1.x, G2.x.y), pension by EC category (Y1.ECnn), and the reported 普惠金融领域 flags (PF.flag) of
// the loans that can count at all (not entrusted, no non-direct bill).
import { compileExpr } from '../classify/compile.sql.ts';
import { COUNTED, LINES_V2 } from '../classify/rules.v2.ts';
import type { AnalyticsConn, SqlParam } from '../store/analytics/duckdb.ts';

export type BillVariant = 'with_bills' | 'without_bills';

export interface LineFigure {
  report_period: string;
  line: string;
  variant: BillVariant;
  borrower_count: string;
  balance: string;
  balance_rate: string | null;
  issued_amount: string;
  issued_rate: string | null;
  rule_version: string;
}

function lineSelect(period: string, submissions: readonly string[]): { sql: string; params: SqlParam[] } {
  const subs = submissions.length === 0 ? 'NULL' : submissions.map(() => 'CAST(? AS BIGINT)').join(', ');
  const counted = compileExpr(COUNTED);
  const lines = LINES_V2.map(() => '(?, ?::VARCHAR[])').join(', ');
  const sql = `
WITH lab AS (
  SELECT submission_id, row_no, list(basis) AS bases, min(rule_version) AS rv
  FROM loan_areas WHERE submission_id IN (${subs}) GROUP BY submission_id, row_no
),
l AS (
  SELECT l.submission_id, l.row_no, l.borrower_key, l.balance, l.interest_rate, l.issued_amount,
    l.business_category, l.green_item, l.pension_type, l.inclusive_flags, ${counted.sql} AS counted
  FROM loans l WHERE l.submission_id IN (${subs}) AND l.report_period = ?
),
defs(line, bases) AS (VALUES ${lines}),
member AS (
  SELECT lab.submission_id, lab.row_no, d.line FROM lab JOIN defs d ON list_has_any(lab.bases, d.bases)
  UNION ALL
  SELECT l.submission_id, l.row_no, 'G1.' || split_part(l.green_item, '.', 1)
  FROM l JOIN lab USING (submission_id, row_no) WHERE list_contains(lab.bases, 'green.item')
  UNION ALL
  SELECT l.submission_id, l.row_no, 'G2.' || split_part(l.green_item, '.', 1) || '.' || split_part(l.green_item, '.', 2)
  FROM l JOIN lab USING (submission_id, row_no)
  WHERE list_contains(lab.bases, 'green.item') AND split_part(l.green_item, '.', 2) <> ''
  UNION ALL
  SELECT l.submission_id, l.row_no, 'Y1.' || l.pension_type
  FROM l JOIN lab USING (submission_id, row_no) WHERE list_contains(lab.bases, 'pension.industry')
  UNION ALL
  SELECT DISTINCT submission_id, row_no, 'PF.' || unnest(inclusive_flags) FROM l WHERE counted
),
v(variant, bills) AS (VALUES ('with_bills', TRUE), ('without_bills', FALSE)),
agg AS (
  SELECT m.line, v.variant,
    count(DISTINCT l.borrower_key) FILTER (WHERE l.balance > 0) AS borrower_count,
    sum(l.balance) AS balance, sum(l.balance::DECIMAL(38,6) * l.interest_rate) AS balance_w,
    sum(l.issued_amount) AS issued_amount, sum(l.issued_amount::DECIMAL(38,6) * l.interest_rate) AS issued_w
  FROM (SELECT DISTINCT submission_id, row_no, line FROM member) m
  JOIN l USING (submission_id, row_no)
  JOIN v ON v.bills OR coalesce(l.business_category, '') <> 'C03'
  GROUP BY m.line, v.variant
),
keys AS (SELECT d.line, v.variant FROM defs d CROSS JOIN v UNION SELECT line, variant FROM agg)
SELECT ? AS report_period, k.line, k.variant,
  coalesce(a.borrower_count, 0)::VARCHAR AS borrower_count,
  coalesce(a.balance, 0)::DECIMAL(18,2)::VARCHAR AS balance,
  round(a.balance_w / nullif(a.balance, 0), 6)::DECIMAL(18,6)::VARCHAR AS balance_rate,
  coalesce(a.issued_amount, 0)::DECIMAL(18,2)::VARCHAR AS issued_amount,
  round(a.issued_w / nullif(a.issued_amount, 0), 6)::DECIMAL(18,6)::VARCHAR AS issued_rate,
  coalesce((SELECT string_agg(DISTINCT rule_version, ',' ORDER BY rule_version) FROM loan_areas
    WHERE submission_id IN (${subs})), 'none') AS rule_version
FROM keys k LEFT JOIN agg a USING (line, variant)`;
  return {
    sql,
    params: [
      ...submissions,
      ...counted.params,
      ...submissions,
      period,
      ...LINES_V2.flatMap((d) => [d.line, `[${d.bases.join(',')}]`]),
      period,
      ...submissions,
    ],
  };
}

async function inForce(db: AnalyticsConn, period: string): Promise<string[]> {
  const rows = await db.all<{ id: string }>(
    'SELECT DISTINCT submission_id::VARCHAR AS id FROM loans_current WHERE report_period = ? ORDER BY 1',
    [period],
  );
  return rows.map((r) => r.id);
}

/** The period's line figures from the loans in force, without storing them, ordered by line and variant. */
export async function computeLineFigures(db: AnalyticsConn, period: string): Promise<LineFigure[]> {
  const q = lineSelect(period, await inForce(db, period));
  return db.all<LineFigure>(`SELECT * FROM (${q.sql}) x ORDER BY line, variant`, q.params);
}

/** Recomputes and stores the period's line figures (two statements; callers wanting them atomic wrap them). */
export async function recomputeLineFigures(
  db: AnalyticsConn,
  period: string,
  at: string | null,
): Promise<void> {
  const q = lineSelect(period, await inForce(db, period));
  await db.run('DELETE FROM area_line_figures WHERE report_period = ?', [period]);
  await db.run(
    `INSERT INTO area_line_figures SELECT x.*, coalesce(CAST(? AS TIMESTAMP), current_timestamp::TIMESTAMP)
     FROM (${q.sql}) x`,
    [at, ...q.params],
  );
}

/** Stored line figures of a period (optionally one line). */
export async function storedLineFigures(
  db: AnalyticsConn,
  period: string,
  line?: string,
): Promise<LineFigure[]> {
  return db.all<LineFigure>(
    `SELECT report_period, line, variant, borrower_count::VARCHAR AS borrower_count, balance::VARCHAR AS balance,
       balance_rate::VARCHAR AS balance_rate, issued_amount::VARCHAR AS issued_amount,
       issued_rate::VARCHAR AS issued_rate, rule_version FROM area_line_figures
     WHERE report_period = ? AND (CAST(? AS VARCHAR) IS NULL OR line = ?) ORDER BY line, variant`,
    [period, line ?? null, line ?? null],
  );
}
