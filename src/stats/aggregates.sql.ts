// Per-period aggregates of the five areas by dimension, computed inside DuckDB in one statement (sums per cell,
// exact distinct borrowers per borrower), from the loans in force (now, or as of any past time) and their stored
// labels (loan_areas).
import { AREAS, GUARANTEE_TYPES } from '../loans/spec.ts';
import type { Analytics, AnalyticsConn, SqlParam } from '../store/analytics/duckdb.ts';
import { outOfCitySql } from './district.sql.ts';
import { recomputeLineFigures } from './lines.sql.ts';
import { staleReleasePeriods, writeReleaseBase } from './release.sql.ts';

export interface AggregateRow {
  report_period: string;
  area: string;
  dim: string;
  dim_value: string;
  balance: string;
  loan_count: string;
  borrower_count: string;
  issued_amount: string;
  issued_rate_weight: string;
  credit_balance: string;
  first_loan_borrowers: string;
  mlt_balance: string;
  npl_balance: string;
  rule_version: string;
  submission_ids: string[];
}

/**
 * The submissions in force for a period — now (superseded_at IS NULL) or as of time t — that hold its loans.
 * The aggregate statement then filters loans and labels by this constant list, which DuckDB applies in the scans
 * (a semi-join against a sub-query cost more than the rest of reading the labels).
 */
async function inForceSubmissions(
  db: AnalyticsConn,
  period: string,
  asOf: string | undefined,
): Promise<string[]> {
  const rows = await db.all<{ id: string }>(
    asOf === undefined
      ? 'SELECT DISTINCT submission_id::VARCHAR AS id FROM loans_current WHERE report_period = ? ORDER BY 1'
      : `SELECT DISTINCT submission_id::VARCHAR AS id FROM loans_as_of(CAST(? AS TIMESTAMP))
         WHERE report_period = ? ORDER BY 1`,
    asOf === undefined ? [period] : [asOf, period],
  );
  return rows.map((r) => r.id);
}

/** The loan columns the aggregates read (only these are carried through the pass). */
const LOAN_COLUMNS = `submission_id, row_no, borrower_key, balance, issued_amount, interest_rate, guarantee_type,
  first_loan, maturity_date, issue_date, quality, district_code, institution_code, industry_code, enterprise_size,
  borrower_type`;

/** The aggregated areas; a loan's set of areas is a bit mask, bit i = AGG_AREAS[i]. */
const AGG_AREAS = [...AREAS, 'all5', 'all_loans'] as const;
const BIT = (area: (typeof AGG_AREAS)[number]): number => 1 << AGG_AREAS.indexOf(area);
const AREA_BITS = `(VALUES ${AGG_AREAS.map((a, i) => `('${a}', ${i})`).join(', ')}) ab(area, bit)`;

/** The dimensions (column of x → dim name); the city total is the grouping set without one. */
const DIMS = [
  ['district_code', 'district'],
  ['institution_code', 'institution'],
  ['industry_section', 'industry_section'],
  ['industry_division', 'industry_division'],
  ['size_key', 'size'],
  ['guarantee_type', 'guarantee'],
] as const;
/**
 * Dimensions whose values come from a short fixed list: a borrower's area masks per value are packed into one
 * integer (AGG_AREAS.length bits per value, in list order), so that borrowers whose loans differ in it need no
 * per-(borrower, value) grouping. A borrower with a value outside the list takes the general way.
 */
const PACKED: Partial<Record<(typeof DIMS)[number][0], readonly string[]>> = {
  guarantee_type: GUARANTEE_TYPES,
};
const W = AGG_AREAS.length;
for (const list of Object.values(PACKED))
  if (list.length * W > 63) throw new Error('packed masks exceed 63 bits');
const packedShift = (c: string, list: readonly string[]): string =>
  `CASE ${c} ${list.map((v, i) => `WHEN '${v}' THEN ${i * W}`).join(' ')} END`;
