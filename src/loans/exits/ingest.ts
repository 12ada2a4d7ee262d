// Ingest of a loan-exits file (loan-exits-v1, DATA-SPEC v2 §2): one institution, one month; CSV (UTF-8, with or
// without BOM), header names or their Chinese labels, reasons as codes or labels. Read and checked in DuckDB in
// one pass over the staged rows; any error rejects the file (every rejected value reported with rule id, row,
// column and zh/en message); an accepted file becomes the new version of (institution, period) — the old one
// superseded — in one transaction. Consumers: the comparable growth of the release figures (stats/release.sql.ts).
import { addMonths } from '../../shared/period.ts';
import type { Analytics, AnalyticsConn } from '../../store/analytics/duckdb.ts';
import { EXIT_COLUMNS, EXIT_REASONS, EXITS_SPEC, exitRule } from './rules.ts';

export interface ExitViolation {
  rule_id: string;
  severity: 'error' | 'warning' | 'notice';
  row: number | null;
  column: string | null;
  value: string | null;
  message_zh: string;
  message_en: string;
}

export interface ExitIngestResult {
  status: 'accepted' | 'rejected';
  file_spec: typeof EXITS_SPEC;
  file_name: string;
  institution_code: string | null;
  report_period: string | null;
  rows: number;
  exit_submission_id: string | null;
  version: number | null;
  violations: ExitViolation[];
}

export interface ExitIngestOptions {
  path: string;
  fileName: string;
  /** The submitting institution (a bank user's own code); the file's rows must name it. */
  institution?: string;
  now(): Date;
}

interface Hit {
  rule_id: string;
  row: number | null;
  column: string | null;
  value: string | null;
  expected: string | null;
}

function render(h: Hit, detail = ''): ExitViolation {
  const rule = exitRule(h.rule_id);
  const fill = (t: string) =>
    t
      .replaceAll('{column}', h.column ?? '')
      .replaceAll('{value}', h.value ?? '')
      .replaceAll('{expected}', h.expected ?? '')
      .replaceAll('{detail}', detail);
  return {
    rule_id: h.rule_id,
    severity: rule.severity,
    row: h.row,
    column: h.column,
    value: h.value,
    message_zh: fill(rule.message_zh),
    message_en: fill(rule.message_en),
  };
}

const REASON_CASE = `CASE ${Object.entries(EXIT_REASONS)
  .map(([code, zh]) => `WHEN reason_raw IN ('${code}', '${zh}') THEN '${code}'`)
  .join(' ')} END`;
const MONEY = `'[0-9]{1,16}([.][0-9]{1,2})?'`;

/** The row checks over the staged rows (`x`): one SELECT per rule, all in one statement. */
const CHECKS = `
WITH p AS (SELECT mode(report_period) AS period FROM x WHERE regexp_full_match(report_period, '[0-9]{4}-(0[1-9]|1[0-2])'))
SELECT 'EXIT_E_REQUIRED' AS rule_id, row_no AS row, c.col AS column, NULL AS value, NULL AS expected
FROM x, (VALUES ('report_period'), ('institution_code'), ('loan_id'), ('exit_reason'), ('amount')) c(col)
WHERE coalesce(CASE c.col WHEN 'report_period' THEN report_period WHEN 'institution_code' THEN institution_code
  WHEN 'loan_id' THEN loan_id WHEN 'exit_reason' THEN reason_raw ELSE amount END, '') = ''
UNION ALL SELECT 'EXIT_E_BAD_PERIOD', row_no, 'report_period', report_period, NULL FROM x
  WHERE report_period <> '' AND NOT regexp_full_match(report_period, '[0-9]{4}-(0[1-9]|1[0-2])')
UNION ALL SELECT 'EXIT_E_PERIOD_MISMATCH', row_no, 'report_period', report_period, p.period FROM x, p
  WHERE regexp_full_match(report_period, '[0-9]{4}-(0[1-9]|1[0-2])') AND report_period <> p.period
UNION ALL SELECT 'EXIT_E_INSTITUTION_MISMATCH', row_no, 'institution_code', institution_code, CAST(? AS VARCHAR) FROM x
  WHERE institution_code <> '' AND institution_code <> coalesce(CAST(? AS VARCHAR), (SELECT mode(institution_code) FROM x))
UNION ALL SELECT 'EXIT_E_UNKNOWN_INSTITUTION', min(row_no), 'institution_code', institution_code, NULL FROM x
  WHERE institution_code <> '' AND institution_code NOT IN (SELECT code FROM institutions) GROUP BY institution_code
UNION ALL SELECT 'EXIT_E_BAD_REASON', row_no, 'exit_reason', reason_raw, '${Object.keys(EXIT_REASONS).join('/')}' FROM x
  WHERE reason_raw <> '' AND reason IS NULL
UNION ALL SELECT 'EXIT_E_BAD_AMOUNT', row_no, 'amount', amount, NULL FROM x
  WHERE amount <> '' AND (NOT regexp_full_match(amount, ${MONEY}) OR TRY_CAST(amount AS DECIMAL(18,2)) <= 0)
UNION ALL SELECT 'EXIT_E_DUP_LOAN', row_no, 'loan_id', loan_id, NULL FROM (
  SELECT *, row_number() OVER (PARTITION BY loan_id ORDER BY row_no) AS k FROM x WHERE loan_id <> '') WHERE k > 1
ORDER BY 2 NULLS FIRST, 1`;

