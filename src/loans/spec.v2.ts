// The columns of `loan-file-v2` (DATA-SPEC v2 §1, the PBoC 2025 caliber): the unchanged v1 columns, the changed
// district_code / product_type / currency / relending_tool and the new PBoC columns. Pure data.
import {
  BILL_DISCOUNT_METHODS,
  BUSINESS_CATEGORIES,
  CODE_LABELS,
  DIGITAL_CORE,
  GREEN_EDITIONS,
  INCLUSIVE_FLAGS,
  LOAN_NATURES,
  OWNERSHIPS,
  PENSION_TYPES,
  PRODUCT_TYPES_V2,
  RELENDING_TOOLS_V2,
  RENEWAL_TYPES,
  TECH_HTP,
  TECH_HTS,
  TECH_IPI,
  TECH_SEI,
  type LoanColumn,
} from './spec.codes.ts';
import { LOAN_COLUMNS_V1 } from './spec.v1.ts';

const v1 = (name: string, patch: Partial<LoanColumn> = {}): LoanColumn => {
  const c = LOAN_COLUMNS_V1.find((x) => x.name === name);
  if (!c) throw new Error(`no v1 column ${name}`);
  return withLabels({ ...c, ...patch });
};

/** Attaches the column's Chinese code labels (CODE_LABELS) to a coded column. */
function withLabels(c: LoanColumn): LoanColumn {
  const labels = (CODE_LABELS as Record<string, Readonly<Record<string, string>>>)[c.name];
  return labels ? { ...c, value_labels: labels } : c;
}

const codeColumn = (
  name: string,
  codes: Readonly<Record<string, string>>,
  label_zh: string,
  label_en: string,
  rule: string,
): LoanColumn =>
  withLabels({ name, type: 'code', required: false, values: Object.keys(codes), label_zh, label_en, rule });

/**
 * The columns of `loan-file-v2`, in the order of the template header: the v1 columns where they were (the two
 * dropped ones replaced by business_category and loan_nature), then the new PBoC columns.
 */
