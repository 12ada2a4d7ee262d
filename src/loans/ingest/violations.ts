// After the load: number the rows (file order = append order), add the after-load bits and collect every
// violation of one submission into a temp table, counted by rule.
import type { AnalyticsConn, SqlParam } from '../../store/analytics/duckdb.ts';
import type { ReportSummary } from '../report/write.ts';
import type { FileSpec } from '../spec.ts';
import { afterLoadSql, type CheckRefs } from '../validate/checks.sql.ts';
import { rule, violation, type Violation } from '../validate/rules.ts';
import { ISSUES_SQL } from './issues.ts';
import { EMPTY_ROW, rowNumbersSql } from './load.sql.ts';
import { hasBlankLines, MAX_RECORD_BYTES, scanCsv, type RecordProblem } from './scan.ts';
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
  /** A CSV file to scan for malformed records when the load found errors (its header's columns, in order). */
  csv?: { path: string; columns: string[]; encoding: string; auto: boolean };
  /** Rows numbered by the load itself (XLSX sheet rows); else numbered here from the append order. */
  numbered: boolean;
  /** Row-level issues of the reading stage (an issues file: see issues.ts). */
  issues: string | null;
}

/** Records listed per file by the structure scan (beyond, the file is rejected all the same). */
export const SCAN_LIMIT = 100_000;

/** The violations by rule; `misread`: the CSV, read as UTF-8 by an automatic decision, is mostly not UTF-8. */
export interface Collected {
  byRule: ReportSummary['by_rule'];
  misread: boolean;
}

/** Binds `params` (submission_id, period, institution, period_end) to the violations SQL. */
export async function collectViolations(
  conn: AnalyticsConn,
  c: Collect,
  params: SqlParam[],
): Promise<Collected> {
  if (!c.numbered) await conn.run(rowNumbersSql(c.rejects === null ? 1 : 2), [c.sid, c.sid]);
  for (const sql of afterLoadSql(c.spec, c.refs)) await conn.run(sql, [c.sid]);
  const [w] = await conn.all<{ n: string }>(
    `SELECT count(*) AS n FROM loans WHERE submission_id = ? AND warn_mask <> 0 AND warn_mask <> ${EMPTY_ROW}`,
    [c.sid],
  );
  if (Number(w?.n) === 0 && !c.hasErrors) return { byRule: [], misread: false };
  const scan =
    c.csv && (c.hasErrors || (await hasBlankLines(c.csv.path)))
      ? await scanCsv(c.csv.path, c.csv.columns.length, SCAN_LIMIT)
      : null;
  const blanks = scan && scan.blank.length > 0 ? `${c.violTable}_blank` : null;
  if (blanks)
    await conn.run(`CREATE TEMP TABLE ${blanks} AS SELECT unnest(string_split(?, ','))::BIGINT AS line`, [
      scan?.blank.join(',') ?? '',
    ]);
  const [bits] = await conn.all<{ m: string | null }>(
    `SELECT bit_or(warn_mask)::VARCHAR AS m FROM loans WHERE submission_id = ? AND warn_mask <> ${EMPTY_ROW}`,
    [c.sid],
  );
  const sql = violationsSql(c.violTable, c.rejects, c.spec, blanks, BigInt(bits?.m ?? '0'));
  await conn.run(sql.create);
  for (const insert of sql.inserts) await conn.run(insert, params);
  if (blanks) await conn.run(`DROP TABLE ${blanks}`);
  let misread = false;
  if (c.csv && scan && c.hasErrors) {
    await replaceMalformed(conn, c.violTable, c.csv, scan.problems);
    // The whole file's vote: more records not UTF-8 than records with UTF-8 text → the head misled the decision.
    misread = c.csv.auto && scan.votes.undecodable > scan.votes.text;
  }
  if (c.issues) {
    // A cell that could not be read is that one error, not also a missing or malformed value.
    const issues = ISSUES_SQL;
    await conn.run(
      `DELETE FROM ${c.violTable} WHERE (row, "column") IN (SELECT (row, "column") FROM ${issues})`,
      [c.issues],
    );
    await conn.run(
      `INSERT INTO ${c.violTable} (row, rule_id, "column", loan_id, value, expected, detail)
       SELECT i.row, i.rule_id, i."column", l.loan_id, i.value, i.expected, i.detail FROM ${issues} i
       LEFT JOIN loans l ON l.submission_id = ?::BIGINT AND l.row_no = i.row`,
      [c.issues, c.sid],
    );
  }
  const byRule = (
    await conn.all<{ rule_id: string; n: string }>(
      `SELECT rule_id, count(*) AS n FROM ${c.violTable} GROUP BY rule_id ORDER BY rule_id`,
    )
  ).map((r) => ({
    rule_id: r.rule_id,
    severity: rule(r.rule_id).severity,
    count: Number(r.n),
  }));
  return { byRule, misread };
}

