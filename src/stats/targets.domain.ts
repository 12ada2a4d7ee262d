// Target tracking maths (pure), PBoC style: a level target is read against the growth it requires,
// (target / V)^(12 / m) − 1 for the m months left, beside the current YoY and the 3-year average YoY, with the
// two scenarios "current YoY continues" and "3-year average continues"; the pension growth target is judged on
// each December's YoY of its judged years and monitored monthly. Readings of the plan's wording (左右 / 突破 /
// 以上, under 力争) and the assessment words (进度评估) are configuration (targets.json). Projections are estimates
// computed in floating point and returned rounded; published balances stay decimal strings.
import { addMonths, monthsBetween } from '../shared/period.ts';

/** How the plan's wording of a target is read: the threshold is value × factor; strict: must exceed it. */
export interface Reading {
  label_zh: string;
  label_en: string;
  factor: string;
  strict: boolean;
  note_zh: string;
  note_en: string;
}

export interface TargetSpec {
  area: string;
  kind: 'level' | 'growth';
  /** A key of TargetsConfig.readings. */
  reading: string;
  /** Level in CNY (decimal string) or a yearly growth rate (decimal fraction as string). */
  value: string;
  label_zh: string;
  label_en: string;
  /** Growth targets: the years whose December YoY is judged. */
  judged_years?: number[];
  baselines: { period: string; value: string | null; growth: string | null; source: string }[];
}

export interface TargetsConfig {
  version: string;
  source_zh: string;
  source_en: string;
  deadline: string;
  /** The plan's 力争 (strive), which governs every target: shown with them. */
  strive: { label_zh: string; label_en: string; note_zh: string; note_en: string };
  readings: Record<string, Reading>;
  /** needs_effort rather than lagging when the growth still needed exceeds the current YoY by at most this. */
  lag_margin: string;
  targets: TargetSpec[];
}

/** 进度评估: the assessment words, in the PBoC's wording (docs/methodology.md § Targets). */
export const ASSESSMENTS = {
  achieved: ['已达到目标', 'Target reached'],
  on_pace: ['进度符合预期', 'On pace'],
  needs_effort: ['需加大力度', 'Needs more effort'],
  lagging: ['进度明显滞后', 'Clearly behind'],
  insufficient_data: ['数据不足', 'Insufficient data'],
} as const;
export type Assessment = keyof typeof ASSESSMENTS;

/** A December judged for a growth target: reached / below the target, pending (after the period) or no data. */
export type DecemberAssessment = 'reached' | 'below' | 'pending' | 'no_data';
export const DECEMBER_ASSESSMENTS: Record<DecemberAssessment, readonly [string, string]> = {
  reached: ['全年增速达到目标要求', 'Year growth meets the target'],
  below: ['全年增速低于目标要求', 'Year growth below the target'],
  pending: ['尚未到年末', 'Year not ended'],
  no_data: ['数据不足', 'Insufficient data'],
};

export type SeriesSource = 'official' | 'fivefin';
export interface Point {
  report_period: string;
  balance: string;
}

export interface Scenario {
  name: 'current_yoy' | 'avg_yoy';
  growth: number;
  /** V × (1 + growth)^(m / 12), CNY, 2 decimals. */
  value_at_deadline: string;
  reaches: boolean;
}

export interface SeriesEvaluation {
  source: SeriesSource;
  period: string;
  value: string | null;
  yoy: number | null;
  /** Geometric mean YoY over avg_yoy_years (3, or fewer when less history is stored). */
  avg_yoy: number | null;
  avg_yoy_years: number | null;
  /** Level targets: (target / V)^(12 / m) − 1. */
  required_annual_growth: number | null;
  scenarios: Scenario[];
  /** Growth targets: the YoY of each month of the period's year up to the period. */
  monthly_yoy: { period: string; yoy: number | null }[];
  /** Growth targets: each judged December. */
  december_yoy: { year: number; period: string; yoy: number | null; assessment: DecemberAssessment }[];
  /** V / target (level) or YoY / target growth (growth). */
  progress: number | null;
  status: Assessment;
}

const round = (v: number, digits = 6): number => Number(v.toFixed(digits));

/** Growth needed each year to go from `from` to `to` in `months` months: (to / from)^(12 / months) − 1. */
export function requiredAnnualGrowth(from: number, to: number, months: number): number | null {
  if (from <= 0 || months <= 0) return null;
  return (to / from) ** (12 / months) - 1;
}

/** The value after `months` months of yearly growth g: V × (1 + g)^(months / 12). */
export function projectGrowth(value: number, growth: number, months: number): number {
  return value * (1 + growth) ** (months / 12);
}

