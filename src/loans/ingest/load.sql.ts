// The single-pass load of one loan file: read the raw text inside DuckDB, compute every row check's bit,
// hash personal identifiers (HMAC-SHA256 in SQL) and write the typed rows — one INSERT … SELECT without a
// join or window, so that DuckDB runs it on all threads and keeps file order; the row numbers are then set from
// that order (one UPDATE, run by the ingest after the rows are committed: see ingest.ts).
import { codeLabelSql, isKnownHeader } from '../header.ts';
import { maskIdsSql } from '../report/mask.ts';
import { LOAN_FILE_SPECS, PERSON_BORROWER_TYPES, SPEC_V1, SPEC_V2, type FileSpec } from '../spec.ts';
import { derivedSql, errorBits, inSet, maskSql, type CheckRefs } from '../validate/checks.sql.ts';
import { MAX_RECORD_BYTES } from './scan.ts';

export type SourceFormat = 'csv' | 'jsonl';

/**
 * The mask of a record without any value (an empty CSV record, `{}`, a formatted empty sheet row): only the
 * top bit of the HUGEINT mask, which no check uses (at most 127). Such rows are skipped — counted as a notice,
 * never checked, never kept (deleted before the submission is recorded).
 */
export const EMPTY_ROW = '(-170141183460469231731687303715884105727 - 1)::HUGEINT';

/** Column names are allow-listed from the specs before they reach SQL. */
const SPEC_NAMES = new Set(Object.values(LOAN_FILE_SPECS).flatMap((cols) => cols.map((c) => c.name)));
function ident(name: string): string {
  if (!SPEC_NAMES.has(name)) throw new Error(`not a spec column: ${name}`);
  return name;
}

/**
 * SQL of the raw source relation, in file order, with the column names of the spec. Bind: [path].
 * `fileColumns` is the file's own column order as column names (CSV maps by position); `keys` are the JSON
 * keys as written (a Chinese label of the data dictionary, or the name). Malformed CSV records go to the
 * rejects table `rejectsTable`.
 */
