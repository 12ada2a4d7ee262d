// Reading one .dat message in DuckDB and checking its fields (FIELDS.md §E B-1 … B-3, L-1 … L-5, L-7): the lines
// split on `|` into a list, the lines of the right field count typed into one column per field, then one pass that
// gives each field its rule id (or NULL), unpivoted into the violations table `msg_viol`. Table and column names
// come from the message catalogue (spec.ts), never from the file.
import type { MessageField, MessageSpec } from './spec.ts';

/** The violations of a set: rule, .dat line, `<报文> <字段>`, value, expected, detail. */
export const VIOLATIONS_TABLE_SQL = `CREATE OR REPLACE TEMP TABLE msg_viol (
  rule_id VARCHAR, row BIGINT, "column" VARCHAR, value VARCHAR, expected VARCHAR, detail VARCHAR)`;

/** The raw lines of message `m` (list `f` of fields) and its typed table. */
export const rawTable = (m: MessageSpec): string => `msg_raw_${m.code.toLowerCase()}`;
export const typedTable = (m: MessageSpec): string => `msg_${m.code.toLowerCase()}`;

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
const col = (name: string) => `"${name}"`;

/** Loads the .dat (parameter 1: its path) into the raw table: one row per record, `line` from 1. */
export function loadRawSql(m: MessageSpec): string {
  return `CREATE OR REPLACE TEMP TABLE ${rawTable(m)} AS
    SELECT n AS line, string_split(t, '|') AS f FROM (
      SELECT unnest(l) AS t, unnest(range(1, len(l) + 1)) AS n, len(l) AS total
      FROM (SELECT string_split(content, chr(10)) AS l FROM read_text(?)))
    WHERE NOT (n = total AND t = '')`;
}

/** The typed table: the fields as columns, the join key (票据编号 for a bill) and whether the line is a summary row. */
export function typedSql(m: MessageSpec): string {
  const fields = m.fields.map((f, i) => `f[${i + 1}] AS ${col(f.name)}`).join(', ');
  return `CREATE OR REPLACE TEMP TABLE ${typedTable(m)} AS
    SELECT line, ${fields},
      CASE WHEN f[${m.fields.findIndex((f) => f.name === '业务类别') + 1}] = 'C03'
        THEN f[${m.fields.findIndex((f) => f.name === '票据编号') + 1}]
        ELSE f[${m.fields.findIndex((f) => f.name === '贷款借据编码') + 1}] END AS key,
      line <= ${m.summary.length} AS is_summary
    FROM ${rawTable(m)} WHERE len(f) = ${m.fields.length}`;
}

const FORMATS: Partial<Record<MessageField['type'], [string, string]>> = {
  amount: ['^(0|[1-9][0-9]{0,19})\\.[0-9]{2}$', 'D20.2'],
  rate: ['^(0|[1-9][0-9]{0,9})\\.[0-9]{5}$', 'D10.5'],
  count: ['^(0|[1-9][0-9]{0,19})$', 'I..20'],
};
const inList = (v: string, codes: readonly string[]) => `${v} IN (${codes.map(q).join(', ')})`;

/** The rule a field breaks on a loan row (SQL giving a rule id or NULL). */
function loanRowRule(m: MessageSpec, f: MessageField): string {
  const v = col(f.name);
  switch (f.type) {
    case 'amount':
    case 'rate':
    case 'count':
    case 'cat':
    case 'empty':
      return f.type === 'cat' ? 'NULL' : `CASE WHEN ${v} <> '' THEN 'MSG_E_NOT_EMPTY' END`;
    case 'text': {
      const bills =
        f.name === '票据编号'
          ? `WHEN ("业务类别" = 'C03') = (${v} = '0') OR ("业务类别" = 'C03' AND ("贷款合同编码" <> '0' OR "贷款借据编码" <> '0')) THEN 'MSG_E_BILL_KEYS'`
          : '';
      return `CASE WHEN ${v} = '' THEN 'MSG_E_REQUIRED'
        WHEN strlen(${v}) > ${f.max ?? 0} OR ${v} <> trim(${v}) OR regexp_matches(${v}, '[\\x00-\\x1f\\x7f"]') THEN 'MSG_E_FORMAT'
        ${bills} END`;
    }
    case 'flag':
      return `CASE WHEN ${v} = '' THEN 'MSG_E_REQUIRED' WHEN ${v} NOT IN ('0', '1') THEN 'MSG_E_CODE' END`;
    case 'code':
      return f.flag
        ? `CASE WHEN ${v} <> '' AND NOT ${inList(v, f.codes ?? [])} THEN 'MSG_E_CODE'
            WHEN (${col(f.flag)} = '1') <> (${v} <> '') THEN 'MSG_E_TYPE_WITHOUT_FLAG' END`
        : `CASE WHEN ${v} = '' THEN 'MSG_E_REQUIRED' WHEN NOT ${inList(v, f.codes ?? [])} THEN 'MSG_E_CODE' END`;
    case 'biz':
      return `CASE WHEN ${v} = '' THEN 'MSG_E_REQUIRED' WHEN ${v} NOT IN ('C01', 'C02', 'C03') THEN 'MSG_E_CODE'
        ${m.allowsC02 ? '' : `WHEN ${v} = 'C02' THEN 'MSG_E_C02'`} END`;
  }
}

