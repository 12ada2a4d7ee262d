// The loans of a demo run, generated inside DuckDB:
//   demo_a     one row per loan outstanding at the end period: borrower, bank, industry, product, term, labels;
//   demo_u     demo_a plus each loan's predecessors that matured inside the window (same borrower and class), so
//              that every month of the window holds the book of that month; issue dates follow an exponential
//              density at each area's growth rate, which makes the book grow month to month;
//   demo_book  one row per (loan, month) in force at the month end or issued in the month, amounts calibrated
//              by the factor of the loan's cell (calibration.ts); formatted as the text of the loan file.
import { slotOf } from './setup.sql.ts';

const U = (salt: string, key = 'a.k') => `demo_u01(c.seed, ${key}, '${salt}')`;

export const CREATE_DEMO_A = `
CREATE OR REPLACE TABLE demo_a AS
WITH r AS (
  SELECT i AS k,
    CASE WHEN ${U('bt', 'i')} < 0.22 THEN 'enterprise' WHEN ${U('bt', 'i')} < 0.47 THEN 'individual_business'
         WHEN ${U('bt', 'i')} < 0.55 THEN 'small_business_owner' WHEN ${U('bt', 'i')} < 0.67 THEN 'farmer'
         ELSE 'individual' END AS bt,
    ${U('b', 'i')} AS ub
  FROM demo_cfg c, range(c.n_loans) t(i)),
s AS (
  SELECT r.k, r.bt,
    CASE r.bt WHEN 'enterprise' THEN floor(c.n_ent * pow(r.ub, 1.6)) WHEN 'individual_business' THEN floor(c.n_ib * r.ub)
              WHEN 'farmer' THEN floor(c.n_farmer * r.ub) ELSE floor(c.n_person * r.ub) END::BIGINT AS bidx,
    CASE WHEN r.bt = 'enterprise' THEN 'inst:corp' ELSE 'inst:retail' END AS inst_kind,
    CASE r.bt WHEN 'small_business_owner' THEN 'ind:corporate' WHEN 'farmer' THEN 'ind:farmer'
              WHEN 'individual' THEN 'ind:household' ELSE NULL END AS ind_kind,
    ${slotOf(U('ind', 'r.k'))} AS ind_slot, ${slotOf(U('inst', 'r.k'))} AS inst_slot,
    CASE r.bt WHEN 'farmer' THEN 'farmer' WHEN 'individual_business' THEN NULL WHEN 'enterprise' THEN NULL
              ELSE 'urban' END AS person_kind,
    CASE WHEN r.bt IN ('enterprise', 'individual_business') THEN r.bt END AS ent_kind
  FROM r, demo_cfg c),
j AS (
  SELECT s.k, s.bt, e.credit_code, e.name AS ent_name, e.size, e.b AS ent_b,
    coalesce(e.id_like, pp.id_no) AS borrower_id, coalesce(e.district_code, pp.district_code) AS district_code,
    coalesce(e.ind_idx, si.val::INTEGER) AS ind_idx, inst.val AS institution_code
  FROM s
  LEFT JOIN (SELECT *, credit_code AS id_like FROM demo_ent) e ON e.kind = s.ent_kind AND e.b = s.bidx
  LEFT JOIN demo_person pp ON pp.kind = s.person_kind AND pp.p = s.bidx
  LEFT JOIN demo_slots si ON si.kind = s.ind_kind AND si.slot = s.ind_slot
  JOIN demo_slots inst ON inst.kind = s.inst_kind AND inst.slot = s.inst_slot),
p AS (
  SELECT j.*, d.code AS industry_code, d.green AS p_green, d.g2019, d.g2025, d.digital, d.pension, gi.items AS g_items,
    CASE
      WHEN j.bt = 'enterprise' THEN CASE WHEN ${U('prod', 'j.k')} < 0.45 THEN 'working_capital'
        WHEN ${U('prod', 'j.k')} < 0.63 THEN 'fixed_asset' WHEN ${U('prod', 'j.k')} < 0.69 THEN 'tech_upgrade'
        WHEN ${U('prod', 'j.k')} < 0.79 THEN 'trade_finance' WHEN ${U('prod', 'j.k')} < 0.88 THEN 'discount'
        WHEN ${U('prod', 'j.k')} < 0.98 THEN 'operating' ELSE 'other' END
      WHEN j.bt = 'individual_business' THEN CASE WHEN ${U('prod', 'j.k')} < 0.85 THEN 'operating'
        WHEN ${U('prod', 'j.k')} < 0.9 THEN 'consumer' ELSE 'working_capital' END
      WHEN j.bt = 'small_business_owner' THEN CASE WHEN ${U('prod', 'j.k')} < 0.8 THEN 'operating'
        WHEN ${U('prod', 'j.k')} < 0.95 THEN 'consumer' ELSE 'housing' END
      WHEN j.bt = 'farmer' THEN CASE WHEN ${U('prod', 'j.k')} < 0.8 THEN 'operating'
        WHEN ${U('prod', 'j.k')} < 0.9 THEN 'consumer' ELSE 'fixed_asset' END
      WHEN d.code = '7010' THEN 'housing' ELSE 'consumer' END AS product_type,
    (qt.ent_b IS NOT NULL OR ht.code IS NOT NULL) AS tech
  FROM j CROSS JOIN demo_cfg c
  JOIN demo_industry d ON d.idx = j.ind_idx
  LEFT JOIN demo_green_items gi ON gi.code = d.code
  LEFT JOIN demo_high_tech ht ON ht.code = d.code
  LEFT JOIN (SELECT DISTINCT q.b AS ent_b FROM demo_qual q, demo_cfg c
             WHERE q.valid_from <= c.end_date AND (q.valid_to IS NULL OR c.end_date <= q.valid_to)) qt
    ON qt.ent_b = CASE WHEN j.bt = 'enterprise' THEN j.ent_b END),
q AS (
  SELECT p.*,
    CASE p.product_type WHEN 'trade_finance' THEN 90 + floor(${U('term', 'p.k')} * 90)
      WHEN 'discount' THEN 90 + floor(${U('term', 'p.k')} * 90)
      WHEN 'working_capital' THEN CASE WHEN ${U('term2', 'p.k')} < 0.85 THEN 180 + floor(${U('term', 'p.k')} * 186)
                                       ELSE 366 + floor(${U('term', 'p.k')} * 730) END
      WHEN 'operating' THEN 365 + floor(${U('term', 'p.k')} * 730)
      WHEN 'consumer' THEN 365 + floor(${U('term', 'p.k')} * 1460)
      WHEN 'tech_upgrade' THEN 730 + floor(${U('term', 'p.k')} * 1095)
      WHEN 'fixed_asset' THEN 1095 + floor(${U('term', 'p.k')} * 2555)
      WHEN 'housing' THEN 3650 + floor(${U('term', 'p.k')} * 7300)
      ELSE 365 + floor(${U('term', 'p.k')} * 730) END::INTEGER AS term_days,
    -- 普惠小微 as DATA-SPEC v2 §6 derives it: small/micro enterprises, and individual businesses and small-business
    -- owners with an operating purpose (any product but consumer and housing).
    ((p.bt = 'enterprise' AND p.size IN ('small', 'micro'))
      OR (p.bt IN ('individual_business', 'small_business_owner') AND p.product_type NOT IN ('consumer', 'housing'))) AS incl_type,
    ((${U('green', 'p.k')} < p.p_green AND p.g2019 <> '')
      OR (p.product_type = 'tech_upgrade' AND ${U('green', 'p.k')} < 0.2)) AND p.g_items IS NOT NULL AS green
  FROM p CROSS JOIN demo_cfg c)
SELECT q.*,
  greatest(CASE WHEN q.pension THEN 0.5 ELSE 0 END, CASE WHEN q.green THEN 0.2 ELSE 0 END,
           CASE WHEN q.tech OR q.incl_type THEN 0.09 ELSE 0 END, 0.07) / 365.0 AS r
FROM q
`;