const DIM_NAME = `CASE ${DIMS.map(([c, d]) => `WHEN grouping(${c}) = 0 THEN '${d}'`).join(' ')} ELSE 'city' END`;
const DIM_VALUE = `coalesce(${DIMS.map(([c]) => c).join(', ')}, '500000')`;
const sets = (key: string): string =>
  `GROUPING SETS ((${key}), ${DIMS.map(([c]) => `(${key}, ${c})`).join(', ')})`;

/**
 * The period's aggregates. Each loan carries the bit mask of its areas (its labelled areas, plus 'all5' when it
 * has any, plus 'all_loans'). Sums and counts: first per cell (mask × submission × every dimension value), then
 * each cell counted in each of its areas, GROUPING SETS over the (few) cells. Distinct borrowers, exact: one row
 * per borrower (bx) with the OR of its loans' masks (and of its first loans'), and per dimension the hash of the
 * value all its loans share (dimension values are never NULL; integers compare faster than strings). Those
 * borrowers are counted per (hash, masks) and the hash mapped back to its value — unless two values of that
 * dimension collide in the period (collide), when every borrower takes the other way: for a dimension in which
 * a borrower's loans differ, its loans (mixed) are grouped per (borrower, value). A borrower counts in an
 * (area, dimension value) when the area's bit is set in its mask. In a PACKED dimension a borrower whose values
 * are all on the list instead carries its masks per value in one integer (bx), counted per value without grouping
 * its loans.
 */
