// The loan file of the reporting specification v1 (DATA-SPEC §1): columns, types, code lists and labels.
// Pure data — the data dictionary (docs/data-dictionary.md), the validator and the generator all read it.

export const SPEC_VERSION = 'loan-file-v1';

export const BORROWER_TYPES = [
  'enterprise',
  'individual_business',
  'small_business_owner',
  'farmer',
  'individual',
  'other',
] as const;
/** Borrower types whose borrower_id is a personal ID number: hashed at ingest, name dropped. */
export const PERSON_BORROWER_TYPES = ['small_business_owner', 'farmer', 'individual'] as const;
export const ENTERPRISE_SIZES = ['large', 'medium', 'small', 'micro'] as const;
export const PRODUCT_TYPES = [
  'working_capital',
  'fixed_asset',
  'tech_upgrade',
  'trade_finance',
  'operating',
  'consumer',
  'housing',
  'discount',
  'other',
] as const;
export const AREAS = ['tech', 'green', 'inclusive', 'pension', 'digital'] as const;
export const GUARANTEE_TYPES = ['credit', 'guarantee', 'mortgage', 'pledge', 'mixed'] as const;
export const QUALITIES = ['normal', 'special_mention', 'substandard', 'doubtful', 'loss'] as const;
export const FISCAL_SUPPORT = [
  'none',
  'interest_subsidy',
  'guarantee_fee_subsidy',
  'risk_compensation',
] as const;
export const RELENDING_TOOLS = [
  'none',
  'tech_relending',
  'carbon_reduction',
  'agri_small_relending',
  'rediscount',
  'consumption_elderly_relending',
] as const;

export type Area = (typeof AREAS)[number];
export type BorrowerType = (typeof BORROWER_TYPES)[number];

export type ColumnType =
  'period' | 'text' | 'enum' | 'list' | 'date' | 'money' | 'decimal' | 'int' | 'bool' | 'code';

export interface LoanColumn {
  name: string;
  type: ColumnType;
  required: boolean;
  maxLength?: number;
  values?: readonly string[];
  label_zh: string;
  label_en: string;
  rule: string;
}

