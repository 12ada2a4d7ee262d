// Exact decimal arithmetic for scoring: rationals of bigints, rounded only where the method says so
// (half-up = half away from zero). No JavaScript float ever touches a raw value, a weight or a score.

export interface Q {
  readonly n: bigint;
  /** Always > 0. */
  readonly d: bigint;
}

const DEC_RE = /^(-?)(\d+)(?:\.(\d+))?$/;

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function make(n: bigint, d: bigint): Q {
  if (d === 0n) throw new Error('division by zero');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export function isDecimal(s: string): boolean {
  return DEC_RE.test(s);
}

/** Parses a decimal string ("-12.345", "7"); throws on anything else (a programmer bug: validate first). */
export function q(s: string | number | bigint): Q {
  if (typeof s === 'bigint') return { n: s, d: 1n };
  if (typeof s === 'number') {
    if (!Number.isSafeInteger(s)) throw new Error(`not an integer: ${s}`);
    return { n: BigInt(s), d: 1n };
  }
  const m = DEC_RE.exec(s.trim());
  if (!m) throw new Error(`not a decimal: "${s}"`);
  const frac = m[3] ?? '';
  const n = BigInt((m[2] ?? '0') + frac) * (m[1] === '-' ? -1n : 1n);
  return make(n, 10n ** BigInt(frac.length));
}

export const ZERO: Q = { n: 0n, d: 1n };
export const HUNDRED: Q = { n: 100n, d: 1n };

export const add = (a: Q, b: Q): Q => make(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Q, b: Q): Q => make(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Q, b: Q): Q => make(a.n * b.n, a.d * b.d);
export const div = (a: Q, b: Q): Q => make(a.n * b.d, a.d * b.n);
export const isZero = (a: Q): boolean => a.n === 0n;
export const cmp = (a: Q, b: Q): number => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
export const sum = (xs: Q[]): Q => xs.reduce(add, ZERO);
export const min = (xs: Q[]): Q => xs.reduce((a, b) => (cmp(a, b) <= 0 ? a : b));
export const max = (xs: Q[]): Q => xs.reduce((a, b) => (cmp(a, b) >= 0 ? a : b));

/** Rounds to `dp` decimal places, half away from zero. */
export function round(a: Q, dp: number): Q {
  const scale = 10n ** BigInt(dp);
  const neg = a.n < 0n;
  const abs = neg ? -a.n : a.n;
  const scaled = abs * scale;
  let whole = scaled / a.d;
  if ((scaled % a.d) * 2n >= a.d) whole += 1n;
  return make(neg ? -whole : whole, scale);
}

/** Formats with exactly `dp` decimals, rounding half away from zero. */
export function fixed(a: Q, dp: number): string {
  const r = round(a, dp);
  const scale = 10n ** BigInt(dp);
  const scaled = (r.n * scale) / r.d;
  const neg = scaled < 0n;
  const digits = (neg ? -scaled : scaled).toString().padStart(dp + 1, '0');
  const int = digits.slice(0, digits.length - dp);
  const frac = dp > 0 ? '.' + digits.slice(digits.length - dp) : '';
  return (neg ? '-' : '') + int + frac;
}

/** Median of a non-empty list (mean of the two middle values for an even count), exact. */
export function median(xs: Q[]): Q {
  const s = [...xs].sort(cmp);
  const mid = Math.floor(s.length / 2);
  const hi = s[mid];
  if (hi === undefined) throw new Error('median of an empty list');
  if (s.length % 2 === 1) return hi;
  const lo = s[mid - 1] ?? hi;
  return div(add(lo, hi), q(2));
}
