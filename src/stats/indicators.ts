// The statistics as indicator series for other capabilities (the joint promotion links work items to them):
// `<area>.balance` and `<area>.first_loan_borrowers`, city-wide, from the stored aggregates.
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';

export interface IndicatorValue {
  period: string;
  value: string;
}

const AREAS = new Set(['tech', 'green', 'inclusive', 'pension', 'digital', 'all5']);
const MEASURES: Record<string, string> = { balance: 'balance', first_loan_borrowers: 'first_loan_borrowers' };

/** Values of indicator `id` at the given periods (periods without stored figures are left out). */
export function statsIndicatorSeries(db: AnalyticsConn) {
  return async (id: string, periods: string[]): Promise<IndicatorValue[]> => {
    const [area = '', measure = ''] = id.split('.');
    const column = MEASURES[measure];
    if (!AREAS.has(area) || !column || periods.length === 0) return [];
    return db.all<IndicatorValue>(
      `SELECT report_period AS period, ${column}::VARCHAR AS value FROM area_aggregates
       WHERE area = ? AND dim = 'city' AND list_contains(string_split(?, ','), report_period) ORDER BY report_period`,
      [area, periods.join(',')],
    );
  };
}
