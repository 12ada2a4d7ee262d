// Figures as they were at a past time (a past publication reproduced, `fivefin report --as-of T`): on a
// connection of its own, temporary objects shadow the loans in force (loans_current → loans_as_of(T)) and the
// stored figures (area_aggregates, area_line_figures), which are recomputed there from the submissions in
// force at T for the periods up to P that the report and the targets read (P and the 36 months before).
// Every query of this capability then reads the past state unchanged; nothing stored is touched.
import type { Analytics, AnalyticsConn } from '../store/analytics/duckdb.ts';
import { addMonths } from '../shared/period.ts';
import { sqlTimestamp } from '../shared/time.ts';
import { writeAggregates } from './aggregates.sql.ts';

const TIME = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/;

/** Whether a text is a time `--as-of` accepts: 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM[:SS]' (UTC). */
export function isAsOfTime(s: string): boolean {
  return TIME.test(s) && !Number.isNaN(Date.parse(s.replace(' ', 'T') + 'Z'));
}

/** The Date of an --as-of text (UTC); a date alone means the end of that day. */
export function asOfDate(s: string): Date {
  return new Date(s.length === 10 ? `${s}T23:59:59Z` : s.replace(' ', 'T') + 'Z');
}

/** Runs fn on a connection where every figure up to `period` is as of time `asOf`. */
export async function withFiguresAsOf<T>(
  db: Analytics,
  period: string,
  asOf: Date,
  fn: (conn: AnalyticsConn) => Promise<T>,
): Promise<T> {
  const t = sqlTimestamp(asOf);
  const conn = await db.connect();
  try {
    // DDL takes no bound parameters: t is an ISO time produced above, never user text.
    await conn.run(
      `CREATE TEMP VIEW loans_current AS SELECT * FROM loans_as_of(TIMESTAMP '${t}');
       CREATE TEMP TABLE area_aggregates AS SELECT * FROM main.area_aggregates LIMIT 0;
       CREATE TEMP TABLE area_line_figures AS SELECT * FROM main.area_line_figures LIMIT 0;`,
    );
    const periods = await conn.all<{ p: string }>(
      `SELECT DISTINCT report_period AS p FROM submissions
       WHERE accepted_at <= CAST(? AS TIMESTAMP) AND report_period BETWEEN ? AND ? ORDER BY 1`,
      [t, addMonths(period, -36), period],
    );
    await conn.transaction(async (tx) => {
      for (const { p } of periods) await writeAggregates(tx, p, asOf);
    });
    return await fn(conn);
  } finally {
    conn.close();
  }
}
