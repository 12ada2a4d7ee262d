// The statistics benchmark's baseline: ONE hand-written SQL query computing the headline totals of every period
// (balance, loan count and distinct borrowers of each of the five areas, of the deduplicated five-area total and
// of all loans) straight from `loans` + submissions + registry + reference tables, without stored labels.
// Written from DATA-SPEC §3 by hand (not compiled from the rule declaration); two dialects differ only in the
// list/array and regex functions. No parameters: the rule constants of classify-v1's defaults are inlined.

export type HeadlineDialect = 'duckdb' | 'postgres';

/** Areas in the order of the result columns; all5 = the deduplicated five-area total. */
export const HEADLINE_AREAS = [
  'tech',
  'green',
  'inclusive',
  'pension',
  'digital',
  'all5',
  'all_loans',
] as const;
export type HeadlineArea = (typeof HEADLINE_AREAS)[number];

const TECH_QUALIFICATIONS = [
  'high_tech_enterprise',
  'tech_sme',
  'specialized_sme',
  'little_giant',
  'tech_innovation_demo',
  'manufacturing_champion',
];

/** The headline query; result columns: report_period, then <area>_balance, <area>_loans, <area>_borrowers. */
export function headlineSql(dialect: HeadlineDialect): string {
  const declared = (area: string) =>
    dialect === 'duckdb'
      ? `list_contains(l.declared_areas, '${area}')`
      : `'${area}' = ANY (l.declared_areas)`;
  const greenCode =
    dialect === 'duckdb'
      ? `regexp_full_match(l.green_category, '[0-9]+(\\.[0-9]+)*')`
      : `l.green_category ~ '^[0-9]+(\\.[0-9]+)*$'`;
  const quals = TECH_QUALIFICATIONS.map((q) => `'${q}'`).join(', ');
  const measures = HEADLINE_AREAS.map((a) => {
    const f = a === 'all_loans' ? '' : ` FILTER (WHERE ${a})`;
    return `coalesce(sum(balance)${f}, 0) AS ${a}_balance, count(*)${f} AS ${a}_loans,
  count(DISTINCT borrower_key)${f} AS ${a}_borrowers`;
  }).join(',\n  ');
  return `
WITH l AS (
  SELECT l.* FROM loans l JOIN submissions s ON s.submission_id = l.submission_id WHERE s.superseded_at IS NULL
),
qual AS (
  SELECT q.credit_code, p.period_end,
    bool_or(q.qualification IN (${quals})) AS core, bool_or(q.qualification = 'innovative_sme') AS innovative
  FROM enterprise_qualifications q
  JOIN (SELECT DISTINCT period_end FROM l) p
    ON q.valid_from <= p.period_end AND (q.valid_to IS NULL OR p.period_end <= q.valid_to)
  GROUP BY q.credit_code, p.period_end
),
flags AS (
  SELECT l.report_period, l.borrower_key, l.balance,
    (
      (NOT l.borrower_is_person AND l.borrower_type <> 'individual_business'
        AND coalesce(qv.core OR (qv.innovative AND l.enterprise_size IN ('medium', 'small', 'micro')), FALSE))
      OR l.industry_code IN (SELECT industry_code FROM ref_high_tech
        WHERE scheme IN ('HTP2017', 'HTS2018', 'SEI2018', 'IPI2019'))
    ) AS tech,
    coalesce(${greenCode} AND EXISTS (
      SELECT 1 FROM ref_green_catalogue g WHERE g.level = '1' AND g.code = split_part(l.green_category, '.', 1)
        AND (nullif(g.in_force_from, '') IS NULL OR l.issue_date >= CAST(g.in_force_from AS DATE))
        AND (nullif(g.in_force_to, '') IS NULL OR l.issue_date <= CAST(g.in_force_to AS DATE))), FALSE) AS green,
    coalesce(l.credit_line_total <= 10000000.00 AND (
      (l.borrower_type = 'enterprise' AND l.enterprise_size IN ('small', 'micro'))
      OR (l.borrower_type IN ('individual_business', 'small_business_owner') AND l.product_type = 'operating')
    ), FALSE) AS inclusive,
    (l.industry_code IN (SELECT industry_code FROM ref_elderly_industry_map)
      OR coalesce(${declared('pension')}, FALSE)) AS pension,
    (l.industry_code IN (SELECT industry_code FROM ref_digital_industry_map
        WHERE left(de_code, 2) IN ('01', '02', '03', '04'))
      OR (NOT EXISTS (SELECT 1 FROM ref_digital_industry_map) AND coalesce(${declared('digital')}, FALSE))) AS digital
  FROM l LEFT JOIN qual qv ON qv.credit_code = l.borrower_key AND qv.period_end = l.period_end
),
f AS (SELECT *, (tech OR green OR inclusive OR pension OR digital) AS all5 FROM flags)
SELECT report_period,
  ${measures}
FROM f
GROUP BY report_period
ORDER BY report_period`;
}

export interface HeadlineFigure {
  report_period: string;
  area: HeadlineArea;
  balance: string;
  loan_count: string;
  borrower_count: string;
}

/** Long form of the query's wide rows (values as exact text), for comparing with stored aggregates. */
export function headlineFigures(rows: Record<string, unknown>[]): HeadlineFigure[] {
  return rows.flatMap((r) =>
    HEADLINE_AREAS.map((area) => ({
      report_period: String(r.report_period),
      area,
      balance: decimalText(r[`${area}_balance`]),
      loan_count: String(r[`${area}_loans`]),
      borrower_count: String(r[`${area}_borrowers`]),
    })),
  );
}

/** Normalises decimal text across engines ('12.50' and '12.5' → '12.50'). */
export function decimalText(v: unknown): string {
  const s = String(v);
  const [int = '0', frac = ''] = s.split('.');
  return `${int}.${frac.padEnd(2, '0').slice(0, 2)}`;
}
