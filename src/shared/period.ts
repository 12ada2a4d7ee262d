// Reporting-period arithmetic on 'YYYY-MM' strings (pure), shared by the ingest and the statistics.

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(s: string): boolean {
  return PERIOD.test(s);
}

/** Months since year 0 (for differences). */
export function periodIndex(p: string): number {
  const m = PERIOD.exec(p);
  if (!m) throw new Error(`not a period: ${p}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function periodFromIndex(i: number): string {
  const y = Math.floor(i / 12);
  const m = (i % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

export function addMonths(p: string, n: number): string {
  return periodFromIndex(periodIndex(p) + n);
}

export function monthsBetween(from: string, to: string): number {
  return periodIndex(to) - periodIndex(from);
}

/** The last day of a period, 'YYYY-MM-DD'. */
export function periodEnd(p: string): string {
  const i = periodIndex(p);
  const last = new Date(Date.UTC(Math.floor(i / 12), (i % 12) + 1, 0)).getUTCDate();
  return `${p}-${String(last).padStart(2, '0')}`;
}
