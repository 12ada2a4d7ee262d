// The catalogue of loan-file validation rules: stable ids, severity, scope and bilingual message templates.
// Pure data. Errors reject the whole submission; warnings are kept and reported. The SQL that detects each
// row rule lives in checks.sql.ts; file-level rules are detected by the ingest before any row is read.

/** Errors reject; warnings are kept and reported; notices (LOAN_N_) only inform. */
export type Severity = 'error' | 'warning' | 'notice';
export type RuleScope = 'file' | 'row' | 'set';

export interface Rule {
  id: string;
  severity: Severity;
  scope: RuleScope;
  /** Message templates; `{column}`, `{value}`, `{expected}` and `{detail}` are filled in at the edge. */
  message_zh: string;
  message_en: string;
}

/** Version of the rules of loan-file-v1 files (kept during the transition). */
export const RULES_VERSION_V1 = 'validate-v1';
/** Version of the rules of loan-file-v2 files (PBoC 2025 caliber). */
export const RULES_VERSION_V2 = 'validate-v2';
export const RULES_VERSION = RULES_VERSION_V2;

const r = (id: string, scope: RuleScope, message_zh: string, message_en: string): Rule => ({
  id,
  severity: id.startsWith('LOAN_W_') ? 'warning' : id.startsWith('LOAN_N_') ? 'notice' : 'error',
  scope,
  message_zh,
  message_en,
});

