// The single-pass load of one loan file: read the raw text inside DuckDB, compute every row check's bit,
// hash personal identifiers (HMAC-SHA256 in SQL) and write the typed rows — one INSERT … SELECT without a
// join or window, so that DuckDB runs it on all threads and keeps file order; the row numbers are then set from
// that order (one UPDATE, run by the ingest after the rows are committed: see ingest.ts).
import { codeLabelSql, isKnownHeader } from '../header.ts';
import { LOAN_FILE_SPECS, PERSON_BORROWER_TYPES, SPEC_V1, SPEC_V2, type FileSpec } from '../spec.ts';
import { derivedSql, errorBits, inSet, maskSql, type CheckRefs } from '../validate/checks.sql.ts';

export type SourceFormat = 'csv' | 'jsonl';

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
): string {
  if (!/^[a-z_0-9]+$/.test(rejectsTable)) throw new Error('bad rejects table name');
  if (format === 'csv') {
    const cols = fileColumns.map((c) => `'${ident(c)}': 'VARCHAR'`).join(', ');
    return `SELECT * FROM read_csv(?, auto_detect = false, header = true, delim = ',', quote = '"', escape = '"', columns = {${cols}},
           strict_mode = true, store_rejects = true, rejects_table = '${rejectsTable}', rejects_scan = '${rejectsTable}_scan')`;
  }
  const key = (i: number) => {
    const k = keys[i] ?? '';
    if (!isKnownHeader(k)) throw new Error(`not a known header: ${k}`);
    return k;
  };
  const cols = fileColumns.map((_, i) => `'${key(i)}': 'VARCHAR'`).join(', ');
  const select = fileColumns.map((c, i) => `"${key(i)}" AS ${ident(c)}`).join(', ');
  return `SELECT ${select} FROM read_json(?, format = 'newline_delimited', columns = {${cols}}, maximum_object_size = 1048576)`;
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
  spec: FileSpec = SPEC_V1,
  keys: string[] = fileColumns,
): string {
  const columns = LOAN_FILE_SPECS[spec];
  const missing = columns.map((c) => c.name).filter((c) => !fileColumns.includes(c));
  // v2: Chinese code labels (正常, 信用, 是/否 …) become their codes before any check.
  const normOf = (name: string) => {
    const raw = `nullif(trim(src.${ident(name)}), '')`;
    const col = spec === SPEC_V2 ? columns.find((c) => c.name === name) : undefined;
    return (col && codeLabelSql(col, raw)) ?? raw;
  };
  const norm = [
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
src AS (${sourceSql(format, fileColumns, rejectsTable, keys)}),
s AS (SELECT s.*, ${derivedSql(spec)} FROM (SELECT ${norm} FROM src) s),
m AS (
  SELECT s.*, (${maskSql(spec, refs)}) AS mask
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
  CASE WHEN (s.mask & ${errorBits(spec)}) <> 0 THEN to_json({${rawJson}}) END${v2Values}
FROM m AS s CROSS JOIN p`;
}

/**
 * Sets `row_no` of one just-loaded submission (bind: submission_id, twice): its rows were appended in file
 * order by one INSERT, so the n-th has the n-th row id (header = row 1, first record = row 2), before and
 * after their commit.
 */
export const rowNumbersSql = `UPDATE loans SET row_no = rowid - (SELECT min(rowid) FROM loans WHERE submission_id = ?) + 2
WHERE submission_id = ?`;
