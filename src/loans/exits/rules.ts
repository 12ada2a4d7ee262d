// The rules of the loan-exits file (loan-exits-v1, DATA-SPEC v2 §2): ids, severity and bilingual messages.
// Pure data. Errors reject the whole file; warnings are kept and reported.
import type { Severity } from '../validate/rules.ts';

export interface ExitRule {
  id: string;
  severity: Severity;
  message_zh: string;
  message_en: string;
}

/** The version of the exits file and of its rules. */
export const EXITS_SPEC = 'loan-exits-v1' as const;

/** Exit reasons (DATA-SPEC v2 §2) with their Chinese labels (accepted as values too). */
export const EXIT_REASONS: Record<string, string> = {
  repaid: '正常还款',
  written_off: '核销',
  transferred: '转让',
  securitized: '资产证券化出表',
  foreclosed: '以物抵债',
  other: '其他',
};

/** The columns of the file (English header names or their Chinese labels). */
export const EXIT_COLUMNS: Record<string, string> = {
  report_period: '报告期',
  institution_code: '金融机构代码',
  loan_id: '贷款借据编码',
  exit_reason: '退出原因',
  amount: '金额',
};

const r = (id: string, message_zh: string, message_en: string): ExitRule => ({
  id,
  severity: id.startsWith('EXIT_W_') ? 'warning' : 'error',
  message_zh,
  message_en,
});

export const EXIT_RULES: readonly ExitRule[] = [
  r('EXIT_E_UNREADABLE', '无法读取文件：{detail}', 'The file cannot be read: {detail}'),
  r('EXIT_E_HEADER_MISSING', '表头缺少列 {column}', 'The header lacks column {column}'),
  r('EXIT_E_NO_ROWS', '文件没有数据行', 'The file has no data rows'),
  r('EXIT_E_REQUIRED', '{column} 不能为空', '{column} is required'),
  r('EXIT_E_BAD_PERIOD', '报告期 "{value}" 不是 YYYY-MM', 'report_period "{value}" is not YYYY-MM'),
  r(
    'EXIT_E_PERIOD_MISMATCH',
    '报告期 {value} 与本文件的报告期 {expected} 不一致',
    'report_period {value} differs from the file’s period {expected}',
  ),
  r(
    'EXIT_E_INSTITUTION_MISMATCH',
    '机构代码 {value} 与报送机构 {expected} 不一致',
    'institution_code {value} differs from the submitting institution {expected}',
  ),
  r(
    'EXIT_E_UNKNOWN_INSTITUTION',
    '机构代码 {value} 未在平台登记',
    'Institution code {value} is not registered',
  ),
  r(
    'EXIT_E_BAD_REASON',
    '退出原因 "{value}" 不在代码表中（{expected}）',
    'exit_reason "{value}" is not one of {expected}',
  ),
  r(
    'EXIT_E_BAD_AMOUNT',
    '金额 "{value}" 不是大于0、最多两位小数的数字（元）',
    'amount "{value}" is not a number > 0 with at most 2 decimals (yuan)',
  ),
  r('EXIT_E_DUP_LOAN', '借据 {value} 在本文件中重复', 'loan_id {value} appears twice in the file'),
  r(
    'EXIT_W_LOAN_UNKNOWN',
    '借据 {value} 不在本机构上月报送的贷款中',
    'loan_id {value} is not among the institution’s loans of the month before',
  ),
];

/** A rule by id (a programmer error when unknown). */
export function exitRule(id: string): ExitRule {
  const rule = EXIT_RULES.find((x) => x.id === id);
  if (!rule) throw new Error(`unknown exit rule ${id}`);
  return rule;
}
