// Target maths against values computed by hand: the growth a level target requires, the two scenarios, the
// assessment words, the readings (左右 / 突破), and the pension target judged on each December's YoY and
// monitored monthly; and the targets file against the plan.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { loadTargets } from './targets.ts';
import { evaluateSeries, requiredAnnualGrowth, type TargetSpec } from './targets.domain.ts';

const cfg = loadTargets();
const pts = (o: Record<string, number>) =>
  Object.entries(o).map(([report_period, v]) => ({ report_period, balance: v.toFixed(2) }));
const tech: TargetSpec = {
  area: 'tech',
  kind: 'level',
  reading: 'about',
  value: '1000.00',
  label_zh: '',
  label_en: '',
  baselines: [],
};
const pension: TargetSpec = {
  area: 'pension',
  kind: 'growth',
  reading: 'above',
  value: '0.10',
  label_zh: '',
  label_en: '',
  judged_years: [2025, 2026, 2027],
  baselines: [],
};

describe('targets', () => {
  it('loads the versioned targets of the plan with their readings', () => {
    assert.equal(cfg.version, 'targets-v2');
    assert.deepEqual(
      cfg.targets.map((t) => [t.area, t.kind, t.reading, t.value]),
      [
        ['tech', 'level', 'about', '1000000000000.00'],
        ['green', 'level', 'exceed', '1200000000000.00'],
        ['inclusive', 'level', 'exceed', '700000000000.00'],
        ['pension', 'growth', 'above', '0.10'],
        ['digital', 'level', 'about', '170000000000.00'],
      ],
    );
    assert.deepEqual(
      Object.entries(cfg.readings).map(([k, r]) => [k, r.label_zh, r.factor, r.strict]),
      [
        ['about', '左右', '0.97', false],
        ['exceed', '突破', '1.00', true],
        ['above', '保持在…以上', '1.00', false],
      ],
    );
    assert.equal(cfg.strive.label_zh, '力争');
  });

  it('needs (target / V)^(12 / m) − 1 a year: 800 → 1000 in 24 months is √1.25 − 1', () => {
    assert.ok(Math.abs((requiredAnnualGrowth(800, 1000, 24) ?? 0) - (Math.sqrt(1.25) - 1)) < 1e-12);
    assert.equal(requiredAnnualGrowth(800, 1000, 0), null);
  });

  it('sets the required growth beside the current and 3-year YoY, with both scenarios', () => {
    const e = evaluateSeries(
      tech,
      cfg,
      pts({ '2022-12': 500, '2024-12': 700, '2025-12': 800 }),
      '2025-12',
      'official',
    );
    assert.ok(e);
    assert.equal(e.value, '800.00');
    assert.equal(e.yoy, 0.142857); // 800 / 700 − 1
    assert.deepEqual([e.avg_yoy, e.avg_yoy_years], [0.169607, 3]); // (800 / 500)^(1/3) − 1
    assert.equal(e.required_annual_growth, 0.118034); // (1000 / 800)^(12/24) − 1
    assert.deepEqual(e.scenarios, [
      { name: 'current_yoy', growth: 0.142857, value_at_deadline: '1044.90', reaches: true }, // 800 × (8/7)²
      { name: 'avg_yoy', growth: 0.169607, value_at_deadline: '1094.38', reaches: true }, // 800 × 1.6^(2/3)
    ]);
    assert.equal(e.progress, 0.8);
    assert.equal(e.status, 'on_pace');
  });

  it('words the assessment: 需加大力度 when the 3-year pace would do, 进度明显滞后 when nothing would', () => {
    const slow = evaluateSeries(
      tech,
      cfg,
      pts({ '2022-12': 500, '2024-12': 780, '2025-12': 800 }),
      '2025-12',
      'fivefin',
    );
    assert.equal(slow?.yoy, 0.025641);
    assert.equal(slow?.scenarios[0]?.value_at_deadline, '841.55');
    assert.equal(slow?.status, 'needs_effort');
    const behind = evaluateSeries(
      tech,
      cfg,
      pts({ '2022-12': 760, '2024-12': 780, '2025-12': 800 }),
      '2025-12',
      'fivefin',
    );
    assert.deepEqual([behind?.avg_yoy, behind?.scenarios[1]?.value_at_deadline], [0.017245, '827.83']);
    assert.equal(behind?.status, 'lagging');
  });

  it('reads 左右 as 97 % of the value and 突破 as strictly above it', () => {
    const at = (v: number, spec: TargetSpec) =>
      evaluateSeries(spec, cfg, pts({ '2024-12': v, '2025-12': v }), '2025-12', 'fivefin')?.status;
    assert.equal(at(970, tech), 'achieved');
    // flat at 1000: not above 1000, no growth, but none needed beyond the margin
    assert.equal(at(1000, { ...tech, reading: 'exceed' }), 'needs_effort');
    assert.equal(at(1000.01, { ...tech, reading: 'exceed' }), 'achieved');
  });

  it('ignores months after the period and has no value where the series has none', () => {
    const e = evaluateSeries(
      tech,
      cfg,
      pts({ '2024-12': 700, '2025-12': 800, '2026-01': 5 }),
      '2025-12',
      'fivefin',
    );
    assert.equal(e?.value, '800.00');
    assert.equal(evaluateSeries(tech, cfg, pts({ '2024-12': 700 }), '2025-12', 'official'), null);
  });

  it('judges the pension target on each December and monitors it monthly', () => {
    const series = pts({ '2024-12': 100, '2025-06': 100, '2025-12': 112, '2026-06': 108 });
    const mid = evaluateSeries(pension, cfg, series, '2026-06', 'official');
    assert.ok(mid);
    assert.deepEqual(mid.december_yoy, [
      { year: 2025, period: '2025-12', yoy: 0.12, assessment: 'reached' },
      { year: 2026, period: '2026-12', yoy: null, assessment: 'pending' },
      { year: 2027, period: '2027-12', yoy: null, assessment: 'pending' },
    ]);
    assert.deepEqual(
      mid.monthly_yoy.map((m) => [m.period, m.yoy]),
      [
        ['2026-01', null],
        ['2026-02', null],
        ['2026-03', null],
        ['2026-04', null],
        ['2026-05', null],
        ['2026-06', 0.08],
      ],
    );
    // 8 % against 10 %: 2 points short, within the 3-point margin.
    assert.deepEqual([mid.yoy, mid.progress, mid.status], [0.08, 0.8, 'needs_effort']);
    const dec = evaluateSeries(pension, cfg, series, '2025-12', 'official');
    assert.deepEqual([dec?.yoy, dec?.status, dec?.december_yoy[0]?.assessment], [0.12, 'on_pace', 'reached']);
  });
});
