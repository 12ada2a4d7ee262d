// The catalogue of indicator formulas ("metrics") over stored aggregates, and their exact evaluation.
// A metric turns one subject's aggregates (decimal strings from SQL) into a raw value rounded to 4 decimals,
// or null when its denominator is zero (the indicator is then `missing`, see docs/assessment.md).
import { cmp, div, HUNDRED, isZero, max, mul, q, round, sub, ZERO, type Q } from './decimal.domain.ts';

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
  market_bal_end: string; // area balance of every subject in Chongqing, last month
  bal_yoy: string; // area balance at the same month a year before the last month
  all_npl_bal_end: string; // NPL balance of all the subject's loans, last month
  tool_issued: string; // area amount issued within the window under a policy tool (relending_tool ≠ none)
  revolving_issued: string; // area amount issued within the window as 随借随还 (revolving)
  credit_issued: string; // area amount issued within the window with guarantee_type = credit
}

/** A bank's upload facts over the window (counts as decimal strings), from the state store's upload log. */
export interface QualityAggregates {
  months_due: string; // months in the window
  on_time_months: string; // months with an accepted file by the reporting deadline
  rejected: string; // rejected upload attempts
  late_resubmissions: string; // accepted replacement versions (version > 1) uploaded after the deadline
  warned: string; // accepted files with warnings
  warned_explained: string; // … of which the bank explained the warnings
}

export interface SubjectAggregates {
  areas: Partial<Record<Area, AreaAggregates>>;
  quality?: QualityAggregates;
  /** Loans of the bank at the last month (count), and those whose declared areas equal the derived ones. */
  loans_end?: string;
  loans_matched_end?: string;
}

export interface MetricDef {
  id: string;
  per_area: boolean;
  subjects: readonly SubjectKind[];
  unit: '%' | 'pp' | 'count';
  label_zh: string;
  label_en: string;
  formula: string;
  /** Parameters the configuration may set (`params:` of an indicator), with their defaults. */
  params: Readonly<Record<string, string>>;
  eval(a: SubjectAggregates, area: Area | null, params: Readonly<Record<string, string>>): Q | null;
}

const NO_PARAMS: Readonly<Record<string, string>> = {};

/** A bank data-quality metric over the upload facts; missing when the bank has no facts at all. */
function qualityMetric(
  id: string,
  unit: MetricDef['unit'],
  label_zh: string,
  label_en: string,
  formula: string,
  value: (f: QualityAggregates) => Q | null,
): MetricDef {
  return {
    id,
    per_area: false,
    subjects: ['bank'],
    unit,
    label_zh,
    label_en,
    formula,
    params: NO_PARAMS,
    eval: (a) => (a.quality ? value(a.quality) : null),
  };
}