/** Window length in days: from the last day of the first period to the last day of the end period. */
const W = `(c.end_date - last_day(make_date(c.mi_first // 12, c.mi_first % 12 + 1, 1)))::INTEGER`;

export const CREATE_DEMO_U = `
CREATE OR REPLACE TABLE demo_u AS
WITH a AS (
  SELECT a.*, exp(-a.r * a.term_days) * (1 - exp(-a.r * ${W})) / (1 - exp(-a.r * a.term_days)) AS ratio
  FROM demo_a a, demo_cfg c),
n AS (
  SELECT a.*, least(255, floor(a.ratio) + CASE WHEN ${U('cnt')} < a.ratio - floor(a.ratio) THEN 1 ELSE 0 END)::INTEGER AS cnt
  FROM a, demo_cfg c),
x AS (
  SELECT n.* EXCLUDE (ratio, cnt), n.k AS src, true AS at_end,
    -ln(1 - demo_u01(c.seed, n.k, 'age') * (1 - exp(-n.r * n.term_days))) / n.r AS age
  FROM n, demo_cfg c
  UNION ALL BY NAME
  SELECT nj.* EXCLUDE (ratio, cnt, k, j), c.n_loans + nj.k * 256 + nj.j AS k, nj.k AS src, false AS at_end,
    nj.term_days - ln(1 - demo_u01(c.seed, c.n_loans + nj.k * 256 + nj.j, 'age') * (1 - exp(-nj.r * ${W}))) / nj.r AS age
  FROM (SELECT n.*, unnest(range(n.cnt)) AS j FROM n WHERE n.cnt > 0) nj CROSS JOIN demo_cfg c),
d AS (
  SELECT x.*, (c.end_date - least(floor(x.age)::INTEGER, CASE WHEN x.at_end THEN x.term_days - 1 ELSE x.term_days + ${W} - 1 END))::DATE AS issue_date
  FROM x, demo_cfg c),
m AS (
  SELECT d.*, (d.issue_date + d.term_days)::DATE AS maturity_date,
    CASE WHEN d.bt = 'enterprise' THEN CASE d.size WHEN 'large' THEN 2e8 WHEN 'medium' THEN 2e7 WHEN 'small' THEN 3e6 ELSE 8e5 END
         WHEN d.bt = 'individual_business' THEN 3e5 WHEN d.bt = 'small_business_owner' THEN 6e5 WHEN d.bt = 'farmer' THEN 1e5
         WHEN d.product_type = 'housing' THEN 6e5 ELSE 1.5e5 END
      * CASE WHEN d.product_type IN ('discount', 'trade_finance') THEN 0.5 ELSE 1 END AS mean_amt,
    CASE WHEN d.size = 'large' THEN 1.0 ELSE 0.7 END AS sigma,
    (${U('z1', 'd.k')} + ${U('z2', 'd.k')} + ${U('z3', 'd.k')} - 1.5) * 2 AS z
  FROM d, demo_cfg c),
v AS (
  SELECT m.*, greatest(1000, round(m.mean_amt * exp(m.sigma * m.z - m.sigma * m.sigma / 2), 2))::DECIMAL(18,2) AS amount_raw
  FROM m)
SELECT v.* EXCLUDE (mean_amt, sigma, z, age),
  round(v.amount_raw * (1 + CASE WHEN v.incl_type THEN 0.2 ELSE 0.8 END * ${U('line', 'v.k')}), 2)::DECIMAL(18,2) AS line_raw,
  -- Green: loans issued before the 2025 catalogue took effect keep, for some, a 2019 code (first level of the
  -- industry); the others carry a third-level 2025 item whose industry lines hold the loan's industry.
  CASE WHEN NOT v.green THEN '' WHEN (v.issue_date < DATE '2025-10-01' AND ${U('ged', 'v.k')} < 0.4) THEN '2019' ELSE '2025' END AS green_edition,
  CASE WHEN NOT v.green THEN ''
    WHEN (v.issue_date < DATE '2025-10-01' AND ${U('ged', 'v.k')} < 0.4) THEN coalesce(nullif(v.g2019, ''), '1')
      || CASE WHEN ${U('gdeep', 'v.k')} < 0.3 THEN '.' || (1 + demo_h(c.seed, v.k, 'g2') % 4)::VARCHAR || '.' || (1 + demo_h(c.seed, v.k, 'g3') % 5)::VARCHAR ELSE '' END
    ELSE v.g_items[1 + (demo_h(c.seed, v.k, 'gi') % len(v.g_items))::INTEGER]
  END AS green_item
FROM v, demo_cfg c
`;