/** YoY at p on a series (null when either month is missing or the year-ago value is 0). */
function yoyAt(byPeriod: Map<string, number>, p: string): number | null {
  const v = byPeriod.get(p);
  const y = byPeriod.get(addMonths(p, -12));
  return v === undefined || y === undefined || y <= 0 ? null : v / y - 1;
}

/** Geometric mean YoY over the longest of 3, 2, 1 years stored back from p. */
function averageYoy(byPeriod: Map<string, number>, p: string): { avg: number; years: number } | null {
  const v = byPeriod.get(p);
  if (v === undefined) return null;
  for (const years of [3, 2, 1]) {
    const base = byPeriod.get(addMonths(p, -12 * years));
    if (base !== undefined && base > 0) return { avg: (v / base) ** (1 / years) - 1, years };
  }
  return null;
}

/**
 * Evaluates a target at period p on one series (points of that series, any order; later ones ignored).
 * Returns null when the series has no value at p.
 */
export function evaluateSeries(
  spec: TargetSpec,
  cfg: Pick<TargetsConfig, 'deadline' | 'readings' | 'lag_margin'>,
  points: readonly Point[],
  p: string,
  source: SeriesSource,
): SeriesEvaluation | null {
  const byPeriod = new Map(
    points.filter((x) => x.report_period <= p).map((x) => [x.report_period, Number(x.balance)] as const),
  );
  const v = byPeriod.get(p);
  if (v === undefined) return null;
  const value = points.find((x) => x.report_period === p)?.balance ?? null;
  const yoy = yoyAt(byPeriod, p);
  const avg = averageYoy(byPeriod, p);
  const m = monthsBetween(p, cfg.deadline);
  const margin = Number(cfg.lag_margin);
  const target = Number(spec.value);
  const reading = cfg.readings[spec.reading];
  if (!reading) throw new Error(`target ${spec.area}: unknown reading ${spec.reading}`);
  const meets = (x: number, threshold: number) => (reading.strict ? x > threshold : x >= threshold);
  const out: SeriesEvaluation = {
    source,
    period: p,
    value,
    yoy: yoy === null ? null : round(yoy),
    avg_yoy: avg === null ? null : round(avg.avg),
    avg_yoy_years: avg?.years ?? null,
    required_annual_growth: null,
    scenarios: [],
    monthly_yoy: [],
    december_yoy: [],
    progress: null,
    status: 'insufficient_data',
  };
  if (spec.kind === 'level') {
    const threshold = target * Number(reading.factor);
    const req = requiredAnnualGrowth(v, target, m);
    out.required_annual_growth = req === null ? null : round(req);
    out.progress = round(v / target);
    for (const [name, g] of [
      ['current_yoy', yoy],
      ['avg_yoy', avg?.avg ?? null],
    ] as const) {
      if (g === null || m <= 0) continue;
      const proj = projectGrowth(v, g, m);
      out.scenarios.push({
        name,
        growth: round(g),
        value_at_deadline: proj.toFixed(2),
        reaches: meets(proj, threshold),
      });
    }
    const reaches = (name: Scenario['name']) => out.scenarios.some((s) => s.name === name && s.reaches);
    if (meets(v, threshold)) out.status = 'achieved';
    else if (m <= 0) out.status = 'lagging';
    else if (yoy === null) out.status = 'insufficient_data';
    else if (reaches('current_yoy')) out.status = 'on_pace';
    else if (reaches('avg_yoy') || (req !== null && req - yoy <= margin)) out.status = 'needs_effort';
    else out.status = 'lagging';
    return out;
  }
  const year = Number(p.slice(0, 4));
  for (let month = 1; month <= Number(p.slice(5, 7)); month++) {
    const q = `${year}-${String(month).padStart(2, '0')}`;
    const g = yoyAt(byPeriod, q);
    out.monthly_yoy.push({ period: q, yoy: g === null ? null : round(g) });
  }
  for (const y of spec.judged_years ?? []) {
    const dec = `${y}-12`;
    const g = dec <= p ? yoyAt(byPeriod, dec) : null;
    const assessment: DecemberAssessment =
      dec > p ? 'pending' : g === null ? 'no_data' : meets(g, target) ? 'reached' : 'below';
    out.december_yoy.push({ year: y, period: dec, yoy: g === null ? null : round(g), assessment });
  }
  if (yoy !== null) {
    out.progress = round(yoy / target);
    out.status = meets(yoy, target) ? 'on_pace' : target - yoy <= margin ? 'needs_effort' : 'lagging';
  }
  return out;
}
