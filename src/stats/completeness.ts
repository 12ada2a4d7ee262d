// Period completeness (issue 14 item 5): a period is complete when every registered institution has a counted
// submission for it — accepted, in force, and approved where review applies (submissions.review_status NULL or
// 'approved'; a submission still under review counts neither in the figures nor here) — or when its reporting
// deadline has passed (configuration: a day of the following month and a time, Asia/Shanghai). Pages, CLI and
// API default to the latest complete period with stored figures.
import type { ReportingDeadline } from '../config/config.ts';
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import { addMonths, periodIndex } from '../shared/period.ts';

export interface Completeness {
  period: string;
  complete: boolean;
  institutions_reported: number;
  institutions_expected: number;
  /** The reporting deadline, ISO 8601 UTC. */
  deadline: string;
}

/** Asia/Shanghai is UTC+8 all year (no daylight saving). */
const SHANGHAI_OFFSET_H = 8;

/** The instant a period's reporting closes. Pure. */
export function reportingDeadline(period: string, d: ReportingDeadline): Date {
  const next = periodIndex(addMonths(period, 1));
  return new Date(Date.UTC(Math.floor(next / 12), next % 12, d.day, d.hour - SHANGHAI_OFFSET_H, d.minute));
}

/** Completeness of the given periods at `now`. */
export async function periodCompleteness(
  db: AnalyticsConn,
  periods: readonly string[],
  now: Date,
  deadline: ReportingDeadline,
): Promise<Completeness[]> {
  if (periods.length === 0) return [];
  const rows = await db.all<{ period: string; reported: number; expected: number }>(
    `SELECT p.period, count(DISTINCT s.institution_code)::INTEGER AS reported,
       (SELECT count(*) FROM institutions)::INTEGER AS expected
     FROM unnest(?::VARCHAR[]) p(period)
     LEFT JOIN submissions s ON s.report_period = p.period AND s.superseded_at IS NULL
       AND coalesce(s.review_status, 'approved') = 'approved'
       AND s.institution_code IN (SELECT code FROM institutions)
     GROUP BY p.period`,
    [`[${periods.join(',')}]`],
  );
  const by = new Map(rows.map((r) => [r.period, r]));
  return periods.map((period) => {
    const r = by.get(period);
    const reported = r?.reported ?? 0;
    const expected = r?.expected ?? 0;
    const closes = reportingDeadline(period, deadline);
    return {
      period,
      complete: reported >= expected || now.getTime() > closes.getTime(),
      institutions_reported: reported,
      institutions_expected: expected,
      deadline: closes.toISOString(),
    };
  });
}

/** Periods whose release figures are computed (possibly none counted yet), newest first, with their completeness. */
export async function storedReleasePeriods(
  db: AnalyticsConn,
  now: Date,
  deadline: ReportingDeadline,
): Promise<Completeness[]> {
  const rows = await db.all<{ p: string }>('SELECT report_period AS p FROM release_inputs ORDER BY p DESC');
  return periodCompleteness(
    db,
    rows.map((r) => r.p),
    now,
    deadline,
  );
}

/** The newest complete period among `periods` (newest first), else the newest one, else null. */
export function defaultPeriod(periods: readonly Completeness[]): string | null {
  return (periods.find((p) => p.complete) ?? periods[0])?.period ?? null;
}