/** Per-loan terms that do not change month to month, the inclusive designation and the cell index. */
export const CREATE_DEMO_UC = `
CREATE OR REPLACE TABLE demo_uc AS
WITH u AS (
  SELECT u.*, (u.incl_type AND u.line_raw <= 10000000) AS designated,
    u.product_type IN ('operating', 'consumer') AND ${U('rev', 'u.k')} < 0.3 AS revolving,
    CASE WHEN u.bt = 'enterprise' THEN u.size WHEN u.bt = 'individual' AND u.product_type = 'housing' THEN 'housing'
         WHEN u.bt = 'individual' THEN 'consumer' ELSE u.bt END AS cls
  FROM demo_u u, demo_cfg c)
SELECT u.*,
  (CASE WHEN u.tech THEN 4 ELSE 0 END + CASE WHEN u.green THEN 2 ELSE 0 END + CASE WHEN u.designated THEN 1 ELSE 0 END)::INTEGER AS cell,
  NOT u.revolving AND (u.product_type IN ('fixed_asset', 'housing', 'consumer', 'tech_upgrade')
    OR (u.product_type = 'operating' AND NOT u.designated AND ${U('amort', 'u.k')} < 0.5)) AS amortizing,
  printf('%.2f', CASE u.cls WHEN 'large' THEN 2.6 + ${U('rate', 'u.k')} * 1.0 WHEN 'medium' THEN 3.0 + ${U('rate', 'u.k')} * 1.2
    WHEN 'small' THEN 3.4 + ${U('rate', 'u.k')} * 1.6 WHEN 'micro' THEN 3.8 + ${U('rate', 'u.k')} * 2.0
    WHEN 'individual_business' THEN 3.8 + ${U('rate', 'u.k')} * 2.7 WHEN 'small_business_owner' THEN 4.0 + ${U('rate', 'u.k')} * 2.5
    WHEN 'farmer' THEN 4.0 + ${U('rate', 'u.k')} * 3.0 WHEN 'housing' THEN 3.0 + ${U('rate', 'u.k')} * 1.2
    ELSE 3.2 + ${U('rate', 'u.k')} * 4.8 END) AS interest_rate,
  CASE WHEN u.product_type = 'housing' THEN 'mortgage' WHEN u.product_type = 'discount' THEN 'pledge'
    WHEN u.cls IN ('large', 'medium') THEN CASE WHEN ${U('gt', 'u.k')} < 0.5 THEN 'credit' WHEN ${U('gt', 'u.k')} < 0.7 THEN 'mortgage'
      WHEN ${U('gt', 'u.k')} < 0.85 THEN 'guarantee' WHEN ${U('gt', 'u.k')} < 0.9 THEN 'pledge' ELSE 'mixed' END
    WHEN u.cls IN ('small', 'micro') THEN CASE WHEN ${U('gt', 'u.k')} < 0.3 THEN 'credit' WHEN ${U('gt', 'u.k')} < 0.6 THEN 'guarantee'
      WHEN ${U('gt', 'u.k')} < 0.9 THEN 'mortgage' WHEN ${U('gt', 'u.k')} < 0.95 THEN 'pledge' ELSE 'mixed' END
    WHEN u.cls = 'farmer' THEN CASE WHEN ${U('gt', 'u.k')} < 0.6 THEN 'credit' WHEN ${U('gt', 'u.k')} < 0.9 THEN 'guarantee' ELSE 'mortgage' END
    WHEN u.cls = 'consumer' THEN CASE WHEN ${U('gt', 'u.k')} < 0.9 THEN 'credit' ELSE 'guarantee' END
    ELSE CASE WHEN ${U('gt', 'u.k')} < 0.5 THEN 'credit' WHEN ${U('gt', 'u.k')} < 0.8 THEN 'mortgage' ELSE 'guarantee' END
  END AS guarantee_type,
  CASE WHEN ${U('q', 'u.k')} < 0.975 THEN 'normal' WHEN ${U('q', 'u.k')} < 0.988 THEN 'special_mention'
    WHEN ${U('q', 'u.k')} < 0.994 THEN 'substandard' WHEN ${U('q', 'u.k')} < 0.997 THEN 'doubtful' ELSE 'loss' END AS quality,
  ${U('od', 'u.k')} AS u_overdue,
  CASE WHEN u.cls IN ('small', 'micro', 'individual_business', 'small_business_owner', 'farmer')
       THEN ${U('first', 'u.k')} < 0.06 ELSE ${U('first', 'u.k')} < 0.01 END AS first_loan,
  ${U('fs', 'u.k')} AS u_fiscal,
  CASE WHEN u.green AND u.g2019 IN ('1', '3') AND ${U('rt', 'u.k')} < 0.25 THEN 'carbon_reduction'
    WHEN u.tech AND ${U('rt', 'u.k')} < CASE WHEN u.product_type = 'tech_upgrade' THEN 0.4 ELSE 0.08 END THEN 'tech_relending'
    WHEN u.product_type = 'discount' AND ${U('rt', 'u.k')} < 0.3 THEN 'rediscount'
    WHEN u.pension AND ${U('rt', 'u.k')} < 0.3 THEN 'consumption_elderly_relending'
    WHEN u.cls IN ('farmer', 'individual_business', 'micro', 'small') AND ${U('rt', 'u.k')} < 0.08 THEN 'agri_small_relending'
    ELSE 'none' END AS relending_tool,
  0.05 + 0.25 * ${U('ci', 'u.k')} AS carbon_per_wan,
  ${U('dis', 'u.k')} < 0.035 AS disagree, (demo_h(c.seed, u.k, 'dia') % 5)::INTEGER AS disagree_area
FROM u, demo_cfg c
`;

