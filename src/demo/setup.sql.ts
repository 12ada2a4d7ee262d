// DuckDB set-up of a demo run: the run's parameters, weighted pick tables ("slots"), the borrower pools
// (enterprises, individual businesses, persons, farmers) and the enterprise qualifications of the registry.
// Every random draw is demo_u01(seed, key, salt): a hash of the seed, so the same seed gives the same data.
import { derivedSizeSql } from '../registry/size.sql.ts';
import type { AnalyticsConn, SqlParam } from '../store/analytics/duckdb.ts';
import { orgCodeSql, residentIdSql, usccSql } from './ids.sql.ts';
import type { DemoInstitution } from './institutions.ts';
import { DISTRICT_WEIGHTS, INDUSTRY_PROFILES, NAME_WORDS } from './profiles.ts';

export interface RunParams {
  seed: number;
  /** Last day of the end period. */
  endDate: string;
  /** Month index (year * 12 + month - 1) of the first and last period. */
  miFirst: number;
  miEnd: number;
  loans: number;
  nEnt: number;
  nIb: number;
  nPerson: number;
  nFarmer: number;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏';
/** Rural districts and counties (farm loans are weighted towards them). */
const RURAL = (code: string) => code >= '500110' && !['500112', '500113'].includes(code);

async function insertRows(
  db: AnalyticsConn,
  table: string,
  width: number,
  rows: SqlParam[][],
): Promise<void> {
  const chunk = 200;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const ph = part.map(() => `(${Array(width).fill('?').join(', ')})`).join(', ');
    await db.run(`INSERT INTO ${table} VALUES ${ph}`, part.flat());
  }
}

export async function setupRun(db: AnalyticsConn, p: RunParams, insts: DemoInstitution[]): Promise<void> {
  // hash(a, b, c) combines the three hashes almost linearly (draws with different salts correlate), so re-hash.
  await db.run(`CREATE OR REPLACE MACRO demo_h(s, i, k) AS hash(hash(s, i, k))`);
  await db.run(
    `CREATE OR REPLACE MACRO demo_u01(s, i, k) AS (demo_h(s, i, k) >> 11)::DOUBLE / 9007199254740992.0`,
  );
  await db.run(
    `CREATE OR REPLACE TABLE demo_cfg AS SELECT ?::BIGINT AS seed, ?::DATE AS end_date, ?::INTEGER AS mi_first,
       ?::INTEGER AS mi_end, ?::BIGINT AS n_loans, ?::BIGINT AS n_ent, ?::BIGINT AS n_ib, ?::BIGINT AS n_person,
       ?::BIGINT AS n_farmer, string_split(?, ' ') AS words, regexp_split_to_array(?, '') AS surnames,
       (hash(hash(?::BIGINT, 'org')) % 100000000)::BIGINT AS org_off`,
    [
      p.seed,
      p.endDate,
      p.miFirst,
      p.miEnd,
      p.loans,
      p.nEnt,
      p.nIb,
      p.nPerson,
      p.nFarmer,
      NAME_WORDS,
      SURNAMES,
      p.seed,
    ],
  );
  await db.run(`CREATE OR REPLACE TABLE demo_inst (idx INTEGER, code VARCHAR, name_zh VARCHAR, name_en VARCHAR,
    peer_group VARCHAR, district_code VARCHAR, corp DOUBLE, retail DOUBLE)`);
  await insertRows(
    db,
    'demo_inst',
    8,
    insts.map((x, i) => [i, x.code, x.name_zh, x.name_en, x.peer_group, x.district_code, x.corp, x.retail]),
  );
  await db.run(`CREATE OR REPLACE TABLE demo_industry (idx INTEGER, code VARCHAR, segment VARCHAR, weight DOUBLE,
    word VARCHAR, green DOUBLE, g2019 VARCHAR, g2025 VARCHAR, digital BOOLEAN, pension BOOLEAN)`);
  await insertRows(
    db,
    'demo_industry',
    10,
    INDUSTRY_PROFILES.map((x, i) => [
      i,
      x.code,
      x.segment,
      x.weight,
      x.word,
      x.green,
      x.g2019,
      x.g2025,
      x.digital,
      x.pension,
    ]),
  );
  await db.run(`CREATE OR REPLACE TABLE demo_items (kind VARCHAR, val VARCHAR, w DOUBLE)`);
  const items: SqlParam[][] = [];
  for (const [code, w] of Object.entries(DISTRICT_WEIGHTS)) {
    items.push(['district', code, w], ['district_rural', code, RURAL(code) ? w * 3 : w * 0.2]);
  }
  INDUSTRY_PROFILES.forEach((x, i) => items.push([`ind:${x.segment}`, String(i), x.weight]));
  insts.forEach((x) => items.push(['inst:corp', x.code, x.corp], ['inst:retail', x.code, x.retail]));
  await insertRows(db, 'demo_items', 3, items);
  // Weighted picks as equi-joins: SLOTS slots per kind, each item holding slots in proportion to its weight.
  await db.run(`CREATE OR REPLACE TABLE demo_slots AS
    WITH w AS (SELECT kind, val, w, sum(w) OVER (PARTITION BY kind ORDER BY val ROWS UNBOUNDED PRECEDING) AS hi,
                 sum(w) OVER (PARTITION BY kind) AS tot FROM demo_items WHERE w > 0)
    SELECT w.kind, s.slot::INTEGER AS slot, w.val
    FROM w JOIN range(${SLOTS}) s(slot) ON (s.slot + 0.5) / ${SLOTS} * w.tot < w.hi
      AND (s.slot + 0.5) / ${SLOTS} * w.tot >= w.hi - w.w`);
  await db.run(
    `CREATE OR REPLACE TABLE demo_high_tech AS
       SELECT industry_code AS code, min('HTP' || cat_code) AS htp FROM ref_high_tech GROUP BY industry_code`,
  );
  // Items of the 2025 green catalogue by industry class (the catalogue's industry lines): a green demo loan
  // takes an item whose lines hold its industry, so that no industry-line warning fires.
  await db.run(
    `CREATE OR REPLACE TABLE demo_green_items AS
       SELECT industry_code AS code, list(DISTINCT gf_code ORDER BY gf_code) AS items
       FROM ref_green_industry_map_2025 WHERE industry_code IS NOT NULL AND industry_code <> ''
       GROUP BY industry_code`,
  );
  await buildPools(db);
  await buildQualifications(db);
}

