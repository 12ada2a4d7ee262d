// Number formatting for display (pure). Money arrives as decimal strings in yuan and is converted to 亿元
// (10^8 yuan) with exact integer arithmetic (BigInt on fen), rounded half up — never through a float.
// The browser tests format the API's numbers with these same functions and compare them to the page.

/** "123456789.01" (yuan) → "1.23" (亿元, `digits` decimals, thousands separators). */
export function yuanToYi(yuan: string | null | undefined, digits = 2): string {
  if (yuan === null || yuan === undefined || yuan === '') return '—';
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?\d*$/.exec(yuan.trim());
  if (!m) return '—';
  const neg = m[1] === '-';
  const fen = BigInt(m[2] ?? '0') * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  const scale = 10n ** BigInt(10 - digits); // fen per last digit of 亿元
  const q = (fen + scale / 2n) / scale;
  const s = q.toString().padStart(digits + 1, '0');
  const int = s.slice(0, s.length - digits);
  const frac = digits > 0 ? '.' + s.slice(s.length - digits) : '';
  const out = groupThousands(int) + frac;
  return neg && q !== 0n ? '-' + out : out;
}

/** Yuan → 亿元 as a number, for charts only (plotting does not need exact cents). */
export function yuanToYiNumber(yuan: string | null | undefined): number | null {
  if (yuan === null || yuan === undefined || yuan === '') return null;
  const n = Number(yuan);
  return Number.isFinite(n) ? Math.round(n / 1e6) / 100 : null;
}

export function groupThousands(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A ratio (0.1234) as a percentage "12.34%". */
export function pct(r: number | null | undefined, digits = 2): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return '—';
  return `${(r * 100).toFixed(digits)}%`;
}

/** An integer count given as a string or number, with thousands separators. */
export function count(n: string | number | null | undefined): string {
  if (n === null || n === undefined || n === '') return '—';
  return groupThousands(String(n));
}
