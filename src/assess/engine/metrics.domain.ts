// The catalogue of indicator formulas ("metrics") over stored aggregates, and their exact evaluation.
// A metric turns one subject's aggregates (decimal strings from SQL) into a raw value rounded to 4 decimals,
// or null when its denominator is zero (the indicator is then `missing`, see docs/assessment.md).
import { div, HUNDRED, isZero, mul, q, round, sub, type Q } from './decimal.domain.ts';

export const AREAS = ['tech', 'green', 'inclusive', 'pension', 'digital'] as const;
export type Area = (typeof AREAS)[number];
export type SubjectKind = 'bank' | 'district';
export const SUBJECT_KINDS: readonly SubjectKind[] = ['bank', 'district'];

/** Aggregates of one subject (and one area where the metric is per area), as decimal strings. */
export interface AreaAggregates {
  bal_end: string; // area balance at the last month of the window
  bal_base: string; // area balance at the month before the window
  all_bal_end: string; // all loans of the subject, last month
  all_bal_base: string; // all loans of the subject, month before the window
  credit_bal_end: string; // area balance with guarantee_type = credit
  mlt_bal_end: string; // area balance with term > 1 year (maturity_date > issue_date + 1 year)
  npl_bal_end: string; // area balance of substandard, doubtful and loss loans
  issued: string; // area amount issued within the window
  rate_x_issued: string; // Σ interest_rate × issued_amount, area, window
  market_issued: string; // the same two over every loan of the area in Chongqing (all subjects)
  market_rate_x_issued: string;
  borrowers_issued: string; // distinct borrowers issued an area loan within the window
  first_borrowers_issued: string; // … of which first-time borrowers (首贷户)
}

export interface SubjectAggregates {
  areas: Partial<Record<Area, AreaAggregates>>;
  /** Loans of the bank at the last month (count), and those whose declared areas equal the derived ones. */
  loans_end?: string;
  loans_matched_end?: string;
}

export interface MetricDef {
  id: string;
  per_area: boolean;
  subjects: readonly SubjectKind[];
  unit: '%' | 'pp';
  label_zh: string;
  label_en: string;
  formula: string;
  eval(a: SubjectAggregates, area: Area | null): Q | null;
}

const pct = (num: string, den: string): Q | null =>
  isZero(q(den)) ? null : mul(div(q(num), q(den)), HUNDRED);

function areaOf(a: SubjectAggregates, area: Area | null): AreaAggregates | null {
  return area === null ? null : (a.areas[area] ?? null);
}

function growth(end: string, base: string): Q | null {
  return isZero(q(base)) ? null : mul(div(sub(q(end), q(base)), q(base)), HUNDRED);
}

export const METRICS: readonly MetricDef[] = [
  {
    id: 'balance_growth_gap',
    per_area: true,
    subjects: ['bank', 'district'],
    unit: 'pp',
    label_zh: '领域贷款余额增速与各项贷款增速之差',
    label_en: 'Area balance growth minus all-loan growth',
    formula: '(bal_end − bal_base) / bal_base × 100 − (all_bal_end − all_bal_base) / all_bal_base × 100',
    eval(a, area) {
      const x = areaOf(a, area);
      if (!x) return null;
      const g = growth(x.bal_end, x.bal_base);
      const gAll = growth(x.all_bal_end, x.all_bal_base);
      return g === null || gAll === null ? null : sub(g, gAll);
    },
  },
  {
    id: 'area_share',
    per_area: true,
    subjects: ['bank', 'district'],
    unit: '%',
    label_zh: '领域贷款占各项贷款比重',
    label_en: "Area share of the subject's loans",
    formula: 'bal_end / all_bal_end × 100',
    eval: (a, area) => {
      const x = areaOf(a, area);
      return x ? pct(x.bal_end, x.all_bal_end) : null;
    },
  },
  {
    id: 'first_loan_share',
    per_area: true,
    subjects: ['bank', 'district'],
    unit: '%',
    label_zh: '首贷户占比',
    label_en: 'First-time borrowers among borrowers issued a loan',
    formula: 'first_borrowers_issued / borrowers_issued × 100',
    eval: (a, area) => {
      const x = areaOf(a, area);
      return x ? pct(x.first_borrowers_issued, x.borrowers_issued) : null;
    },
  },
  {
    id: 'credit_share',
    per_area: true,
    subjects: ['bank', 'district'],
    unit: '%',
    label_zh: '信用贷款占比',
    label_en: 'Credit (unsecured) loan share',
    formula: 'credit_bal_end / bal_end × 100',
    eval: (a, area) => {
      const x = areaOf(a, area);
      return x ? pct(x.credit_bal_end, x.bal_end) : null;
    },
  },
  {
    id: 'mlt_share',
    per_area: true,
    subjects: ['bank', 'district'],
    unit: '%',
    label_zh: '中长期贷款占比',
    label_en: 'Medium/long-term loan share',
    formula: 'mlt_bal_end / bal_end × 100',
    eval: (a, area) => {
      const x = areaOf(a, area);
      return x ? pct(x.mlt_bal_end, x.bal_end) : null;
    },
  },
  {
    id: 'rate_gap',
    per_area: true,
    subjects: ['bank', 'district'],
    unit: 'pp',
    label_zh: '新发放贷款加权平均利率与全市平均之差',
    label_en: 'Issuance-weighted rate minus the Chongqing average',
    formula: 'rate_x_issued / issued − market_rate_x_issued / market_issued',
    eval: (a, area) => {
      const x = areaOf(a, area);
      if (!x || isZero(q(x.issued)) || isZero(q(x.market_issued))) return null;
      return sub(div(q(x.rate_x_issued), q(x.issued)), div(q(x.market_rate_x_issued), q(x.market_issued)));
    },
  },
  {
    id: 'npl_ratio',
    per_area: true,
    subjects: ['bank', 'district'],
    unit: '%',
    label_zh: '不良贷款率',
    label_en: 'NPL ratio',
    formula: 'npl_bal_end / bal_end × 100',
    eval: (a, area) => {
      const x = areaOf(a, area);
      return x ? pct(x.npl_bal_end, x.bal_end) : null;
    },
  },
  {
    id: 'reconciliation_match',
    per_area: false,
    subjects: ['bank'],
    unit: '%',
    label_zh: '报送领域与认定领域一致率',
    label_en: 'Loans whose declared areas match the derived ones',
    formula: 'loans_matched_end / loans_end × 100',
    eval: (a) =>
      a.loans_end === undefined || a.loans_matched_end === undefined
        ? null
        : pct(a.loans_matched_end, a.loans_end),
  },
];

export const METRIC_BY_ID: ReadonlyMap<string, MetricDef> = new Map(METRICS.map((m) => [m.id, m]));

/** Raw value of a metric, rounded half-up to 4 decimals, or null (missing). */
export function rawValue(metric: MetricDef, a: SubjectAggregates, area: Area | null): Q | null {
  const v = metric.eval(a, area);
  return v === null ? null : round(v, 4);
}