/** Month index of a date: year * 12 + month - 1. */
const MI = (d: string) => `(year(${d}) * 12 + month(${d}) - 1)`;

/** Scaled credit line and amount of alias `u` with factor alias `f` (inclusive lines kept ≤ 10,000,000). */
const SCALED = `
  CASE WHEN u.designated THEN least(round(u.line_raw::DECIMAL(38,2) * f.f, 2), 10000000.00)
       WHEN u.incl_type THEN greatest(round(u.line_raw::DECIMAL(38,2) * f.f, 2), 10000001.00)
       ELSE round(u.line_raw::DECIMAL(38,2) * f.f, 2) END::DECIMAL(18,2) AS line_f,
  round(u.amount_raw::DECIMAL(38,2) * f.f, 2)::DECIMAL(18,2) AS amount_s`;

/** Balance of alias `s` at the month end `d` of month index `mi`: bullet, linear amortisation or revolving use. */
function balanceSql(d: string, mi: string): string {
  return `(CASE WHEN s.revolving THEN round(s.amount_f::DECIMAL(38,2) * CAST(0.4 + 0.6 * demo_u01(c.seed, s.k, ${mi}) AS DECIMAL(9,6)), 2)
    WHEN s.amortizing THEN round(s.amount_f::DECIMAL(38,2) * CAST((s.maturity_date - ${d}) / s.term_days AS DECIMAL(9,6)), 2)
    ELSE s.amount_f END)::DECIMAL(18,2)`;
}

