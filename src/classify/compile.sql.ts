// The SQL evaluator of the classification rules: compiles the declaration (rules.ts) into DuckDB SQL over
// the loans table aliased `l`. Values are bound parameters; identifiers come only from the allow-lists in expr.ts.
import type { SqlParam } from '../store/analytics/duckdb.ts';
import { assertNever } from '../shared/assert-never.ts';
import { GREEN_CODE_SQL, MONEY_FIELDS, TEXT_FIELDS, type Expr } from './expr.ts';
import { DEFAULT_OPTIONS, RULES, type BasisRule, type ClassifyOptions } from './rules.ts';

export interface SqlFragment {
  sql: string;
  params: SqlParam[];
}

function field<F extends string>(allowed: readonly F[], f: F): string {
  if (!allowed.includes(f)) throw new Error(`field not allowed: ${f}`);
  return `l.${f}`;
}

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** Compiles one expression to a boolean SQL expression that is never NULL. */
export function compileExpr(e: Expr, opts: ClassifyOptions = DEFAULT_OPTIONS): SqlFragment {
  switch (e.op) {
    case 'true':
      return { sql: 'TRUE', params: [] };
    case 'eq':
      return { sql: `coalesce(${field(TEXT_FIELDS, e.field)} = ?, FALSE)`, params: [e.value] };
    case 'in':
      if (e.values.length === 0) return { sql: 'FALSE', params: [] };
      return {
        sql: `coalesce(${field(TEXT_FIELDS, e.field)} IN (${placeholders(e.values.length)}), FALSE)`,
        params: [...e.values],
      };
    case 'moneyLe':
      return {
        sql: `coalesce(${field(MONEY_FIELDS, e.field)} <= CAST(? AS DECIMAL(18,2)), FALSE)`,
        params: [e.value],
      };
    case 'isPerson':
      return { sql: 'coalesce(l.borrower_is_person, FALSE)', params: [] };
    case 'declared':
      return { sql: 'coalesce(list_contains(l.declared_areas, ?), FALSE)', params: [e.area] };
    case 'and':
    case 'or': {
      const parts = e.args.map((a) => compileExpr(a, opts));
      if (parts.length === 0) return { sql: e.op === 'and' ? 'TRUE' : 'FALSE', params: [] };
      const joiner = e.op === 'and' ? ' AND ' : ' OR ';
      return {
        sql: `(${parts.map((p) => p.sql).join(joiner)})`,
        params: parts.flatMap((p) => p.params),
      };
    }
    case 'not': {
      const p = compileExpr(e.arg, opts);
      return { sql: `(NOT ${p.sql})`, params: p.params };
    }
    case 'option':
      return { sql: opts[e.flag] ? 'TRUE' : 'FALSE', params: [] };
    case 'techSchemeEnabled':
      return { sql: opts.techIndustrySchemes.includes(e.scheme) ? 'TRUE' : 'FALSE', params: [] };
    case 'qualification':
      return {
        sql: `EXISTS (SELECT 1 FROM enterprise_qualifications q WHERE q.credit_code = l.borrower_key
          AND q.qualification = ? AND q.valid_from <= l.period_end
          AND (q.valid_to IS NULL OR l.period_end <= q.valid_to))`,
        params: [e.kind],
      };
    case 'industryInTechList':
      return {
        sql: 'EXISTS (SELECT 1 FROM ref_high_tech h WHERE h.scheme = ? AND h.industry_code = l.industry_code)',
        params: [e.scheme],
      };
    case 'industryInDigitalMap':
      return {
        sql: `EXISTS (SELECT 1 FROM ref_digital_industry_map d WHERE d.industry_code = l.industry_code
          AND left(d.de_code, 2) IN (${placeholders(e.categories.length)}))`,
        params: [...e.categories],
      };
    case 'digitalMapEmpty':
      return { sql: '(NOT EXISTS (SELECT 1 FROM ref_digital_industry_map))', params: [] };
    case 'industryInElderlyMap':
      return {
        sql: 'EXISTS (SELECT 1 FROM ref_elderly_industry_map e WHERE e.industry_code = l.industry_code)',
        params: [],
      };
    case 'greenCatalogueInForce':
      return {
        sql: `(l.green_category IS NOT NULL AND regexp_full_match(l.green_category, '${GREEN_CODE_SQL}')
          AND EXISTS (SELECT 1 FROM ref_green_catalogue g WHERE g.level = '1'
            AND g.code = split_part(l.green_category, '.', 1)
            AND (nullif(g.in_force_from, '') IS NULL OR l.issue_date >= CAST(g.in_force_from AS DATE))
            AND (nullif(g.in_force_to, '') IS NULL OR l.issue_date <= CAST(g.in_force_to AS DATE))))`,
        params: [],
      };
    default:
      return assertNever(e);
  }
}

/**
 * A SELECT yielding (submission_id, row_no, area, basis, rule_version) for every loan × basis of the loans
 * matching `where` (a fragment over `l`). One scan: each basis is a CASE in a list that is then unnested.
 */
export function compileLabelSelect(
  where: SqlFragment,
  ruleVersionLabel: string,
  opts: ClassifyOptions = DEFAULT_OPTIONS,
  rules: readonly BasisRule[] = RULES,
): SqlFragment {
  const cases = rules.map((r) => {
    const c = compileExpr(r.when, opts);
    return { sql: `CASE WHEN ${c.sql} THEN ? END`, params: [...c.params, r.basis] };
  });
  const sql = `SELECT submission_id, row_no, split_part(basis, '.', 1) AS area, basis, ? AS rule_version
FROM (
  SELECT l.submission_id, l.row_no,
    unnest(list_filter([${cases.map((c) => c.sql).join(',\n    ')}]::VARCHAR[], x -> x IS NOT NULL)) AS basis
  FROM loans l WHERE ${where.sql}
) labelled`;
  return { sql, params: [ruleVersionLabel, ...cases.flatMap((c) => c.params), ...where.params] };
}
