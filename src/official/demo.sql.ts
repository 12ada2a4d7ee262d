// A simulated official series for the demo book (labelled 模拟 in its source): the city figure of every area and
// each bank's 各项贷款 as the stored figures give them, moved by a small deterministic deviation (within ±0.1 %
// for the city, within ±0.05 % for most banks and 2 % for about one bank in ten), so that the demo shows the
// targets judged on an official series and a reconciliation with something to explain.
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import { OFFICIAL_SERIES } from './import.ts';

/** Writes the simulated official series of every stored period to a CSV file at `path` (import it as usual). */
export async function writeSimulatedOfficialSeries(db: AnalyticsConn, path: string): Promise<void> {
  // COPY takes no bound parameters: the path is the demo folder under the data directory, quotes doubled.
  const file = path.replaceAll("'", "''");
  const deviation = (key: string, max: number) =>
    `((hash(${key}) % ${2 * max + 1})::INTEGER - ${max}) / 100000.0`;
  await db.run(
    `COPY (
       SELECT report_period AS period, 'city' AS scope, area AS series,
         round(balance * (1 + ${deviation('report_period || area', 100)}), 2)::DECIMAL(18,2) AS value,
         '演示：人民银行重庆市分行金融统计数据（模拟）' AS source
       FROM area_aggregates
       WHERE dim = 'city' AND area IN (${OFFICIAL_SERIES.map((s) => `'${s}'`).join(', ')})
       UNION ALL
       SELECT report_period, institution_code, 'all_loans',
         round(coalesce(sum(balance) FILTER (WHERE loan_nature IS DISTINCT FROM 'entrusted'), 0)
           * (1 + CASE WHEN hash(institution_code) % 10 = 0 THEN 0.02 ELSE ${deviation('report_period || institution_code', 50)} END), 2)
           ::DECIMAL(18,2),
         '演示：' || institution_code || ' 各项贷款报表（模拟）'
       FROM loans_current GROUP BY report_period, institution_code
       ORDER BY 1, 2, 3
     ) TO '${file}' (HEADER, DELIMITER ',')`,
  );
}