export const LOAN_COLUMNS_V2: readonly LoanColumn[] = [
  v1('report_period'),
  v1('institution_code', { aliases_zh: ['金融机构代码'] }),
  v1('loan_id', {
    label_zh: '贷款借据编码',
    aliases_zh: ['借据编号', '票据编号'],
    rule: 'unique within the file; for a bill its 票据编号',
  }),
  v1('contract_id', { label_zh: '贷款合同编码', aliases_zh: ['合同编号'], rule: 'required; 0 for a bill' }),
  v1('borrower_id'),
  v1('borrower_name'),
  v1('borrower_type'),
  v1('enterprise_size'),
  v1('industry_code'),
  v1('district_code', {
    rule: 'any GB/T 2260 county-level code (6 digits); outside Chongqing accepted and reported as 市外',
  }),
  v1('product_type', { values: PRODUCT_TYPES_V2, rule: 'one of the listed values; discount only with C03' }),
  withLabels({
    name: 'business_category',
    type: 'enum',
    required: true,
    values: BUSINESS_CATEGORIES,
    label_zh: '业务类别',
    label_en: 'Business category',
    rule: 'C01 单位贷款, C02 个人贷款, C03 票据融资',
  }),
  withLabels({
    name: 'loan_nature',
    type: 'enum',
    required: true,
    values: LOAN_NATURES,
    label_zh: '贷款性质',
    label_en: 'Own or entrusted',
    rule: 'own 自营 or entrusted 委托; entrusted loans never count',
  }),
  v1('issue_date'),
  v1('maturity_date'),
  v1('currency', { rule: 'a code of the ISO 4217 list; amounts are 折人民币 (CNY)' }),
  v1('balance'),
  v1('issued_amount'),
  v1('interest_rate'),
  v1('guarantee_type'),
  v1('credit_line_total'),
  v1('first_loan'),
  v1('quality'),
  v1('overdue_days'),
  v1('revolving'),
  v1('fiscal_support'),
  v1('relending_tool', { values: RELENDING_TOOLS_V2 }),
  v1('carbon_reduction_t'),
  {
    name: 'branch_code',
    type: 'text',
    required: true,
    maxLength: 30,
    label_zh: '内部机构号',
    label_en: 'Handling office code',
    rule: '内部机构号 of the handling office (≤ 30 characters)',
  },
  {
    name: 'branch_district_code',
    type: 'code',
    required: true,
    label_zh: '机构所在区县',
    label_en: 'Handling office district',
    rule: 'a Chongqing county-level code (6 digits) where the handling office is (机构所在地 caliber)',
  },
  withLabels({
    name: 'ownership',
    type: 'enum',
    required: false,
    values: OWNERSHIPS,
    label_zh: '控股类型',
    label_en: 'Ownership (controlling shareholder)',
    rule: 'required for C01 loans to an entity (not a person)',
  }),
  withLabels({
    name: 'bill_discount_method',
    type: 'enum',
    required: false,
    values: BILL_DISCOUNT_METHODS,
    label_zh: '贴现方式',
    label_en: 'Bill discount method',
    rule: 'C03 only (required there): direct 直贴 or rediscount 转贴现买入; only direct counts in a five-area figure',
  }),
  withLabels({
    name: 'renewal_type',
    type: 'enum',
    required: false,
    values: RENEWAL_TYPES,
    label_zh: '发放类型',
    label_en: 'Issue type',
    rule: 'for loans issued in the month: new, refinance (借新还旧), renewal (无还本续贷), extension (展期); empty otherwise',
  }),
  {
    name: 'balance_orig',
    type: 'money',
    required: false,
    label_zh: '原币余额',
    label_en: 'Balance in original currency',
    rule: 'decimal(18,2) ≥ 0 in `currency`; required when currency ≠ CNY',
  },
  codeColumn(
    'tech_htp',
    TECH_HTP,
    '高技术制造业贷款类型',
    'High-tech manufacturing code',
    'HTP01–HTP06 or empty; empty on C02',
  ),
  codeColumn(
    'tech_hts',
    TECH_HTS,
    '高技术服务业贷款类型',
    'High-tech services code',
    'HTS01–HTS09 or empty; empty on C02',
  ),
  codeColumn(
    'tech_sei',
    TECH_SEI,
    '战略性新兴产业贷款类型',
    'Strategic emerging industry code',
    'SE01–SE09 or empty; empty on C02',
  ),
  codeColumn(
    'tech_ipi',
    TECH_IPI,
    '知识产权（专利）密集型产业贷款类型',
    'Patent-intensive industry code',
    'PA01–PA07 or empty; empty on C02',
  ),
  withLabels({
    name: 'green_edition',
    type: 'enum',
    required: false,
    values: GREEN_EDITIONS,
    label_zh: '绿色目录版本',
    label_en: 'Green catalogue edition',
    rule: '2025 or 2019; required when green_item is set',
  }),
  {
    name: 'green_item',
    type: 'code',
    required: false,
    label_zh: '绿色贷款用途',
    label_en: 'Green item',
    rule: '2025: a third-level item x.y.z of the 2025 catalogue; 2019: a code under a valid first level; empty = not green',
  },
  {
    name: 'green_coal_saved_t',
    type: 'decimal',
    required: false,
    label_zh: '节约标准煤（吨/年）',
    label_en: 'Standard coal saved (t a year)',
    rule: '≥ 0, optional',
  },
  {
    name: 'green_co2_reduced_t',
    type: 'decimal',
    required: false,
    label_zh: '减排二氧化碳当量（吨/年）',
    label_en: 'CO₂e reduced (t a year)',
    rule: '≥ 0, optional',
  },
  withLabels({
    name: 'inclusive_flags',
    type: 'list',
    required: false,
    values: INCLUSIVE_FLAGS,
    label_zh: '普惠金融标识',
    label_en: 'Inclusive-finance flags',
    rule: ';-separated PBoC 普惠 flags the bank reports',
  }),
  codeColumn(
    'pension_type',
    PENSION_TYPES,
    '养老产业贷款类型',
    'Elderly-care industry code',
    'EC01–EC12 when ≥ 50 % of the use goes to the elderly-care industry; else empty',
  ),
  {
    name: 'elderly_institution',
    type: 'bool',
    required: false,
    label_zh: '是否全国养老机构贷款',
    label_en: 'Loan to a listed elderly-care institution',
    rule: 'true/false (empty = false); true requires pension_type',
  },
  codeColumn(
    'digital_core',
    DIGITAL_CORE,
    '数字经济核心产业贷款类型',
    'Digital-economy core code',
    'DE01–DE04 or empty',
  ),
  {
    name: 'digital_efficiency',
    type: 'bool',
    required: false,
    label_zh: '是否数字化效率提升业贷款',
    label_en: 'Digital-efficiency loan',
    rule: 'true/false (empty = false)',
  },
];
