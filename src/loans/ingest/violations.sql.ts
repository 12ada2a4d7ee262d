// SQL that turns the violation bits, the CSV rejects and duplicate loan ids of one loaded (not yet committed)
// submission into one violations relation: rule id, row, column, value, expected, detail.
import { LOAN_FILE_SPECS, PERSON_BORROWER_TYPES, SPEC_V1, type FileSpec } from '../spec.ts';
import { checkJoin, rowChecks } from '../validate/checks.sql.ts';
import { EMPTY_ROW } from './load.sql.ts';
import { rule } from '../validate/rules.ts';
const person = `s.borrower_type IN (${PERSON_BORROWER_TYPES.map((t) => `'${t}'`).join(', ')})`;

/** A personal ID number never appears in clear in a report: only its first 6 and last 2 characters. */
function reportValue(column: string): string {
  const v = `s.${column}`;
  return column === 'borrower_id'
    ? `CASE WHEN ${person} THEN left(${v}, 6) || '**********' || right(${v}, 2) ELSE ${v} END`
    : v;
}

/**
 * CREATE TEMP TABLE `<target>` with every violation of submission `?` (bind: submission_id, period,
 * institution, period_end). `rejects` is the CSV rejects table (or null for sources without one), `blanks` a
 * table of the file's blank line numbers (column `line`), or null.
 */
export function violationsSql(
  target: string,
  rejects: string | null,
  spec: FileSpec = SPEC_V1,
  blanks: string | null = null,
): string {
  for (const t of [target, rejects, blanks])
    if (t !== null && !/^[a-z_0-9]+$/.test(t)) throw new Error('bad table name');
  const columns = LOAN_FILE_SPECS[spec];
  const REQUIRED = new Set(columns.filter((c) => c.required).map((c) => c.name));
  const cols = columns
    .map((c) =>
      c.type === 'list'
        ? `CASE WHEN reject_raw IS NOT NULL THEN reject_raw->>'${c.name}' ELSE array_to_string(${c.name}, ';') END AS ${c.name}`
        : `CASE WHEN reject_raw IS NOT NULL THEN reject_raw->>'${c.name}' ELSE ${c.name === 'borrower_id' ? 'borrower_key' : c.name}::VARCHAR END AS ${c.name}`,
    )
    .join(',\n    ');
  const perCheck = rowChecks(spec)
    .map((c) => {
      const required = REQUIRED.has(c.column) ? `WHEN s.${c.column} IS NULL THEN 'LOAN_E_REQUIRED'` : '';
      const negative =
        c.ruleId === 'LOAN_E_BAD_AMOUNT' ? `WHEN s.${c.column} LIKE '-%' THEN 'LOAN_E_NEGATIVE_AMOUNT'` : '';
      const ruleSql =
        required || negative ? `CASE ${required} ${negative} ELSE '${c.ruleId}' END` : `'${c.ruleId}'`;
      rule(c.ruleId);
      return `SELECT s.row_no AS row, ${ruleSql} AS rule_id, '${c.column}' AS col, s.loan_id, ${reportValue(c.column)} AS value,
      (${c.expected})::VARCHAR AS expected, NULL::VARCHAR AS detail
    FROM s CROSS JOIN p ${checkJoin(c)}
    WHERE (s.mask >> ${c.bit}) & 1 = 1`;
    })
    .join('\nUNION ALL\n');
  // Records DuckDB did not load (rejected, and blank lines): each moves the rows after it one further down.
  const skipped = [
    ...(rejects ? [`SELECT line FROM ${rejects}`] : []),
    ...(blanks ? [`SELECT line FROM ${blanks}`] : []),
  ].join(' UNION ');
  const shift = skipped
    ? `(SELECT count(*) FROM (SELECT line - 1 - (row_number() OVER (ORDER BY line) - 1) AS t
         FROM (SELECT DISTINCT line FROM (${skipped}))) r WHERE r.t < v.row)`
    : '0';
  const rejectRows = rejects
    ? `UNION ALL
  SELECT line::BIGINT, CASE WHEN error_type = 'INVALID ENCODING' THEN 'LOAN_E_BAD_ENCODING' ELSE 'LOAN_E_MALFORMED_ROW' END,
         column_name, NULL, left(csv_line, 200), 'UTF-8', error_type || ': ' || error_message
  FROM ${rejects}`
    : '';
  return `
CREATE TEMP TABLE ${target} AS
WITH p AS (SELECT ?::BIGINT AS sid, ?::VARCHAR AS period, ?::VARCHAR AS institution, ?::DATE AS period_end),
s AS (
  SELECT row_no, warn_mask AS mask,
    ${cols}
  FROM loans WHERE submission_id = (SELECT sid FROM p) AND warn_mask <> 0 AND warn_mask <> ${EMPTY_ROW}
),
v AS (
${perCheck}
UNION ALL
  SELECT row_no, 'LOAN_E_DUP_ID', 'loan_id', loan_id, loan_id, NULL, first_row::VARCHAR
  FROM (SELECT row_no, loan_id, min(row_no) OVER (PARTITION BY loan_id) AS first_row
        FROM loans WHERE submission_id = (SELECT sid FROM p) AND warn_mask <> ${EMPTY_ROW}
          AND loan_id IN (SELECT loan_id FROM loans WHERE submission_id = (SELECT sid FROM p) AND warn_mask <> ${EMPTY_ROW}
                          GROUP BY loan_id HAVING count(*) > 1))
  WHERE row_no <> first_row
)
SELECT (v.row + ${shift})::BIGINT AS row, v.rule_id, v.col AS "column", v.loan_id, v.value, v.expected, v.detail FROM v
${rejectRows}`;
}
