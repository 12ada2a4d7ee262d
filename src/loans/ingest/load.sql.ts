// The single-pass load of one loan file: read the raw text inside DuckDB, compute every row check's bit,
// hash personal identifiers (HMAC-SHA256 in SQL) and write the typed rows — one INSERT … SELECT without a
// join or window, so that DuckDB runs it on all threads and keeps file order; the row numbers are then set from
// that order (one UPDATE, run by the ingest after the rows are committed: see ingest.ts).
import { LOAN_COLUMNS, PERSON_BORROWER_TYPES } from '../spec.ts';
import { maskIdsSql } from '../report/mask.ts';
import { DERIVED_SQL, ERROR_BITS, inSet, maskSql, type CheckRefs } from '../validate/checks.sql.ts';

export type SourceFormat = 'csv' | 'jsonl';

/**
 * The mask of a record without any value (an empty CSV record, `{}`, a formatted empty sheet row): only the
 * top bit, which no check uses (at most 63). Such rows are skipped — counted as a notice, never checked, never
 * kept (deleted before the submission is recorded).
 */
export const EMPTY_ROW = '(-9223372036854775807 - 1)::BIGINT';

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
export function sourceSql(
  format: SourceFormat,
  fileColumns: string[],
  rejectsTable: string,
  numbered = false,
): string {
  const cols = [
    ...(numbered ? [`'__row': 'BIGINT'`] : []),
    ...fileColumns.map((c) => `'${ident(c)}': 'VARCHAR'`),
  ].join(', ');
  if (!/^[a-z_0-9]+$/.test(rejectsTable)) throw new Error('bad rejects table name');
  const reader =
    format === 'csv'
      ? `read_csv(?, auto_detect = false, header = true, delim = ',', quote = '"', escape = '"', columns = {${cols}},
           strict_mode = true, store_rejects = true, rejects_table = '${rejectsTable}', rejects_scan = '${rejectsTable}_scan')`
      : `read_json(?, format = 'newline_delimited', columns = {${cols}}, maximum_object_size = 1048576)`;
  return `SELECT * FROM ${reader}`;
}

const person = inSet('s.borrower_type', PERSON_BORROWER_TYPES);
/**
 * A borrower_id shaped like a resident ID number is hashed whatever type the row claims (a person declared as
 * individual_business, a typo in the type, an ID that happens to pass the credit-code check): no personal ID
 * number is ever stored in clear.
 */
const idShaped = `regexp_full_match(s.borrower_id, '[1-9][0-9]{5}(18|19|20)[0-9]{9}[0-9Xx]')`;
const bool = (c: string) => `coalesce(${inSet(`lower(s.${c})`, ['true', '1', 'yes', 'y', '是'])}, false)`;

/**
 * INSERT of the typed rows of one file into `loans`, in file order, with `row_no` 0 (see `rowNumbersSql`), or
 * the source's own row number (`numbered`: its first column `__row`, the sheet row of an XLSX).
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
  numbered = false,
): string {
  const missing = LOAN_COLUMNS.map((c) => c.name).filter((c) => !fileColumns.includes(c));
  const norm = [
    numbered ? 'src.__row' : '0 AS __row',
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
src AS (${sourceSql(format, fileColumns, rejectsTable, numbered)}),
s AS (SELECT s.*, ${DERIVED_SQL} FROM (SELECT ${norm} FROM src) s),
m AS (
  SELECT s.*, CASE WHEN coalesce(${LOAN_COLUMNS.map((c) => `s.${c.name}`).join(', ')}) IS NULL THEN ${EMPTY_ROW}
                   ELSE (${maskSql(refs)}) END AS mask
  FROM s CROSS JOIN p
)
SELECT
  p.sid, s.__row, coalesce(s.report_period, p.period), p.period_end, p.institution,
  coalesce(s.loan_id, ''), coalesce(s.contract_id, ''),
  CASE WHEN ${person} OR ${idShaped}
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
  CASE WHEN (s.mask & ${ERROR_BITS}) <> 0 THEN ${maskIdsSql(`to_json({${rawJson}})::VARCHAR`)}::JSON END
FROM m AS s CROSS JOIN p`;
}

/**
 * Sets `row_no` of one just-loaded submission (bind: submission_id, twice): its rows were appended in file
 * order by one INSERT, so the n-th has the n-th row id (CSV: header = row 1, first record = row 2; JSON lines
 * are numbered by line, `first` = 1), before and after their commit.
 */
export const rowNumbersSql = (first = 2) =>
  `UPDATE loans SET row_no = rowid - (SELECT min(rowid) FROM loans WHERE submission_id = ?) + ${first}
WHERE submission_id = ?`;
