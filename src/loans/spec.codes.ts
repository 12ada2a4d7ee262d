// Code lists and column type of the loan files (DATA-SPEC §1), shared by loan-file-v1 and loan-file-v2.
// Pure data; each code list keeps its Chinese labels (the data dictionary's, accepted in files as aliases).

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
  /** Chinese label of each code value (accepted in files as an alias of the code). */
  value_labels?: Readonly<Record<string, string>>;
  /** Further Chinese header names accepted for the column (besides label_zh). */
  aliases_zh?: readonly string[];
  label_zh: string;
  label_en: string;
  rule: string;
}

// ---- loan-file-v2 (PBoC 2025 caliber) ----

/** 业务类别 of the PBoC five-area messages. */
export const BUSINESS_CATEGORIES = ['C01', 'C02', 'C03'] as const;
/** product_type of loan-file-v2: the v1 values plus overdraft, leasing, M&A loans and advances. */
export const PRODUCT_TYPES_V2 = [...PRODUCT_TYPES, 'overdraft', 'leasing', 'ma_loan', 'advance'] as const;
export const BILL_DISCOUNT_METHODS = ['direct', 'rediscount'] as const;
export const LOAN_NATURES = ['own', 'entrusted'] as const;
export const OWNERSHIPS = ['state', 'collective', 'private', 'hmt', 'foreign', 'other'] as const;
export const RENEWAL_TYPES = ['new', 'refinance', 'renewal', 'extension'] as const;
export const GREEN_EDITIONS = ['2025', '2019'] as const;
export const INCLUSIVE_FLAGS = [
  'sme_le10m',
  'ib_operating_le10m',
  'owner_operating_le10m',
  'farmer_operating_le5m',
  'startup_guarantee',
  'student',
  'poverty_consumer',
] as const;
/** relending_tool of loan-file-v2: the v1 values plus 股票回购增持再贷款. */
export const RELENDING_TOOLS_V2 = [...RELENDING_TOOLS, 'stock_buyback_relending'] as const;

export type BusinessCategory = (typeof BUSINESS_CATEGORIES)[number];
export type InclusiveFlag = (typeof INCLUSIVE_FLAGS)[number];

/** PBoC category codes (reference/pboc_five_areas_category_codes.csv) with their names. */
export const TECH_HTP: Readonly<Record<string, string>> = {
  HTP01: '医药制造业',
  HTP02: '航空、航天器及设备制造业',
  HTP03: '电子及通信设备制造业',
  HTP04: '计算机及办公设备制造业',
  HTP05: '医疗仪器设备及仪器仪表制造业',
  HTP06: '信息化学品制造业',
};
export const TECH_HTS: Readonly<Record<string, string>> = {
  HTS01: '信息服务',
  HTS02: '电子商务服务',
  HTS03: '检验检测服务',
  HTS04: '专业技术服务业的高技术服务',
  HTS05: '研发与设计服务',
  HTS06: '科技成果转化服务',
  HTS07: '知识产权及相关法律服务',
  HTS08: '环境监测及治理服务',
  HTS09: '其他高技术服务',
};
export const TECH_SEI: Readonly<Record<string, string>> = {
  SE01: '新一代信息技术产业',
  SE02: '高端装备制造产业',
  SE03: '新材料产业',
  SE04: '生物产业',
  SE05: '新能源汽车产业',
  SE06: '新能源产业',
  SE07: '节能环保产业',
  SE08: '数字创意产业',
  SE09: '相关服务业',
};
export const TECH_IPI: Readonly<Record<string, string>> = {
  PA01: '信息通信技术制造业',
  PA02: '信息通信技术服务业',
  PA03: '新装备制造业',
  PA04: '新材料制造业',
  PA05: '医药医疗产业',
  PA06: '环保产业',
  PA07: '研发、设计和技术服务业',
};
export const PENSION_TYPES: Readonly<Record<string, string>> = {
  EC01: '养老照护服务',
  EC02: '老年医疗卫生服务',
  EC03: '老年健康促进与社会参与',
  EC04: '老年社会保障',
  EC05: '养老教育培训和人力资源服务',
  EC06: '养老金融服务',
  EC07: '养老科技和智慧养老服务',
  EC08: '养老公共管理',
  EC09: '其他养老服务',
  EC10: '老年用品及相关产品制造',
  EC11: '老年用品及相关产品销售和租赁',
  EC12: '养老设施建设',
};
export const DIGITAL_CORE: Readonly<Record<string, string>> = {
  DE01: '数字产品制造业',
  DE02: '数字产品服务业',
  DE03: '数字技术应用业',
  DE04: '数字要素驱动业',
};