/** The loans outstanding at the end period, the only ones the calibration measures. */
export const CREATE_DEMO_END = `
CREATE OR REPLACE TABLE demo_end AS
SELECT k, cell, designated, incl_type, revolving, amortizing, amount_raw, line_raw, maturity_date, term_days
FROM demo_uc WHERE at_end
`;

/** End-period balance by cell with the current factors in demo_factor (exact decimal sums, as text). */
export const CELL_SUMS = `
WITH x AS (SELECT u.*, ${SCALED} FROM demo_end u JOIN demo_factor f ON f.cell = u.cell),
s AS (SELECT x.*, least(x.amount_s, x.line_f) AS amount_f FROM x)
SELECT s.cell, sum(${balanceSql('c.end_date', 'c.mi_end')})::VARCHAR AS total
FROM s, demo_cfg c GROUP BY s.cell ORDER BY s.cell
`;

/** PBoC 业务类别 of a loan of alias `s`: bills C03, loans to persons C02, to entities C01. */
const CATEGORY = `CASE WHEN s.product_type = 'discount' THEN 'C03'
  WHEN s.bt IN ('small_business_owner', 'farmer', 'individual') THEN 'C02' ELSE 'C01' END`;
/** About 1.5 % of large loans to enterprises are entrusted (委托): they never count in a five-area figure. */
const NATURE = `CASE WHEN b.bt = 'enterprise' AND b.product_type IN ('working_capital', 'fixed_asset')
  AND ${U('nat', 'b.k')} < 0.015 THEN 'entrusted' ELSE 'own' END`;
