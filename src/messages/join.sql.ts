// The set-level checks and the join, in DuckDB SQL (FIELDS.md §E L-6, L-8, L-9 and the summary rows): key
// uniqueness, every loan row joined to the base loan file (`msg_base`, loan-file-v2 column names) by 贷款借据编码
// (bills: 票据编号), stock/flow agreement, the 交易流水号 of one loan across the flow messages, the summary rows
// against fivefin's sums; then the loan-file-v2 rows the one-file upload would have, written as a CSV.
import { INCLUSIVE_FLAGS } from '../loans/spec.codes.ts';
import { typedTable } from './fields.sql.ts';
import { INCLUSIVE_FIELDS, type MessageArea, type MessageSpec } from './spec.ts';
import { summarySql } from './summary.sql.ts';

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
const keyColumn = (t: string) => `CASE WHEN ${t}."业务类别" = 'C03' THEN '票据编号' ELSE '贷款借据编码' END`;
const label = (m: MessageSpec, t: string) => `${q(`${m.code} `)} || ${keyColumn(t)}`;
const amountOf = (m: MessageSpec) => (m.kind === 'stock' ? 'balance' : 'issued_amount');

/** The message's loan rows joined to their base loans, with amt, rate and borrower for the summary rows. */
export function joinedSql(m: MessageSpec): string {
  return `SELECT t.*, TRY_CAST(b.${amountOf(m)} AS DECIMAL(18,2)) AS amt,
      TRY_CAST(b.interest_rate AS DECIMAL(12,6)) AS rate, b.borrower_id AS borrower
    FROM ${typedTable(m)} t JOIN msg_base b ON b.loan_id = t.key WHERE NOT t.is_summary`;
}

/** The checks of one message against itself and the base loan file. */
export function messageChecksSql(m: MessageSpec): string[] {
  const t = typedTable(m);
  const partition =
    m.kind === 'stock' ? 'key, "业务类别" = \'C03\'' : 'key, "业务类别" = \'C03\', "交易流水号"';
  const out = [
    `INSERT INTO msg_viol SELECT 'MSG_E_DUPLICATE_KEY', line, ${label(m, 'd')}, key, first::VARCHAR, NULL
      FROM (SELECT line, key, "业务类别", min(line) OVER (PARTITION BY ${partition}) AS first
            FROM ${t} WHERE NOT is_summary) d WHERE line > first`,
    `INSERT INTO msg_viol SELECT 'MSG_E_UNJOINED', t.line, ${label(m, 't')}, t.key, NULL, NULL
      FROM ${t} t ANTI JOIN msg_base b ON b.loan_id = t.key WHERE NOT t.is_summary`,
    `INSERT INTO msg_viol SELECT 'MSG_E_BIZ_MISMATCH', t.line, ${q(`${m.code} 业务类别`)}, t."业务类别", b.business_category, NULL
      FROM ${t} t JOIN msg_base b ON b.loan_id = t.key WHERE NOT t.is_summary AND t."业务类别" <> b.business_category`,
    `INSERT INTO msg_viol SELECT '${m.kind === 'stock' ? 'MSG_W_STOCK_NO_BALANCE' : 'MSG_W_FLOW_NOT_ISSUED'}', line,
        ${label(m, 'j')}, key, NULL, NULL
      FROM (${joinedSql(m)}) j WHERE coalesce(amt, 0) = 0`,
  ];
  if (m.area === 'green')
    out.push(`INSERT INTO msg_viol SELECT 'MSG_E_GREEN_NO_ITEM', t.line, ${label(m, 't')}, t.key, NULL, NULL
      FROM ${t} t JOIN msg_base b ON b.loan_id = t.key WHERE coalesce(b.green_item, '') = ''`);
  if (m.summary.length > 0) {
    const compare = (field: string, computed: string) =>
      `SELECT 'MSG_W_SUMMARY_DIFFERS', t.line, ${q(`${m.code} ${field}`)}, t."${field}", s.${computed}, s.cat
        FROM ${t} t JOIN s ON s.line = t.line WHERE t.is_summary AND t."字段类别" = s.cat AND t."${field}" <> s.${computed}`;
    const countField = m.fields[3]?.name ?? '';
    out.push(`INSERT INTO msg_viol WITH j AS (${joinedSql(m)}), s AS (${summarySql(m, 'j')})
      ${compare('贷款汇总金额', 'amount')} UNION ALL ${compare('贷款汇总加权平均利率', 'rate')}
      UNION ALL ${compare(countField, 'n')}`);
  }
  return out;
}

/** The fields that carry an area's content (what stock and flow must agree on). */
const payload = (m: MessageSpec) =>
  m.fields.filter((f) => f.type === 'flag' || f.type === 'code').map((f) => f.name);

/** Checks between the messages of the set: stock/flow agreement per area, one 交易流水号 per loan. */
export function crossChecksSql(present: readonly MessageSpec[]): string[] {
  const out: string[] = [];
  for (const flow of present.filter((m) => m.kind === 'flow')) {
    const stock = present.find((m) => m.area === flow.area && m.kind === 'stock');
    if (!stock) continue;
    for (const f of payload(flow))
      out.push(`INSERT INTO msg_viol SELECT 'MSG_E_STOCK_FLOW', fl.line, ${q(`${flow.code} ${f}`)}, fl."${f}", st."${f}", NULL
        FROM ${typedTable(flow)} fl JOIN ${typedTable(stock)} st ON st.key = fl.key AND st."业务类别" = fl."业务类别"
        WHERE NOT fl.is_summary AND NOT st.is_summary AND fl."${f}" <> st."${f}"`);
  }
  const flows = present.filter((m) => m.kind === 'flow');
  if (flows.length > 1)
    out.push(`INSERT INTO msg_viol SELECT 'MSG_W_TXN_DIFFERS', NULL, '交易流水号', key || ': ' || string_agg(DISTINCT txn, ', ' ORDER BY txn), NULL, NULL
      FROM (${flows.map((m) => `SELECT key, "交易流水号" AS txn FROM ${typedTable(m)} WHERE NOT is_summary`).join(' UNION ALL ')})
      GROUP BY key HAVING count(DISTINCT txn) > 1`);
  return out;
}

