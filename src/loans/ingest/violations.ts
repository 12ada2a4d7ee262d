// After the load: number the rows (file order = append order), add the after-load bits and collect every
// violation of one submission into a temp table, counted by rule.
import type { AnalyticsConn, SqlParam } from '../../store/analytics/duckdb.ts';
import type { ReportSummary } from '../report/write.ts';
import { afterLoadSql, type CheckRefs } from '../validate/checks.sql.ts';
import { rowNumbersSql } from './load.sql.ts';
import { violationsSql } from './violations.sql.ts';

export interface Collect {
  sid: string;
  refs: CheckRefs;
  /** The load found errors (else the table is only built when there are warnings). */
  hasErrors: boolean;
  /** The temp table to create. */
  violTable: string;
  /** The CSV rejects table, or null. */
  rejects: string | null;
}

/** Binds `params` (submission_id, period, institution, period_end) to the violations SQL. */
export async function collectViolations(
  conn: AnalyticsConn,
  c: Collect,
  params: SqlParam[],
): Promise<ReportSummary['by_rule']> {
  await conn.run(rowNumbersSql, [c.sid, c.sid]);
  await conn.run(afterLoadSql(c.refs), [c.sid]);
  const [w] = await conn.all<{ n: string }>(
    'SELECT count(*) AS n FROM loans WHERE submission_id = ? AND warn_mask <> 0',
    [c.sid],
  );
  if (Number(w?.n) === 0 && !c.hasErrors) return [];
  await conn.run(violationsSql(c.violTable, c.rejects), params);
  return (
    await conn.all<{ rule_id: string; n: string }>(
      `SELECT rule_id, count(*) AS n FROM ${c.violTable} GROUP BY rule_id ORDER BY rule_id`,
    )
  ).map((r) => ({
    rule_id: r.rule_id,
    severity: r.rule_id.startsWith('LOAN_W_') ? 'warning' : 'error',
    count: Number(r.n),
  }));
}