/** Counted by the PBoC rules: own loans, bills only when discounted directly. */
const COUNTS = `(${NATURE} = 'own' AND (b.cat <> 'C03' OR ${U('bdm', 'b.k')} < 0.9))`;
/** An operating purpose (DATA-SPEC v2 §6): any product but consumer and housing. */
const OPERATING = `b.product_type NOT IN ('consumer', 'housing')`;
/** About 2 % of enterprises are registered outside Chongqing (a few real GB/T 2260 county codes). */
const DISTRICT = `CASE WHEN b.bt = 'enterprise' AND demo_h(c.seed, b.ent_b, 'out') % 100 < 2
  THEN ['510104', '510107', '520102', '420106', '110105', '310115', '440305', '610113'][1 + (demo_h(c.seed, b.ent_b, 'oc') % 8)::INTEGER]
  ELSE b.district_code END`;
/** Industry division → code of one tech scheme (the bank's judgement of the main use), as a CASE body. */
const HTS = `WHEN b.division IN ('63', '64', '65') THEN 'HTS01' WHEN b.division = '73' THEN 'HTS05'
  WHEN left(b.industry_code, 3) = '745' THEN 'HTS03' WHEN b.division = '74' THEN 'HTS04' WHEN b.division = '75' THEN 'HTS06'
  WHEN b.division = '77' THEN 'HTS08'`;
const SEI = `WHEN b.division IN ('39', '63', '64', '65') THEN 'SE01' WHEN b.division IN ('34', '35') THEN 'SE02'
  WHEN b.division = '27' THEN 'SE04' WHEN b.division = '36' THEN 'SE05' WHEN b.industry_code IN ('4415', '4416', '4417') THEN 'SE06'
  WHEN b.division = '77' THEN 'SE07'`;
const IPI = `WHEN b.division = '39' THEN 'PA01' WHEN b.division IN ('63', '64', '65') THEN 'PA02'
  WHEN b.division IN ('34', '35', '40') THEN 'PA03' WHEN b.division = '27' THEN 'PA05' WHEN b.division IN ('73', '74', '75') THEN 'PA07'`;
/** A tech code on C01 loans only, set with probability `p` where the industry fits the scheme. */
const TECH = (salt: string, p: number, whens: string) =>
  `CASE WHEN b.cat = 'C01' AND ${U(salt, 'b.k')} < ${p} THEN coalesce(CASE ${whens} END, '') ELSE '' END`;
/** Any tech code of the row (NULL when none), for the run's totals. */
const TECH_CODE = `coalesce(nullif(CASE WHEN b.cat = 'C01' THEN coalesce(b.htp, '') ELSE '' END, ''),
  nullif(${TECH('hts', 0.7, HTS)}, ''), nullif(${TECH('sei', 0.5, SEI)}, ''), nullif(${TECH('ipi', 0.4, IPI)}, ''))`;