/** Slots per kind of weighted pick. */
export const SLOTS = 16384;

/** SQL: the slot picked by the uniform draw `u` (compute it in an earlier step so joins stay equi-joins). */
export function slotOf(u: string): string {
  return `floor((${u}) * ${SLOTS})::INTEGER`;
}

async function buildPools(db: AnalyticsConn): Promise<void> {
  const body = `lpad(((r.b * 7919 + c.org_off) % 100000000)::VARCHAR, 8, '0')`;
  const first17 = `('9' || CASE r.kind WHEN 'enterprise' THEN '1' ELSE '2' END || r.district_code || ${orgCodeSql(body)})`;
  const span = (lo: number, hi: number, salt: string) =>
    `(${lo} + demo_u01(c.seed, r.b, '${salt}') * ${hi - lo})`;
  await db.run(
    `CREATE OR REPLACE TABLE demo_ent AS
     WITH base AS (
       SELECT 'enterprise' AS kind, b, b::DOUBLE / c.n_ent AS pos FROM demo_cfg c, range(c.n_ent) t(b)
       UNION ALL SELECT 'individual_business', b, NULL FROM demo_cfg c, range(c.n_ib) t(b)),
     sl AS (
       SELECT base.*, ${slotOf(`demo_u01(c.seed, base.b, base.kind || ':d')`)} AS d_slot,
         ${slotOf(`demo_u01(c.seed, base.b, base.kind || ':i')`)} AS i_slot,
         CASE base.kind WHEN 'enterprise' THEN 'ind:corporate' ELSE 'ind:individual_business' END AS i_kind
       FROM base, demo_cfg c),
     r AS (
       SELECT sl.kind, sl.b, sl.pos, d.val AS district_code, i.val::INTEGER AS ind_idx
       FROM sl JOIN demo_slots d ON d.kind = 'district' AND d.slot = sl.d_slot
       JOIN demo_slots i ON i.kind = sl.i_kind AND i.slot = sl.i_slot)
     SELECT r.kind, r.b, r.district_code, r.ind_idx, p.code AS industry_code,
       ${usccSql(first17)} AS credit_code,
       CASE WHEN r.kind = 'individual_business' THEN NULL WHEN r.pos < 0.03 THEN 'large' WHEN r.pos < 0.15 THEN 'medium'
            WHEN r.pos < 0.5 THEN 'small' ELSE 'micro' END AS size,
       CASE WHEN r.kind = 'enterprise' THEN
         '重庆' || c.words[1 + (demo_h(c.seed, r.b, 'w') % len(c.words))::INTEGER] || p.word ||
           CASE WHEN r.pos < 0.03 THEN '股份有限公司' WHEN r.b % 3 = 0 THEN '有限责任公司' ELSE '有限公司' END
       ELSE replace(replace(dn.name, '区', ''), '县', '') || c.surnames[1 + (demo_h(c.seed, r.b, 's') % len(c.surnames))::INTEGER]
         || '记' || p.word || CASE WHEN r.b % 2 = 0 THEN '店' ELSE '经营部' END END AS name,
       CASE WHEN r.pos < 0.03 THEN ${span(2500, 8000, 'e')} WHEN r.pos < 0.15 THEN ${span(320, 900, 'e')}
            WHEN r.pos < 0.5 THEN ${span(25, 45, 'e')} ELSE ${span(3, 9, 'e')} END::INTEGER AS employees,
       round(CASE WHEN r.pos < 0.03 THEN ${span(220000, 900000, 'v')} WHEN r.pos < 0.15 THEN ${span(6000, 9500, 'v')}
            WHEN r.pos < 0.5 AND p.code < '0600' THEN ${span(100, 450, 'v')} WHEN r.pos < 0.5 THEN ${span(1100, 1900, 'v')}
            ELSE ${span(20, 45, 'v')} END, 2)::DECIMAL(18,2) AS revenue_wan,
       round(CASE WHEN r.pos < 0.03 THEN ${span(250000, 2000000, 'a')} WHEN r.pos < 0.15 THEN ${span(8500, 9500, 'a')}
            WHEN r.pos < 0.5 THEN ${span(2500, 4500, 'a')} ELSE ${span(10, 90, 'a')} END, 2)::DECIMAL(18,2) AS total_assets_wan,
       CASE WHEN r.pos < 0.03 AND demo_u01(c.seed, r.b, 'l') < 0.25 THEN 'listed'
            WHEN r.pos < 0.15 AND demo_u01(c.seed, r.b, 'l') < 0.05 THEN 'listed'
            WHEN r.pos < 0.5 AND demo_u01(c.seed, r.b, 'l') < 0.04 THEN 'neeq' ELSE 'unlisted' END AS listing_status
     FROM r, demo_cfg c
     JOIN demo_industry p ON p.idx = r.ind_idx
     JOIN ref_district dn ON dn.code = r.district_code`,
  );
  // A bank declares the size the SME rules give for the enterprise's own registry figures (the bands above
  // are a rough draw per size; the industry's thresholds decide), so the demo files carry no size warning.
  await db.run(
    `UPDATE demo_ent e SET size = coalesce(${derivedSizeSql('e')}, e.size) WHERE e.kind = 'enterprise'`,
  );
  const birth = `strftime(DATE '1950-01-01' + floor(demo_u01(c.seed, r.p, r.kind || ':b') * 19700)::INTEGER, '%Y%m%d')`;
  const seq = `lpad((demo_h(c.seed, r.p, r.kind || ':q') % 1000)::VARCHAR, 3, '0')`;
  await db.run(
    `CREATE OR REPLACE TABLE demo_person AS
     WITH base AS (
       SELECT 'urban' AS kind, p FROM demo_cfg c, range(c.n_person) t(p)
       UNION ALL SELECT 'farmer', p FROM demo_cfg c, range(c.n_farmer) t(p)),
     sl AS (SELECT base.*, ${slotOf(`demo_u01(c.seed, base.p, base.kind || ':d')`)} AS d_slot,
         CASE base.kind WHEN 'farmer' THEN 'district_rural' ELSE 'district' END AS d_kind FROM base, demo_cfg c),
     r AS (SELECT sl.kind, sl.p, d.val AS district_code FROM sl
       JOIN demo_slots d ON d.kind = sl.d_kind AND d.slot = sl.d_slot)
     SELECT r.kind, r.p, r.district_code, ${residentIdSql(`(r.district_code || ${birth} || ${seq})`)} AS id_no
     FROM r, demo_cfg c`,
  );
}