export function sourceSql(
  format: SourceFormat,
  fileColumns: string[],
  rejectsTable: string,
  keys: string[] = fileColumns,
  numbered = false,
): string {
  if (!/^[a-z_0-9]+$/.test(rejectsTable)) throw new Error('bad rejects table name');
  const row = numbered ? [`'__row': 'BIGINT'`] : [];
  if (format === 'csv') {
    const cols = [...row, ...fileColumns.map((c) => `'${ident(c)}': 'VARCHAR'`)].join(', ');
    return `SELECT * FROM read_csv(?, auto_detect = false, header = true, delim = ',', quote = '"', escape = '"', columns = {${cols}},
           strict_mode = true, max_line_size = ${MAX_RECORD_BYTES}, store_rejects = true, rejects_table = '${rejectsTable}', rejects_scan = '${rejectsTable}_scan')`;
  }
  const key = (i: number) => {
    const k = keys[i] ?? '';
    if (!isKnownHeader(k)) throw new Error(`not a known header: ${k}`);
    return k;
  };
  const cols = [...row, ...fileColumns.map((_, i) => `'${key(i)}': 'VARCHAR'`)].join(', ');
  const select = [
    ...(numbered ? ['__row'] : []),
    ...fileColumns.map((c, i) => `"${key(i)}" AS ${ident(c)}`),
  ].join(', ');
  return `SELECT ${select} FROM read_json(?, format = 'newline_delimited', columns = {${cols}}, maximum_object_size = 1048576)`;
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
  spec: FileSpec = SPEC_V1,
  keys: string[] = fileColumns,
  numbered = false,
): string {
  const columns = LOAN_FILE_SPECS[spec];
  const missing = columns.map((c) => c.name).filter((c) => !fileColumns.includes(c));
  // v2: Chinese code labels (正常, 信用, 是/否 …) become their codes before any check.
  const normOf = (name: string) => {
    const raw = `nullif(src.${ident(name)}, '')`;
    const col = spec === SPEC_V2 ? columns.find((c) => c.name === name) : undefined;
    return (col && codeLabelSql(col, raw)) ?? raw;
  };
  const norm = [
    numbered ? 'src.__row' : '0 AS __row',
    ...fileColumns.map(
      (c) => `${spec === SPEC_V2 ? normOf(c) : `nullif(src.${ident(c)}, '')`} AS ${ident(c)}`,
    ),
    ...missing.map((c) => `NULL::VARCHAR AS ${ident(c)}`),
  ].join(', ');
  const rawJson = columns.map((c) => `'${c.name}': s.${c.name}`).join(', ');
  const v2 = spec === SPEC_V2;
  const num = (c: string) => `TRY_CAST(s.${c} AS DECIMAL(20,6))`;
  const v2Cols = v2
    ? `, branch_code, branch_district_code, business_category, bill_discount_method, loan_nature, renewal_type,
  ownership, balance_orig, tech_htp, tech_hts, tech_sei, tech_ipi, green_edition, green_item, green_coal_saved_t,
  green_co2_reduced_t, inclusive_flags, pension_type, elderly_institution, digital_core, digital_efficiency`
    : '';
  const v2Values = v2
    ? `, s.branch_code, s.branch_district_code, s.business_category, s.bill_discount_method, s.loan_nature,
  s.renewal_type, s.ownership, s.balance_orig__money, s.tech_htp, s.tech_hts, s.tech_sei, s.tech_ipi, s.green_edition,
  s.green_item, ${num('green_coal_saved_t')}, ${num('green_co2_reduced_t')},
  coalesce(list_filter(list_transform(string_split(s.inclusive_flags, ';'), a -> trim(a)), a -> a <> ''), []::VARCHAR[]),
  s.pension_type, ${bool('elderly_institution')}, s.digital_core, ${bool('digital_efficiency')}`
    : '';
  return `
INSERT INTO loans (submission_id, row_no, report_period, period_end, institution_code, loan_id, contract_id,
  borrower_key, borrower_is_person, borrower_name, borrower_type, enterprise_size, industry_code, district_code,
  product_type, green_category, declared_areas, issue_date, maturity_date, currency, balance, issued_amount,
  interest_rate, guarantee_type, credit_line_total, first_loan, quality, overdue_days, revolving, fiscal_support,
  relending_tool, carbon_reduction_t, warn_mask, reject_raw${v2Cols})
WITH p AS (
  SELECT ?::BIGINT AS sid, ?::VARCHAR AS period, ?::VARCHAR AS institution, ?::DATE AS period_end,
         unhex(?) AS ipad, unhex(?) AS opad
),
src AS (${sourceSql(format, fileColumns, rejectsTable, keys, numbered)}),
s AS (SELECT s.*, ${derivedSql(spec)} FROM (SELECT ${norm} FROM src) s),
m AS (
  SELECT s.*, CASE WHEN coalesce(${columns.map((c) => `s.${c.name}`).join(', ')}) IS NULL THEN ${EMPTY_ROW}
                   ELSE (${maskSql(spec, refs)}) END AS mask
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
  coalesce(s.product_type, ''), ${v2 ? 'NULL' : 's.green_category'},
  ${v2 ? '[]::VARCHAR[]' : "coalesce(string_split(s.declared_areas, ';'), []::VARCHAR[])"},
  coalesce(s.issue_date__date, p.period_end), coalesce(s.maturity_date__date, p.period_end),
  coalesce(s.currency, ''),
  coalesce(s.balance__money, 0), coalesce(s.issued_amount__money, 0),
  coalesce(TRY_CAST(s.interest_rate AS DECIMAL(12,6)), 0), coalesce(s.guarantee_type, ''),
  coalesce(s.credit_line_total__money, 0),
  ${bool('first_loan')}, coalesce(s.quality, ''), coalesce(TRY_CAST(s.overdue_days AS INTEGER), 0), ${bool('revolving')},
  coalesce(s.fiscal_support, ''), coalesce(s.relending_tool, ''), TRY_CAST(s.carbon_reduction_t AS DECIMAL(20,6)),
  s.mask,
  CASE WHEN (s.mask & ${errorBits(spec)}) <> 0 THEN ${maskIdsSql(`to_json({${rawJson}})::VARCHAR`)}::JSON END${v2Values}
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
