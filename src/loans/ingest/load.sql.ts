// The single-pass load of one loan file: read the raw text inside DuckDB, compute every row check's bit,
// hash personal identifiers (HMAC-SHA256 in SQL) and write the typed rows — one INSERT … SELECT without a
// join or window, so that DuckDB runs it on all threads and keeps file order; the row numbers are then set from
// that order (one UPDATE, run by the ingest after the rows are committed: see ingest.ts).
import { LOAN_COLUMNS, PERSON_BORROWER_TYPES } from '../spec.ts';
import { DERIVED_SQL, ERROR_BITS, inSet, maskSql, type CheckRefs } from '../validate/checks.sql.ts';

export type SourceFormat = 'csv' | 'jsonl';

/** Column names are allow-listed from the spec before they reach SQL. */
const SPEC_NAMES = new Set(LOAN_COLUMNS.map((c) => c.name));
function ident(name: string): string {
  if (!SPEC_NAMES.has(name)) throw new Error(`not a spec column: ${name}`);
  return name;
}

/**
 * SQL of the raw source relation, in file order. Bind: [path]. `fileColumns` is the file's own column order
 * (CSV maps by position). Malformed CSV records go to the rejects table `rejectsTable`.
 */
export function sourceSql(format: SourceFormat, fileColumns: string[], rejectsTable: string): string {
  const cols = fileColumns.map((c) => `'${ident(c)}': 'VARCHAR'`).join(', ');
  if (!/^[a-z_0-9]+$/.test(rejectsTable)) throw new Error('bad rejects table name');
  const reader =
    format === 'csv'
      ? `read_csv(?, auto_detect = false, header = true, delim = ',', quote = '"', escape = '"', columns = {${cols}},
           strict_mode = true, store_rejects = true, rejects_table = '${rejectsTable}', rejects_scan = '${rejectsTable}_scan')`
      : `read_json(?, format = 'newline_delimited', columns = {${cols}}, maximum_object_size = 1048576)`;
  return `SELECT * FROM ${reader}`;
}

const person = inSet('s.borrower_type', PERSON_BORROWER_TYPES);
const bool = (c: string) => `coalesce(${inSet(`lower(s.${c})`, ['true', '1', 'yes', 'y', '是'])}, false)`;

/**
 * INSERT of the typed rows of one file into `loans`, in file order, with `row_no` 0 (see `rowNumbersSql`).
 * Binds, in order: submission_id, period, institution, period_end (YYYY-MM-DD), HMAC inner pad (hex),
 * HMAC outer pad (hex), then the source path.
 * Typed columns of rows with an error hold placeholders; such rows never commit (the ingest rolls back).
 * Dates and amounts are the checks' own parsed values (`DERIVED_SQL`: NULL when not valid).
 */
export function insertSql(
  format: SourceFormat,
  fileColumns: string[],
  rejectsTable: string,
  refs: CheckRefs,
): string {
  const missing = LOAN_COLUMNS.map((c) => c.name).filter((c) => !fileColumns.includes(c));
  const norm = [
    ...fileColumns.map((c) => `nullif(src.${ident(c)}, '') AS ${ident(c)}`),
    ...missing.map((c) => `NULL::VARCHAR AS ${ident(c)}`),
  ].join(', ');
  const rawJson = LOAN_COLUMNS.map((c) => `'${c.name}': s.${c.name}`).join(', ');
  return `
INSERT INTO loans (submission_id, row_no, report_period, period_end, institution_code, loan_id, contract_id,
  borrower_key, borrower_is_person, borrower_name, borrower_type, enterprise_size, industry_code, district_code,
  product_type, green_category, declared_areas, issue_date, maturity_date, currency, balance, issued_amount,
  interest_rate, guarantee_type, credit_line_total, first_loan, quality, overdue_days, revolving, fiscal_support,
  relending_tool, carbon_reduction_t, warn_mask, reject_raw)
WITH p AS (
  SELECT ?::BIGINT AS sid, ?::VARCHAR AS period, ?::VARCHAR AS institution, ?::DATE AS period_end,
         unhex(?) AS ipad, unhex(?) AS opad
),
src AS (${sourceSql(format, fileColumns, rejectsTable)}),
s AS (SELECT s.*, ${DERIVED_SQL} FROM (SELECT ${norm} FROM src) s),
m AS (
  SELECT s.*, (${maskSql(refs)}) AS mask
  FROM s CROSS JOIN p
)
SELECT
  p.sid, 0, coalesce(s.report_period, p.period), p.period_end, p.institution,
  coalesce(s.loan_id, ''), coalesce(s.contract_id, ''),
  CASE WHEN ${person}
       THEN sha256(p.opad || unhex(sha256(p.ipad || encode(upper(coalesce(s.borrower_id, ''))))))
       ELSE coalesce(s.borrower_id, '') END,
  coalesce(${person}, false),
  CASE WHEN ${person} THEN NULL ELSE s.borrower_name END,
  coalesce(s.borrower_type, ''), s.enterprise_size, coalesce(s.industry_code, ''), coalesce(s.district_code, ''),
  coalesce(s.product_type, ''), s.green_category,
  coalesce(string_split(s.declared_areas, ';'), []::VARCHAR[]),
  coalesce(s.issue_date__date, p.period_end), coalesce(s.maturity_date__date, p.period_end),
  coalesce(s.currency, ''),
  coalesce(s.balance__money, 0), coalesce(s.issued_amount__money, 0),
  coalesce(TRY_CAST(s.interest_rate AS DECIMAL(12,6)), 0), coalesce(s.guarantee_type, ''),
  coalesce(s.credit_line_total__money, 0),
  ${bool('first_loan')}, coalesce(s.quality, ''), coalesce(TRY_CAST(s.overdue_days AS INTEGER), 0), ${bool('revolving')},
  coalesce(s.fiscal_support, ''), coalesce(s.relending_tool, ''), TRY_CAST(s.carbon_reduction_t AS DECIMAL(20,6)),
  s.mask,
  CASE WHEN (s.mask & ${ERROR_BITS}) <> 0 THEN to_json({${rawJson}}) END
FROM m AS s CROSS JOIN p`;
}

/**
 * Sets `row_no` of one just-loaded submission (bind: submission_id, twice): its rows were appended in file
 * order by one INSERT, so the n-th has the n-th row id (header = row 1, first record = row 2), before and
 * after their commit.
 */
export const rowNumbersSql = `UPDATE loans SET row_no = rowid - (SELECT min(rowid) FROM loans WHERE submission_id = ?) + 2
WHERE submission_id = ?`;