/** A per-area share of issuance in the window: part / issued × 100. */
function issuedShare(
  id: string,
  part: 'tool_issued' | 'revolving_issued' | 'credit_issued',
  label_zh: string,
  label_en: string,
): MetricDef {
  return {
    id,
    per_area: true,
    subjects: ['bank', 'district'],
    unit: '%',
    label_zh,
    label_en,
    formula: `${part} / issued × 100`,
    params: NO_PARAMS,
    eval: (a, area) => {
      const x = areaOf(a, area);
      return x ? pct(x[part], x.issued) : null;
    },
  };
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
    params: NO_PARAMS,
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
    params: NO_PARAMS,
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
    params: NO_PARAMS,
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
    params: NO_PARAMS,
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
    params: NO_PARAMS,
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
    params: NO_PARAMS,
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
    params: NO_PARAMS,
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
    params: NO_PARAMS,
    formula: 'loans_matched_end / loans_end × 100',
    eval: (a) =>
      a.loans_end === undefined || a.loans_matched_end === undefined
        ? null
        : pct(a.loans_matched_end, a.loans_end),
  },
  {
    id: 'market_share',
    per_area: true,
    subjects: ['bank', 'district'],
    unit: '%',
    label_zh: '领域贷款余额占全市同领域贷款比重',
    label_en: 'Market share of the area balance within Chongqing',
    params: NO_PARAMS,
    formula: 'bal_end / market_bal_end × 100',
    eval: (a, area) => {
      const x = areaOf(a, area);
      return x ? pct(x.bal_end, x.market_bal_end) : null;
    },
  },
  {
    id: 'yoy_growth',
    per_area: true,
    subjects: ['bank', 'district'],
    unit: '%',
    label_zh: '领域贷款余额同比增速（可比口径，设最低基数）',
    label_en: 'Year-on-year growth of the area balance, with a minimum base',
    params: { min_base: '0' },
    formula: '(bal_end − bal_yoy) / bal_yoy × 100; missing when bal_yoy < min_base or bal_yoy = 0',
    eval: (a, area, p) => {
      const x = areaOf(a, area);
      if (!x || cmp(q(x.bal_yoy), q(p.min_base ?? '0')) < 0) return null;
      return growth(x.bal_end, x.bal_yoy);
    },
  },
  {
    id: 'npl_excess',
    per_area: true,
    subjects: ['bank', 'district'],
    unit: 'pp',
    label_zh: '领域不良率高出各项贷款不良率（容忍度以上部分）',
    label_en: "Area NPL ratio above the subject's all-loan NPL ratio, beyond the tolerance",
    params: { tolerance_pp: '0' },
    formula: 'max(0, npl_bal_end / bal_end × 100 − all_npl_bal_end / all_bal_end × 100 − tolerance_pp)',
    eval: (a, area, p) => {
      const x = areaOf(a, area);
      if (!x) return null;
      const r = pct(x.npl_bal_end, x.bal_end);
      const all = pct(x.all_npl_bal_end, x.all_bal_end);
      if (r === null || all === null) return null;
      return max([ZERO, sub(sub(r, all), q(p.tolerance_pp ?? '0'))]);
    },
  },
  issuedShare(
    'tool_share',
    'tool_issued',
    '新发放领域贷款中运用再贷款、再贴现、碳减排支持工具的占比',
    'Share of new area lending funded by relending, rediscount or the carbon-reduction facility',
  ),
  issuedShare(
    'revolving_share',
    'revolving_issued',
    '新发放领域贷款中随借随还占比',
    'Revolving (随借随还) share of new area lending',
  ),
  issuedShare(
    'credit_issued_share',
    'credit_issued',
    '新发放领域贷款中信用贷款占比',
    'Credit-loan share of new area lending',
  ),
  qualityMetric(
    'dq_on_time',
    '%',
    '按时报送月份占比',
    'Months filed by the reporting deadline',
    'on_time_months / months_due × 100',
    (f) => pct(f.on_time_months, f.months_due),
  ),
  qualityMetric('dq_rejected', 'count', '被拒绝的报送次数', 'Rejected upload attempts', 'rejected', (f) =>
    q(f.rejected),
  ),
  qualityMetric(
    'dq_late_resubmissions',
    'count',
    '报送截止后重报次数',
    'Resubmissions after the deadline',
    'late_resubmissions',
    (f) => q(f.late_resubmissions),
  ),
  qualityMetric(
    'dq_warnings_explained',
    '%',
    '预警已说明的报送占比',
    'Files with warnings whose warnings were explained',
    'warned_explained / warned × 100; 100 when no file had warnings',
    (f) => (isZero(q(f.warned)) ? HUNDRED : pct(f.warned_explained, f.warned)),
  ),
];

export const METRIC_BY_ID: ReadonlyMap<string, MetricDef> = new Map(METRICS.map((m) => [m.id, m]));

/** Raw value of a metric, rounded half-up to 4 decimals, or null (missing). */
export function rawValue(
  metric: MetricDef,
  a: SubjectAggregates,
  area: Area | null,
  params: Readonly<Record<string, string>> = metric.params,
): Q | null {
  const v = metric.eval(a, area, { ...metric.params, ...params });
  return v === null ? null : round(v, 4);
}
