// Configuration validation: the shipped YAML is valid; broken ones fail with coded errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { parseIndicatorConfig } from './engine/config.domain.ts';
import { parsePeriod } from './engine/period.domain.ts';
import { fixed, median, q, round } from './engine/decimal.domain.ts';
import { competitionRanks } from './engine/score.domain.ts';
import { FIXTURE_CONFIG_YAML } from './fixture.ts';
import { DEFAULT_CONFIG_FILE } from './store.ts';

function codes(yaml: string): string[] {
  const r = parseIndicatorConfig(yaml);
  return r.ok ? [] : r.errors.map((e) => e.code);
}

describe('indicator configuration', () => {
  it('accepts the shipped configuration (80/20 split, every subject adding up to 100)', () => {
    const r = parseIndicatorConfig(readFileSync(DEFAULT_CONFIG_FILE, 'utf8'));
    assert.ok(r.ok);
    assert.equal(r.value.subjects.bank.quantitative_weight, '80');
    assert.equal(r.value.subjects.district.qualitative_weight, '20');
    // data quality replaces the scored agreement with fivefin's labels
    const metrics = r.value.subjects.bank.indicators.map((i) => i.metric);
    assert.ok(!metrics.includes('reconciliation_match'));
    for (const m of ['dq_on_time', 'dq_rejected', 'dq_late_resubmissions', 'dq_warnings_explained'])
      assert.ok(metrics.includes(m), m);
  });

  it('rejects unknown formulas, wrong subjects and areas, duplicate ids', () => {
    assert.deepEqual(codes(FIXTURE_CONFIG_YAML.replace('metric: npl_ratio', 'metric: npl_ratioo')), [
      'ASSESS_CONFIG_UNKNOWN_METRIC',
    ]);
    assert.deepEqual(
      codes(
        FIXTURE_CONFIG_YAML.replace(
          'metric: area_share, area: inclusive, direction: higher, normalisation: {method: minmax}',
          'metric: reconciliation_match, direction: higher, normalisation: {method: minmax}',
        ),
      ),
      ['ASSESS_CONFIG_METRIC_SUBJECT'],
    );
    assert.deepEqual(
      codes(
        FIXTURE_CONFIG_YAML.replace(
          'area: inclusive, direction: higher,\n',
          'area: culture, direction: higher,\n',
        ),
      ),
      ['ASSESS_CONFIG_AREA'],
    );
    assert.deepEqual(codes(FIXTURE_CONFIG_YAML.replace('id: inc_share', 'id: inc_growth')), [
      'ASSESS_CONFIG_DUPLICATE_ID',
    ]);
  });

  it('rejects weights that do not add up to 100 (and to the 80/20 split)', () => {
    assert.deepEqual(codes(FIXTURE_CONFIG_YAML.replace('weight: 30}', 'weight: 25}')), [
      'ASSESS_CONFIG_WEIGHT_SUM',
    ]);
    assert.deepEqual(
      codes(FIXTURE_CONFIG_YAML.replace('qualitative_weight: 20', 'qualitative_weight: 25')).sort(),
      ['ASSESS_CONFIG_WEIGHT_SUM', 'ASSESS_CONFIG_WEIGHT_SUM'],
    );
  });

  it('rejects bad normalisation parameters and grade bands', () => {
    assert.deepEqual(
      codes(FIXTURE_CONFIG_YAML.replace('minmax, min_score: 60}', 'minmax, min_score: 100}')),
      ['ASSESS_CONFIG_NORMALISATION'],
    );
    assert.deepEqual(codes(FIXTURE_CONFIG_YAML.replace('{bound: 5, score: 60}', '{bound: 0.5, score: 60}')), [
      'ASSESS_CONFIG_NORMALISATION',
    ]);
    assert.deepEqual(codes(FIXTURE_CONFIG_YAML.replace('{bound: 1, score: 100}', '{bound: 1, score: 120}')), [
      'ASSESS_CONFIG_NORMALISATION',
    ]);
    assert.deepEqual(
      codes(
        FIXTURE_CONFIG_YAML.replace(
          'normalisation: {method: reviewer}, weight: 20}\n  district',
          'normalisation: {method: minmax}, weight: 20}\n  district',
        ),
      ),
      ['ASSESS_CONFIG_NORMALISATION'],
    );
    assert.deepEqual(
      codes(FIXTURE_CONFIG_YAML.replace('{grade: D, min_score: 0}', '{grade: D, min_score: 10}')),
      ['ASSESS_CONFIG_GRADES'],
    );
    assert.deepEqual(codes(FIXTURE_CONFIG_YAML.replace('label: fixture', 'label: fixture\nextra: 1')), [
      'ASSESS_CONFIG_SCHEMA',
    ]);
    assert.deepEqual(codes('a: [1'), ['ASSESS_CONFIG_YAML']);
  });
});

describe('exact decimals and ranking', () => {
  it('rounds half away from zero without floats', () => {
    assert.equal(fixed(q('75.995'), 2), '76.00');
    assert.equal(fixed(q('-0.125'), 2), '-0.13');
    assert.equal(fixed(round(q('0.1'), 4), 4), '0.1000');
    assert.equal(fixed(q('1.005'), 2), '1.01'); // 1.005 as a float would give 1.00
    assert.equal(fixed(median([q('1'), q('4'), q('2'), q('3')]), 4), '2.5000');
  });
  it('uses competition ranking (1, 2, 2, 4)', () => {
    assert.deepEqual(
      competitionRanks([90, 80, 80, 70], (a, b) => b - a),
      [1, 2, 2, 4],
    );
  });
});

describe('assessment periods', () => {
  it('maps quarters and years to their window, end and base months', () => {
    assert.deepEqual(parsePeriod('2025-Q2'), {
      period: '2025-Q2',
      kind: 'quarter',
      months: ['2025-04', '2025-05', '2025-06'],
      end: '2025-06',
      base: '2025-03',
      yoy: '2024-06',
    });
    const y = parsePeriod('2025');
    assert.deepEqual(
      [y?.kind, y?.months.length, y?.end, y?.base, y?.yoy],
      ['year', 12, '2025-12', '2024-12', '2024-12'],
    );
    assert.equal(parsePeriod('2025-Q5'), null);
    assert.equal(parsePeriod('2025-06'), null);
  });
});
