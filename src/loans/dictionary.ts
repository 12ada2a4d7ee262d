// The data dictionary of the loan file and the catalogue of validation rules, rendered as Markdown from the
// spec and rule catalogue themselves (docs/data-dictionary.md is generated from this and checked in CI).
import { REGISTRY_COLUMNS } from '../registry/import.ts';
import { QUALIFICATIONS } from '../registry/schema.sql.ts';
import { LOAN_COLUMNS, SPEC_VERSION } from './spec.ts';
import { ROW_CHECKS } from './validate/checks.sql.ts';
import { RULES, RULES_VERSION } from './validate/rules.ts';

const esc = (s: string) => s.replaceAll('|', '\\|');

export function renderDataDictionary(): string {
  const lines: string[] = [
    '# Data dictionary — loan file and validation rules',
    '',
    `Generated from \`src/loans/spec.ts\` and \`src/loans/validate/rules.ts\` by \`node --import tsx scripts/data-dictionary.ts\`;`,
    'a test fails when this file is stale. Spec version `' +
      SPEC_VERSION +
      '`, rule version `' +
      RULES_VERSION +
      '`.',
    '',
    '## Loan file (one institution, one reporting month)',
    '',
    'CSV (UTF-8 with or without BOM, or GB18030/GBK), XLSX (first sheet) or JSON lines; header names exactly as below,',
    'in any order. Row numbers in reports count the header as row 1 (as Excel does).',
    '',
    '| column | 中文 | type | required | values / rule |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const c of LOAN_COLUMNS)
    lines.push(
      `| \`${c.name}\` | ${c.label_zh} | ${c.type}${c.maxLength ? ` ≤ ${c.maxLength}` : ''} | ${c.required ? 'yes' : 'no'} | ${esc(
        c.values ? c.values.join(', ') + '. ' + c.rule : c.rule,
      )} |`,
    );
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
    const cols = [...new Set(ROW_CHECKS.filter((c) => c.ruleId === r.id).map((c) => c.column))];
    if (r.id === 'LOAN_E_REQUIRED') cols.push(...LOAN_COLUMNS.filter((c) => c.required).map((c) => c.name));
    if (r.id === 'LOAN_E_NEGATIVE_AMOUNT')
      cols.push(...LOAN_COLUMNS.filter((c) => c.type === 'money').map((c) => c.name));
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