/** One row per (loan, month), as the text of the loan file, with its file key, stored in file order. */
export const CREATE_DEMO_BOOK = `
CREATE OR REPLACE TABLE demo_qual_month AS
  SELECT DISTINCT q.b, mt.mi FROM demo_qual q, demo_cfg c, range(c.mi_first, c.mi_end + 1) mt(mi)
  WHERE q.valid_from <= last_day(make_date(mt.mi // 12, mt.mi % 12 + 1, 1))
    AND (q.valid_to IS NULL OR last_day(make_date(mt.mi // 12, mt.mi % 12 + 1, 1)) <= q.valid_to);
CREATE OR REPLACE TABLE demo_book AS
WITH x AS (SELECT u.*, ${SCALED} FROM demo_uc u JOIN demo_factor f ON f.cell = u.cell),
-- unnest in the select list (a LATERAL range would be decorrelated over every column of x, which is slow)
sm AS (SELECT x.* EXCLUDE (amount_s), least(x.amount_s, x.line_f) AS amount_f,
         unnest(range(greatest(${MI('x.issue_date')}, c.mi_first), least(${MI('x.maturity_date')} - 1, c.mi_end) + 1)) AS mi
       FROM x, demo_cfg c),
s AS (SELECT sm.*, last_day(make_date(sm.mi // 12, sm.mi % 12 + 1, 1)) AS d,
        CASE WHEN sm.bt = 'enterprise' THEN sm.ent_b END AS ent_qkey FROM sm),
b AS (
  SELECT s.*, ${balanceSql('s.d', 's.mi')} AS balance,
    (s.tech AND s.bt <> 'enterprise') OR qm.b IS NOT NULL OR ht.code IS NOT NULL AS tech_m,
    s.incl_type AND s.line_f <= 10000000 AS incl_m, ht.htp,
    ${CATEGORY} AS cat, left(s.industry_code, 2) AS division
  FROM s CROSS JOIN demo_cfg c
  -- join keys without constant conditions: DuckDB turns ON x = 'c' AND … of a LEFT JOIN into a nested loop
  LEFT JOIN demo_qual_month qm ON qm.b = s.ent_qkey AND qm.mi = s.mi
  LEFT JOIN demo_high_tech ht ON ht.code = s.industry_code)
SELECT
  b.institution_code || '_' || strftime(b.d, '%Y-%m') AS file_key, b.k, b.bt,
  -- what the PBoC rules count (totals of the run): own loans, C01 (and direct bills), no entrusted loans
  ${COUNTS} AND b.cat <> 'C02' AND (b.tech_m OR ${TECH_CODE} IS NOT NULL) AS tech_flag,
  ${COUNTS} AND b.incl_m AS incl_m, ${COUNTS} AND b.green AS green_flag,
  strftime(b.d, '%Y-%m') AS report_period, b.institution_code,
  'JJ' || strftime(b.issue_date, '%Y%m%d') || lpad(b.k::VARCHAR, 10, '0') AS loan_id,
  'HT' || b.institution_code || strftime(b.issue_date, '%Y') || lpad(b.k::VARCHAR, 10, '0') AS contract_id,
  b.borrower_id, CASE WHEN b.bt IN ('enterprise', 'individual_business') THEN b.ent_name ELSE '' END AS borrower_name,
  b.bt AS borrower_type, CASE WHEN b.bt = 'enterprise' THEN b.size ELSE '' END AS enterprise_size,
  b.industry_code, ${DISTRICT} AS district_code, b.product_type, b.cat AS business_category,
  ${NATURE} AS loan_nature,
  b.institution_code || '-' || right(b.district_code, 4) AS branch_code, b.district_code AS branch_district_code,
  CASE WHEN b.bt = 'individual_business' THEN 'private'
    WHEN b.bt = 'enterprise' THEN CASE
      WHEN demo_h(c.seed, b.ent_b, 'own') % 100 < CASE b.size WHEN 'large' THEN 45 WHEN 'medium' THEN 15 ELSE 3 END THEN 'state'
      WHEN demo_h(c.seed, b.ent_b, 'own') % 100 < 50 THEN CASE WHEN demo_h(c.seed, b.ent_b, 'own2') % 100 < 4 THEN 'collective' ELSE 'private' END
      WHEN demo_h(c.seed, b.ent_b, 'own') % 100 < 92 THEN 'private'
      WHEN demo_h(c.seed, b.ent_b, 'own') % 100 < 96 THEN 'hmt' WHEN demo_h(c.seed, b.ent_b, 'own') % 100 < 99 THEN 'foreign'
      ELSE 'other' END
    ELSE '' END AS ownership,
  CASE WHEN b.cat = 'C03' THEN CASE WHEN ${U('bdm', 'b.k')} < 0.9 THEN 'direct' ELSE 'rediscount' END ELSE '' END AS bill_discount_method,
  CASE WHEN ${MI('b.issue_date')} <> b.mi THEN ''
    WHEN ${U('rn', 'b.k')} < 0.88 THEN 'new' WHEN ${U('rn', 'b.k')} < 0.93 THEN 'refinance'
    WHEN ${U('rn', 'b.k')} < 0.99 THEN 'renewal' ELSE 'extension' END AS renewal_type,
  '' AS balance_orig,
  CASE WHEN b.cat = 'C01' THEN coalesce(b.htp, '') ELSE '' END AS tech_htp,
  ${TECH('hts', 0.7, HTS)} AS tech_hts,
  ${TECH('sei', 0.5, SEI)} AS tech_sei,
  ${TECH('ipi', 0.4, IPI)} AS tech_ipi,
  b.green_edition, b.green_item,
  CASE WHEN b.green AND b.relending_tool = 'carbon_reduction' THEN printf('%.4f', b.amount_f::DOUBLE / 10000 * b.carbon_per_wan / 2.6) ELSE '' END AS green_coal_saved_t,
  CASE WHEN b.green AND b.relending_tool = 'carbon_reduction' THEN printf('%.4f', b.amount_f::DOUBLE / 10000 * b.carbon_per_wan) ELSE '' END AS green_co2_reduced_t,
  concat_ws(';',
    CASE WHEN b.bt = 'enterprise' AND b.size IN ('small', 'micro') AND b.line_f <= 10000000 THEN 'sme_le10m' END,
    CASE WHEN b.bt = 'individual_business' AND ${OPERATING} AND b.line_f <= 10000000 THEN 'ib_operating_le10m' END,
    CASE WHEN b.bt = 'small_business_owner' AND ${OPERATING} AND b.line_f <= 10000000 THEN 'owner_operating_le10m' END,
    CASE WHEN b.bt = 'farmer' AND ${OPERATING} AND b.line_f <= 5000000 THEN 'farmer_operating_le5m' END,
    CASE WHEN b.bt IN ('individual_business', 'small_business_owner') AND b.guarantee_type = 'guarantee' AND b.u_fiscal < 0.2
      AND ${U('sg', 'b.k')} < 0.3 THEN 'startup_guarantee' END,
    CASE WHEN b.bt = 'farmer' AND b.product_type = 'consumer' AND ${U('pov', 'b.k')} < 0.08 THEN 'poverty_consumer' END
  ) AS inclusive_flags,
  CASE WHEN NOT b.pension THEN '' WHEN b.industry_code IN ('8514', '8516') THEN 'EC01' WHEN b.division = '84' THEN 'EC02'
    WHEN b.division = '27' THEN 'EC10' WHEN b.division IN ('47', '48') THEN 'EC12' WHEN b.division = '68' THEN 'EC06'
    ELSE 'EC09' END AS pension_type,
  (b.pension AND b.industry_code IN ('8514', '8516') AND b.bt = 'enterprise' AND demo_h(c.seed, b.ent_b, 'eli') % 100 < 40)::VARCHAR AS elderly_institution,
  CASE WHEN NOT b.digital OR b.cat = 'C02' THEN '' WHEN b.division = '39' THEN 'DE01' WHEN b.division IN ('51', '52') THEN 'DE02'
    WHEN b.division = '64' THEN 'DE04' ELSE 'DE03' END AS digital_core,
  (b.cat = 'C01' AND b.product_type = 'tech_upgrade' AND b.division BETWEEN '13' AND '43' AND ${U('deff', 'b.k')} < 0.35)::VARCHAR AS digital_efficiency,
  strftime(b.issue_date, '%Y-%m-%d') AS issue_date, strftime(b.maturity_date, '%Y-%m-%d') AS maturity_date,
  'CNY' AS currency, b.balance::VARCHAR AS balance,
  (CASE WHEN ${MI('b.issue_date')} = b.mi THEN b.amount_f ELSE 0 END)::DECIMAL(18,2)::VARCHAR AS issued_amount,
  b.interest_rate, b.guarantee_type, b.line_f::VARCHAR AS credit_line_total,
  b.first_loan::VARCHAR AS first_loan, b.quality,
  (CASE b.quality WHEN 'normal' THEN 0 WHEN 'special_mention' THEN floor(b.u_overdue * 90)
     WHEN 'substandard' THEN 91 + floor(b.u_overdue * 90) WHEN 'doubtful' THEN 181 + floor(b.u_overdue * 180)
     ELSE 361 + floor(b.u_overdue * 360) END)::INTEGER::VARCHAR AS overdue_days,
  b.revolving::VARCHAR AS revolving,
  CASE WHEN b.guarantee_type = 'guarantee' AND b.u_fiscal < 0.2 THEN 'guarantee_fee_subsidy'
    WHEN b.bt IN ('farmer', 'individual_business') AND b.u_fiscal < 0.1 THEN 'interest_subsidy'
    WHEN b.tech AND b.guarantee_type = 'credit' AND b.u_fiscal < 0.15 THEN 'risk_compensation'
    ELSE 'none' END AS fiscal_support,
  b.relending_tool,
  CASE WHEN b.relending_tool = 'carbon_reduction' THEN printf('%.4f', b.amount_f::DOUBLE / 10000 * b.carbon_per_wan) ELSE '' END AS carbon_reduction_t
FROM b JOIN demo_inst i ON i.code = b.institution_code, demo_cfg c
-- one integer sort key (file, then loan key): the files are written in this order, so row numbers follow k
ORDER BY ((b.mi - c.mi_first) * 64 + i.idx) * 17179869184 + b.k
`;
