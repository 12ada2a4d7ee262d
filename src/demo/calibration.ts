// Calibration of the demo's amounts to Chongqing's real lending levels (pure functions, no I/O).
//
// Each demo loan stands for many real ones: with N loans outstanding at the end period and a city book of about
// CITY_LOANS loans, one demo loan ≈ CITY_LOANS / N real loans. Amounts are first drawn at realistic per-loan size
// and then multiplied by one factor per "cell" — the combination of the three simple §3 labels (tech, green,
// inclusive) a loan carries. The factors are found by raking (iterative proportional fitting) so that, at the
// end period, the totals by the simple rules land on the targets below (grown from the 2025-03 baselines of
// shared/reference/DEFINITIONS.md §7 at each area's yearly growth rate). Inclusive loans keep their credit line
// ≤ 10,000,000 (the rule's threshold), so with very few loans the inclusive target cannot be met: see
// docs/demo-data.md for the smallest N that reaches it.

/** Loans outstanding in Chongqing in a month, order of magnitude (used only to report the scale). */
export const CITY_LOANS = 3_000_000;

/** Baselines at 2025-03 in 亿元 (PBoC Chongqing): all loans, 科技贷款, 绿色贷款, 普惠小微贷款. */
export const BASELINE_2025_03 = { total: 61200, tech: 7521.2, green: 9600, inclusive: 6300 } as const;
/** Yearly growth used to move the baselines to another period. */
export const TARGET_GROWTH = { total: 0.072, tech: 0.088, green: 0.2, inclusive: 0.093 } as const;

export type Targets = { total: number; tech: number; green: number; inclusive: number };

/** Calibration targets in yuan for the month `period` (YYYY-MM). */
export function targetsAt(period: string): Targets {
  const [y, m] = period.split('-').map(Number);
  const months = ((y ?? 2025) - 2025) * 12 + ((m ?? 3) - 3);
  const grow = (base: number, g: number) => base * 1e8 * Math.pow(1 + g, months / 12);
  return {
    total: grow(BASELINE_2025_03.total, TARGET_GROWTH.total),
    tech: grow(BASELINE_2025_03.tech, TARGET_GROWTH.tech),
    green: grow(BASELINE_2025_03.green, TARGET_GROWTH.green),
    inclusive: grow(BASELINE_2025_03.inclusive, TARGET_GROWTH.inclusive),
  };
}

/** Cell index of a loan: tech 4, green 2, inclusive 1. */
export const CELL_BITS = { tech: 4, green: 2, inclusive: 1 } as const;
export const CELL_COUNT = 8;
const MAX_FACTOR = 1e8;

/**
 * One raking round. `sums[c]` is the end-period balance of cell c measured with `factors[c]`; returns new factors
 * assuming each cell's sum is proportional to its factor. `frozen[c]` marks cells that no longer respond (their
 * inclusive credit lines sit at the 10,000,000 cap): they keep their factor and the others absorb the difference.
 * The caller re-measures in SQL and calls again until the sums settle.
 */
export function rake(
  sums: readonly number[],
  factors: readonly number[],
  t: Targets,
  frozen: readonly boolean[] = [],
): number[] {
  const g = sums.map(() => 1);
  const part = (bit: number, free: boolean) =>
    sums.reduce((acc, s, c) => acc + ((c & bit) !== 0 && !frozen[c] === free ? s * (g[c] ?? 1) : 0), 0);
  for (let iter = 0; iter < 200; iter++) {
    for (const [bit, target] of [
      [CELL_BITS.tech, t.tech],
      [CELL_BITS.green, t.green],
      [CELL_BITS.inclusive, t.inclusive],
    ] as const) {
      const free = part(bit, true);
      if (free <= 0) continue;
      const ratio = Math.max(target - part(bit, false), free * 0.01) / free;
      for (let c = 0; c < g.length; c++) if ((c & bit) !== 0 && !frozen[c]) g[c] = (g[c] ?? 1) * ratio;
    }
    const s0 = sums[0] ?? 0;
    if (s0 > 0) {
      const labelled = sums.reduce((acc, s, c) => acc + (c === 0 ? 0 : s * (g[c] ?? 1)), 0);
      g[0] = Math.max(t.total - labelled, s0 * 0.01) / s0;
    }
  }
  return factors.map((f, c) => Math.min(MAX_FACTOR, Math.max(1e-6, f * (g[c] ?? 1))));
}

/** Cells whose measured sum grew by less than half of what their factor increase promised. */
export function saturated(
  before: readonly number[],
  after: readonly number[],
  oldFactors: readonly number[],
  newFactors: readonly number[],
): boolean[] {
  return before.map((b, c) => {
    const grow = (newFactors[c] ?? 1) / (oldFactors[c] ?? 1);
    if (b <= 0 || grow <= 1.01) return false;
    return (after[c] ?? 0) - b < 0.5 * (grow - 1) * b;
  });
}

/** A factor as the exact decimal text bound into SQL (DECIMAL(18,9)), so runs are reproducible. */
export function factorText(f: number): string {
  return f.toFixed(9);
}
