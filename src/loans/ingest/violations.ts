// After the load: number the rows (file order = append order), add the after-load bits and collect every
// violation of one submission into a temp table, counted by rule.
import type { AnalyticsConn, SqlParam } from '../../store/analytics/duckdb.ts';
import type { ReportSummary } from '../report/write.ts';
import type { FileSpec } from '../spec.ts';
import { afterLoadSql, type CheckRefs } from '../validate/checks.sql.ts';
import { rule } from '../validate/rules.ts';
import { EMPTY_ROW, rowNumbersSql } from './load.sql.ts';
import { scanCsv, type RecordProblem } from './scan.ts';
import { violationsSql } from './violations.sql.ts';

export interface Collect {
  sid: string;
  /** The version of the loan file (its checks and bit layout). */
  spec: FileSpec;
  refs: CheckRefs;
  /** The load found errors (else the table is only built when there are warnings). */
  hasErrors: boolean;
  /** The temp table to create. */
  violTable: string;
  /** The CSV rejects table, or null. */
  rejects: string | null;
  /** A CSV file to scan for malformed records when the load found errors (its header has `fields` fields). */
  csv?: { path: string; fields: number; encoding: string };
  /** Rows numbered by the load itself (XLSX sheet rows); else numbered here from the append order. */
  numbered: boolean;
  /** Row-level issues of the reading stage (a CSV file: row, rule_id, column, value, detail). */
  issues: string | null;
}

/** Records listed per file by the structure scan (beyond, the file is rejected all the same). */
const SCAN_LIMIT = 100_000;

/** Binds `params` (submission_id, period, institution, period_end) to the violations SQL. */
export async function collectViolations(
  conn: AnalyticsConn,
  c: Collect,
  params: SqlParam[],
): Promise<ReportSummary['by_rule']> {
  if (!c.numbered) await conn.run(rowNumbersSql(c.rejects === null ? 1 : 2), [c.sid, c.sid]);
  for (const sql of afterLoadSql(c.spec, c.refs)) await conn.run(sql, [c.sid]);
  const [w] = await conn.all<{ n: string }>(
    `SELECT count(*) AS n FROM loans WHERE submission_id = ? AND warn_mask <> 0 AND warn_mask <> ${EMPTY_ROW}`,
    [c.sid],
  );
  if (Number(w?.n) === 0 && !c.hasErrors) return [];
  await conn.run(violationsSql(c.violTable, c.rejects, c.spec), params);
  if (c.csv && c.hasErrors) await replaceMalformed(conn, c.violTable, c.csv);
  if (c.issues) {
    // A cell that could not be read is that one error, not also a missing or malformed value.
    const issues = `read_csv(?, header = true, auto_detect = false, quote = '"', escape = '"',
      columns = {'row': 'BIGINT', 'rule_id': 'VARCHAR', 'column': 'VARCHAR', 'value': 'VARCHAR', 'detail': 'VARCHAR'})`;
    await conn.run(
      `DELETE FROM ${c.violTable} WHERE (row, "column") IN (SELECT (row, "column") FROM ${issues})`,
      [c.issues],
    );
    await conn.run(
      `INSERT INTO ${c.violTable} (row, rule_id, "column", loan_id, value, expected, detail)
       SELECT i.row, i.rule_id, i."column", l.loan_id, i.value, NULL, i.detail FROM ${issues} i
       LEFT JOIN loans l ON l.submission_id = ?::BIGINT AND l.row_no = i.row`,
      [c.issues, c.sid],
    );
  }
  return (
    await conn.all<{ rule_id: string; n: string }>(
      `SELECT rule_id, count(*) AS n FROM ${c.violTable} GROUP BY rule_id ORDER BY rule_id`,
    )
  ).map((r) => ({
    rule_id: r.rule_id,
    severity: rule(r.rule_id).severity,
    count: Number(r.n),
  }));
}

const DETAIL: Record<RecordProblem['kind'], (p: RecordProblem, expected: number) => string> = {
  fields: (p, n) => `${p.fields} 个字段，表头 ${n} 个 / ${p.fields} fields, header has ${n}`,
  quote: () =>
    '引号位置错误：带引号的字段须整体加引号，字段内的引号须写两次 / stray quote: quote a field as a whole and double quotes inside it',
  encoding: () => '',
};

/**
 * Scans the CSV for records whose structure DuckDB may have read wrongly (shifted) or rejected, and makes each
 * such record one violation: LOAN_E_MALFORMED_ROW (field count, stray quote) or LOAN_E_BAD_ENCODING — never the
 * checks of a shifted row. The scan decides the encoding of each record (DuckDB also flags valid records next to
 * a quote error); a record DuckDB rejected for a reason the scan does not see stays LOAN_E_MALFORMED_ROW.
 */
async function replaceMalformed(
  conn: AnalyticsConn,
  table: string,
  csv: { path: string; fields: number; encoding: string },
): Promise<void> {
  const problems = await scanCsv(csv.path, csv.fields, SCAN_LIMIT);
  await conn.run(
    `UPDATE ${table} SET rule_id = 'LOAN_E_MALFORMED_ROW', expected = NULL WHERE rule_id = 'LOAN_E_BAD_ENCODING'`,
  );
  // One violation per rejected record (DuckDB lists some twice).
  await conn.run(
    `DELETE FROM ${table} WHERE rule_id = 'LOAN_E_MALFORMED_ROW' AND rowid NOT IN
       (SELECT min(rowid) FROM ${table} WHERE rule_id = 'LOAN_E_MALFORMED_ROW' GROUP BY row)`,
  );
  for (let i = 0; i < problems.length; i += 500) {
    const batch = problems.slice(i, i + 500);
    const params: SqlParam[] = [];
    for (const p of batch)
      params.push(
        p.row,
        p.kind === 'encoding' ? 'LOAN_E_BAD_ENCODING' : 'LOAN_E_MALFORMED_ROW',
        p.line,
        p.kind === 'encoding' ? csv.encoding : null,
        DETAIL[p.kind](p, csv.fields),
      );
    const rows = batch.map(() => '(?::BIGINT, ?, ?, ?, ?)').join(', ');
    await conn.run(
      `DELETE FROM ${table} WHERE row IN (SELECT r FROM (VALUES ${batch.map(() => '(?::BIGINT)').join(', ')}) t(r))`,
      batch.map((p) => p.row),
    );
    await conn.run(
      `INSERT INTO ${table} (row, rule_id, "column", loan_id, value, expected, detail)
       SELECT r, rule, NULL, NULL, line, expected, detail FROM (VALUES ${rows}) t(r, rule, line, expected, detail)`,
      params,
    );
  }
}