/** Chinese labels of the code values (the data dictionary's; accepted in files in place of the code). */
export const CODE_LABELS = {
  borrower_type: {
    enterprise: '企业',
    individual_business: '个体工商户',
    small_business_owner: '小微企业主',
    farmer: '农户',
    individual: '个人',
    other: '其他',
  },
  enterprise_size: { large: '大型', medium: '中型', small: '小型', micro: '微型' },
  product_type: {
    working_capital: '流动资金贷款',
    fixed_asset: '固定资产贷款',
    tech_upgrade: '技术改造贷款',
    trade_finance: '贸易融资',
    operating: '经营贷款',
    consumer: '消费贷款',
    housing: '住房贷款',
    discount: '贴现',
    other: '其他贷款',
    overdraft: '透支',
    leasing: '融资租赁',
    ma_loan: '并购贷款',
    advance: '垫款',
  },
  guarantee_type: { credit: '信用', guarantee: '保证', mortgage: '抵押', pledge: '质押', mixed: '组合担保' },
  quality: { normal: '正常', special_mention: '关注', substandard: '次级', doubtful: '可疑', loss: '损失' },
  fiscal_support: {
    none: '无',
    interest_subsidy: '财政贴息',
    guarantee_fee_subsidy: '担保费补贴',
    risk_compensation: '风险补偿',
  },
  relending_tool: {
    none: '无',
    tech_relending: '科技创新和技术改造再贷款',
    carbon_reduction: '碳减排支持工具',
    agri_small_relending: '支农支小再贷款',
    rediscount: '再贴现',
    consumption_elderly_relending: '服务消费与养老再贷款',
    stock_buyback_relending: '股票回购增持再贷款',
  },
  business_category: { C01: '单位贷款', C02: '个人贷款', C03: '票据融资' },
  bill_discount_method: { direct: '直贴', rediscount: '转贴现买入' },
  loan_nature: { own: '自营', entrusted: '委托' },
  ownership: {
    state: '国有控股',
    collective: '集体控股',
    private: '私人控股',
    hmt: '港澳台控股',
    foreign: '外商控股',
    other: '其他',
  },
  renewal_type: { new: '新发放', refinance: '借新还旧', renewal: '无还本续贷', extension: '展期' },
  green_edition: { '2025': '绿色金融支持项目目录（2025年版）', '2019': '绿色产业指导目录（2019年版）' },
  inclusive_flags: {
    sme_le10m: '单户授信1000万元及以下小微企业贷款',
    ib_operating_le10m: '单户授信1000万元及以下个体工商户经营性贷款',
    owner_operating_le10m: '单户授信1000万元及以下小微企业主经营性贷款',
    farmer_operating_le5m: '单户授信500万元及以下农户经营性贷款',
    startup_guarantee: '创业担保贷款',
    student: '助学贷款',
    poverty_consumer: '原建档立卡贫困人口消费贷款',
  },
  tech_htp: TECH_HTP,
  tech_hts: TECH_HTS,
  tech_sei: TECH_SEI,
  tech_ipi: TECH_IPI,
  pension_type: PENSION_TYPES,
  digital_core: DIGITAL_CORE,
} as const satisfies Record<string, Readonly<Record<string, string>>>;