export const LOAN_COLUMNS: readonly LoanColumn[] = [
  {
    name: 'report_period',
    type: 'period',
    required: true,
    label_zh: '报告期',
    label_en: 'Reporting period',
    rule: 'YYYY-MM; same on every row; equals the submission period',
  },
  {
    name: 'institution_code',
    type: 'text',
    required: true,
    maxLength: 64,
    label_zh: '机构代码',
    label_en: 'Institution code',
    rule: 'same on every row; a registered institution',
  },
  {
    name: 'loan_id',
    type: 'text',
    required: true,
    maxLength: 64,
    label_zh: '借据编号',
    label_en: 'Loan ID',
    rule: 'unique within the file',
  },
  {
    name: 'contract_id',
    type: 'text',
    required: true,
    maxLength: 64,
    label_zh: '合同编号',
    label_en: 'Contract ID',
    rule: 'required',
  },
  {
    name: 'borrower_id',
    type: 'text',
    required: true,
    maxLength: 64,
    label_zh: '借款人证件号',
    label_en: 'Borrower ID',
    rule: '统一社会信用代码 (check digit) for entities; ID number for persons, hashed at ingest',
  },
  {
    name: 'borrower_name',
    type: 'text',
    required: false,
    maxLength: 200,
    label_zh: '借款人名称',
    label_en: 'Borrower name',
    rule: 'required for entities; dropped for persons',
  },
  {
    name: 'borrower_type',
    type: 'enum',
    required: true,
    values: BORROWER_TYPES,
    label_zh: '借款人类型',
    label_en: 'Borrower type',
    rule: 'one of the listed values',
  },
  {
    name: 'enterprise_size',
    type: 'enum',
    required: false,
    values: ENTERPRISE_SIZES,
    label_zh: '企业规模',
    label_en: 'Enterprise size',
    rule: 'required when borrower_type = enterprise',
  },
  {
    name: 'industry_code',
    type: 'code',
    required: true,
    label_zh: '贷款投向行业',
    label_en: 'Industry of use',
    rule: 'a GB/T 4754-2017 class (4 digits)',
  },
  {
    name: 'district_code',
    type: 'code',
    required: true,
    label_zh: '借款人所在区县',
    label_en: 'Borrower district',
    rule: 'a Chongqing county-level code (6 digits)',
  },
  {
    name: 'product_type',
    type: 'enum',
    required: true,
    values: PRODUCT_TYPES,
    label_zh: '贷款品种',
    label_en: 'Product type',
    rule: 'one of the listed values',
  },
  {
    name: 'green_category',
    type: 'code',
    required: false,
    label_zh: '绿色贷款类别',
    label_en: 'Green category',
    rule: 'a green catalogue code in force on the issue date, or empty',
  },
  {
    name: 'declared_areas',
    type: 'list',
    required: false,
    values: AREAS,
    label_zh: '银行申报领域',
    label_en: 'Declared areas',
    rule: ';-separated subset of tech, green, inclusive, pension, digital',
  },
  {
    name: 'issue_date',
    type: 'date',
    required: true,
    label_zh: '发放日期',
    label_en: 'Issue date',
    rule: 'YYYY-MM-DD; ≤ maturity_date; ≤ end of period',
  },
  {
    name: 'maturity_date',
    type: 'date',
    required: true,
    label_zh: '到期日期',
    label_en: 'Maturity date',
    rule: 'YYYY-MM-DD; ≥ issue_date',
  },
  {
    name: 'currency',
    type: 'text',
    required: true,
    maxLength: 3,
    label_zh: '币种',
    label_en: 'Currency',
    rule: 'a code of the ISO 4217 list (RMB is not one: 人民币 is CNY); amounts already in CNY',
  },
  {
    name: 'balance',
    type: 'money',
    required: true,
    label_zh: '贷款余额（元）',
    label_en: 'Balance (CNY)',
    rule: 'decimal(18,2) ≥ 0, plain digits',
  },
  {
    name: 'issued_amount',
    type: 'money',
    required: true,
    label_zh: '本月发放金额（元）',
    label_en: 'Issued this month (CNY)',
    rule: 'decimal(18,2) ≥ 0, plain digits',
  },
  {
    name: 'interest_rate',
    type: 'decimal',
    required: true,
    label_zh: '年利率（%）',
    label_en: 'Interest rate (% a year)',
    rule: '0–36',
  },
  {
    name: 'guarantee_type',
    type: 'enum',
    required: true,
    values: GUARANTEE_TYPES,
    label_zh: '担保方式',
    label_en: 'Guarantee type',
    rule: 'one of the listed values',
  },
  {
    name: 'credit_line_total',
    type: 'money',
    required: true,
    label_zh: '单户授信总额（元）',
    label_en: 'Total credit line (CNY)',
    rule: 'decimal(18,2) ≥ balance',
  },
  {
    name: 'first_loan',
    type: 'bool',
    required: true,
    label_zh: '是否首贷户',
    label_en: 'First-time borrower',
    rule: 'true/false (also 1/0, 是/否)',
  },
  {
    name: 'quality',
    type: 'enum',
    required: true,
    values: QUALITIES,
    label_zh: '五级分类',
    label_en: 'Loan quality',
    rule: 'one of the listed values',
  },
  {
    name: 'overdue_days',
    type: 'int',
    required: true,
    label_zh: '逾期天数',
    label_en: 'Days overdue',
    rule: 'whole number ≥ 0',
  },
  {
    name: 'revolving',
    type: 'bool',
    required: true,
    label_zh: '是否随借随还',
    label_en: 'Revolving',
    rule: 'true/false (also 1/0, 是/否)',
  },
  {
    name: 'fiscal_support',
    type: 'enum',
    required: true,
    values: FISCAL_SUPPORT,
    label_zh: '财政支持方式',
    label_en: 'Fiscal support',
    rule: 'one of the listed values',
  },
  {
    name: 'relending_tool',
    type: 'enum',
    required: true,
    values: RELENDING_TOOLS,
    label_zh: '再贷款工具',
    label_en: 'Relending tool',
    rule: 'one of the listed values',
  },
  {
    name: 'carbon_reduction_t',
    type: 'decimal',
    required: false,
    label_zh: '碳减排量（吨/年）',
    label_en: 'Carbon reduction (t CO₂e a year)',
    rule: '≥ 0; required for carbon_reduction loans',
  },
];

export const LOAN_COLUMN_NAMES: readonly string[] = LOAN_COLUMNS.map((c) => c.name);