/** Base loans with a green_item that no green message lists (own loans and direct bills only). */
export function greenUnlistedSql(present: readonly MessageSpec[]): string {
  const listed = present
    .filter((m) => m.area === 'green')
    .map((m) => `SELECT key FROM ${typedTable(m)}`)
    .join(' UNION ALL ');
  return `INSERT INTO msg_viol SELECT 'MSG_W_GREEN_UNLISTED', row_no + 1, 'green_item', green_item, NULL, NULL
    FROM msg_base WHERE coalesce(green_item, '') <> '' AND loan_nature = 'own'
      AND (business_category <> 'C03' OR bill_discount_method = 'direct')
      ${listed ? `AND loan_id NOT IN (${listed})` : ''}`;
}

/** The loan-file-v2 columns each area's messages give, as SQL over a message row (NULL = none). */
export const AREA_COLUMNS: Record<Exclude<MessageArea, 'green'>, Record<string, string>> = {
  tech: {
    tech_htp: `CASE WHEN "是否高技术制造业贷款" = '1' THEN "高技术制造业贷款类型" END`,
    tech_hts: `CASE WHEN "是否高技术服务业贷款" = '1' THEN "高技术服务业贷款类型" END`,
    tech_sei: `CASE WHEN "是否战略性新兴产业贷款" = '1' THEN "战略性新兴产业贷款类型" END`,
    tech_ipi: `CASE WHEN "是否知识产权（专利）密集型产业贷款" = '1' THEN "知识产权（专利）密集型产业贷款类型" END`,
  },
  inclusive: {
    inclusive_flags: `nullif(array_to_string(list_filter([${INCLUSIVE_FIELDS.map(
      (f, i) => `CASE WHEN "${f}" = '1' THEN '${INCLUSIVE_FLAGS[i]}' END`,
    ).join(', ')}], x -> x IS NOT NULL), ';'), '')`,
  },
  pension: {
    pension_type: `"养老产业贷款类型"`,
    elderly_institution: `CASE WHEN "是否全国养老机构贷款" = '1' THEN 'true' ELSE 'false' END`,
  },
  digital: {
    digital_core: `CASE WHEN "是否数字经济核心产业贷款" = '1' THEN "数字经济核心产业贷款类型" END`,
    digital_efficiency: `CASE WHEN "是否数字化效率提升业贷款" = '1' THEN 'true' ELSE 'false' END`,
  },
};
/** The value of a column the messages give when no message lists the loan. */
const ABSENT: Record<string, string> = { elderly_institution: `'false'`, digital_efficiency: `'false'` };

/** Creates msg_area_<area>: per key the area's loan-file-v2 columns, from the stock row, else the flow row. */
export function areaTableSql(area: keyof typeof AREA_COLUMNS, present: readonly MessageSpec[]): string {
  const cols = Object.entries(AREA_COLUMNS[area]);
  const parts = present
    .filter((m) => m.area === area)
    .map(
      (m) =>
        `SELECT key, ${m.kind === 'stock' ? 0 : 1} AS pri, ${cols.map(([n, e]) => `${e} AS ${n}`).join(', ')}
         FROM ${typedTable(m)} WHERE NOT is_summary`,
    );
  const body =
    parts.length > 0
      ? parts.join(' UNION ALL ')
      : `SELECT NULL::VARCHAR AS key, 0 AS pri, ${cols.map(([n]) => `NULL::VARCHAR AS ${n}`).join(', ')} WHERE false`;
  return `CREATE OR REPLACE TEMP TABLE msg_area_${area} AS
    SELECT * EXCLUDE (pri) FROM (${body}) QUALIFY row_number() OVER (PARTITION BY key ORDER BY pri) = 1`;
}

/** Copies the joined loan-file-v2 rows (in base file order) to the CSV at parameter 1. */
export function writeV2Sql(columns: readonly string[], baseColumns: ReadonlySet<string>): string {
  const derived = new Map<string, string>();
  for (const [area, cols] of Object.entries(AREA_COLUMNS))
    for (const name of Object.keys(cols)) derived.set(name, area);
  const select = columns
    .filter((c) => derived.has(c) || baseColumns.has(c))
    .map((c) => {
      const area = derived.get(c);
      return area
        ? `nullif(coalesce(a_${area}.${c}, ${ABSENT[c] ?? 'NULL'}), '') AS ${c}`
        : `nullif(b."${c}", '') AS "${c}"`;
    })
    .join(', ');
  const joins = Object.keys(AREA_COLUMNS)
    .map((area) => `LEFT JOIN msg_area_${area} a_${area} ON a_${area}.key = b.loan_id`)
    .join(' ');
  return `COPY (SELECT ${select} FROM msg_base b ${joins} ORDER BY b.row_no) TO ? (FORMAT csv, HEADER true)`;
}
