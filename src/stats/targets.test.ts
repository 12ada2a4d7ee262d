// Target maths on known series, and the targets file against the plan.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { addMonths } from '../shared/period.ts';
import { loadTargets } from './targets.ts';
import { evaluateTarget, fitLogLinear, requiredMonthlyGrowth } from './targets.domain.ts';

const series = (start: string, first: number, growth: number, n: number, noise: number[] = []) =>
  Array.from({ length: n }, (_, i) => ({
    report_period: addMonths(start, i),
    balance: (first * (1 + growth) ** i * (1 + (noise[i % noise.length] ?? 0))).toFixed(2),
  }));

describe('targets', () => {
  it('loads the versioned targets of the plan', () => {
    const cfg = loadTargets();
    assert.equal(cfg.version, 'targets-v1');
    assert.deepEqual(
      cfg.targets.map((t) => [t.area, t.kind, t.value]),
      [
        ['tech', 'level', '1000000000000.00'],
        ['green', 'level', '1200000000000.00'],
        ['inclusive', 'level', '700000000000.00'],
        ['pension', 'growth', '0.10'],
        ['digital', 'level', '170000000000.00'],
      ],
    );
  });

  it('recovers an exact exponential trend with a zero-width band', () => {
    const fit = fitLogLinear(
      series('2024-01', 1e9, 0.01, 12).map((h, i) => ({ x: i, value: Number(h.balance) })),
    );
    assert.ok(fit);
    assert.ok(Math.abs(Math.exp(fit.slope) - 1.01) < 1e-6);
    assert.ok(fit.sigma < 1e-6);
  });

  it('needs 1 % a month to grow 100 to 112.68 in 12 months', () => {
    const g = requiredMonthlyGrowth(100, 100 * 1.01 ** 12, 12);
    assert.ok(g !== null && Math.abs(g - 0.01) < 1e-9);
  });

  const spec = {
    area: 'green',
    kind: 'level' as const,
    comparator: 'gt' as const,
    value: '1200.00',
    label_zh: '',
    label_en: '',
    baselines: [],
  };

  it('is on track when the projection reaches the target, at risk when it does not', () => {
    const fast = evaluateTarget(spec, series('2025-01', 1000, 0.01, 12, [0.002, -0.002]), '2027-12', 0.97);
    assert.equal(fast.status, 'on_track');
    assert.equal(fast.months_left, 24);
    assert.ok(fast.projection && Number(fast.projection.lower) < Number(fast.projection.central));
    assert.ok(Number(fast.projection.central) < Number(fast.projection.upper));
    assert.equal(fast.latest_yoy, null);
    const slow = evaluateTarget(spec, series('2025-01', 1000, 0.002, 12, [0.002, -0.002]), '2027-12', 0.97);
    assert.equal(slow.status, 'at_risk');
    assert.ok(slow.required_monthly_growth !== null && slow.required_monthly_growth > 0.002);
    assert.equal(evaluateTarget(spec, [], '2027-12', 0.97).status, 'insufficient_data');
  });

  it('judges a growth target on the latest year-on-year growth', () => {
    const g = {
      ...spec,
      area: 'pension',
      kind: 'growth' as const,
      comparator: 'gte' as const,
      value: '0.10',
    };
    const ok = evaluateTarget(g, series('2024-01', 1e6, 0.01, 13), '2027-12', 0.97);
    assert.equal(ok.status, 'on_track');
    assert.ok(ok.latest_yoy !== null && Math.abs(ok.latest_yoy - 0.126825) < 1e-5);
    const weak = evaluateTarget(g, series('2024-01', 1e6, 0.005, 13), '2027-12', 0.97);
    assert.equal(weak.status, 'at_risk');
  });
});