export const RULES: readonly Rule[] = [
  // File-level rules.
  r('LOAN_E_EMPTY_FILE', 'file', '文件为空（0字节）', 'The file is empty (0 bytes)'),
  r('LOAN_E_NO_ROWS', 'file', '文件只有表头，没有数据行', 'The file has a header but no data rows'),
  r(
    'LOAN_E_UNSUPPORTED_ENCODING',
    'file',
    '不支持的文件编码：{detail}；请保存为 UTF-8 或 GB18030',
    'Unsupported encoding: {detail}; save the file as UTF-8 or GB18030',
  ),
  r(
    'LOAN_E_BAD_ENCODING',
    'row',
    '该行含有不符合 {expected} 编码的字节',
    'The row has bytes that are not valid {expected}',
  ),
  r('LOAN_E_HEADER_MISSING', 'file', '表头缺少列 {column}', 'The header lacks column {column}'),
  r(
    'LOAN_E_HEADER_UNKNOWN',
    'file',
    '表头含有未定义的列 {column}',
    'The header has an unknown column {column}',
  ),
  r('LOAN_E_HEADER_DUPLICATE', 'file', '表头列 {column} 重复', 'The header repeats column {column}'),
  r(
    'LOAN_E_V1_EXPIRED',
    'file',
    '旧版报送格式 loan-file-v1 的过渡期已于 {expected} 结束，请按 loan-file-v2 报送',
    'The transition for loan-file-v1 files ended on {expected}; submit a loan-file-v2 file',
  ),
  r(
    'LOAN_E_UNKNOWN_INSTITUTION',
    'file',
    '机构代码 {value} 未在平台登记',
    'Institution code {value} is not registered',
  ),
  r('LOAN_E_UNREADABLE', 'file', '无法读取文件：{detail}', 'The file cannot be read: {detail}'),
  r('LOAN_E_MALFORMED_ROW', 'row', '该行格式错误：{detail}', 'Malformed row: {detail}'),
  r(
    'LOAN_E_LINE_TOO_LONG',
    'row',
    '该行超过 {expected} 字节的上限（未读取）',
    'The row is longer than the limit of {expected} bytes (not read)',
  ),
  r(
    'LOAN_E_TOO_MANY_COLUMNS',
    'file',
    '表头有 {value} 列，超过 {expected} 列的上限',
    'The header has {value} columns, more than the limit of {expected}',
  ),
  // Reading rules of the containers (issue 12): legacy Excel, workbook cells, bounds.
  r(
    'LOAN_E_XLS_UNSUPPORTED',
    'file',
    '不支持 Excel 97–2003（.xls）文件；请另存为 .xlsx 或 CSV UTF-8',
    'Excel 97–2003 (.xls) is not supported; save as .xlsx or CSV UTF-8',
  ),
  r(
    'LOAN_E_XLSX_NOT_CALCULATED',
    'row',
    '{column} 是未计算的公式或错误值（{detail}）：请在 Excel 中打开并保存，或复制后“粘贴为数值”',
    '{column} is a formula without a calculated value or an error value ({detail}): open and save it in Excel, or paste values',
  ),
  r(
    'LOAN_E_XLSX_NUMBER_IN_TEXT',
    'row',
    '{column} 是数值单元格 {value}：Excel 只保留 15 位有效数字并去掉前导 0；请把该列设置为“文本”格式后重新录入',
    '{column} is a number cell ({value}): Excel keeps 15 significant digits and drops leading zeros; format the column as text and enter the values again',
  ),
  r('LOAN_E_XLSX_TOO_LARGE', 'file', '工作簿超出限制：{detail}', 'The workbook exceeds a limit: {detail}'),
  r(
    'LOAN_E_XLSX_DTD',
    'file',
    '工作簿的 XML 部件 {detail} 含有 DTD（实体）声明，拒收',
    'The workbook part {detail} declares a DTD (entities); refused',
  ),
  r('LOAN_E_JSON_UNKNOWN_KEY', 'row', '该行含有未定义的键 {column}', 'The line has an unknown key {column}'),
  r(
    'LOAN_E_INVISIBLE_CHAR',
    'row',
    '{column} 含有不可见字符 {expected}（如从网页或聊天复制时带入）；请删除',
    '{column} contains the invisible character {expected} (e.g. copied from a web page or chat); remove it',
  ),
  r(
    'LOAN_N_EMPTY_ROWS',
    'file',
    '{value} 个没有任何值的空行已忽略',
    '{value} rows without any value were ignored',
  ),
  // Column rules.
  r('LOAN_E_REQUIRED', 'row', '{column} 为必填项', '{column} is required'),
  r(
    'LOAN_E_TOO_LONG',
    'row',
    '{column} 超过最大长度 {expected}',
    '{column} is longer than {expected} characters',
  ),
  r(
    'LOAN_E_BAD_PERIOD',
    'row',
    '报告期 "{value}" 不是 YYYY-MM 格式',
    'Report period "{value}" is not YYYY-MM',
  ),
  r(
    'LOAN_E_PERIOD_MISMATCH',
    'row',
    '报告期 {value} 与本次报送期 {expected} 不一致',
    'Report period {value} differs from the submission period {expected}',
  ),
  r(
    'LOAN_E_INSTITUTION_MISMATCH',
    'row',
    '机构代码 {value} 与本次报送机构 {expected} 不一致',
    'Institution code {value} differs from the submitting institution {expected}',
  ),
  r(
    'LOAN_E_DUP_ID',
    'set',
    '借据编号 {value} 在文件中重复（另见第 {detail} 行）',
    'Loan ID {value} is repeated in the file (see also row {detail})',
  ),
  r(
    'LOAN_E_BAD_CREDIT_CODE',
    'row',
    '统一社会信用代码 "{value}" 格式或校验位错误',
    'Unified social credit code "{value}" is malformed or its check digit is wrong',
  ),
  r(
    'LOAN_E_BAD_PERSON_ID',
    'row',
    '个人证件号码 "{value}" 格式或校验位错误',
    'Personal ID number "{value}" is malformed or its check digit is wrong',
  ),
  r('LOAN_E_NAME_REQUIRED', 'row', '非个人借款人须填写借款人名称', 'Borrower name is required for entities'),
  r(
    'LOAN_E_BAD_ENUM',
    'row',
    '{column} 的值 "{value}" 不在代码表内（{expected}）',
    '{column} value "{value}" is not one of {expected}',
  ),
  r(
    'LOAN_E_SIZE_REQUIRED',
    'row',
    '借款人类型为企业时须填写企业规模',
    'Enterprise size is required when borrower_type is enterprise',
  ),
  r(
    'LOAN_E_UNKNOWN_INDUSTRY',
    'row',
    '行业代码 "{value}" 不是 GB/T 4754-2017 的小类',
    'Industry code "{value}" is not a GB/T 4754-2017 class',
  ),
  r(
    'LOAN_E_UNKNOWN_DISTRICT',
    'row',
    '区县代码 "{value}" 不是重庆市区县代码',
    'District code "{value}" is not a Chongqing county-level code',
  ),
  r(
    'LOAN_E_BAD_DISTRICT',
    'row',
    '区县代码 "{value}" 不是 GB/T 2260 县级行政区划代码（重庆以外的区县亦可，统计为市外）',
    'District code "{value}" is not a GB/T 2260 county-level code (codes outside Chongqing are accepted as 市外)',
  ),
  r(
    'LOAN_E_BAD_BRANCH_DISTRICT',
    'row',
    '机构所在区县 "{value}" 不是重庆市区县代码',
    'Handling-office district "{value}" is not a Chongqing county-level code',
  ),
  r(
    'LOAN_E_BAD_TECH_CODE',
    'row',
    '{column} 的值 "{value}" 不是人民银行科技贷款类型代码（{expected}）',
    '{column} value "{value}" is not a PBoC tech category code ({expected})',
  ),
  r(
    'LOAN_E_BAD_PENSION_CODE',
    'row',
    '养老产业贷款类型 "{value}" 不是 EC01–EC12',
    'Elderly-care industry code "{value}" is not one of EC01–EC12',
  ),
  r(
    'LOAN_E_BAD_DIGITAL_CODE',
    'row',
    '数字经济核心产业贷款类型 "{value}" 不是 DE01–DE04',
    'Digital-economy core code "{value}" is not one of DE01–DE04',
  ),
  r(
    'LOAN_E_BAD_GREEN_ITEM',
    'row',
    '绿色贷款用途 "{value}" 不在所填目录版本中（应为 {expected}）',
    'Green item "{value}" is not in the catalogue edition given (expected {expected})',
  ),
  r(
    'LOAN_E_GREEN_EDITION_REQUIRED',
    'row',
    '填写了绿色贷款用途时须填写绿色目录版本（2025 或 2019）',
    'green_edition (2025 or 2019) is required when green_item is set',
  ),
  r(
    'LOAN_E_BAD_INCLUSIVE_FLAG',
    'row',
    '普惠金融标识 "{value}" 含有未定义的标识（{expected}）',
    'Inclusive flags "{value}" contain an unknown flag ({expected})',
  ),
  r(
    'LOAN_E_BILL_PRODUCT',
    'row',
    '贴现（discount）只能且必须用于业务类别 C03 票据融资：此行应为 {expected}',
    'discount is the product of C03 bills and only of them: expected {expected} here',
  ),
  r(
    'LOAN_E_BILL_METHOD',
    'row',
    '贴现方式仅在业务类别为 C03 票据融资时填写且必填（{expected}）',
    'bill_discount_method is required for C03 bills and must be empty otherwise ({expected})',
  ),
  r(
    'LOAN_E_CATEGORY_BORROWER',
    'row',
    '业务类别 {value} 与借款人类型不符（应为{expected}）',
    'Business category {value} does not fit the borrower type (expected {expected})',
  ),
  r(
    'LOAN_E_TECH_ON_PERSONAL',
    'row',
    '个人贷款（C02）不得填写科技贷款类型 {column}',
    'A personal loan (C02) cannot carry a tech code in {column}',
  ),
  r(
    'LOAN_E_BALANCE_ORIG_REQUIRED',
    'row',
    '币种不是人民币时须填写原币余额',
    'balance_orig is required when the currency is not CNY',
  ),
  r(
    'LOAN_E_OWNERSHIP_REQUIRED',
    'row',
    '单位贷款（C01）的非个人借款人须填写控股类型',
    'ownership is required for C01 loans to an entity',
  ),
  r(
    'LOAN_E_RENEWAL_NOT_ISSUED',
    'row',
    '发放类型 "{value}" 只适用于本月发放的贷款',
    'renewal_type "{value}" applies only to loans issued in the reporting month',
  ),
  r(
    'LOAN_E_ELDERLY_WITHOUT_PENSION',
    'row',
    '全国养老机构贷款须同时填写养老产业贷款类型',
    'A loan to a listed elderly-care institution needs a pension_type',
  ),
  r(
    'LOAN_E_BAD_GREEN_CATEGORY',
    'row',
    '绿色贷款类别 "{value}" 不在发放日有效的绿色目录中',
    'Green category "{value}" is not in the green catalogue in force on the issue date',
  ),
  r(
    'LOAN_E_BAD_AREA',
    'row',
    '申报领域 "{value}" 含有未定义的领域（{expected}）',
    'Declared areas "{value}" contain an unknown area ({expected})',
  ),
  r(
    'LOAN_E_BAD_DATE',
    'row',
    '{column} "{value}" 不是有效日期（YYYY-MM-DD）',
    '{column} "{value}" is not a valid date (YYYY-MM-DD)',
  ),
  r('LOAN_E_ISSUE_AFTER_MATURITY', 'row', '发放日期晚于到期日期', 'Issue date is after maturity date'),
  r(
    'LOAN_E_ISSUE_AFTER_PERIOD',
    'row',
    '发放日期晚于报告期末 {expected}',
    'Issue date is after the end of the period {expected}',
  ),
  r(
    'LOAN_E_BAD_CURRENCY',
    'row',
    '币种 "{value}" 不是 ISO 4217 代码表中的代码（人民币为 CNY，不是 RMB）',
    'Currency "{value}" is not an ISO 4217 code (renminbi is CNY, not RMB)',
  ),
  r(
    'LOAN_E_BAD_AMOUNT',
    'row',
    '{column} "{value}" 不是金额格式（只允许数字和最多两位小数，不含千分位、符号或科学计数）',
    '{column} "{value}" is not an amount (digits with at most 2 decimals; no separators, signs or exponents)',
  ),
  r(
    'LOAN_E_NEGATIVE_AMOUNT',
    'row',
    '{column} "{value}" 为负数（含 -0）',
    '{column} "{value}" is negative (including -0)',
  ),
  r(
    'LOAN_E_BALANCE_OVER_LINE',
    'row',
    '贷款余额 {value} 大于单户授信总额 {expected}',
    'Balance {value} exceeds the total credit line {expected}',
  ),
  r(
    'LOAN_E_BAD_RATE',
    'row',
    '年利率 "{value}" 不是 0–36 之间的数字',
    'Interest rate "{value}" is not a number between 0 and 36',
  ),
  r(
    'LOAN_E_BAD_BOOL',
    'row',
    '{column} 的值 "{value}" 不是是/否（true/false）',
    '{column} value "{value}" is not a yes/no (true/false)',
  ),
  r(
    'LOAN_E_BAD_INT',
    'row',
    '{column} "{value}" 不是非负整数',
    '{column} "{value}" is not a whole number ≥ 0',
  ),
  r('LOAN_E_BAD_DECIMAL', 'row', '{column} "{value}" 不是非负数字', '{column} "{value}" is not a number ≥ 0'),
  // Warnings: kept with the loan and reported.
  r(
    'LOAN_W_SIZE_MISMATCH',
    'row',
    '申报企业规模 {value} 与企业名录按划型标准推算的 {expected} 不一致',
    'Declared size {value} differs from {expected} derived from the registry by the SME size rules',
  ),
  r(
    'LOAN_W_QUALITY_OVERDUE',
    'row',
    '五级分类为正常，但逾期 {value} 天（超过90天）',
    'Quality is normal but the loan is {value} days overdue (over 90)',
  ),
  r(
    'LOAN_W_QUALITY_OVERDUE_TIER',
    'row',
    '五级分类为 {value}，但逾期天数要求至少为 {expected}（逾期超过90天至少次级、超过270天至少可疑、超过360天为损失）',
    'Quality is {value} but the days overdue require at least {expected} (over 90 days substandard, over 270 doubtful, over 360 loss)',
  ),
  r(
    'LOAN_W_FIRST_LOAN_SEEN',
    'row',
    '标记为首贷户，但该借款人自 {expected} 起已有贷款记录（不计入当年新增首贷户）',
    'Flagged as a first loan, but the borrower has loans since {expected} (not counted as a new first-loan borrower)',
  ),
  r(
    'LOAN_W_CARBON_MISSING',
    'row',
    '碳减排支持工具贷款未填写碳减排量',
    'A carbon-reduction loan has no carbon_reduction_t',
  ),
  r(
    'LOAN_W_NO_ACTIVITY',
    'row',
    '贷款余额与本月发放额均为0',
    'Both balance and amount issued this month are 0',
  ),
  r(
    'LOAN_W_RENEWAL_MISSING',
    'row',
    '本月发放的贷款未填写发放类型（{expected}）',
    'A loan issued this month has no renewal_type ({expected})',
  ),
  r(
    'LOAN_W_INCLUSIVE_FLAG_LINE',
    'row',
    '报送了单户授信限额类普惠标识，但单户授信总额 {expected} 超过其限额',
    'An inclusive flag with a credit-line ceiling is reported but the total line {expected} is above it',
  ),
  r(
    'LOAN_W_HTP_INDUSTRY',
    'row',
    '高技术制造业贷款类型 {value} 与贷款投向行业不符（该类别的行业小类：{expected}）',
    'High-tech manufacturing code {value} does not fit the industry of use (classes of that category: {expected})',
  ),
  r(
    'LOAN_W_GREEN_INDUSTRY',
    'row',
    '绿色贷款用途 {value} 的贷款投向行业不在该项目对应的行业范围内（{expected}）；目录的行业代码仅描述范围，请核实',
    'The industry of use is outside the industry lines of green item {value} ({expected}); the catalogue codes describe scope, please check',
  ),
  r(
    'LOAN_W_IMPLAUSIBLE_TEXT',
    'row',
    '{column} "{value}" 含有中文数据中罕见的字符（西里尔、希腊、拉丁扩展字母或 U+FFFD），文件编码可能选错；请以正确编码（GB18030 或 UTF-8）重新上传',
    '{column} "{value}" has characters unusual in Chinese data (Cyrillic, Greek, Latin-extended letters or U+FFFD): the file was probably read in the wrong encoding; upload it again choosing GB18030 or UTF-8',
  ),
  r(
    'LOAN_W_FORMULA_TEXT',
    'row',
    '{column} 以 = + - @ 开头，导出时将按文本处理',
    '{column} starts with = + - @; exports treat it as text',
  ),
];

