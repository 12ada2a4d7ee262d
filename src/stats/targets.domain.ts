// Target tracking maths (pure): progress, growth needed per month, log-linear trend with a residual-based
// prediction band, and on-track / at-risk status. Projections are estimates computed in floating point and
// returned rounded; published balances themselves stay decimal strings.
import { addMonths, monthsBetween } from '../shared/period.ts';

export interface TargetSpec {
  area: string;
  kind: 'level' | 'growth';
  comparator: 'approx' | 'gt' | 'gte';
  /** Level in CNY (decimal string) or a yearly growth rate (decimal fraction as string). */
  value: string;
  label_zh: string;
  label_en: string;
  baselines: { period: string; value: string | null; growth: string | null; source: string }[];
}

export interface TargetsConfig {
  version: string;
  source_zh: string;
  source_en: string;
  deadline: string;
  approx_tolerance: string;
  targets: TargetSpec[];
}

export interface LogLinearFit {
  n: number;
  /** ln(balance) = intercept + slope × month index (0 = first month of history). */
  intercept: number;
  slope: number;
  /** Residual standard deviation (n − 2 degrees of freedom; 0 when n ≤ 2). */
  sigma: number;
  meanX: number;
  sxx: number;
}

export type TargetStatus = 'on_track' | 'at_risk' | 'insufficient_data';

export interface TargetEvaluation {
  area: string;
  kind: TargetSpec['kind'];
  target: string;
  deadline: string;
  latest_period: string | null;
  latest_value: string | null;
  latest_yoy: number | null;
  /** latest / target (level) or latest YoY / target growth (growth). */
  progress: number | null;
  months_left: number | null;
  required_monthly_growth: number | null;
  trend_monthly_growth: number | null;
  projection: { period: string; central: string; lower: string; upper: string } | null;
  status: TargetStatus;
}

const Z95 = 1.96;

/** Least-squares fit of ln(value) on the month index; periods must be consecutive or not — x is months since start. */
export function fitLogLinear(points: readonly { x: number; value: number }[]): LogLinearFit | null {
  const pts = points.filter((p) => p.value > 0);
  const n = pts.length;
  if (n < 2) return null;
  const meanX = pts.reduce((s, p) => s + p.x, 0) / n;
  const ys = pts.map((p) => Math.log(p.value));
  const meanY = ys.reduce((s, y) => s + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  pts.forEach((p, i) => {
    sxx += (p.x - meanX) ** 2;
    sxy += (p.x - meanX) * ((ys[i] ?? 0) - meanY);
  });
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const sse = pts.reduce((s, p, i) => s + ((ys[i] ?? 0) - (intercept + slope * p.x)) ** 2, 0);
  const sigma = n > 2 ? Math.sqrt(sse / (n - 2)) : 0;
  return { n, intercept, slope, sigma, meanX, sxx };
}

/** Central projection and 95 % prediction band at month index x. */
export function projectAt(fit: LogLinearFit, x: number): { central: number; lower: number; upper: number } {
  const yhat = fit.intercept + fit.slope * x;
  const se = fit.sigma * Math.sqrt(1 + 1 / fit.n + (x - fit.meanX) ** 2 / fit.sxx);
  return { central: Math.exp(yhat), lower: Math.exp(yhat - Z95 * se), upper: Math.exp(yhat + Z95 * se) };
}

/** Compound monthly growth needed to go from `from` to `to` in `months` months. */
export function requiredMonthlyGrowth(from: number, to: number, months: number): number | null {
  if (from <= 0 || months <= 0) return null;
  return (to / from) ** (1 / months) - 1;
}

const round = (v: number, digits: number): number => Number(v.toFixed(digits));

/** Evaluates one target on a city balance history (oldest first, decimal strings). */
export function evaluateTarget(
  spec: TargetSpec,
  history: readonly { report_period: string; balance: string }[],
  deadline: string,
  approxTolerance: number,
): TargetEvaluation {
  const last = history[history.length - 1];
  const base: TargetEvaluation = {
    area: spec.area,
    kind: spec.kind,
    target: spec.value,
    deadline,
    latest_period: last?.report_period ?? null,
    latest_value: last?.balance ?? null,
    latest_yoy: null,
    progress: null,
    months_left: last ? monthsBetween(last.report_period, deadline) : null,
    required_monthly_growth: null,
    trend_monthly_growth: null,
    projection: null,
    status: 'insufficient_data',
  };
  if (!last) return base;
  const start = history[0]?.report_period ?? last.report_period;
  const pts = history.map((h) => ({ x: monthsBetween(start, h.report_period), value: Number(h.balance) }));
  const yearAgo = history.find((h) => h.report_period === addMonths(last.report_period, -12));
  const latest = Number(last.balance);
  if (yearAgo && Number(yearAgo.balance) > 0)
    base.latest_yoy = round(latest / Number(yearAgo.balance) - 1, 6);
  const fit = fitLogLinear(pts);
  if (fit) base.trend_monthly_growth = round(Math.exp(fit.slope) - 1, 6);
  const monthsLeft = base.months_left ?? 0;
  if (fit && monthsLeft >= 0) {
    const p = projectAt(fit, monthsBetween(start, deadline));
    base.projection = {
      period: deadline,
      central: p.central.toFixed(2),
      lower: p.lower.toFixed(2),
      upper: p.upper.toFixed(2),
    };
  }
  const target = Number(spec.value);
  if (spec.kind === 'level') {
    base.progress = round(latest / target, 6);
    const req = requiredMonthlyGrowth(latest, target, monthsLeft);
    base.required_monthly_growth = req === null ? null : round(req, 6);
    if (fit && fit.n >= 3 && base.projection) {
      const threshold = spec.comparator === 'approx' ? target * approxTolerance : target;
      base.status = Number(base.projection.central) >= threshold ? 'on_track' : 'at_risk';
    } else if (latest >= target) base.status = 'on_track';
  } else {
    base.required_monthly_growth = round((1 + target) ** (1 / 12) - 1, 6);
    if (base.latest_yoy !== null) {
      base.progress = round(base.latest_yoy / target, 6);
      base.status = base.latest_yoy >= target ? 'on_track' : 'at_risk';
    }
  }
  return base;
}
