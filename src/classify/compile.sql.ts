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
      return { sql: 'coalesce(list_contains(l.fv_qual_kinds, ?), FALSE)', params: [e.kind] };
    case 'industryInTechList':
      return { sql: 'coalesce(list_contains(l.fv_tech_schemes, ?), FALSE)', params: [e.scheme] };
    case 'industryInDigitalMap':
      return {
        sql: `coalesce(list_has_any(l.fv_digital_cats, [${placeholders(e.categories.length)}]::VARCHAR[]), FALSE)`,
        params: [...e.categories],
      };
    case 'digitalMapEmpty':
      return { sql: '(NOT EXISTS (SELECT 1 FROM ref_digital_industry_map))', params: [] };
    case 'industryInElderlyMap':
      return { sql: 'l.fv_elderly', params: [] };
    case 'greenCatalogueInForce':
      return {
        sql: `(l.green_category IS NOT NULL AND regexp_full_match(l.green_category, '${GREEN_CODE_SQL}')
          AND l.fv_green_in_force)`,
        params: [],
      };
    default:
      return assertNever(e);
  }
}

/** Reference lookups the expressions read as per-loan columns `l.fv_*`, each joined once (≤ 1 row per loan). */
type Lookup = 'qual' | 'tech' | 'digital' | 'elderly' | 'green';

const LOOKUP_SQL: Record<Lookup, { join: string; column: string }> = {
  // Qualifications of the borrower valid at period_end: one list of kinds per loan.
  qual: {
    join: `LEFT JOIN (SELECT credit_code,
        list({'kind': qualification, 'valid_from': valid_from, 'valid_to': valid_to}) AS entries
      FROM enterprise_qualifications GROUP BY credit_code) fq ON fq.credit_code = l.borrower_key`,
    column: `list_transform(list_filter(fq.entries, x -> x.valid_from <= l.period_end
      AND (x.valid_to IS NULL OR l.period_end <= x.valid_to)), x -> x.kind) AS fv_qual_kinds`,
  },
  tech: {
    join: `LEFT JOIN (SELECT industry_code, list(DISTINCT scheme) AS schemes FROM ref_high_tech
      GROUP BY industry_code) ft ON ft.industry_code = l.industry_code`,
    column: 'ft.schemes AS fv_tech_schemes',
  },
  digital: {
    join: `LEFT JOIN (SELECT industry_code, list(DISTINCT left(de_code, 2)) AS cats FROM ref_digital_industry_map
      GROUP BY industry_code) fd ON fd.industry_code = l.industry_code`,
    column: 'fd.cats AS fv_digital_cats',
  },
  elderly: {
    join: `LEFT JOIN (SELECT DISTINCT industry_code FROM ref_elderly_industry_map) fe
      ON fe.industry_code = l.industry_code`,
    column: '(fe.industry_code IS NOT NULL) AS fv_elderly',
  },
  // First-level catalogue codes with their in-force windows (one list per code).
  green: {
    join: `LEFT JOIN (SELECT code, list({'f': CAST(nullif(in_force_from, '') AS DATE),
        't': CAST(nullif(in_force_to, '') AS DATE)}) AS windows
      FROM ref_green_catalogue WHERE level = '1' GROUP BY code) fg ON fg.code = split_part(l.green_category, '.', 1)`,
    column: `coalesce(len(list_filter(fg.windows, w -> (w.f IS NULL OR l.issue_date >= w.f)
      AND (w.t IS NULL OR l.issue_date <= w.t))) > 0, FALSE) AS fv_green_in_force`,
  },
};

function lookupsOf(e: Expr, out: Set<Lookup>): Set<Lookup> {
  switch (e.op) {
    case 'and':
    case 'or':
      e.args.forEach((a) => lookupsOf(a, out));
      break;
    case 'not':
      lookupsOf(e.arg, out);
      break;
    case 'qualification':
      out.add('qual');
      break;
    case 'industryInTechList':
      out.add('tech');
      break;
    case 'industryInDigitalMap':
      out.add('digital');
      break;
    case 'industryInElderlyMap':
      out.add('elderly');
      break;
    case 'greenCatalogueInForce':
      out.add('green');
      break;
    default:
      break;
  }
  return out;
}

/**
 * A SELECT yielding (submission_id, row_no, area, basis, rule_version) for every loan × basis of the loans
 * matching `where` (a fragment over `l`). One scan: the reference lookups the rules need are LEFT JOINed once
 * (pre-aggregated to one row per key); each basis sets one bit of an integer per loan, and the loans with any bit
 * set are joined to the (bit, basis) list — cheaper than building and unnesting a list of bases for every loan.
 */
export function compileLabelSelect(
  where: SqlFragment,
  ruleVersionLabel: string,
  opts: ClassifyOptions = DEFAULT_OPTIONS,
  rules: readonly BasisRule[] = RULES,
): SqlFragment {
  if (rules.length > 62) throw new Error('at most 62 bases fit the bit set');
  const bits = rules.map((r, i) => {
    const c = compileExpr(r.when, opts);
    return { sql: `((${c.sql})::BIGINT << ${i})`, params: c.params };
  });
  const used = new Set<Lookup>();
  rules.forEach((r) => lookupsOf(r.when, used));
  const lookups = [...used].map((k) => LOOKUP_SQL[k]);
  const sql = `SELECT l.submission_id, l.row_no, b.area, b.basis, ? AS rule_version
FROM (
  SELECT l.submission_id, l.row_no,
    ${bits.map((b) => b.sql).join(' |\n    ')} AS bits
  FROM (
    SELECT l.*${lookups.map((k) => `,\n      ${k.column}`).join('')}
    FROM loans l
    ${lookups.map((k) => k.join).join('\n    ')}
    WHERE ${where.sql}
  ) l
) l
JOIN (VALUES ${rules.map(() => '(?, ?, ?)').join(', ')}) b(bit, area, basis) ON (l.bits >> b.bit) & 1 = 1`;
  return {
    sql,
    params: [
      ruleVersionLabel,
      ...bits.flatMap((b) => b.params),
      ...where.params,
      ...rules.flatMap((r, i) => [i, r.area, r.basis]),
    ],
  };
}
