// Reading one message set end to end: its files checked (files.ts), the base loan file and every .dat loaded into
// DuckDB, the field and set checks run in SQL (fields.sql.ts, join.sql.ts), and — when nothing blocks — the
// loan-file-v2 rows written as a CSV for the loans ingest. Violations come back in the loan ingest's shape.
import { chmod } from 'node:fs/promises';

import { LOAN_COLUMNS_V2 } from '../loans/spec.v2.ts';
import type { Violation } from '../loans/validate/rules.ts';
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import { readSetFiles } from './files.ts';
import { fieldViolationsSql, loadRawSql, typedSql, typedTable, VIOLATIONS_TABLE_SQL } from './fields.sql.ts';
import {
  AREA_COLUMNS,
  areaTableSql,
  crossChecksSql,
  greenUnlistedSql,
  messageChecksSql,
  writeV2Sql,
} from './join.sql.ts';
import { messageViolation } from './rules.ts';
import { MESSAGES, type MessageSpec } from './spec.ts';

/** Violations of one rule listed at most (the counts are exact). */
const LISTED_PER_RULE = 1000;

/** Base-file columns the join and the checks read. */
const BASE_NEEDS = [
  'report_period',
  'institution_code',
  'loan_id',
  'borrower_id',
  'business_category',
  'loan_nature',
  'bill_discount_method',
  'balance',
  'issued_amount',
  'interest_rate',
  'green_item',
] as const;

export interface MessageSetResult {
  institution: string | null;
  period: string | null;
  /** The messages the set holds, in catalogue order. */
  messages: string[];
  /** The first LISTED_PER_RULE violations of each rule, rendered. */
  violations: Violation[];
  by_rule: { rule_id: string; severity: string; count: number }[];
  error_count: number;
  warning_count: number;
  /** Where the loan-file-v2 rows were written (null when an error blocks the set). */
  csv: string | null;
}

/** A header name of the base file as its loan-file-v2 column (Chinese labels and aliases accepted). */
function columnName(header: string): string {
  const c = LOAN_COLUMNS_V2.find(
    (x) => x.name === header || x.label_zh === header || (x.aliases_zh ?? []).includes(header),
  );
  return c?.name ?? header;
}

/** Loads the base loan file into msg_base (loan-file-v2 names, all text, row_no in file order). */
async function loadBase(conn: AnalyticsConn, path: string): Promise<Set<string>> {
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE msg_base_raw AS
      SELECT * FROM read_csv(?, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`,
    [path],
  );
  const cols = await conn.all<{ column_name: string }>('DESCRIBE msg_base_raw');
  const names = cols.map((c) => [c.column_name, columnName(c.column_name)] as const);
  const select = names.map(([h, n]) => `"${h.replaceAll('"', '""')}" AS "${n.replaceAll('"', '""')}"`);
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE msg_base AS SELECT row_number() OVER () AS row_no, ${select.join(', ')}
     FROM msg_base_raw`,
  );
  return new Set(names.map(([, n]) => n));
}

/** The violations table as rendered violations and exact counts. */
async function collect(conn: AnalyticsConn): Promise<Pick<MessageSetResult, 'violations' | 'by_rule'>> {
  const rows = await conn.all<{
    rule_id: string;
    row: string | null;
    column: string | null;
    value: string | null;
    expected: string | null;
    detail: string | null;
  }>(
    `SELECT rule_id, row, "column", value, expected, detail FROM msg_viol
     QUALIFY row_number() OVER (PARTITION BY rule_id ORDER BY "column", row NULLS FIRST) <= ${LISTED_PER_RULE}
     ORDER BY "column" NULLS FIRST, row NULLS FIRST, rule_id`,
  );
  const counts = await conn.all<{ rule_id: string; n: string }>(
    'SELECT rule_id, count(*) AS n FROM msg_viol GROUP BY rule_id ORDER BY rule_id',
  );
  return {
    violations: rows.map((r) =>
      messageViolation(r.rule_id, { ...r, row: r.row === null ? null : Number(r.row) }),
    ),
    by_rule: counts.map((c) => ({
      rule_id: c.rule_id,
      severity: c.rule_id.startsWith('MSG_W_') ? 'warning' : 'error',
      count: Number(c.n),
    })),
  };
}

/**
 * Reads and checks the message set in `dir` on `conn` (temp tables of its own); when no error blocks it, writes
 * the joined loan-file-v2 rows to `csvOut` (mode 0600).
 */
export async function readMessageSet(
  conn: AnalyticsConn,
  dir: string,
  csvOut: string,
): Promise<MessageSetResult> {
  const files = await readSetFiles(dir);
  await conn.run(VIOLATIONS_TABLE_SQL);
  const insert = (v: Violation) =>
    conn.run('INSERT INTO msg_viol VALUES (?, ?, ?, ?, ?, ?)', [
      v.rule_id,
      v.row,
      v.column,
      v.value,
      v.expected ?? null,
      v.detail ?? null,
    ]);
  for (const v of files.violations) await insert(v);
  const present: MessageSpec[] = MESSAGES.filter((m) => files.dats.some((d) => d.message === m));
  for (const d of files.dats) {
    await conn.run(loadRawSql(d.message), [d.path]);
    await conn.run(typedSql(d.message));
    for (const sql of fieldViolationsSql(d.message)) await conn.run(sql);
  }
  let baseColumns: Set<string> | null = null;
  if (files.base) {
    baseColumns = await loadBase(conn, files.base);
    const missing = BASE_NEEDS.filter((c) => !baseColumns?.has(c));
    for (const c of missing) await insert(messageViolation('MSG_E_BASE_COLUMN', { column: c }));
    if (missing.length > 0) baseColumns = null;
  }
  if (baseColumns) {
    for (const m of present) for (const sql of messageChecksSql(m)) await conn.run(sql);
    for (const sql of crossChecksSql(present)) await conn.run(sql);
    await conn.run(greenUnlistedSql(present));
    await conn.run(
      `INSERT INTO msg_viol SELECT 'MSG_E_SET_MISMATCH', row_no + 1, 'institution_code',
         institution_code || ' ' || report_period, ? || ' ' || ?, NULL
       FROM msg_base WHERE institution_code IS DISTINCT FROM ? OR report_period IS DISTINCT FROM ? LIMIT 1`,
      [files.institution, files.period, files.institution, files.period],
    );
  }
  const { violations, by_rule } = await collect(conn);
  const count = (s: string) => by_rule.filter((r) => r.severity === s).reduce((a, r) => a + r.count, 0);
  const error_count = count('error');
  let csv: string | null = null;
  if (error_count === 0 && baseColumns) {
    for (const area of Object.keys(AREA_COLUMNS) as (keyof typeof AREA_COLUMNS)[])
      await conn.run(areaTableSql(area, present));
    await conn.run(
      writeV2Sql(
        LOAN_COLUMNS_V2.map((c) => c.name),
        baseColumns,
      ),
      [csvOut],
    );
    await chmod(csvOut, 0o600);
    csv = csvOut;
  }
  for (const m of present) await conn.run(`DROP TABLE IF EXISTS ${typedTable(m)}`);
  return {
    institution: files.institution,
    period: files.period,
    messages: present.map((m) => m.code),
    violations,
    by_rule,
    error_count,
    warning_count: count('warning'),
    csv,
  };
}
