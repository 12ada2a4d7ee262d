// The scheme indicators (issue 17 item 1) and the floored min-max spread (item 2) on a hand-computed book:
// the fixture's loans (src/assess/fixture.ts) plus issuance, policy tools and a year-ago month set below.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { Stores } from '../store/stores.ts';
import { DEFAULT_REPORTING_DEADLINE } from '../config/config.ts';
import { openTestStores } from '../testing/stores.ts';
import { inScope, parseIndicatorConfig } from './engine/config.domain.ts';
import { fixed, q } from './engine/decimal.domain.ts';
import { METRIC_BY_ID, rawValue, type SubjectAggregates } from './engine/metrics.domain.ts';
import { parsePeriod } from './engine/period.domain.ts';
import { normaliseGroup, scoreSubjects } from './engine/score.domain.ts';
import { FIXTURE_CONFIG_YAML, seedFixtureLoans } from './fixture.ts';
import { PROVISIONAL_BASES, readAssessInputs } from './inputs.sql.ts';
import { noUploads, readQualityFacts } from './quality.sql.ts';

/** The raw value of `metric` on the inclusive area of `a`, as a 4-dp string (or null). */
function raw(metric: string, a: SubjectAggregates | undefined, params: Record<string, string> = {}) {
  const m = METRIC_BY_ID.get(metric);
  assert.ok(m && a, metric);
  const v = rawValue(m, a, 'inclusive', params);
  return v === null ? null : fixed(v, 4);
}

