// The figures the mechanism is meant to move. The statistics module supplies the values through an injected
// IndicatorSeries; this module only names the indicators, links them to measures and compares values.

/** One value of an indicator at the end of a period ('YYYY-MM'); decimal strings, never floats. */
export interface IndicatorPoint {
  period: string;
  value: string | number;
}

/** Supplied by the statistics module: the values of one indicator at the given month-end periods. */
export type IndicatorSeries = (indicatorId: string, periods: string[]) => Promise<IndicatorPoint[]>;

export interface IndicatorDef {
  id: string;
  name_zh: string;
  name_en: string;
  unit: 'yuan' | 'count';
}

export const INDICATORS: IndicatorDef[] = [
  { id: 'tech.balance', name_zh: '科技贷款余额', name_en: 'Tech loans outstanding', unit: 'yuan' },
  {
    id: 'tech.first_loan_borrowers',
    name_zh: '科技企业首贷户数',
    name_en: 'Tech first-time borrowers',
    unit: 'count',
  },
  { id: 'green.balance', name_zh: '绿色贷款余额', name_en: 'Green loans outstanding', unit: 'yuan' },
  {
    id: 'inclusive.balance',
    name_zh: '普惠小微贷款余额',
    name_en: 'Inclusive small & micro loans outstanding',
    unit: 'yuan',
  },
  {
    id: 'inclusive.first_loan_borrowers',
    name_zh: '普惠小微首贷户数',
    name_en: 'Inclusive first-time borrowers',
    unit: 'count',
  },
  {
    id: 'pension.balance',
    name_zh: '养老产业贷款余额',
    name_en: 'Elderly-care industry loans outstanding',
    unit: 'yuan',
  },
  {
    id: 'digital.balance',
    name_zh: '数字经济产业贷款余额',
    name_en: 'Digital-economy industry loans outstanding',
    unit: 'yuan',
  },
];

/** The default indicators of each measure's work items (measure no → indicator ids). */
export const MEASURE_INDICATORS: Record<number, string[]> = {
  1: ['tech.balance', 'tech.first_loan_borrowers'],
  2: ['green.balance'],
  3: ['inclusive.balance', 'inclusive.first_loan_borrowers'],
  4: ['pension.balance'],
  5: ['digital.balance'],
  8: ['inclusive.first_loan_borrowers'],
};

export function isIndicator(id: string): boolean {
  return INDICATORS.some((d) => d.id === id);
}

/** Parses a decimal string into a scaled BigInt (6 decimal places) so values compare without floats. */
function scaled(v: string | number): bigint | null {
  const s = String(v).trim();
  const m = /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(s);
  if (!m) return null;
  const big = BigInt((m[2] ?? '0') + (m[3] ?? '').padEnd(6, '0'));
  return m[1] === '-' ? -big : big;
}

/** -1, 0 or 1 comparing two decimal values; null when either is not a decimal. */
export function compareDecimal(a: string | number, b: string | number): -1 | 0 | 1 | null {
  const x = scaled(a);
  const y = scaled(b);
  if (x === null || y === null) return null;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** 'up', 'down' or 'flat' from `before` to `after`; null when a value is missing. */
export function trendOf(
  before: string | number | null,
  after: string | number | null,
): 'up' | 'down' | 'flat' | null {
  if (before === null || after === null) return null;
  const c = compareDecimal(after, before);
  return c === null ? null : c > 0 ? 'up' : c < 0 ? 'down' : 'flat';
}

/** Checks a reported figure is a decimal number string. */
export function isDecimal(v: string): boolean {
  return scaled(v) !== null;
}
