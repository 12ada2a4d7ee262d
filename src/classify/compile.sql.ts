// The SQL evaluator of the classification rules: compiles the declaration (rules.ts) into DuckDB SQL over
// the loans table aliased `l`. Values are bound parameters; identifiers come only from the allow-lists in expr.ts.
import type { SqlParam } from '../store/analytics/duckdb.ts';
import { assertNever } from '../shared/assert-never.ts';
import { BOOL_FIELDS, GREEN_CODE_SQL, MONEY_FIELDS, TEXT_FIELDS, type Expr } from './expr.ts';
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
    case 'set':
      return { sql: `coalesce(${field(TEXT_FIELDS, e.field)} <> '', FALSE)`, params: [] };
    case 'bool':
      return { sql: `coalesce(${field(BOOL_FIELDS, e.field)}, FALSE)`, params: [] };
    case 'hasFlag':
      return { sql: 'coalesce(list_contains(l.inclusive_flags, ?), FALSE)', params: [e.flag] };
    case 'pbocCode':
      return {
        sql: `coalesce(${field(TEXT_FIELDS, e.field)} IN (SELECT pboc_code FROM ref_pboc_category WHERE scheme = ?), FALSE)`,
        params: [e.scheme],
      };
    case 'industryInHtpCategory':
      return { sql: 'l.fv_htp_category', params: [] };
    case 'greenItemValid':
      return { sql: GREEN_ITEM_VALID_SQL, params: [] };
    case 'greenIndustryOutsideItem':
      return { sql: `(${GREEN_ITEM_VALID_SQL} AND l.fv_green_outside)`, params: [] };
    default:
      return assertNever(e);
  }
}

/** green_item valid for its edition (2025: a third-level item; 2019: a dotted code under a 2019 first level). */
const GREEN_ITEM_VALID_SQL = `coalesce(CASE l.green_edition
    WHEN '2025' THEN l.green_item IN (SELECT gf_code FROM ref_green_catalogue_2025 WHERE level = '3')
    WHEN '2019' THEN regexp_full_match(l.green_item, '${GREEN_CODE_SQL}') AND split_part(l.green_item, '.', 1) IN
      (SELECT code FROM ref_green_catalogue WHERE edition = '2019' AND level = '1')
    ELSE FALSE END, FALSE)`;

/** Reference lookups the expressions read as per-loan columns `l.fv_*`, each joined once (≤ 1 row per loan). */
type Lookup = 'qual' | 'tech' | 'digital' | 'elderly' | 'green' | 'htp' | 'greenLines';

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
  // (HTP category code, industry class) pairs of ref_high_tech.
  htp: {
    join: `LEFT JOIN (SELECT DISTINCT 'HTP' || cat_code AS code, industry_code FROM ref_high_tech
      WHERE scheme = 'HTP2017') fh ON fh.code = l.tech_htp AND fh.industry_code = l.industry_code`,
    column: '(fh.code IS NOT NULL) AS fv_htp_category',
  },
  // Industry lines per 2025 catalogue item: the item's scope can be judged only when every line has a code.
  greenLines: {
    join: `LEFT JOIN (SELECT gf_code, count(*) AS n,
        count(*) FILTER (WHERE industry_code IS NULL OR industry_code = '') AS uncoded, list(industry_code) AS codes
      FROM ref_green_industry_map_2025 GROUP BY gf_code) fgl ON fgl.gf_code = l.green_item`,
    column: `coalesce(l.green_edition = '2025' AND fgl.n > 0 AND fgl.uncoded = 0
      AND NOT list_contains(fgl.codes, l.industry_code), FALSE) AS fv_green_outside`,
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
    case 'industryInHtpCategory':
      out.add('htp');
      break;
    case 'greenIndustryOutsideItem':
      out.add('greenLines');
      break;
    default:
      break;
  }
  return out;
}

