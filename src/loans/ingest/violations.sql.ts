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
 * The statements that build the temp table `<target>` with every violation of submission `?`: `create`, then
 * each of `inserts` (bind each: submission_id, period, institution, period_end). One INSERT per check whose bit
 * `present` has (the bit-or of the rows' masks), so that each reads only its own column of the rows that fail it
 * (one statement over every check at once held the whole width of every failing row: out of memory at 300,000
 * rows with an error on each). `rejects` is the CSV rejects table (or null for sources without one), `blanks` a
 * table of the file's blank line numbers (column `line`), or null.
 */
export function violationsSql(
  target: string,
  rejects: string | null,
  spec: FileSpec = SPEC_V1,
  blanks: string | null = null,
  present: bigint = -1n,
): { create: string; inserts: string[] } {
  for (const t of [target, rejects, blanks])
    if (t !== null && !/^[a-z_0-9]+$/.test(t)) throw new Error('bad table name');
  const columns = LOAN_FILE_SPECS[spec];
  const REQUIRED = new Set(columns.filter((c) => c.required).map((c) => c.name));
  const valueOf = (name: string) => {
    const c = columns.find((x) => x.name === name);
    const stored =
      c?.type === 'list'
        ? `array_to_string(${name}, ';')`
        : `${name === 'borrower_id' ? 'borrower_key' : name}::VARCHAR`;
    return `CASE WHEN reject_raw IS NOT NULL THEN reject_raw->>'${name}' ELSE ${stored} END AS ${name}`;
  };
  const cols = columns.map((c) => valueOf(c.name)).join(',\n    ');
  // Records DuckDB did not load (rejected, and blank lines): each moves the rows after it one further down.
  const skipped = [
    ...(rejects ? [`SELECT line FROM ${rejects}`] : []),
    ...(blanks ? [`SELECT line FROM ${blanks}`] : []),
  ].join(' UNION ');
  const shift = skipped
    ? `(SELECT count(*) FROM (SELECT line - 1 - (row_number() OVER (ORDER BY line) - 1) AS t
         FROM (SELECT DISTINCT line FROM (${skipped}))) r WHERE r.t < v.row)`
    : '0';
  const p = `p AS (SELECT ?::BIGINT AS sid, ?::VARCHAR AS period, ?::VARCHAR AS institution, ?::DATE AS period_end)`;
  const s = `s AS (
  SELECT row_no, warn_mask AS mask,
    ${cols}
  FROM loans WHERE submission_id = (SELECT sid FROM p) AND warn_mask <> 0 AND warn_mask <> ${EMPTY_ROW}
)`;
  const insert = (v: string) => `
INSERT INTO ${target}
WITH ${p}, ${s}, v AS (${v})
SELECT (v.row + ${shift})::BIGINT, v.rule_id, v.col, v.loan_id, v.value, v.expected, v.detail FROM v`;
  const perCheck = rowChecks(spec)
    .filter((c) => ((present >> BigInt(c.bit)) & 1n) === 1n)
    .map((c) => {
      const required = REQUIRED.has(c.column) ? `WHEN s.${c.column} IS NULL THEN 'LOAN_E_REQUIRED'` : '';
      const negative =
        c.ruleId === 'LOAN_E_BAD_AMOUNT' ? `WHEN s.${c.column} LIKE '-%' THEN 'LOAN_E_NEGATIVE_AMOUNT'` : '';
      const ruleSql =
        required || negative ? `CASE ${required} ${negative} ELSE '${c.ruleId}' END` : `'${c.ruleId}'`;
      rule(c.ruleId);
      return insert(`SELECT s.row_no AS row, ${ruleSql} AS rule_id, '${c.column}' AS col, s.loan_id, ${reportValue(c.column)} AS value,
      (${c.expected})::VARCHAR AS expected, NULL::VARCHAR AS detail
    FROM s CROSS JOIN p ${checkJoin(c)}
    WHERE (s.mask >> ${c.bit}) & 1 = 1`);
    });
  const dup = insert(`
  SELECT row_no AS row, 'LOAN_E_DUP_ID' AS rule_id, 'loan_id' AS col, loan_id, loan_id AS value, NULL AS expected,
         first_row::VARCHAR AS detail
  FROM (SELECT row_no, loan_id, min(row_no) OVER (PARTITION BY loan_id) AS first_row
        FROM loans WHERE submission_id = (SELECT sid FROM p) AND warn_mask <> ${EMPTY_ROW}
          AND loan_id IN (SELECT loan_id FROM loans WHERE submission_id = (SELECT sid FROM p) AND warn_mask <> ${EMPTY_ROW}
                          GROUP BY loan_id HAVING count(*) > 1))
  WHERE row_no <> first_row`);
  const rejectRows = rejects
    ? [
        `
INSERT INTO ${target}
WITH ${p}
SELECT line::BIGINT, CASE WHEN error_type = 'INVALID ENCODING' THEN 'LOAN_E_BAD_ENCODING' ELSE 'LOAN_E_MALFORMED_ROW' END,
       column_name, NULL, left(csv_line, 200), 'UTF-8', error_type || ': ' || error_message
FROM ${rejects} CROSS JOIN p`,
      ]
    : [];
  return {
    create: `CREATE TEMP TABLE ${target} (row BIGINT, rule_id VARCHAR, "column" VARCHAR, loan_id VARCHAR,
      value VARCHAR, expected VARCHAR, detail VARCHAR)`,
    inserts: [...perCheck, dup, ...rejectRows],
  };
}
