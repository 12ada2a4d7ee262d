// Explanations: drill a published figure down to districts → banks → the loans behind it, and say why one loan
// counts (each basis, its rule version, the registry entry or catalogue edition it matched).
import { classifyLoan, type Label } from '../classify/evaluate.ts';
import { labellingFor, loadClassifyContext, readLoanFacts } from '../classify/classify.ts';
import { RULES_V2 } from '../classify/rules.v2.ts';
import { ruleFor } from '../classify/rules.ts';
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import type { StatArea } from './dims.ts';

export interface DrillRow {
  key: string;
  label: string;
  balance: string;
  loan_count: string;
}

export interface LoanRow {
  institution_code: string;
  loan_id: string;
  submission_id: string;
  row_no: string;
  borrower_type: string;
  district_code: string;
  industry_code: string;
  balance: string;
  bases: string[];
}

export type FigureDrill =
  | { level: 'district'; period: string; area: StatArea; rows: DrillRow[] }
  | { level: 'institution'; period: string; area: StatArea; district: string; rows: DrillRow[] }
  | { level: 'loan'; period: string; area: StatArea; district: string; institution: string; rows: LoanRow[] };

/** The loans of the area (any area for all5; every loan for all_loans) in force now, as SQL over `l`. */
function areaLoans(area: StatArea): { sql: string; params: string[] } {
  if (area === 'all_loans') return { sql: 'TRUE', params: [] };
  if (area === 'all5')
    return {
      sql: 'EXISTS (SELECT 1 FROM loan_areas a WHERE a.submission_id = l.submission_id AND a.row_no = l.row_no)',
      params: [],
    };
  return {
    sql: 'EXISTS (SELECT 1 FROM loan_areas a WHERE a.submission_id = l.submission_id AND a.row_no = l.row_no AND a.area = ?)',
    params: [area],
  };
}

/** One step of the drill-down of a figure: no district → districts; district → banks; both → loans. */
export async function explainFigure(
  db: AnalyticsConn,
  q: { period: string; area: StatArea; district?: string; institution?: string; limit?: number },
): Promise<FigureDrill> {
  const f = areaLoans(q.area);
  if (q.district === undefined) {
    const rows = await db.all<DrillRow>(
      `SELECT l.district_code AS key, coalesce(d.name, l.district_code) AS label, sum(l.balance)::VARCHAR AS balance,
         count(*)::VARCHAR AS loan_count
       FROM loans_current l LEFT JOIN ref_district d ON d.code = l.district_code
       WHERE l.report_period = ? AND ${f.sql} GROUP BY ALL ORDER BY sum(l.balance) DESC, key`,
      [q.period, ...f.params],
    );
    return { level: 'district', period: q.period, area: q.area, rows };
  }
  if (q.institution === undefined) {
    const rows = await db.all<DrillRow>(
      `SELECT l.institution_code AS key, l.institution_code AS label, sum(l.balance)::VARCHAR AS balance,
         count(*)::VARCHAR AS loan_count
       FROM loans_current l WHERE l.report_period = ? AND l.district_code = ? AND ${f.sql}
       GROUP BY ALL ORDER BY sum(l.balance) DESC, key`,
      [q.period, q.district, ...f.params],
    );
    return { level: 'institution', period: q.period, area: q.area, district: q.district, rows };
  }
  const rows = await db.all<LoanRow>(
    `SELECT l.institution_code, l.loan_id, l.submission_id::VARCHAR AS submission_id, l.row_no::VARCHAR AS row_no,
       l.borrower_type, l.district_code, l.industry_code, l.balance::VARCHAR AS balance,
       coalesce((SELECT list_sort(list(a.basis)) FROM loan_areas a
                 WHERE a.submission_id = l.submission_id AND a.row_no = l.row_no), []::VARCHAR[]) AS bases
     FROM loans_current l
     WHERE l.report_period = ? AND l.district_code = ? AND l.institution_code = ? AND ${f.sql}
     ORDER BY l.balance DESC, l.loan_id LIMIT ?`,
    [q.period, q.district, q.institution, ...f.params, String(q.limit ?? 100)],
  );
  return {
    level: 'loan',
    period: q.period,
    area: q.area,
    district: q.district,
    institution: q.institution,
    rows,
  };
}

export interface LoanExplanation {
  institution_code: string;
  loan_id: string;
  report_period: string;
  submission_id: string;
  row_no: string;
  declared_areas: string[];
  /** Labels stored by the bulk (SQL) classification. */
  stored: { area: string; basis: string; rule_version: string; label_zh: string; label_en: string }[];
  /** The same loan re-evaluated now by the TypeScript evaluator, with evidence (registry entry, catalogue). */
  evaluated: (Label & { label_zh: string; label_en: string })[];
  /** True when the stored and re-evaluated bases differ (e.g. the registry changed since classification). */
  changed_since_classification: boolean;
}

/** Why a loan (in force now; newest period unless one is given) counts, with its bases and evidence. */
export async function explainLoan(
  db: AnalyticsConn,
  institution: string,
  loanId: string,
  period?: string,
): Promise<LoanExplanation | null> {
  const [hit] = await db.all<{ submission_id: string; row_no: string; report_period: string }>(
    `SELECT submission_id::VARCHAR AS submission_id, row_no::VARCHAR AS row_no, report_period FROM loans_current
     WHERE institution_code = ? AND loan_id = ? AND (CAST(? AS VARCHAR) IS NULL OR report_period = ?)
     ORDER BY report_period DESC LIMIT 1`,
    [institution, loanId, period ?? null, period ?? null],
  );
  if (!hit) return null;
  const [facts] = await readLoanFacts(
    db,
    'l.submission_id = CAST(? AS BIGINT) AND l.row_no = CAST(? AS BIGINT)',
    [hit.submission_id, hit.row_no],
  );
  if (!facts) return null;
  const stored = await db.all<{ area: string; basis: string; rule_version: string }>(
    `SELECT area, basis, rule_version FROM loan_areas WHERE submission_id = CAST(? AS BIGINT)
       AND row_no = CAST(? AS BIGINT) ORDER BY area, basis`,
    [hit.submission_id, hit.row_no],
  );
  const ctx = await loadClassifyContext(db, [facts.borrower_key]);
  const labels = (r: { basis: string }) => {
    const rule = ruleFor(r.basis) ?? RULES_V2.find((x) => x.basis === r.basis);
    return { label_zh: rule?.label_zh ?? r.basis, label_en: rule?.label_en ?? r.basis };
  };
  const { set, opts } = await labellingFor(db, hit.submission_id);
  const evaluated = classifyLoan(facts, ctx, opts, set).map((l) => ({ ...l, ...labels(l) }));
  const a = stored.map((s) => s.basis).sort();
  const b = evaluated.map((e) => e.basis).sort();
  return {
    institution_code: institution,
    loan_id: loanId,
    report_period: hit.report_period,
    submission_id: hit.submission_id,
    row_no: hit.row_no,
    declared_areas: [...facts.declared_areas],
    stored: stored.map((s) => ({ ...s, ...labels(s) })),
    evaluated,
    changed_since_classification: a.join(',') !== b.join(','),
  };
}