const BY_ID = new Map(RULES.map((x) => [x.id, x]));

export function rule(id: string): Rule {
  const x = BY_ID.get(id);
  if (!x) throw new Error(`unknown rule ${id}`);
  return x;
}

export interface Violation {
  rule_id: string;
  severity: Severity;
  /** File row: the header is row 1, the first data row is row 2; null for file-level rules. */
  row: number | null;
  column: string | null;
  value: string | null;
  expected?: string | null;
  detail?: string | null;
  message_zh: string;
  message_en: string;
}

/** Renders a rule's messages for one violation (structured data in, text out at the edge). */
export function violation(
  id: string,
  at: {
    row?: number | null;
    column?: string | null;
    value?: string | null;
    expected?: string | null;
    detail?: string | null;
  },
): Violation {
  const x = rule(id);
  const fill = (t: string) =>
    t
      .replaceAll('{column}', at.column ?? '')
      .replaceAll('{value}', at.value ?? '')
      .replaceAll('{expected}', at.expected ?? '')
      .replaceAll('{detail}', at.detail ?? '');
  return {
    rule_id: id,
    severity: x.severity,
    row: at.row ?? null,
    column: at.column ?? null,
    value: at.value ?? null,
    expected: at.expected ?? null,
    detail: at.detail ?? null,
    message_zh: fill(x.message_zh),
    message_en: fill(x.message_en),
  };
}