const RULE_OF: Record<RecordProblem['kind'], string> = {
  fields: 'LOAN_E_MALFORMED_ROW',
  quote: 'LOAN_E_MALFORMED_ROW',
  encoding: 'LOAN_E_BAD_ENCODING',
  length: 'LOAN_E_LINE_TOO_LONG',
};

const DETAIL: Record<RecordProblem['kind'], (p: RecordProblem, expected: number) => string> = {
  length: () => '',
  fields: (p, n) => `${p.fields} 个字段，表头 ${n} 个 / ${p.fields} fields, header has ${n}`,
  quote: () =>
    '引号位置错误：带引号的字段须整体加引号，字段内的引号须写两次 / stray quote: quote a field as a whole and double quotes inside it',
  encoding: (p) =>
    p.field
      ? `第 ${p.field.index + 1} 个字段中的 ⟨XX⟩ 字节无法解码（按 GB18030 读作“${p.field.gb18030}”）/ the ⟨XX⟩ bytes of field ${p.field.index + 1} cannot be decoded (read as GB18030: "${p.field.gb18030}")`
      : '',
};

/** The violation of one record the scan found (row, rule, column, value, expected, detail). */
export function problemViolation(
  p: RecordProblem,
  csv: { columns: string[]; encoding: string },
): Violation & { row: number } {
  return {
    ...violation(RULE_OF[p.kind], {
      row: p.row,
      column: p.field ? (csv.columns[p.field.index] ?? null) : null,
      value: p.field ? p.field.shown : p.line,
      expected: p.kind === 'encoding' ? csv.encoding : p.kind === 'length' ? String(MAX_RECORD_BYTES) : null,
      detail: DETAIL[p.kind](p, csv.columns.length),
    }),
    row: p.row,
  };
}

/**
 * Scans the CSV for records whose structure DuckDB may have read wrongly (shifted) or rejected, and makes each
 * such record one violation: LOAN_E_MALFORMED_ROW (field count, stray quote) or LOAN_E_BAD_ENCODING — never the
 * checks of a shifted row. The scan decides the encoding of each record (DuckDB also flags valid records next to
 * a quote error); a record DuckDB rejected for a reason the scan does not see stays LOAN_E_MALFORMED_ROW.
 */
async function replaceMalformed(
  conn: AnalyticsConn,
  table: string,
  csv: { path: string; columns: string[]; encoding: string },
  problems: readonly RecordProblem[],
): Promise<void> {
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
    for (const p of batch) {
      const v = problemViolation(p, csv);
      params.push(v.row, v.rule_id, v.column, v.value, v.expected ?? null, v.detail ?? null);
    }
    const rows = batch.map(() => '(?::BIGINT, ?, ?, ?, ?, ?)').join(', ');
    await conn.run(
      `DELETE FROM ${table} WHERE row IN (SELECT r FROM (VALUES ${batch.map(() => '(?::BIGINT)').join(', ')}) t(r))`,
      batch.map((p) => p.row),
    );
    await conn.run(
      `INSERT INTO ${table} (row, rule_id, "column", loan_id, value, expected, detail)
       SELECT r, rule, col, NULL, line, expected, detail FROM (VALUES ${rows}) t(r, rule, col, line, expected, detail)`,
      params,
    );
  }
}