/** The rule a field breaks on a summary row. */
function summaryRowRule(f: MessageField): string {
  const v = col(f.name);
  const format = FORMATS[f.type];
  if (format)
    return `CASE WHEN ${v} = '' THEN 'MSG_E_REQUIRED' WHEN NOT regexp_full_match(${v}, ${q(format[0])}) THEN 'MSG_E_FORMAT' END`;
  return f.type === 'cat' ? 'NULL' : `CASE WHEN ${v} <> '' THEN 'MSG_E_NOT_EMPTY' END`;
}

/** The 字段类别 a line must carry: the summary rows in order, then the loan-row marker. */
function expectedCat(m: MessageSpec, line: string): string {
  const summary = m.summary.map((s) => q(s.code)).join(', ');
  return m.summary.length > 0
    ? `CASE WHEN ${line} <= ${m.summary.length} THEN [${summary}][${line}] ELSE ${q(m.loanMarker ?? '')} END`
    : q(m.loanMarker ?? '');
}

/** What a field expects, for the report: its format or code list (the paired flag goes apart). */
function expectedOf(m: MessageSpec, f: MessageField): string {
  if (f.type === 'cat') return expectedCat(m, 'line');
  const format = FORMATS[f.type]?.[1] ?? (f.type === 'text' ? `C..${f.max}` : '');
  const codes = f.type === 'flag' ? '1/0' : f.type === 'biz' ? 'C01/C02/C03' : (f.codes ?? []).join('/');
  return q(format || codes);
}

/** The rule a field breaks on a line (SQL giving a rule id or NULL). */
function ruleOf(m: MessageSpec, f: MessageField): string {
  return f.type === 'cat'
    ? `CASE WHEN ${col(f.name)} <> ${expectedCat(m, 'line')} THEN 'MSG_E_SUMMARY_ORDER' END`
    : `CASE WHEN is_summary THEN ${summaryRowRule(f)} ELSE ${loanRowRule(m, f)} END`;
}

/**
 * Inserts the missing summary rows, the field-count and the field violations of message `m` into msg_viol: one pass over the typed table that
 * gives each line a list of (field, rule, value, expected), unnested and filtered to the broken ones.
 */
export function fieldViolationsSql(m: MessageSpec): string[] {
  const checks = m.fields
    .map(
      (f) =>
        `{'field': ${q(f.name)}, 'rule_id': ${ruleOf(m, f)}, 'value': ${col(f.name)}, 'expected': ${expectedOf(m, f)}, 'flag': ${q(f.flag ?? '')}}`,
    )
    .join(',\n');
  const missing = m.summary.map((x, i) => `(${i + 1}, ${q(x.code)})`).join(', ');
  return [
    ...(m.summary.length > 0
      ? [
          `INSERT INTO msg_viol SELECT 'MSG_E_SUMMARY_ORDER', s.line, ${q(`${m.code} 字段类别`)}, '', s.cat, NULL
            FROM (VALUES ${missing}) s(line, cat) ANTI JOIN ${rawTable(m)} r ON r.line = s.line`,
        ]
      : []),
    `INSERT INTO msg_viol SELECT 'MSG_E_FIELD_COUNT', line, ${q(m.code)}, len(f)::VARCHAR, '${m.fields.length}', NULL
      FROM ${rawTable(m)} WHERE len(f) <> ${m.fields.length}`,
    `INSERT INTO msg_viol
      SELECT v.rule_id, line, ${q(`${m.code} `)} || v.field, v.value,
        CASE WHEN v.rule_id = 'MSG_E_TYPE_WITHOUT_FLAG' THEN v.flag ELSE v.expected END, NULL
      FROM (SELECT line, unnest([${checks}]) AS v FROM ${typedTable(m)})
      WHERE v.rule_id IS NOT NULL`,
  ];
}
