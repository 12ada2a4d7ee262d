// The city release sheet of the report, in the PBoC's layout ("余额 X 亿元，同比增长 Y%，比年初增加 Z 亿元，同比多增
// W 亿元"): 亿元 with 2 decimals, growth in % with 1 decimal, computed in DuckDB decimals — the release figures of the API (releaseFigures: 各项贷款 without entrusted loans, counted
// submissions only) in the units of the printed release. Growth and increments are never taken across two rule
// versions (可比口径): such a cell is null.
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import { releaseFigures } from './release.ts';

export interface ReleaseLine {
  area: string;
  /** 余额, 亿元 (2 decimals). */
  balance_yi: string;
  /** 同比增长, % (1 decimal). */
  yoy_pct: string | null;
  /** 比年初增加: balance − balance of December of the previous year, 亿元. */
  ytd_increase_yi: string | null;
  /** 同比增量: balance − balance a year earlier, 亿元. */
  yoy_increase_yi: string | null;
  /** 同比多增: this year's 比年初增加 − last year's same-period one, 亿元. */
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

/** The city's release lines of a period (areas with a stored figure), from the release figures in release units. */
export async function releaseLines(db: AnalyticsConn, period: string): Promise<ReleaseLine[]> {
  const figures = (await releaseFigures(db, period, { dim: 'city' }))
    .filter((f) => (RELEASE_AREAS as readonly string[]).includes(f.key))
    .sort((a, b) => RELEASE_AREAS.indexOf(a.key as never) - RELEASE_AREAS.indexOf(b.key as never));
  if (figures.length === 0) return [];
  const yi = (x: string) => `round((${x}) / 100000000, 2)::DECIMAL(18,2)::VARCHAR`;
  return db.all<ReleaseLine>(
    `SELECT area, ${yi('b')} AS balance_yi,
       CASE WHEN b - yi > 0 THEN round(yi * 100 / (b - yi), 1)::DECIMAL(18,1)::VARCHAR END AS yoy_pct,
       ${yi('ytd')} AS ytd_increase_yi, ${yi('yi')} AS yoy_increase_yi, ${yi('extra')} AS yoy_extra_increase_yi,
       rule_version
     FROM (SELECT area, CAST(b AS DECIMAL(18,2)) AS b, CAST(ytd AS DECIMAL(18,2)) AS ytd,
             CAST(yi AS DECIMAL(18,2)) AS yi, CAST(extra AS DECIMAL(18,2)) AS extra, rule_version, n
           FROM (VALUES ${figures.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}) v(area, b, ytd, yi, extra, rule_version, n))
     ORDER BY n`,
    figures.flatMap((f, n) => [
      f.key,
      f.balance,
      f.ytd_increase,
      f.yoy_increase,
      f.yoy_extra_increase,
      f.rule_version,
      n,
    ]),
  );
}