/** Maps the file's header (English names or Chinese labels) to the columns; reports the missing ones. */
async function stage(conn: AnalyticsConn, path: string): Promise<Hit[]> {
  const cols = await conn.all<{ column_name: string }>(
    'DESCRIBE SELECT * FROM read_csv(?, header = true, all_varchar = true, auto_detect = true)',
    [path],
  );
  const byName = new Map<string, string>();
  for (const { column_name: raw } of cols) {
    const name = raw.replace(/^\uFEFF/, '').trim();
    for (const [col, zh] of Object.entries(EXIT_COLUMNS))
      if (name === col || name === zh) byName.set(col, raw);
  }
  const missing = Object.keys(EXIT_COLUMNS).filter((c) => !byName.has(c));
  if (missing.length > 0)
    return missing.map((c) => ({
      rule_id: 'EXIT_E_HEADER_MISSING',
      row: 1,
      column: c,
      value: null,
      expected: null,
    }));
  const pick = (c: string) => `trim(coalesce("${(byName.get(c) ?? c).replaceAll('"', '""')}", ''))`;
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE x AS
     SELECT (row_number() OVER () + 1)::INTEGER AS row_no, ${pick('report_period')} AS report_period,
       ${pick('institution_code')} AS institution_code, ${pick('loan_id')} AS loan_id,
       ${pick('exit_reason')} AS reason_raw, ${pick('amount')} AS amount
     FROM read_csv(?, header = true, all_varchar = true, auto_detect = true)`,
    [path],
  );
  await conn.run(`CREATE OR REPLACE TEMP TABLE x AS SELECT *, ${REASON_CASE} AS reason FROM x`);
  return [];
}

/** Checks and, when it has no error, stores a loan-exits file. */
export async function ingestExitsFile(db: Analytics, opts: ExitIngestOptions): Promise<ExitIngestResult> {
  const conn = await db.connect();
  const out = (
    status: ExitIngestResult['status'],
    v: ExitViolation[],
    extra: Partial<ExitIngestResult> = {},
  ): ExitIngestResult => ({
    status,
    file_spec: EXITS_SPEC,
    file_name: opts.fileName,
    institution_code: null,
    report_period: null,
    rows: 0,
    exit_submission_id: null,
    version: null,
    violations: v,
    ...extra,
  });
  try {
    let header: Hit[];
    try {
      header = await stage(conn, opts.path);
    } catch (e) {
      const hit = { rule_id: 'EXIT_E_UNREADABLE', row: null, column: null, value: null, expected: null };
      return out('rejected', [render(hit, e instanceof Error ? e.message.split('\n')[0] : String(e))]);
    }
    if (header.length > 0)
      return out(
        'rejected',
        header.map((h) => render(h)),
      );
    const [{ n = 0, period = null, inst = null } = {}] = await conn.all<{
      n: number;
      period: string | null;
      inst: string | null;
    }>('SELECT count(*)::INTEGER AS n, mode(report_period) AS period, mode(institution_code) AS inst FROM x');
    if (n === 0)
      return out('rejected', [
        render({ rule_id: 'EXIT_E_NO_ROWS', row: null, column: null, value: null, expected: null }),
      ]);
    const institution = opts.institution ?? inst;
    const hits = await conn.all<Hit>(CHECKS, [institution, institution]);
    const base = { institution_code: institution, report_period: period, rows: n };
    if (hits.length > 0)
      return out(
        'rejected',
        hits.map((h) => render(h)),
        base,
      );
    return await conn.transaction(async (tx) => {
      const [{ id = '0', v = 1 } = {}] = await tx.all<{ id: string; v: number }>(
        `SELECT nextval('exit_submission_seq')::VARCHAR AS id, (coalesce(max(version), 0) + 1)::INTEGER AS v
         FROM exit_submissions WHERE institution_code = ? AND report_period = ?`,
        [institution, period],
      );
      const at = opts.now().toISOString();
      await tx.run(
        `UPDATE exit_submissions SET superseded_at = ?::TIMESTAMP
         WHERE institution_code = ? AND report_period = ? AND superseded_at IS NULL`,
        [at, institution, period],
      );
      await tx.run(
        `INSERT INTO exit_submissions VALUES (CAST(? AS BIGINT), ?, ?, ?, '', ?, ?, ?::TIMESTAMP, NULL)`,
        [id, institution, period, v, opts.fileName, n, at],
      );
      await tx.run(
        `INSERT INTO loan_exits SELECT CAST(? AS BIGINT), row_no, report_period, institution_code, loan_id, reason,
           CAST(amount AS DECIMAL(18,2)) FROM x`,
        [id],
      );
      const unknown = await tx.all<Hit>(
        `SELECT 'EXIT_W_LOAN_UNKNOWN' AS rule_id, row_no AS row, 'loan_id' AS column, loan_id AS value, NULL AS expected
         FROM x WHERE loan_id NOT IN (SELECT loan_id FROM loans_current WHERE institution_code = ? AND report_period = ?)
         ORDER BY row_no`,
        [institution, period === null ? null : addMonths(period, -1)],
      );
      return out(
        'accepted',
        unknown.map((h) => render(h)),
        { ...base, exit_submission_id: id, version: v },
      );
    });
  } finally {
    await conn.run('DROP TABLE IF EXISTS x').catch(() => undefined);
    conn.close();
  }
}