describe('scheme indicators on the fixture book (2025-Q2)', () => {
  let stores: Stores;
  let bank: Map<string, SubjectAggregates>;

  before(async () => {
    stores = await openTestStores('pglite');
    const db = stores.analytics;
    await seedFixtureLoans(db);
    // Issuance in the window (2025-06): B1 L1 issued 20 under 支小再贷款, revolving, credit;
    // B2 L3 issued 30 (no tool), B2 L1 issued 20 under 再贴现 and credit.
    await db.run(`UPDATE loans SET issued_amount = 20, relending_tool = 'agri_small_relending', revolving = true,
      guarantee_type = 'credit' WHERE loan_id = 'B1-L1' AND report_period = '2025-06'`);
    await db.run(`UPDATE loans SET issued_amount = 30 WHERE loan_id = 'B2-L3' AND report_period = '2025-06'`);
    await db.run(`UPDATE loans SET issued_amount = 20, relending_tool = 'rediscount', guarantee_type = 'credit'
      WHERE loan_id = 'B2-L1' AND report_period = '2025-06'`);
    // The year-ago month 2024-06: a copy of 2024-12 at 80 % of the balance for B1 and B3 only.
    await db.run(`INSERT INTO submissions SELECT * REPLACE (submission_id + 1000 AS submission_id,
        '2024-06' AS report_period, 'y' || content_hash AS content_hash)
      FROM submissions WHERE report_period = '2024-12' AND institution_code IN ('B1', 'B3')`);
    await db.run(`INSERT INTO loans SELECT * REPLACE (submission_id + 1000 AS submission_id,
        '2024-06' AS report_period, DATE '2024-06-30' AS period_end, balance * 0.8 AS balance)
      FROM loans WHERE report_period = '2024-12' AND institution_code IN ('B1', 'B3')`);
    await db.run(`INSERT INTO loan_areas SELECT * REPLACE (submission_id + 1000 AS submission_id)
      FROM loan_areas WHERE submission_id IN (SELECT submission_id - 1000 FROM submissions
        WHERE report_period = '2024-06')`);
    // B1's non-inclusive loan L2 declared digital while the digital map is not loaded: a provisional basis.
    await db.run(`INSERT INTO loan_areas (submission_id, row_no, area, basis, rule_version)
      SELECT submission_id, row_no, 'digital', 'digital.declared_provisional', 'rules-v1' FROM loans
      WHERE loan_id = 'B1-L2' AND report_period = '2025-06'`);
    const p = parsePeriod('2025-Q2');
    assert.ok(p);
    bank = (await readAssessInputs(db, p)).bank;
  });
  after(async () => stores.close());

  it('market share: the bank balance over the Chongqing area balance (120 / 476)', () => {
    // inclusive balances at 2025-06: B1 120, B2 220 + 30, B3 66, B4 40 = 476
    assert.equal(bank.get('B1')?.areas.inclusive?.market_bal_end, '476.00');
    assert.equal(raw('market_share', bank.get('B1')), '25.2101'); // 120 / 476 × 100 = 25.21008…
    assert.equal(raw('market_share', bank.get('B2')), '52.5210'); // 250 / 476
  });

  it('year-on-year growth with a minimum base', () => {
    // B1: 2024-06 inclusive 80 → 120: +50 %; B3: 40 → 66: +65 %; B2 has no year-ago month: missing
    assert.equal(bank.get('B1')?.areas.inclusive?.bal_yoy, '80.00');
    assert.equal(raw('yoy_growth', bank.get('B1')), '50.0000');
    assert.equal(raw('yoy_growth', bank.get('B3')), '65.0000');
    assert.equal(raw('yoy_growth', bank.get('B2')), null);
    // min_base 50: B3's base of 40 is too small to score, B1's 80 is kept
    assert.equal(raw('yoy_growth', bank.get('B3'), { min_base: '50' }), null);
    assert.equal(raw('yoy_growth', bank.get('B1'), { min_base: '50' }), '50.0000');
  });

  it('NPL relative to the all-loan NPL ratio, with the tolerance', () => {
    // B2: inclusive NPL 30 / 250 = 12 %; all loans 30 / 500 = 6 %: 6 pp above
    assert.equal(bank.get('B2')?.areas.inclusive?.all_npl_bal_end, '30.00');
    assert.equal(raw('npl_excess', bank.get('B2')), '6.0000');
    assert.equal(raw('npl_excess', bank.get('B2'), { tolerance_pp: '3' }), '3.0000');
    assert.equal(raw('npl_excess', bank.get('B2'), { tolerance_pp: '6' }), '0.0000'); // within: no penalty
    assert.equal(raw('npl_excess', bank.get('B1'), { tolerance_pp: '3' }), '0.0000');
  });

  it('policy-tool, revolving and credit shares of new area lending', () => {
    // B1: 20 issued, all under a tool, revolving and credit; B2: 50 issued, 20 rediscount, 20 credit
    assert.equal(raw('tool_share', bank.get('B1')), '100.0000');
    assert.equal(raw('tool_share', bank.get('B2')), '40.0000');
    assert.equal(raw('revolving_share', bank.get('B2')), '0.0000');
    assert.equal(raw('credit_issued_share', bank.get('B2')), '40.0000');
    assert.equal(raw('tool_share', bank.get('B3')), null); // nothing issued: missing
  });

  it('data quality from the upload log, against the deadline (the 12th, 17:00 Shanghai = 09:00 UTC)', async () => {
    // B1 over 2025-Q2: April on time; May rejected once, then accepted late; June on time with 2 warnings
    // explained, then replaced after the deadline by a version whose warning is not explained.
    const log: [string, string, number | null, string, number, string | null][] = [
      ['2025-04', 'accepted', 1, '2025-05-10T02:00:00Z', 0, null],
      ['2025-05', 'rejected', null, '2025-06-05T02:00:00Z', 0, null],
      ['2025-05', 'accepted', 1, '2025-06-12T09:00:01Z', 0, null],
      ['2025-06', 'accepted', 1, '2025-07-12T09:00:00Z', 2, '季末集中投放，已核实'],
      ['2025-06', 'accepted', 2, '2025-07-20T02:00:00Z', 1, null],
    ];
    for (const [period, status, version, at, warnings, explanation] of log)
      await stores.state.query(
        `INSERT INTO submission_log (institution_code, report_period, status, version, content_hash, file_name,
           row_count, error_count, warning_count, created_at, explanation)
         VALUES ('B1', $1, $2, $3, 'h', 'f.csv', 1, 0, $4, $5::timestamptz, $6)`,
        [period, status, version, warnings, at, explanation],
      );
    const p = parsePeriod('2025-Q2');
    assert.ok(p);
    const facts = await readQualityFacts(stores.state, p, DEFAULT_REPORTING_DEADLINE);
    const b1 = facts.get('B1');
    assert.deepEqual(b1, {
      months_due: '3',
      on_time_months: '2',
      rejected: '1',
      late_resubmissions: '1',
      warned: '2',
      warned_explained: '1',
    });
    const dq = (metric: string, quality = b1) => {
      const m = METRIC_BY_ID.get(metric);
      assert.ok(m);
      const v = rawValue(m, { areas: {}, quality }, null);
      return v === null ? null : fixed(v, 4);
    };
    assert.equal(dq('dq_on_time'), '66.6667'); // 2 / 3
    assert.equal(dq('dq_rejected'), '1.0000');
    assert.equal(dq('dq_late_resubmissions'), '1.0000');
    assert.equal(dq('dq_warnings_explained'), '50.0000');
    // B2 filed nothing: no month on time, and no warning left unexplained
    assert.equal(facts.get('B2'), undefined);
    assert.equal(dq('dq_on_time', noUploads(p)), '0.0000');
    assert.equal(dq('dq_warnings_explained', noUploads(p)), '100.0000');
  });

  it('a provisional basis puts no loan into an area for scoring', () => {
    assert.ok(PROVISIONAL_BASES.includes('digital.declared_provisional'));
    assert.equal(bank.get('B1')?.areas.digital?.bal_end, '0.00'); // 300 stays out
    assert.equal(bank.get('B1')?.areas.inclusive?.bal_end, '120.00');
  });
});

