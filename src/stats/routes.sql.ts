// Scoped statistics for the HTTP routes: the scope is a SQL parameter. Unscoped users read the stored aggregates
// (queries.ts); an institution or district user's tables are recomputed in DuckDB from the loans in force,
// restricted to that institution's or district's loans, with the same definitions as aggregates.sql.ts.
import type { Scope } from '../auth/scope.ts';
import type { AnalyticsConn, SqlParam } from '../store/analytics/duckdb.ts';
import type { Dim, StatArea } from './dims.ts';
import { explainFigure, type DrillRow, type FigureDrill } from './explain.ts';
import { addMonths } from '../shared/period.ts';
import { outOfCitySql } from './district.sql.ts';
import { areaStats, type AreaFigure } from './queries.ts';

/** SQL of each dimension's key over `l` (loans) and `ind` (the industry division row): an allow-list. */
const DIM_KEY: Record<Dim, string> = {
  city: "'500000'",
  district: outOfCitySql('l.district_code'),
  institution: 'l.institution_code',
  industry_section: "coalesce(ind.parent, '?')",
  industry_division: 'left(l.industry_code, 2)',
  size: 'coalesce(l.enterprise_size, l.borrower_type)',
  guarantee: 'l.guarantee_type',
};

function scopeFilter(scope: Scope): { inst: string | null; dist: string | null } {
  return {
    inst: scope.kind === 'institution' ? scope.code : null,
    dist: scope.kind === 'district' ? scope.code : null,
  };
}

const ratio = (num: string, den: string): string =>
  `CASE WHEN ${den} > 0 THEN round(CAST(${num} AS DOUBLE) / CAST(${den} AS DOUBLE), 6) END`;

/** Figures by one dimension over the loans of one institution or district, with MoM and YoY growth. */
export async function liveFigures(
  db: AnalyticsConn,
  period: string,
  scope: Scope,
  dim: Dim,
  area?: StatArea,
): Promise<AreaFigure[]> {
  const { inst, dist } = scopeFilter(scope);
  const prevM = addMonths(period, -1);
  const prevY = addMonths(period, -12);
  const params: SqlParam[] = [period, prevM, prevY, inst, inst, dist, dist, dim, prevM, prevY, dim, dim];
  params.push(period, area ?? null, area ?? null);
  return db.all<AreaFigure>(
    `WITH l AS (
       SELECT * FROM loans_current WHERE report_period IN (?, ?, ?)
         AND (CAST(? AS VARCHAR) IS NULL OR institution_code = ?)
         AND (CAST(? AS VARCHAR) IS NULL OR district_code = ?)
     ),
     labels AS (SELECT la.* FROM loan_areas la WHERE la.submission_id IN (SELECT DISTINCT submission_id FROM l)),
     tagged AS (
       SELECT DISTINCT submission_id, row_no, area FROM labels
       UNION ALL SELECT DISTINCT submission_id, row_no, 'all5' FROM labels
       UNION ALL SELECT submission_id, row_no, 'all_loans' FROM l
     ),
     rv AS (
       SELECT s.report_period, string_agg(DISTINCT la.rule_version, ',' ORDER BY la.rule_version) AS v
       FROM labels la JOIN (SELECT DISTINCT submission_id, report_period FROM l) s USING (submission_id)
       GROUP BY s.report_period
     ),
     x AS (
       SELECT t.area, l.*, ${DIM_KEY[dim]} AS dim_value
       FROM l JOIN tagged t USING (submission_id, row_no)
       LEFT JOIN ref_industry ind ON ind.code = left(l.industry_code, 2) AND ind.level = 'division'
     ),
     agg AS (
       SELECT report_period, area, dim_value,
         sum(balance)::DECIMAL(18,2) AS balance, count(*) AS loan_count,
         count(DISTINCT borrower_key) AS borrower_count, sum(issued_amount)::DECIMAL(18,2) AS issued_amount,
         sum(issued_amount::DECIMAL(38,6) * interest_rate)::DECIMAL(38,6) AS issued_rate_weight,
         coalesce(sum(balance) FILTER (WHERE guarantee_type = 'credit'), 0)::DECIMAL(18,2) AS credit_balance,
         count(DISTINCT borrower_key) FILTER (WHERE first_loan) AS first_loan_borrowers,
         coalesce(sum(balance) FILTER (WHERE maturity_date > issue_date + INTERVAL 1 YEAR), 0)::DECIMAL(18,2)
           AS mlt_balance,
         coalesce(sum(balance) FILTER (WHERE quality IN ('substandard', 'doubtful', 'loss')), 0)::DECIMAL(18,2)
           AS npl_balance,
         list_sort(list(DISTINCT submission_id)) AS submission_ids
       FROM x GROUP BY report_period, area, dim_value
     )
     SELECT c.report_period, c.area, CAST(? AS VARCHAR) AS dim, c.dim_value,
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
       coalesce(rv.v, 'none') AS rule_version, list_transform(c.submission_ids, s -> s::VARCHAR) AS submission_ids
     FROM agg c
     LEFT JOIN agg m ON m.report_period = ? AND m.area = c.area AND m.dim_value = c.dim_value
     LEFT JOIN agg y ON y.report_period = ? AND y.area = c.area AND y.dim_value = c.dim_value
     LEFT JOIN rv ON rv.report_period = c.report_period
     LEFT JOIN ref_district d ON CAST(? AS VARCHAR) = 'district' AND d.code = c.dim_value
     LEFT JOIN ref_industry i ON CAST(? AS VARCHAR) IN ('industry_section', 'industry_division') AND i.code = c.dim_value
     WHERE c.report_period = ? AND (CAST(? AS VARCHAR) IS NULL OR c.area = ?)
     ORDER BY c.area, c.balance DESC, c.dim_value`,
    params,
  );
}

