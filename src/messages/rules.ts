// The catalogue of message-set rules (FIELDS.md §D–E; the ids are fivefin's, the PBoC publishes none): stable
// ids, severity and bilingual message templates. Pure data. Errors reject the whole set; warnings are reported
// and need the bank's 校验说明, as for a loan file. A violation's row is the line of the .dat file (1 = first
// record), its column `<报文> <字段>`.
import type { Violation } from '../loans/validate/rules.ts';

interface MessageRule {
  id: string;
  message_zh: string;
  message_en: string;
}

const r = (id: string, message_zh: string, message_en: string): MessageRule => ({
  id,
  message_zh,
  message_en,
});

export const MESSAGE_RULES: readonly MessageRule[] = [
  // The set and its files (F-1 … F-3).
  r(
    'MSG_E_NO_BASE',
    '报文集须含且只含一个基础贷款文件（CSV），实有 {value} 个',
    'A message set needs exactly one base loan file (CSV); it has {value}',
  ),
  r('MSG_E_BASE_COLUMN', '基础贷款文件缺少列 {column}', 'The base loan file lacks column {column}'),
  r(
    'MSG_E_FILE_NAME',
    '文件名 {value} 不符合 <机构代码>_<报文>_<YYYYMMDD>.dat（日期为月末）',
    'File name {value} is not <institution>_<message>_<YYYYMMDD>.dat (a month end)',
  ),
  r(
    'MSG_E_SET_MISMATCH',
    '报文集的机构或报告期不一致：{value}，应为 {expected}',
    'The set mixes institutions or periods: {value}, expected {expected}',
  ),
  r('MSG_E_LOG_MISSING', '缺少校验文件 {expected}', 'The check file {expected} is missing'),
  r(
    'MSG_E_LOG_FORMAT',
    '校验文件须为5行：文件名、MD5、字节数、生成时间（YYYY-MM-DD HH:MM:SS）、记录数：{detail}',
    'A .log file has 5 lines: file name, MD5, bytes, creation time (YYYY-MM-DD HH:MM:SS), records: {detail}',
  ),
  r(
    'MSG_E_LOG_NAME',
    '校验文件中的文件名 {value} 与数据文件 {expected} 不符',
    'The .log names {value}, the data file is {expected}',
  ),
  r(
    'MSG_E_LOG_MD5',
    '数据文件的MD5为 {expected}，校验文件记载 {value}',
    "The data file's MD5 is {expected}; the .log says {value}",
  ),
  r(
    'MSG_E_LOG_BYTES',
    '数据文件为 {expected} 字节，校验文件记载 {value}',
    'The data file has {expected} bytes; the .log says {value}',
  ),
  r(
    'MSG_E_LOG_LINES',
    '数据文件有 {expected} 条记录，校验文件记载 {value}',
    'The data file has {expected} records; the .log says {value}',
  ),
  r(
    'MSG_E_ENCODING',
    '数据文件须为不带BOM的UTF-8，以LF换行：{detail}',
    'A data file is UTF-8 without BOM with LF line ends: {detail}',
  ),
  // Fields (B-1 … B-3, L-7).
  r(
    'MSG_E_FIELD_COUNT',
    '该行有 {value} 个字段，应为 {expected} 个（以“|”分隔，末尾无分隔符）',
    'The line has {value} fields, expected {expected} (separated by |, none trailing)',
  ),
  r('MSG_E_REQUIRED', '{column} 不能为空', '{column} is required'),
  r('MSG_E_NOT_EMPTY', '{column} 在此行须为空', '{column} must be empty on this line'),
  r(
    'MSG_E_FORMAT',
    '{column} 的值 {value} 不符合格式 {expected}',
    '{column}: {value} does not match the format {expected}',
  ),
  r(
    'MSG_E_CODE',
    '{column} 的值 {value} 不在代码表中（{expected}）',
    '{column}: {value} is not a listed code ({expected})',
  ),
  // Logic (L-1 … L-6).
  r(
    'MSG_E_SUMMARY_ORDER',
    '字段类别应为 {expected}，实为 {value}（汇总行在前且按序，其后为逐笔数据）',
    '字段类别 should be {expected}, is {value} (summary rows first and in order, then loan rows)',
  ),
  r(
    'MSG_E_TYPE_WITHOUT_FLAG',
    '{column} 须且仅须在 {expected} 为1时填报',
    '{column} is filled exactly when {expected} is 1',
  ),
  r('MSG_E_C02', '该报文不应填报个人贷款（业务类别C02）', 'This message takes no C02 (personal) loans'),
  r(
    'MSG_E_BILL_KEYS',
    '票据行的合同编码与借据编码须为0、票据编号须填；非票据行的票据编号须为0',
    'A bill line has 合同编码 and 借据编码 0 and a 票据编号; other lines have 票据编号 0',
  ),
  r(
    'MSG_E_DUPLICATE_KEY',
    '{column} {value} 在本报文中重复（首次在第 {expected} 行）',
    '{column} {value} repeats in this message (first on line {expected})',
  ),
  // Cross-checks with the base loan file and between messages (L-8, L-9).
  r(
    'MSG_E_UNJOINED',
    '{column} {value} 在基础贷款文件中不存在',
    '{column} {value} is not in the base loan file',
  ),
  r(
    'MSG_E_BIZ_MISMATCH',
    '业务类别 {value} 与基础贷款文件中的 {expected} 不符',
    '业务类别 {value} differs from {expected} in the base loan file',
  ),
  r(
    'MSG_E_STOCK_FLOW',
    '同一借据在存量与发生额报文中的 {column} 不一致：发生额 {value}，存量 {expected}',
    'The stock and flow messages disagree on {column} of the same loan: flow {value}, stock {expected}',
  ),
  r(
    'MSG_E_GREEN_NO_ITEM',
    '绿色贷款报文所列贷款在基础贷款文件中无绿色贷款用途（green_item）',
    'A loan in the green message has no green_item in the base loan file',
  ),
  r(
    'MSG_W_STOCK_NO_BALANCE',
    '存量报文所列贷款在基础贷款文件中余额为0',
    'A loan in a stock message has a zero balance in the base loan file',
  ),
  r(
    'MSG_W_FLOW_NOT_ISSUED',
    '发生额报文所列贷款在基础贷款文件中本月发放额为0',
    'A loan in a flow message has no amount issued in the month in the base loan file',
  ),
  r(
    'MSG_W_GREEN_UNLISTED',
    '基础贷款文件中有绿色贷款用途 {value}，但该贷款不在绿色贷款报文中',
    'The base loan file gives green_item {value}, but the loan is in no green message',
  ),
  r(
    'MSG_W_TXN_DIFFERS',
    '同一借据在各发生额报文中的交易流水号不一致：{value}',
    'The flow messages give the same loan different 交易流水号: {value}',
  ),
  r(
    'MSG_W_SUMMARY_DIFFERS',
    '汇总行 {detail} 的 {column} 为 {value}，按逐笔数据与基础贷款文件计算为 {expected}',
    'Summary row {detail}: {column} is {value}; the loan rows and base file give {expected}',
  ),
];

const BY_ID = new Map(MESSAGE_RULES.map((x) => [x.id, x]));

/** Where a violation stands and what it is about (the template placeholders). */
export interface MessageAt {
  row?: number | null;
  column?: string | null;
  value?: string | null;
  expected?: string | null;
  detail?: string | null;
}

/** Renders a message-set rule for one violation, in the loan ingest's violation shape (one kind of report). */
export function messageViolation(id: string, at: MessageAt): Violation {
  const x = BY_ID.get(id);
  if (!x) throw new Error(`unknown message rule ${id}`);
  const fill = (t: string) =>
    t
      .replaceAll('{column}', at.column ?? '')
      .replaceAll('{value}', at.value ?? '')
      .replaceAll('{expected}', at.expected ?? '')
      .replaceAll('{detail}', at.detail ?? '');
  return {
    rule_id: id,
    severity: id.startsWith('MSG_W_') ? 'warning' : 'error',
    row: at.row ?? null,
    column: at.column ?? null,
    value: at.value ?? null,
    expected: at.expected ?? null,
    detail: at.detail ?? null,
    message_zh: fill(x.message_zh),
    message_en: fill(x.message_en),
  };
}
