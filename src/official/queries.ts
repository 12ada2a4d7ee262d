// Reads of the official series for other capabilities (the targets judge on them).
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import { sqlTimestamp } from '../shared/time.ts';

/** The city's official series of one area as of time `asOf`, oldest first, as (report_period, balance) points. */
export async function officialCityHistory(
  db: AnalyticsConn,
  series: string,
  asOf: Date,
): Promise<{ report_period: string; balance: string }[]> {
  return db.all<{ report_period: string; balance: string }>(
    `SELECT period AS report_period, value::VARCHAR AS balance FROM official_as_of(CAST(? AS TIMESTAMP))
     WHERE scope = 'city' AND series = ? ORDER BY period`,
    [sqlTimestamp(asOf), series],
  );
}