function aggregateSelect(
  period: string,
  submissions: readonly string[],
): { sql: string; params: SqlParam[] } {
  const subs = submissions.length === 0 ? 'NULL' : submissions.map(() => 'CAST(? AS BIGINT)').join(', ');
  const packed = Object.entries(PACKED);
  /** The borrower's loans go the general (per-(borrower, value)) way in dimension c. */
  const general = (c: string): string => `(bu.${c} IS NULL${c in PACKED ? ` AND bu.${c}_pk IS NULL` : ''})`;
  const areaBit = `CASE area ${AREAS.map((a) => `WHEN '${a}' THEN ${BIT(a)}`).join(' ')} END`;
  const sql = `
WITH l AS NOT MATERIALIZED (
  SELECT ${LOAN_COLUMNS} FROM loans WHERE submission_id IN (${subs}) AND report_period = ?
),
labels AS (
  SELECT la.submission_id, la.row_no, la.area, la.rule_version FROM loan_areas la
  WHERE la.submission_id IN (${subs}) AND coalesce(la.in_total, TRUE)
),
rv AS (SELECT coalesce(string_agg(DISTINCT rule_version, ',' ORDER BY rule_version), 'none') AS v FROM labels),
masks AS (SELECT submission_id, row_no, bit_or(${areaBit}) AS m FROM labels GROUP BY submission_id, row_no),
x AS (
  SELECT ${BIT('all_loans')} | coalesce(mk.m | ${BIT('all5')}, 0) AS mask,
    l.submission_id, l.borrower_key, l.balance, l.issued_amount, l.interest_rate, l.guarantee_type, l.first_loan,
    l.maturity_date, l.issue_date, l.quality, ${outOfCitySql('l.district_code')} AS district_code, l.institution_code,
    coalesce(ind.parent, '?') AS industry_section, left(l.industry_code, 2) AS industry_division,
    coalesce(l.enterprise_size, l.borrower_type) AS size_key
  FROM l LEFT JOIN masks mk USING (submission_id, row_no)
  LEFT JOIN ref_industry ind ON ind.code = left(l.industry_code, 2) AND ind.level = 'division'
),
cells AS (
  SELECT mask, submission_id, ${DIMS.map(([c]) => c).join(', ')},
    sum(balance) AS balance, count(*) AS loan_count, sum(issued_amount) AS issued_amount,
    sum(issued_amount::DECIMAL(38,6) * interest_rate) AS issued_rate_weight,
    sum(balance) FILTER (WHERE guarantee_type = 'credit') AS credit_balance,
    sum(balance) FILTER (WHERE maturity_date > issue_date + INTERVAL 1 YEAR) AS mlt_balance,
    sum(balance) FILTER (WHERE quality IN ('substandard', 'doubtful', 'loss')) AS npl_balance
  FROM x GROUP BY ALL
),
sums AS (
  SELECT ab.area, ${DIM_NAME} AS dim, ${DIM_VALUE} AS dim_value,
    sum(balance)::DECIMAL(18,2) AS balance, sum(loan_count)::BIGINT AS loan_count,
    sum(issued_amount)::DECIMAL(18,2) AS issued_amount,
    sum(issued_rate_weight)::DECIMAL(38,6) AS issued_rate_weight,
    coalesce(sum(credit_balance), 0)::DECIMAL(18,2) AS credit_balance,
    coalesce(sum(mlt_balance), 0)::DECIMAL(18,2) AS mlt_balance,
    coalesce(sum(npl_balance), 0)::DECIMAL(18,2) AS npl_balance,
    list_sort(list(DISTINCT submission_id)) AS submission_ids
  FROM cells JOIN ${AREA_BITS} ON (mask >> ab.bit) & 1 = 1
  GROUP BY ${sets('ab.area')}
),
bx AS (
  SELECT borrower_key, bit_or(mask) AS m, coalesce(bit_or(mask) FILTER (WHERE first_loan), 0) AS fm,
    ${DIMS.map(([c]) => `CASE WHEN min(hash(${c})) = max(hash(${c})) THEN min(hash(${c})) END AS ${c}`).join(',\n    ')}${packed
      .map(
        ([c, list]) => `,
    CASE WHEN bool_and(${c} IN (${list.map((v) => `'${v}'`).join(', ')})) THEN
      struct_pack(m := bit_or(mask::BIGINT << ${packedShift(c, list)}),
        fm := coalesce(bit_or(mask::BIGINT << ${packedShift(c, list)}) FILTER (WHERE first_loan), 0)) END AS ${c}_pk`,
      )
      .join('')}
  FROM x GROUP BY borrower_key
),
collide AS (
  SELECT ${DIMS.map(([c]) => `count(DISTINCT ${c}) <> count(DISTINCT hash(${c})) AS ${c}`).join(', ')} FROM cells
),
bu AS (
  SELECT bx.borrower_key, bx.m, bx.fm, ${packed.map(([c]) => `bx.${c}_pk, `).join('')}
    ${DIMS.map(([c]) => `CASE WHEN NOT k.${c} ${c in PACKED ? `AND bx.${c}_pk IS NULL ` : ''}THEN bx.${c} END AS ${c}`).join(',\n    ')}
  FROM bx CROSS JOIN collide k
),
mixed AS (
  SELECT x.borrower_key, x.mask, x.first_loan,
    ${DIMS.map(([c]) => `CASE WHEN ${general(c)} THEN x.${c} END AS ${c}`).join(',\n    ')}
  FROM x JOIN bu USING (borrower_key) WHERE ${DIMS.map(([c]) => general(c)).join(' OR ')}
),
bd AS (
  SELECT 'city' AS dim, '500000' AS dim_value, m, fm, count(*) AS n FROM bu GROUP BY m, fm
  ${DIMS.map(
    ([c, d]) => `UNION ALL
  SELECT '${d}', v.${c}, b.m, b.fm, b.n
  FROM (SELECT ${c}, m, fm, count(*) AS n FROM bu WHERE ${c} IS NOT NULL GROUP BY ALL) b
  JOIN (SELECT DISTINCT ${c}, hash(${c}) AS h FROM cells) v ON v.h = b.${c}
  UNION ALL
  SELECT '${d}', ${c}, m, fm, count(*) FROM (
    SELECT ${c}, bit_or(mask) AS m, coalesce(bit_or(mask) FILTER (WHERE first_loan), 0) AS fm
    FROM mixed WHERE ${c} IS NOT NULL GROUP BY borrower_key, ${c}
  ) GROUP BY ALL`,
  ).join('\n  ')}
  ${packed
    .map(
      ([c, list]) => `UNION ALL
  SELECT '${DIMS.find(([k]) => k === c)?.[1]}', v.value, (b.pk.m >> v.sh) & ${(1 << W) - 1}, (b.pk.fm >> v.sh) & ${(1 << W) - 1}, b.n
  FROM (SELECT ${c}_pk AS pk, count(*) AS n FROM bu WHERE ${c}_pk IS NOT NULL GROUP BY ALL) b
  JOIN (VALUES ${list.map((v, i) => `('${v}', ${i * W})`).join(', ')}) v(value, sh) ON (b.pk.m >> v.sh) & ${(1 << W) - 1} <> 0`,
    )
    .join('\n  ')}
),
dc AS (
  SELECT dim, dim_value, ab.area, sum(n)::BIGINT AS borrower_count,
    coalesce(sum(n) FILTER (WHERE (fm >> ab.bit) & 1 = 1), 0)::BIGINT AS first_loan_borrowers
  FROM bd JOIN ${AREA_BITS} ON (m >> ab.bit) & 1 = 1
  GROUP BY ALL
)
SELECT ? AS report_period, s.area, s.dim, s.dim_value, s.balance, s.loan_count, dc.borrower_count,
  s.issued_amount, s.issued_rate_weight, s.credit_balance, dc.first_loan_borrowers, s.mlt_balance, s.npl_balance,
  (SELECT v FROM rv) AS rule_version, s.submission_ids
FROM sums s JOIN dc USING (area, dim, dim_value)`;
  return { sql, params: [...submissions, period, ...submissions, period] };
}

