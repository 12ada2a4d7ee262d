// The data dictionary of the loan file and the catalogue of validation rules, rendered as Markdown from the
// spec and rule catalogue themselves (docs/data-dictionary.md is generated from this and checked in CI).
import { REGISTRY_COLUMNS } from '../registry/import.ts';
import { QUALIFICATIONS } from '../registry/schema.sql.ts';
import { LOAN_COLUMNS_V1, LOAN_COLUMNS_V2, SPEC_V1, SPEC_V2, type LoanColumn } from './spec.ts';
import { rowChecks } from './validate/checks.sql.ts';
import { RULES, RULES_VERSION_V1, RULES_VERSION_V2 } from './validate/rules.ts';

const esc = (s: string) => s.replaceAll('|', '\\|');

/** The column table of one version of the loan file, with the Chinese labels of the code values. */
function columnTable(columns: readonly LoanColumn[]): string[] {
  const values = (c: LoanColumn) =>
    c.values
      ? c.values.map((v) => (c.value_labels?.[v] ? `${v} ${c.value_labels[v]}` : v)).join(', ') + '. '
      : '';
  const zh = (c: LoanColumn) => c.label_zh + (c.aliases_zh?.length ? ` (${c.aliases_zh.join('、')})` : '');
  return [
    '| column | 中文 | type | required | values / rule |',
    '| --- | --- | --- | --- | --- |',
    ...columns.map(
      (c) =>
        `| \`${c.name}\` | ${esc(zh(c))} | ${c.type}${c.maxLength ? ` ≤ ${c.maxLength}` : ''} | ${c.required ? 'yes' : 'no'} | ${esc(
          values(c) + c.rule,
        )} |`,
    ),
  ];
}

export function renderDataDictionary(): string {
  const lines: string[] = [
    '# Data dictionary — loan file and validation rules',
    '',
    `Generated from \`src/loans/spec.ts\` and \`src/loans/validate/rules.ts\` by \`node --import tsx scripts/data-dictionary.ts\`;`,
    'a test fails when this file is stale. Spec version `' +
      SPEC_V2 +
      '` (rule version `' +
      RULES_VERSION_V2 +
      '`); `' +
      SPEC_V1 +
      '` (rule version `' +
      RULES_VERSION_V1 +
      '`) is accepted during the transition.',
    '',
    '## Loan file `' + SPEC_V2 + '` (one institution, one reporting month; PBoC 2025 caliber)',
    '',
    'CSV (UTF-8 with or without BOM, or GB18030/GBK), XLSX (first sheet) or JSON lines; header names as below',
    '**or their Chinese labels** (中文 column, and the aliases in brackets), in any order; code values as below **or',
    'their Chinese labels** (e.g. `正常`, `信用`, `C01` or `单位贷款`; 是/否 for yes/no). Row numbers in reports count the',
    'header as row 1 (as Excel does). A district outside Chongqing (any GB/T 2260 county-level code) is accepted and',
    'reported as 市外. Amounts are 本外币合计折人民币, in yuan with 2 decimals.',
    '',
    ...columnTable(LOAN_COLUMNS_V2),
    '',
    '## Loan file `' + SPEC_V1 + '` (transition)',
    '',
    'Recognised by its header (it has `declared_areas` or `green_category`); checked by the v1 rules and classified',
    'under `classify-v1`. Accepted until the date set by `FIVEFIN_V1_ACCEPTED_UNTIL` (configuration); after it, the',
    'file is rejected with `LOAN_E_V1_EXPIRED`.',
    '',
    ...columnTable(LOAN_COLUMNS_V1),
  ];
  lines.push(
    '',
    'Personal identifiers (borrower types ' +
      '`small_business_owner`, `farmer`, `individual`) are replaced at ingest by HMAC-SHA256 with the platform key;',
    'their names are dropped. Entities are keyed by their 统一社会信用代码 (upper case, as the standard prints it). Values are taken exactly as written: no trimming, no separators.',
    '',
    '## Validation rules',
    '',
    'An **error** rejects the whole submission (nothing becomes visible); a **warning** is kept with the loan and',
    'reported. Every violation carries the rule id, the row, the column, the value and a message in Chinese and English.',
    '',
    '| rule | severity | scope | columns | 中文 | English |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const r of RULES) {
    const checks = [...rowChecks(SPEC_V2), ...rowChecks(SPEC_V1)];
    const all = [...LOAN_COLUMNS_V2, ...LOAN_COLUMNS_V1];
    const cols = [...new Set(checks.filter((c) => c.ruleId === r.id).map((c) => c.column))];
    if (r.id === 'LOAN_E_REQUIRED') cols.push(...new Set(all.filter((c) => c.required).map((c) => c.name)));
    if (r.id === 'LOAN_E_NEGATIVE_AMOUNT')
      cols.push(...new Set(all.filter((c) => c.type === 'money').map((c) => c.name)));
    if (r.id === 'LOAN_E_DUP_ID') cols.push('loan_id');
    lines.push(
      `| \`${r.id}\` | ${r.severity} | ${r.scope} | ${cols.map((c) => `\`${c}\``).join(' ') || '—'} | ${esc(r.message_zh)} | ${esc(r.message_en)} |`,
    );
  }
  lines.push(
    '',
    '## Enterprise registry file',
    '',
    'One row per (enterprise, qualification); rows with an empty qualification carry facts only. Columns:',
    REGISTRY_COLUMNS.map((c) => `\`${c}\``).join(', ') + '.',
    '',
    'Qualifications: ' +
      QUALIFICATIONS.map((q) => `\`${q}\``).join(', ') +
      '. Dates `YYYY-MM-DD`; `valid_to` empty = open.',
    'Revenue and total assets in 万元. The enterprise size is derived from the SME size rules (工信部联企业〔2011〕300号).',
    '',
  );
  return lines.join('\n');
}
