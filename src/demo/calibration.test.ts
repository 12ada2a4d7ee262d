// Calibration: raking is exact on linear sums; the demo's profile codes exist in the reference tables; and a run
// large enough for the inclusive threshold lands on the Chongqing 2025-03 levels by the simple §3 rules,
// recomputed here from the written files and registry (tech = qualification valid at period end or a
// high-tech industry; green = green_item set; inclusive = small/micro or individual business / owner with an
// operating loan, and credit line ≤ 10,000,000). This run (300,000 loans, one bank, one month) is the heavy one.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { loadReferenceAnalytics } from '../reference/load.analytics.ts';
import { openAnalytics } from '../store/analytics/duckdb.ts';
import { BASELINE_2025_03, rake, targetsAt } from './calibration.ts';
import { generateDemo } from './generate.ts';
import { DISTRICT_WEIGHTS, INDUSTRY_PROFILES } from './profiles.ts';

test('rake hits the four targets when sums are linear in the factors', () => {
  const sums = [500, 40, 60, 10, 70, 5, 8, 2];
  const t = { total: 10000, tech: 1200, green: 1500, inclusive: 1000 };
  let f = sums.map(() => 1);
  f = rake(sums, f, t);
  const s = sums.map((x, c) => x * (f[c] ?? 1));
  const sumOf = (bit: number) => s.reduce((acc, x, c) => acc + ((c & bit) !== 0 ? x : 0), 0);
  assert.ok(Math.abs(sumOf(4) - t.tech) < 1e-6 * t.tech);
  assert.ok(Math.abs(sumOf(2) - t.green) < 1e-6 * t.green);
  assert.ok(Math.abs(sumOf(1) - t.inclusive) < 1e-6 * t.inclusive);
  assert.ok(Math.abs(s.reduce((a, b) => a + b, 0) - t.total) < 1e-6 * t.total);
});

test('targets grow from the 2025-03 baselines', () => {
  assert.equal(targetsAt('2025-03').green, BASELINE_2025_03.green * 1e8);
  assert.ok(targetsAt('2025-12').green > 1e12); // 绿色贷款 > 1万亿 at the end of 2025
});

test('every profile code is a class of ref_industry; district weights cover ref_district exactly', async () => {
  const db = await openAnalytics({ kind: 'duckdb', path: ':memory:' });
  try {
    await loadReferenceAnalytics(db);
    const classes = new Set(
      (await db.all<{ code: string }>(`SELECT code FROM ref_industry WHERE level = 'class'`)).map(
        (r) => r.code,
      ),
    );
    for (const p of INDUSTRY_PROFILES) assert.ok(classes.has(p.code), p.code);
    const districts = (await db.all<{ code: string }>('SELECT code FROM ref_district ORDER BY code')).map(
      (r) => r.code,
    );
    assert.deepEqual(Object.keys(DISTRICT_WEIGHTS).sort(), districts);
  } finally {
    db.close();
  }
});

test('a 300,000-loan run lands within ±15 % of the 2025-03 totals by the simple rules', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fivefin-demo-cal-'));
  const db = await openAnalytics({ kind: 'duckdb', path: ':memory:' });
  try {
    await generateDemo({
      loans: 300_000,
      months: 1,
      seed: 3,
      endPeriod: '2025-03',
      institutions: 1,
      outDir: dir,
    });
    await loadReferenceAnalytics(db);
    const [r] = await db.all<{ total: string; tech: string; green: string; inclusive: string }>(
      `WITH l AS (SELECT * FROM read_csv(?, header = true, all_varchar = true)),
            q AS (SELECT DISTINCT credit_code FROM read_csv(?, header = true, all_varchar = true)
                  WHERE qualification IS NOT NULL AND valid_from::DATE <= DATE '2025-03-31'
                    AND (valid_to IS NULL OR DATE '2025-03-31' <= valid_to::DATE)),
            h AS (SELECT DISTINCT industry_code FROM ref_high_tech)
       SELECT sum(balance::DECIMAL(18,2))::DOUBLE AS total,
         sum(CASE WHEN q.credit_code IS NOT NULL OR h.industry_code IS NOT NULL THEN balance::DECIMAL(18,2) END)::DOUBLE AS tech,
         sum(CASE WHEN green_item IS NOT NULL THEN balance::DECIMAL(18,2) END)::DOUBLE AS green,
         sum(CASE WHEN (enterprise_size IN ('small', 'micro') OR (borrower_type IN ('individual_business', 'small_business_owner')
                         AND product_type NOT IN ('consumer', 'housing'))) AND credit_line_total::DECIMAL(18,2) <= 10000000
                  THEN balance::DECIMAL(18,2) END)::DOUBLE AS inclusive
       FROM l LEFT JOIN q ON q.credit_code = l.borrower_id AND l.borrower_type = 'enterprise'
       LEFT JOIN h ON h.industry_code = l.industry_code`,
      [join(dir, 'loans', 'B0001_2025-03.csv'), join(dir, 'registry.csv')],
    );
    assert.ok(r);
    const near = (got: number, want: number, what: string) =>
      assert.ok(
        Math.abs(got / (want * 1e8) - 1) <= 0.15,
        `${what}: ${(got / 1e8).toFixed(0)}亿 vs ${want}亿`,
      );
    near(Number(r.total), BASELINE_2025_03.total, 'total');
    near(Number(r.tech), BASELINE_2025_03.tech, 'tech');
    near(Number(r.green), BASELINE_2025_03.green, 'green');
    near(Number(r.inclusive), BASELINE_2025_03.inclusive, 'inclusive');
  } finally {
    db.close();
    await rm(dir, { recursive: true, force: true });
  }
});
