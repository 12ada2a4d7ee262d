// The single-pass load of one loan file: read the raw text inside DuckDB, compute every row check's bit,
// hash personal identifiers (HMAC-SHA256 in SQL) and write the typed rows — one INSERT … SELECT.
import { LOAN_COLUMNS, PERSON_BORROWER_TYPES } from '../spec.ts';
import { CHECK_JOINS, ERROR_BITS, maskSql } from '../validate/checks.sql.ts';

export type SourceFormat = 'csv' | 'jsonl';

/** Column names are allow-listed from the spec before they reach SQL. */
const SPEC_NAMES = new Set(LOAN_COLUMNS.map((c) => c.name));
function ident(name: string): string {
  if (!SPEC_NAMES.has(name)) throw new Error(`not a spec column: ${name}`);
  return name;
}

/**
 * SQL of the raw source relation with a `row_no` (header = row 1). Bind: [path]. `fileColumns` is the file's
 * own column order (CSV maps by position). Malformed CSV records go to the rejects table `rejectsTable`.
 */
export function sourceSql(format: SourceFormat, fileColumns: string[], rejectsTable: string): string {
  const cols = fileColumns.map((c) => `'${ident(c)}': 'VARCHAR'`).join(', ');
  if (!/^[a-z_0-9]+$/.test(rejectsTable)) throw new Error('bad rejects table name');
  const reader =
    format === 'csv'
      ? `read_csv(?, auto_detect = false, header = true, delim = ',', quote = '"', escape = '"', columns = {${cols}},
           strict_mode = true, store_rejects = true, rejects_table = '${rejectsTable}', rejects_scan = '${rejectsTable}_scan')`
      : `read_json(?, format = 'newline_delimited', columns = {${cols}}, maximum_object_size = 1048576)`;
  return `SELECT (row_number() OVER () + 1)::BIGINT AS row_no, * FROM ${reader}`;
}

const person = `s.borrower_type IN (${PERSON_BORROWER_TYPES.map((t) => `'${t}'`).join(', ')})`;
const bool = (c: string) => `coalesce(lower(s.${c}) IN ('true', '1', 'yes', 'y', '是'), false)`;

/**
 * INSERT of the typed rows of one file into `loans`. Binds, in order: submission_id, period, institution,
 * period_end (YYYY-MM-DD), HMAC inner pad (hex), HMAC outer pad (hex), then the source path.
 * Typed columns of rows with an error hold placeholders; such rows never commit (the ingest rolls back).
 */
export function insertSql(format: SourceFormat, fileColumns: string[], rejectsTable: string): string {
  const missing = LOAN_COLUMNS.map((c) => c.name).filter((c) => !fileColumns.includes(c));
  const norm = [
    ...fileColumns.map((c) => `nullif(src.${ident(c)}, '') AS ${ident(c)}`),
    ...missing.map((c) => `NULL::VARCHAR AS ${ident(c)}`),
  ].join(', ');
  const rawJson = LOAN_COLUMNS.map((c) => `'${c.name}': s.${c.name}`).join(', ');
  return `
INSERT INTO loans
WITH p AS (
  SELECT ?::BIGINT AS sid, ?::VARCHAR AS period, ?::VARCHAR AS institution, ?::DATE AS period_end,
         unhex(?) AS ipad, unhex(?) AS opad
),
src AS (${sourceSql(format, fileColumns, rejectsTable)}),
s AS (SELECT src.row_no, ${norm} FROM src),
m AS (
  SELECT s.*, (${maskSql()}) AS mask
  FROM s CROSS JOIN p ${CHECK_JOINS}
)
SELECT
  p.sid, s.row_no, coalesce(s.report_period, p.period), p.period_end, p.institution,
  coalesce(s.loan_id, ''), coalesce(s.contract_id, ''),
  CASE WHEN ${person}
       THEN sha256(p.opad || unhex(sha256(p.ipad || encode(upper(coalesce(s.borrower_id, ''))))))
       ELSE coalesce(s.borrower_id, '') END,
  coalesce(${person}, false),
  CASE WHEN ${person} THEN NULL ELSE s.borrower_name END,
  coalesce(s.borrower_type, ''), s.enterprise_size, coalesce(s.industry_code, ''), coalesce(s.district_code, ''),
  coalesce(s.product_type, ''), s.green_category,
  coalesce(string_split(s.declared_areas, ';'), []::VARCHAR[]),
  coalesce(TRY_CAST(s.issue_date AS DATE), p.period_end), coalesce(TRY_CAST(s.maturity_date AS DATE), p.period_end),
  coalesce(s.currency, ''),
  coalesce(TRY_CAST(s.balance AS DECIMAL(18,2)), 0), coalesce(TRY_CAST(s.issued_amount AS DECIMAL(18,2)), 0),
  coalesce(TRY_CAST(s.interest_rate AS DECIMAL(12,6)), 0), coalesce(s.guarantee_type, ''),
  coalesce(TRY_CAST(s.credit_line_total AS DECIMAL(18,2)), 0),
  ${bool('first_loan')}, coalesce(s.quality, ''), coalesce(TRY_CAST(s.overdue_days AS INTEGER), 0), ${bool('revolving')},
  coalesce(s.fiscal_support, ''), coalesce(s.relending_tool, ''), TRY_CAST(s.carbon_reduction_t AS DECIMAL(20,6)),
  s.mask,
  CASE WHEN (s.mask & ${ERROR_BITS}) <> 0 THEN to_json({${rawJson}}) END
FROM m AS s CROSS JOIN p`;
}
