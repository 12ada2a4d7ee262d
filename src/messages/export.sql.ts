// The reverse of the join, in DuckDB SQL: the ten messages of one institution-period from its loans (relation
// `msg_book`), each loan in the messages of its areas — stock when it has a balance, flow when it was issued in
// the month; own loans and directly discounted bills only (the PBoC scope), never C02 in 科技/数字 — with the
// summary rows computed by summary.sql.ts.
import { INCLUSIVE_FLAGS } from '../loans/spec.codes.ts';
import { INCLUSIVE_FIELDS, type MessageArea, type MessageSpec } from './spec.ts';
import { summarySql } from './summary.sql.ts';

const set = (c: string) => `coalesce(${c}, '') <> ''`;
const flag = (cond: string) => `CASE WHEN ${cond} THEN '1' ELSE '0' END`;

/** Each message field as SQL over a `msg_book` row (fields not listed are sent empty). */
const FIELD_SQL: Record<string, string> = {
  金融机构代码: 'institution_code',
  内部机构号: 'branch_code',
  贷款合同编码: `CASE WHEN business_category = 'C03' THEN '0' ELSE contract_id END`,
  贷款借据编码: `CASE WHEN business_category = 'C03' THEN '0' ELSE loan_id END`,
  票据编号: `CASE WHEN business_category = 'C03' THEN loan_id ELSE '0' END`,
  交易流水号: `'FS' || strftime(issue_date, '%Y%m%d') || substr(md5(loan_id), 1, 16)`,
  是否高技术制造业贷款: flag(set('tech_htp')),
  高技术制造业贷款类型: `coalesce(tech_htp, '')`,
  是否高技术服务业贷款: flag(set('tech_hts')),
  高技术服务业贷款类型: `coalesce(tech_hts, '')`,
  是否战略性新兴产业贷款: flag(set('tech_sei')),
  战略性新兴产业贷款类型: `coalesce(tech_sei, '')`,
  '是否知识产权（专利）密集型产业贷款': flag(set('tech_ipi')),
  '知识产权（专利）密集型产业贷款类型': `coalesce(tech_ipi, '')`,
  ...Object.fromEntries(
    INCLUSIVE_FIELDS.map((f, i) => [
      f,
      flag(`list_contains(coalesce(inclusive_flags, []), '${INCLUSIVE_FLAGS[i]}')`),
    ]),
  ),
  养老产业贷款类型: `coalesce(pension_type, '')`,
  是否全国养老机构贷款: flag('coalesce(elderly_institution, false)'),
  是否数字经济核心产业贷款: flag(set('digital_core')),
  数字经济核心产业贷款类型: `coalesce(digital_core, '')`,
  是否数字化效率提升业贷款: flag('coalesce(digital_efficiency, false)'),
  业务类别: 'business_category',
};

/** Whether a loan belongs in an area's messages. */
const IN_AREA: Record<MessageArea, string> = {
  tech: `(${set('tech_htp')} OR ${set('tech_hts')} OR ${set('tech_sei')} OR ${set('tech_ipi')})`,
  green: set('green_item'),
  inclusive: 'len(coalesce(inclusive_flags, [])) > 0',
  pension: set('pension_type'),
  digital: `(${set('digital_core')} OR coalesce(digital_efficiency, false))`,
};

/** The export's table of the loan rows of message `m`: its fields plus amt, rate, borrower, row_no. */
export const exportTable = (m: MessageSpec): string => `msg_exp_${m.code.toLowerCase()}`;

/** Creates the loan rows of message `m` from msg_book. */
export function exportRowsSql(m: MessageSpec): string {
  const fields = m.fields
    .filter((f) => FIELD_SQL[f.name])
    .map((f) => `${FIELD_SQL[f.name]} AS "${f.name}"`)
    .join(', ');
  const amount = m.kind === 'stock' ? 'balance' : 'issued_amount';
  return `CREATE OR REPLACE TEMP TABLE ${exportTable(m)} AS
    SELECT row_no, ${fields}, ${amount} AS amt, interest_rate AS rate, borrower FROM msg_book
    WHERE loan_nature = 'own' AND (business_category <> 'C03' OR bill_discount_method = 'direct')
      ${m.allowsC02 ? '' : `AND business_category <> 'C02'`} AND ${amount} > 0 AND ${IN_AREA[m.area]}`;
}

/** Copies message `m` (summary rows, then loan rows in book order) to the .dat at parameter 1. */
export function writeMessageSql(m: MessageSpec): string {
  const loanLine = m.fields
    .map((f) =>
      f.type === 'cat' ? `'${m.loanMarker}'` : FIELD_SQL[f.name] ? `coalesce("${f.name}", '')` : `''`,
    )
    .join(', ');
  const rest = m.fields.length - 4;
  const summary =
    m.summary.length > 0
      ? `SELECT 0 AS part, line AS ord,
           array_to_string([cat, amount, rate, n, ${Array(rest).fill("''").join(', ')}], '|') AS text
         FROM (${summarySql(m, exportTable(m))}) UNION ALL `
      : '';
  return `COPY (SELECT text FROM (${summary}
      SELECT 1 AS part, row_no AS ord, array_to_string([${loanLine}], '|') AS text FROM ${exportTable(m)})
    ORDER BY part, ord) TO ? (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\\t')`;
}

/** msg_book from the stored loans in force of one institution and period (parameters 1, 2). */
export const STORED_BOOK_SQL = `CREATE OR REPLACE TEMP TABLE msg_book AS
  SELECT row_no, loan_id, contract_id, institution_code, branch_code, business_category, bill_discount_method,
    loan_nature, balance, issued_amount, interest_rate, borrower_key AS borrower, issue_date, tech_htp, tech_hts,
    tech_sei, tech_ipi, green_item, inclusive_flags, pension_type, elderly_institution, digital_core,
    digital_efficiency
  FROM loans_current WHERE institution_code = ? AND report_period = ?`;

/** msg_book from a loan-file-v2 CSV (parameter 1; English header, as the template and the demo write it). */
export const CSV_BOOK_SQL = `CREATE OR REPLACE TEMP TABLE msg_book AS
  SELECT row_number() OVER () AS row_no, loan_id, contract_id, institution_code, branch_code, business_category,
    bill_discount_method, loan_nature, TRY_CAST(balance AS DECIMAL(18,2)) AS balance,
    TRY_CAST(issued_amount AS DECIMAL(18,2)) AS issued_amount, TRY_CAST(interest_rate AS DECIMAL(12,6)) AS interest_rate,
    borrower_id AS borrower, TRY_CAST(issue_date AS DATE) AS issue_date, tech_htp, tech_hts, tech_sei, tech_ipi,
    green_item, string_split(nullif(inclusive_flags, ''), ';') AS inclusive_flags, pension_type,
    elderly_institution = 'true' AS elderly_institution, digital_core, digital_efficiency = 'true' AS digital_efficiency
  FROM read_csv(?, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;