/**
 * Figures of a period by dimension within the scope. City totals are published figures (everyone). An
 * institution's own row by institution and a district's own row by district come from the stored aggregates;
 * other tables of a scoped user are recomputed over that user's loans. District users get no per-bank table
 * (the caller refuses dim = institution for them).
 */
export async function scopedFigures(
  db: AnalyticsConn,
  period: string,
  scope: Scope,
  dim: Dim,
  area?: StatArea,
): Promise<AreaFigure[]> {
  if (scope.kind === 'all' || dim === 'city') return (await areaStats(db, period, { dim, area })).figures;
  if (scope.kind === 'institution' && dim === 'institution')
    return (await areaStats(db, period, { dim, area, dimValue: scope.code })).figures;
  if (scope.kind === 'district' && dim === 'district')
    return (await areaStats(db, period, { dim, area, dimValue: scope.code })).figures;
  return liveFigures(db, period, scope, dim, area);
}

export interface RankRow {
  rank: number;
  code: string;
  name: string;
  balance: string | null;
  yoy: number | null;
  share: number | null;
}

/**
 * Ranks of districts or banks by balance in one area (published: rank and name for everyone); the figures
 * only for rows inside the scope.
 */
export async function rankings(
  db: AnalyticsConn,
  period: string,
  dim: 'district' | 'institution',
  area: StatArea,
  scope: Scope,
): Promise<RankRow[]> {
  const own = scope.kind === 'all' ? null : scope.code;
  const open = scope.kind === 'all';
  return db.all<RankRow>(
    `WITH r AS (
       SELECT c.dim_value AS code,
         coalesce(d.name, i.name_zh, c.dim_value) AS name,
         (rank() OVER (ORDER BY c.balance DESC))::INTEGER AS rank,
         c.balance, y.balance AS balance_prev_year, t.balance AS city_balance
       FROM area_aggregates c
       JOIN area_aggregates t ON t.report_period = c.report_period AND t.area = c.area AND t.dim = 'city'
       LEFT JOIN area_aggregates y ON y.report_period = ? AND y.area = c.area AND y.dim = c.dim
         AND y.dim_value = c.dim_value
       LEFT JOIN ref_district d ON c.dim = 'district' AND d.code = c.dim_value
       LEFT JOIN institutions i ON c.dim = 'institution' AND i.code = c.dim_value
       WHERE c.report_period = ? AND c.area = ? AND c.dim = ?
     )
     SELECT rank, code, name,
       CASE WHEN ? OR code = ? THEN balance::VARCHAR END AS balance,
       CASE WHEN ? OR code = ? THEN ${ratio('balance - balance_prev_year', 'balance_prev_year')} END AS yoy,
       CASE WHEN ? OR code = ? THEN ${ratio('balance', 'city_balance')} END AS share
     FROM r ORDER BY rank, code`,
    [addMonths(period, -12), period, area, dim, open, own, open, own, open, own],
  );
}

/** The loans of the area among `l`, as SQL (any area for all5, every loan for all_loans). */
function areaFilter(area: StatArea): { sql: string; params: string[] } {
  if (area === 'all_loans') return { sql: 'TRUE', params: [] };
  const a =
    'EXISTS (SELECT 1 FROM loan_areas a WHERE a.submission_id = l.submission_id AND a.row_no = l.row_no';
  return area === 'all5' ? { sql: `${a})`, params: [] } : { sql: `${a} AND a.area = ?)`, params: [area] };
}

/**
 * One step of the drill-down within the scope: districts → banks → loans. Unscoped users get explainFigure's
 * answer; an institution user's steps count only its own loans; a district user sees only its own district
 * (the caller refuses the bank and loan levels).
 */
export async function scopedDrill(
  db: AnalyticsConn,
  q: { period: string; area: StatArea; district?: string; institution?: string; limit?: number },
  scope: Scope,
): Promise<FigureDrill> {
  if (scope.kind === 'all' || (q.district !== undefined && q.institution !== undefined))
    return explainFigure(db, scope.kind === 'institution' ? { ...q, institution: scope.code } : q);
  const { inst, dist } = scopeFilter(scope);
  const f = areaFilter(q.area);
  const scoped = `(CAST(? AS VARCHAR) IS NULL OR l.institution_code = ?) AND (CAST(? AS VARCHAR) IS NULL OR l.district_code = ?)`;
  const sp = [inst, inst, dist, dist];
  if (q.district === undefined) {
    const rows = await db.all<DrillRow>(
      `SELECT l.district_code AS key, coalesce(d.name, l.district_code) AS label, sum(l.balance)::VARCHAR AS balance,
         count(*)::VARCHAR AS loan_count
       FROM loans_current l LEFT JOIN ref_district d ON d.code = l.district_code
       WHERE l.report_period = ? AND ${scoped} AND ${f.sql} GROUP BY ALL ORDER BY sum(l.balance) DESC, key`,
      [q.period, ...sp, ...f.params],
    );
    return { level: 'district', period: q.period, area: q.area, rows };
  }
  const rows = await db.all<DrillRow>(
    `SELECT l.institution_code AS key, l.institution_code AS label, sum(l.balance)::VARCHAR AS balance,
       count(*)::VARCHAR AS loan_count
     FROM loans_current l WHERE l.report_period = ? AND l.district_code = ? AND ${scoped} AND ${f.sql}
     GROUP BY ALL ORDER BY sum(l.balance) DESC, key`,
    [q.period, q.district, ...sp, ...f.params],
  );
  return { level: 'institution', period: q.period, area: q.area, district: q.district, rows };
}