describe('scoring: min-max with a floor on the spread', () => {
  const norm = (min_spread: string, values: string[]) =>
    normaliseGroup({ method: 'minmax', min_score: '60', min_spread }, 'higher', values.map(q)).map((v) =>
      v === null ? null : fixed(v, 4),
    );
  it('peers 0.5 apart lose 0.5 / 5 of the range, not all of it', () => {
    assert.deepEqual(norm('0', ['10', '10.5']), ['60.0000', '100.0000']);
    assert.deepEqual(norm('5', ['10', '10.5']), ['96.0000', '100.0000']); // 60 + 40 × (1 − 0.5 / 5)
    assert.deepEqual(norm('5', ['0', '10', '5']), ['60.0000', '100.0000', '80.0000']); // wide: unchanged
  });
  it('lower is better: the gap is measured from the lowest value', () => {
    const v = normaliseGroup({ method: 'minmax', min_score: '0', min_spread: '4' }, 'lower', [
      q('1'),
      q('2'),
    ]);
    assert.deepEqual(
      v.map((x) => (x === null ? null : fixed(x, 4))),
      ['100.0000', '75.0000'],
    );
  });
});

describe('indicator parameters in the configuration', () => {
  const withParams = (params: string) =>
    FIXTURE_CONFIG_YAML.replace(
      'metric: npl_ratio, area: inclusive, direction: lower,',
      `metric: npl_excess, area: inclusive, direction: lower, params: ${params},`,
    );
  it('takes the metric defaults, overridden by the configuration', () => {
    const r = parseIndicatorConfig(withParams('{tolerance_pp: 3}'));
    assert.ok(r.ok);
    assert.deepEqual(r.value.subjects.bank.indicators.find((i) => i.id === 'inc_npl')?.params, {
      tolerance_pp: '3',
    });
  });
  it('rejects a parameter the metric does not take', () => {
    const r = parseIndicatorConfig(withParams('{min_base: 3}'));
    assert.ok(!r.ok);
    assert.deepEqual(
      r.errors.map((e) => e.code),
      ['ASSESS_CONFIG_SCHEMA'],
    );
  });
});

describe('weights per peer group', () => {
  const groupYaml = (share: string, npl: string) =>
    FIXTURE_CONFIG_YAML.replace(
      'normalisation: {method: rank}, weight: 20}',
      `normalisation: {method: rank}, weight: 20, group_weights: {city_commercial: ${share}}}`,
    ).replace(
      'otherwise: 0},\n         weight: 20}',
      `otherwise: 0},\n         weight: 20, group_weights: {city_commercial: ${npl}}}`,
    );

  it('each peer group with its own weights must fill the quantitative part', () => {
    const r = parseIndicatorConfig(groupYaml('15', '20'));
    assert.ok(!r.ok);
    assert.deepEqual(
      r.errors.map((e) => [e.code, e.params.part, e.params.total]),
      [['ASSESS_CONFIG_WEIGHT_SUM', 'quantitative (city_commercial)', '75.00']],
    );
  });

  it('a city commercial bank is weighted 10 / 30 where a joint-stock bank is weighted 20 / 20', () => {
    const r = parseIndicatorConfig(groupYaml('10', '30'));
    assert.ok(r.ok);
    const raw = { inc_growth: '1', inc_share: '5', inc_npl: '0.5', recon: '100', q_mech: '50' };
    const scored = scoreSubjects({
      subject: r.value.subjects.bank,
      grades: r.value.grades,
      subjects: [
        { code: 'B1', name: 'B1', peer_group: 'joint_stock', raw },
        { code: 'B4', name: 'B4', peer_group: 'city_commercial', raw },
      ],
    });
    // alone in its group every quantitative indicator normalises to 100 (NPL 0.5 % falls in the ≤ 1 band)
    const view = (code: string) => {
      const s = scored.find((x) => x.code === code);
      return s?.breakdown.map((b) => [b.indicator_id, b.weight, b.contribution]);
    };
    assert.deepEqual(view('B4'), [
      ['inc_growth', '30', '30.0000'],
      ['inc_share', '10', '10.0000'],
      ['inc_npl', '30', '30.0000'],
      ['recon', '10', '10.0000'],
      ['q_mech', '20', '10.0000'],
    ]);
    assert.deepEqual(view('B1')?.[1], ['inc_share', '20', '20.0000']);
    assert.deepEqual(
      scored.map((s) => s.score),
      ['90.00', '90.00'],
    );
  });
});

describe('the scope of a scheme', () => {
  it('is stated in the configuration and limits the banks scored', () => {
    const r = parseIndicatorConfig(
      FIXTURE_CONFIG_YAML.replace(
        'bank:\n    quantitative_weight',
        'bank:\n    scope: {zh: 法人城商行, en: Legal-person city banks, legal_entities: [legal_person],' +
          ' peer_groups: [city_commercial, rural]}\n    quantitative_weight',
      ),
    );
    assert.ok(r.ok);
    const scope = r.value.subjects.bank.scope;
    assert.equal(scope.zh, '法人城商行');
    assert.equal(inScope(scope, { peer_group: 'city_commercial', legal_entity: 'legal_person' }), true);
    assert.equal(inScope(scope, { peer_group: 'city_commercial' }), false); // unknown = branch (分支)
    assert.equal(inScope(scope, { peer_group: 'joint_stock', legal_entity: 'legal_person' }), false);
    // without a scope: every bank, stated as not stated
    const all = parseIndicatorConfig(FIXTURE_CONFIG_YAML);
    assert.ok(all.ok);
    assert.equal(inScope(all.value.subjects.bank.scope, { peer_group: 'foreign' }), true);
  });
});
