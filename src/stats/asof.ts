// Figures as they were at a past time (a past publication reproduced, `fivefin report --as-of T`): on a
// connection of its own, temporary objects shadow the submission and exit-file versions (as they stood at T),
// the loans in force (loans_current → loans_as_of(T)) and the stored figures (area_aggregates, area_line_figures,
// release_base, release_inputs), which are recomputed there for the periods up to P that the report and the
// targets read (P and the 36 months before). Every query of this capability then reads the past state unchanged;
// nothing stored is touched. Review statuses and labels are the current ones (neither is kept by time).
import type { Analytics, AnalyticsConn } from '../store/analytics/duckdb.ts';
import { addMonths } from '../shared/period.ts';
import { sqlTimestamp } from '../shared/time.ts';
import { writeAggregates } from './aggregates.sql.ts';

/** The stored tables a recompute writes (writeAggregates), shadowed while figures are computed as of a time. */
const SHADOWED = ['area_aggregates', 'area_line_figures', 'release_base', 'release_inputs'] as const;

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
    // DDL takes no bound parameters: t is an ISO time produced above, never user text. Submissions and exit files
    // as they stood at t (accepted by then, superseded only if by then); every table the recompute writes
    // (writeAggregates: aggregates, line figures, release sums and their inputs) shadowed by an empty temporary one.
    // The stored tables by their catalog (a bare main.x would resolve to the temporary object of that name).
    const [{ db: catalog } = { db: '' }] = await conn.all<{ db: string }>('SELECT current_database() AS db');
    const stored = (table: string) => `"${catalog.replaceAll('"', '""')}".main.${table}`;
    const asOfVersions = (table: string) =>
      `CREATE TEMP VIEW ${table} AS SELECT * REPLACE (CASE WHEN superseded_at <= TIMESTAMP '${t}' THEN superseded_at END
         AS superseded_at) FROM ${stored(table)} WHERE accepted_at <= TIMESTAMP '${t}';`;
    await conn.run(
      `${asOfVersions('submissions')}
       ${asOfVersions('exit_submissions')}
       CREATE TEMP VIEW loans_current AS SELECT * FROM loans_as_of(TIMESTAMP '${t}');
       ${SHADOWED.map((x) => `CREATE TEMP TABLE ${x} AS SELECT * FROM ${stored(x)} LIMIT 0;`).join('\n')}`,
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