/** The lookups (joins and fv_* columns) the expressions need, over `loans l` filtered by `where`. */
function factsFrom(exprs: readonly Expr[], where: SqlFragment): string {
  const used = new Set<Lookup>();
  exprs.forEach((e) => lookupsOf(e, used));
  const lookups = [...used].map((k) => LOOKUP_SQL[k]);
  return `(
    SELECT l.*${lookups.map((k) => `,\n      ${k.column}`).join('')}
    FROM loans l
    ${lookups.map((k) => k.join).join('\n    ')}
    WHERE ${where.sql}
  ) l`;
}

/** Columns of loan_areas, in the order compileLabelSelect yields them. */
export const LOAN_AREAS_COLUMNS = '(submission_id, row_no, area, basis, rule_version, in_total)';

/**
 * A SELECT yielding (submission_id, row_no, area, basis, rule_version, in_total) for every loan × basis of the
 * loans matching `where` (a fragment over `l`). One scan: the reference lookups the rules need are LEFT JOINed
 * once (pre-aggregated to one row per key); each basis sets one bit of an integer per loan (and one of a second
 * integer when it counts in its area's total), and the loans with any bit set are joined to the (bit, basis)
 * list — cheaper than building and unnesting a list of bases for every loan.
 */
export function compileLabelSelect(
  where: SqlFragment,
  ruleVersionLabel: string,
  opts: ClassifyOptions = DEFAULT_OPTIONS,
  rules: readonly BasisRule[] = RULES,
): SqlFragment {
  if (rules.length > 62) throw new Error('at most 62 bases fit the bit set');
  const bitOf = (e: Expr, i: number): SqlFragment => {
    const c = compileExpr(e, opts);
    return { sql: `((${c.sql})::BIGINT << ${i})`, params: c.params };
  };
  const bits = rules.map((r, i) => bitOf(r.when, i));
  const totals = rules.map((r, i) => bitOf(r.inTotal ?? { op: 'true' }, i));
  const sql = `SELECT l.submission_id, l.row_no, b.area, b.basis, ? AS rule_version, (l.tbits >> b.bit) & 1 = 1 AS in_total
FROM (
  SELECT l.submission_id, l.row_no,
    ${bits.map((b) => b.sql).join(' |\n    ')} AS bits,
    ${totals.map((b) => b.sql).join(' | ')} AS tbits
  FROM ${factsFrom(
    rules.flatMap((r) => (r.inTotal ? [r.when, r.inTotal] : [r.when])),
    where,
  )}
) l
JOIN (VALUES ${rules.map(() => '(?, ?, ?)').join(', ')}) b(bit, area, basis) ON (l.bits >> b.bit) & 1 = 1`;
  return {
    sql,
    params: [
      ruleVersionLabel,
      ...bits.flatMap((b) => b.params),
      ...totals.flatMap((b) => b.params),
      ...where.params,
      ...rules.flatMap((r, i) => [i, r.area, r.basis]),
    ],
  };
}

/** A SELECT yielding (submission_id, row_no, kind) for every loan × reconciliation check that holds. */
export function compileCheckSelect(
  where: SqlFragment,
  checks: readonly { kind: string; when: Expr }[],
  opts: ClassifyOptions = DEFAULT_OPTIONS,
): SqlFragment {
  if (checks.length > 62) throw new Error('at most 62 checks fit the bit set');
  const bits = checks.map((c, i) => {
    const x = compileExpr(c.when, opts);
    return { sql: `((${x.sql})::BIGINT << ${i})`, params: x.params };
  });
  const sql = `SELECT l.submission_id, l.row_no, b.kind
FROM (
  SELECT l.submission_id, l.row_no, ${bits.map((b) => b.sql).join(' |\n    ')} AS bits
  FROM ${factsFrom(
    checks.map((c) => c.when),
    where,
  )}
) l
JOIN (VALUES ${checks.map(() => '(?, ?)').join(', ')}) b(bit, kind) ON (l.bits >> b.bit) & 1 = 1`;
  return {
    sql,
    params: [...bits.flatMap((b) => b.params), ...where.params, ...checks.flatMap((c, i) => [i, c.kind])],
  };
}
