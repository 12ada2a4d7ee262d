// The city release sheet (report): the city's monthly release figures in the PBoC's layout ("余额 X 亿元，同比增长 Y%，比年初增加 Z 亿元，同比多增
// W 亿元"), from the stored per-period city aggregates: 亿元 with 2 decimals, growth in % with 1 decimal, computed
// in DuckDB decimals. Growth and increments are never taken across two rule versions (可比口径): such a cell is
// null. Until the release figures of issue #14 item 1 (ytd_increase, yoy_increase, …) are stored with the
// aggregates, they are derived here from the balances of P, December of the year before, P − 12 and the December
// before that.
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import { addMonths } from '../shared/period.ts';

export interface ReleaseLine {
  area: string;
  /** 余额, 亿元 (2 decimals). */
  balance_yi: string;
  /** 同比增长, % (1 decimal). */
  yoy_pct: string | null;
  /** 比年初增加: balance − balance of December of the previous year, 亿元. */
  ytd_increase_yi: string | null;
  /** 同比增量: the same increase a year earlier, 亿元. */
  ytd_increase_prev_yi: string | null;
  /** 同比多增: ytd_increase − ytd_increase_prev, 亿元. */
  yoy_extra_increase_yi: string | null;
  rule_version: string;
}

/** The order of the release: 各项贷款 first, then the five areas and their deduplicated total. */
export const RELEASE_AREAS = [
  'all_loans',
  'tech',
  'green',
  'inclusive',
  'pension',
  'digital',
  'all5',
] as const;

/** The city's release lines of a period (areas with a stored figure). */
export async function releaseLines(db: AnalyticsConn, period: string): Promise<ReleaseLine[]> {
  const dec = `${Number(period.slice(0, 4)) - 1}-12`;
  const ago = addMonths(period, -12);
  const decAgo = `${Number(period.slice(0, 4)) - 2}-12`;
  const yi = (x: string) => `round((${x}) / 100000000, 2)::DECIMAL(18,2)::VARCHAR`;
  return db.all<ReleaseLine>(
    `WITH c AS (SELECT area, report_period, balance, rule_version FROM area_aggregates WHERE dim = 'city'),
     j AS (
       SELECT p.area, p.balance, p.rule_version, d.balance AS dec, y.balance AS ago, yd.balance AS dec_ago
       FROM c p
       LEFT JOIN c d ON d.area = p.area AND d.report_period = ? AND (p.area = 'all_loans' OR d.rule_version = p.rule_version)
       LEFT JOIN c y ON y.area = p.area AND y.report_period = ? AND (p.area = 'all_loans' OR y.rule_version = p.rule_version)
       LEFT JOIN c yd ON yd.area = p.area AND yd.report_period = ? AND (p.area = 'all_loans' OR yd.rule_version = p.rule_version)
       WHERE p.report_period = ? AND p.area IN (${RELEASE_AREAS.map((a) => `'${a}'`).join(', ')}))
     SELECT area, ${yi('balance')} AS balance_yi,
       CASE WHEN ago > 0 THEN round((balance - ago) * 100 / ago, 1)::DECIMAL(18,1)::VARCHAR END AS yoy_pct,
       ${yi('balance - dec')} AS ytd_increase_yi, ${yi('ago - dec_ago')} AS ytd_increase_prev_yi,
       ${yi('(balance - dec) - (ago - dec_ago)')} AS yoy_extra_increase_yi, rule_version
     FROM j ORDER BY list_position([${RELEASE_AREAS.map((a) => `'${a}'`).join(', ')}], area)`,
    [dec, ago, decAgo, period],
  );
}