const COLUMNS = `report_period, area, dim, dim_value, balance::VARCHAR AS balance, loan_count::VARCHAR AS loan_count,
  borrower_count::VARCHAR AS borrower_count, issued_amount::VARCHAR AS issued_amount,
  issued_rate_weight::VARCHAR AS issued_rate_weight, credit_balance::VARCHAR AS credit_balance,
  first_loan_borrowers::VARCHAR AS first_loan_borrowers, mlt_balance::VARCHAR AS mlt_balance,
  npl_balance::VARCHAR AS npl_balance, rule_version, list_transform(submission_ids, x -> x::VARCHAR) AS submission_ids`;

/** Computes a period's aggregates without storing them — now, or as of a past time ('YYYY-MM-DD HH:MM:SS'). */
export async function computeAggregates(
  db: AnalyticsConn,
  period: string,
  opts: { asOf?: string } = {},
): Promise<AggregateRow[]> {
  const q = aggregateSelect(period, await inForceSubmissions(db, period, opts.asOf));
  return db.all<AggregateRow>(`SELECT ${COLUMNS} FROM (${q.sql}) a ORDER BY area, dim, dim_value`, q.params);
}

/**
 * Replaces a period's stored aggregates and line figures with freshly computed ones, on `tx` — which must be
 * inside a transaction of the caller's (recomputeAggregates opens one; a restatement runs it in its own).
 */
export async function writeAggregates(
  tx: AnalyticsConn,
  period: string,
  computedAt?: Date,
  hooks: RecomputeHooks = {},
): Promise<void> {
  const q = aggregateSelect(period, await inForceSubmissions(tx, period, undefined));
  const at = computedAt ? computedAt.toISOString().replace('T', ' ').replace('Z', '') : null;
  await tx.run('DELETE FROM area_aggregates WHERE report_period = ?', [period]);
  await hooks.afterDelete?.();
  await tx.run(
    `INSERT INTO area_aggregates
     SELECT a.*, coalesce(CAST(? AS TIMESTAMP), current_timestamp::TIMESTAMP) AS computed_at FROM (${q.sql}) a`,
    [at, ...q.params],
  );
  await recomputeLineFigures(tx, period, at);
  await writeReleaseBase(tx, period, at);
}

