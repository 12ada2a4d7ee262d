// The published lines of classify-v2 (rules.v2.ts LINES_V2) per period, city-wide, in one DuckDB statement:
// 获贷企业数/户数 (distinct borrowers with balance > 0), 余额, 余额加权利率, 新发放额, 新发放加权利率 — each with and
// without directly discounted bills (票据融资, C03). A line is the deduplicated union of its bases: a loan counts
// once per line whatever number of its bases hold, a borrower once. Breakdowns: green by first- and second-level
// catalogue use (G1.x, G2.x.y), pension by EC category (Y1.ECnn), and the reported 普惠金融领域 flags (PF.flag) of
// the loans that can count at all (not entrusted, no non-direct bill).
import { compileExpr } from '../classify/compile.sql.ts';
import { COUNTED, LINES_V2, RULES_V2 } from '../classify/rules.v2.ts';
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

/** Bit of each classify-v2 basis in a loan's basis mask (declaration order). */
const BASIS_BIT = new Map(RULES_V2.map((r, i) => [r.basis, i]));
const maskOf = (bases: readonly string[]): string =>
  bases
    .reduce((m, b) => {
      const bit = BASIS_BIT.get(b);
      if (bit === undefined) throw new Error(`line basis ${b} is not a classify-v2 basis`);
      return m | (1n << BigInt(bit));
    }, 0n)
    .toString();

/**
 * One pass: each labelled loan carries the bit mask of its classify-v2 bases; a loan is in a line when the mask
 * meets the line's mask (integer test, no list work). Both bill variants are FILTERed aggregates of the same rows.
 */
function lineSelect(period: string, submissions: readonly string[]): { sql: string; params: SqlParam[] } {
  const subs = submissions.length === 0 ? 'NULL' : submissions.map(() => 'CAST(? AS BIGINT)').join(', ');
  const counted = compileExpr(COUNTED);
  const bit = (b: string): string => maskOf([b]);
  const measures = (suffix: string, filter: string): string => `
    sum(balance) FILTER (WHERE TRUE${filter}) AS balance${suffix},
    sum(balance::DECIMAL(38,6) * interest_rate) FILTER (WHERE TRUE${filter}) AS balance_w${suffix},
    sum(issued_amount) FILTER (WHERE TRUE${filter}) AS issued_amount${suffix},
    sum(issued_amount::DECIMAL(38,6) * interest_rate) FILTER (WHERE TRUE${filter}) AS issued_w${suffix}`;
  const out = (suffix: string, variant: BillVariant): string => `
  SELECT k.line, '${variant}' AS variant, coalesce(a.borrower_count${suffix}, 0) AS borrower_count,
    coalesce(a.balance${suffix}, 0) AS balance, a.balance_w${suffix} AS balance_w,
    coalesce(a.issued_amount${suffix}, 0) AS issued_amount, a.issued_w${suffix} AS issued_w
  FROM keys k LEFT JOIN agg a USING (line)`;
  const sql = `
WITH lab AS (
  SELECT la.submission_id, la.row_no, bit_or(1::BIGINT << b.bit) AS m
  FROM loan_areas la JOIN (VALUES ${RULES_V2.map(() => '(?, ?)').join(', ')}) b(basis, bit) USING (basis)
  WHERE la.submission_id IN (${subs}) GROUP BY la.submission_id, la.row_no
),
l AS (
  SELECT l.submission_id, l.row_no, l.borrower_key, l.balance, l.interest_rate, l.issued_amount,
    coalesce(l.business_category, '') = 'C03' AS bill, l.green_item, l.pension_type, l.inclusive_flags,
    ${counted.sql} AS counted
  FROM loans l WHERE l.submission_id IN (${subs}) AND l.report_period = ?
),
x AS (SELECT l.*, lab.m FROM l JOIN lab USING (submission_id, row_no)),
defs(line, lmask) AS (VALUES ${LINES_V2.map(() => '(?, CAST(? AS BIGINT))').join(', ')}),
member AS (
  SELECT d.line, x.borrower_key, x.balance, x.interest_rate, x.issued_amount, x.bill
  FROM x JOIN defs d ON (x.m & d.lmask) <> 0
  UNION ALL
  SELECT 'G1.' || split_part(green_item, '.', 1), borrower_key, balance, interest_rate, issued_amount, bill
  FROM x WHERE (m & ${bit('green.item')}) <> 0
  UNION ALL
  SELECT 'G2.' || split_part(green_item, '.', 1) || '.' || split_part(green_item, '.', 2), borrower_key, balance,
    interest_rate, issued_amount, bill
  FROM x WHERE (m & ${bit('green.item')}) <> 0 AND split_part(green_item, '.', 2) <> ''
  UNION ALL
  SELECT 'Y1.' || pension_type, borrower_key, balance, interest_rate, issued_amount, bill
  FROM x WHERE (m & ${bit('pension.industry')}) <> 0
  UNION ALL
  SELECT 'PF.' || f, borrower_key, balance, interest_rate, issued_amount, bill
  FROM (SELECT DISTINCT submission_id, row_no, unnest(inclusive_flags) AS f, borrower_key, balance, interest_rate,
    issued_amount, bill FROM l WHERE counted AND len(inclusive_flags) > 0)
),
sums AS (
  SELECT line, ${measures('', '')}, ${measures('_nb', ' AND NOT bill')}
  FROM member GROUP BY line
),
agg AS (
  SELECT s.*, b.borrower_count, b.borrower_count_nb FROM sums s LEFT JOIN (
    SELECT line, count(*) FILTER (WHERE pos) AS borrower_count, count(*) FILTER (WHERE pos_nb) AS borrower_count_nb
    FROM (SELECT line, borrower_key, bool_or(balance > 0) AS pos, bool_or(balance > 0 AND NOT bill) AS pos_nb
      FROM member GROUP BY line, borrower_key) GROUP BY line
  ) b USING (line)
),
keys AS (SELECT line FROM defs UNION SELECT line FROM agg),
v AS (${out('', 'with_bills')}
  UNION ALL ${out('_nb', 'without_bills')}
)
SELECT ? AS report_period, v.line, v.variant, v.borrower_count::VARCHAR AS borrower_count,
  v.balance::DECIMAL(18,2)::VARCHAR AS balance,
  round(v.balance_w / nullif(v.balance, 0), 6)::DECIMAL(18,6)::VARCHAR AS balance_rate,
  v.issued_amount::DECIMAL(18,2)::VARCHAR AS issued_amount,
  round(v.issued_w / nullif(v.issued_amount, 0), 6)::DECIMAL(18,6)::VARCHAR AS issued_rate,
  coalesce((SELECT string_agg(DISTINCT rule_version, ',' ORDER BY rule_version) FROM loan_areas
    WHERE submission_id IN (${subs})), 'none') AS rule_version
FROM v`;
  return {
    sql,
    params: [
      ...RULES_V2.flatMap((r, i) => [r.basis, i]),
      ...submissions,
      ...counted.params,
      ...submissions,
      period,
      ...LINES_V2.flatMap((d) => [d.line, maskOf(d.bases)]),
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