/** Qualifications: a few % of enterprises, more in tech industries; some certificates already expired. */
async function buildQualifications(db: AnalyticsConn): Promise<void> {
  await db.run(
    `CREATE OR REPLACE TABLE demo_qual AS
     WITH q(qualification, base, sme_only, large_only, kind) AS (VALUES
       ('high_tech_enterprise', 0.02, false, false, 3), ('tech_sme', 0.04, true, false, 1),
       ('innovative_sme', 0.015, true, false, 3), ('specialized_sme', 0.012, true, false, 3),
       ('little_giant', 0.002, true, false, 3), ('tech_innovation_demo', 0.03, false, true, 0),
       ('manufacturing_champion', 0.01, false, true, 0)),
     e AS (SELECT e.*, (h.code IS NOT NULL OR p.digital) AS techy FROM demo_ent e
       JOIN demo_industry p ON p.idx = e.ind_idx LEFT JOIN demo_high_tech h ON h.code = e.industry_code
       WHERE e.kind = 'enterprise'),
     picked AS (
       SELECT e.b, e.credit_code, q.qualification, q.kind,
         demo_u01(c.seed, e.b, q.qualification || ':from') AS uf, c.end_date
       FROM e, q, demo_cfg c
       WHERE NOT (q.sme_only AND e.size = 'large') AND NOT (q.large_only AND e.size NOT IN ('large', 'medium'))
         AND demo_u01(c.seed, e.b, q.qualification) <
             q.base * CASE WHEN e.techy THEN 5 ELSE 1 END * CASE WHEN e.size IN ('large', 'medium') THEN 2 ELSE 1 END)
     SELECT b, credit_code, qualification,
       CASE kind WHEN 3 THEN end_date - (30 + floor(uf * 1400))::INTEGER
                 WHEN 1 THEN least(make_date(year(end_date) - floor(uf * 3)::INTEGER, 3 + floor(uf * 6)::INTEGER % 6, 1), end_date - 30)
                 ELSE end_date - (365 + floor(uf * 2000))::INTEGER END AS valid_from,
       CASE kind WHEN 3 THEN (end_date - (30 + floor(uf * 1400))::INTEGER + INTERVAL 3 YEAR - INTERVAL 1 DAY)::DATE
                 WHEN 1 THEN make_date(year(end_date) - floor(uf * 3)::INTEGER, 12, 31)
                 ELSE NULL END AS valid_to
     FROM picked`,
  );
}
