// Assessment periods: a quarter "YYYY-Qn" or a year "YYYY" → its reporting months (YYYY-MM), the last month
// (balances), the base month just before the window (growth is measured from the base to the last month) and
// the month a year before the last one (year-on-year base).

export interface AssessPeriod {
  period: string;
  kind: 'quarter' | 'year';
  months: string[];
  end: string;
  base: string;
  yoy: string;
}

const ym = (y: number, m: number): string => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;

export function parsePeriod(period: string): AssessPeriod | null {
  const qm = /^(\d{4})-Q([1-4])$/.exec(period);
  const ymatch = /^(\d{4})$/.exec(period);
  if (!qm && !ymatch) return null;
  const year = Number((qm ?? ymatch)?.[1]);
  if (year < 2000 || year > 2100) return null;
  const first = qm ? (Number(qm[2]) - 1) * 3 + 1 : 1;
  const count = qm ? 3 : 12;
  const months = Array.from({ length: count }, (_, i) => ym(year, first + i));
  const base = first === 1 ? ym(year - 1, 12) : ym(year, first - 1);
  const last = first + count - 1;
  return {
    period,
    kind: qm ? 'quarter' : 'year',
    months,
    end: ym(year, last),
    base,
    yoy: ym(year - 1, last),
  };
}