/** Recomputes of one period run one after another (two at once would conflict on the same keys). */
const recomputing = new Map<string, Promise<unknown>>();

/** Whether a recompute of the period is running or queued in this process (figures then show "recomputing"). */
export function recomputeInFlight(period: string): boolean {
  return recomputing.has(period);
}

export interface RecomputeHooks {
  /** Called inside the transaction after the old rows are deleted and before the new ones are written. */
  afterDelete?: () => Promise<void>;
}

/**
 * Recomputes and stores a period's aggregates and line figures (lines.sql.ts) from the loans in force (called after accepting a submission).
 * Atomic: the delete and the insert commit together in one transaction on a connection of its own, so a crash
 * at any point leaves either the old or the new figures, never none (issue 13 item 4). Recomputes of the same
 * period in this process are serialised.
 */
export async function recomputeAggregates(
  db: Analytics | AnalyticsConn,
  period: string,
  computedAt?: Date,
  hooks: RecomputeHooks = {},
): Promise<void> {
  const before = recomputing.get(period) ?? Promise.resolve();
  const run = async () => {
    const own = 'connect' in db ? await db.connect() : null;
    try {
      await (own ?? db).transaction((tx) => writeAggregates(tx, period, computedAt, hooks));
    } finally {
      own?.close();
    }
  };
  const mine = before.then(run, run);
  const tail = mine.catch(() => undefined);
  recomputing.set(period, tail);
  try {
    await mine;
  } finally {
    if (recomputing.get(period) === tail) recomputing.delete(period);
  }
}

/**
 * Periods whose stored aggregates are missing or stale: the set of submissions they were computed from
 * differs from the set in force (a crash between an acceptance and its recompute, or a lost recompute), plus
 * periods with aggregates but no loans in force any more.
 */
export async function staleAggregatePeriods(db: AnalyticsConn): Promise<string[]> {
  const rows = await db.all<{ p: string }>(
    `WITH inforce AS (
       SELECT report_period AS p, list_sort(list(DISTINCT submission_id)) AS ids
       FROM loans_current GROUP BY report_period),
     stored AS (
       SELECT report_period AS p, list_sort(list(DISTINCT s)) AS ids
       FROM (SELECT report_period, unnest(submission_ids) AS s FROM area_aggregates
             WHERE area = 'all_loans' AND dim = 'city')
       GROUP BY report_period),
     periods AS (SELECT p FROM inforce UNION SELECT DISTINCT report_period FROM area_aggregates)
     SELECT periods.p FROM periods LEFT JOIN inforce USING (p) LEFT JOIN stored USING (p)
     WHERE inforce.ids IS DISTINCT FROM stored.ids ORDER BY 1`,
  );
  return rows.map((r) => r.p);
}

/** Periods whose aggregates or release sums (release.sql.ts) are missing or stale, oldest first. */
export async function stalePeriods(db: AnalyticsConn): Promise<string[]> {
  const all = new Set([...(await staleAggregatePeriods(db)), ...(await staleReleasePeriods(db))]);
  return [...all].sort();
}

/** Start-up repair: recomputes every period whose aggregates are missing or stale; returns those periods. */
export async function repairAggregates(db: Analytics, now?: Date): Promise<string[]> {
  const stale = await stalePeriods(db);
  for (const p of stale) await recomputeAggregates(db, p, now);
  return stale;
}

/** Stored aggregates of a period (optionally one area / dimension). */
export async function storedAggregates(
  db: AnalyticsConn,
  period: string,
  filter: { area?: string; dim?: string } = {},
): Promise<AggregateRow[]> {
  return db.all<AggregateRow>(
    `SELECT ${COLUMNS} FROM area_aggregates WHERE report_period = ?
       AND (CAST(? AS VARCHAR) IS NULL OR area = ?) AND (CAST(? AS VARCHAR) IS NULL OR dim = ?)
     ORDER BY area, dim, dim_value`,
    [period, filter.area ?? null, filter.area ?? null, filter.dim ?? null, filter.dim ?? null],
  );
}
