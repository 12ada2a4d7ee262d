// classify-v2: the five-area rules on the PBoC 2025 caliber (DATA-SPEC v2 §6, reference/pboc-2025/INDICATORS.md),
// declared once as data. Bases (one way of qualifying each) are read by both evaluators; the published lines are
// unions of bases; the reconciliation checks (reported code/flag vs what the rules derive) are expressions too,
// so both evaluators answer them the same way.
import {
  and,
  bool,
  eq,
  hasFlag,
  isIn,
  isSet,
  moneyLe,
  not,
  option,
  or,
  pbocCode,
  qualification,
  type Expr,
  type InclusiveFlag,
} from './expr.ts';
import type { Area } from '../loans/spec.ts';
import type { BasisRule, RuleSet } from './rules.ts';

/** Never counted anywhere: entrusted loans (委托贷款) and C03 bills other than directly discounted ones. */
export const COUNTED: Expr = and(
  not(eq('loan_nature', 'entrusted')),
  or(not(eq('business_category', 'C03')), eq('bill_discount_method', 'direct')),
);

/** Tech counts 单位贷款 and directly discounted bills only — never C02 个人贷款. */
const TECH_UNIT = and(COUNTED, isIn('business_category', ['C01', 'C03']));
const LINE_LE_10M = moneyLe('credit_line_total', '10000000.00');
/** 经营性用途: any product but consumer and housing (DATA-SPEC §6). */
const OPERATING = not(isIn('product_type', ['consumer', 'housing']));

const list = (basis: string, zh: string, en: string, when: Expr): BasisRule => ({
  basis,
  area: 'tech',
  label_zh: zh,
  label_en: en,
  provisional: false,
  when: and(TECH_UNIT, when),
});

/** The derived 普惠小微 legs, each with the reported flag it is reconciled with. */
const INCLUSIVE_LEGS: { basis: string; flag: InclusiveFlag; zh: string; en: string; when: Expr }[] = [
  {
    basis: 'inclusive.small_micro_enterprise',
    flag: 'sme_le10m',
    zh: '单户授信1000万元及以下小微型企业贷款',
    en: 'Small/micro enterprise, total line ≤ 10m',
    when: and(
      not(eq('business_category', 'C02')),
      eq('borrower_type', 'enterprise'),
      isIn('enterprise_size', ['small', 'micro']),
      LINE_LE_10M,
    ),
  },
  {
    basis: 'inclusive.individual_business_operating',
    flag: 'ib_operating_le10m',
    zh: '单户授信1000万元及以下个体工商户经营性贷款',
    en: 'Individual business operating loan, total line ≤ 10m',
    when: and(eq('borrower_type', 'individual_business'), OPERATING, LINE_LE_10M),
  },
  {
    basis: 'inclusive.small_business_owner_operating',
    flag: 'owner_operating_le10m',
    zh: '单户授信1000万元及以下小微企业主经营性贷款',
    en: 'Small-business owner operating loan, total line ≤ 10m',
    when: and(eq('borrower_type', 'small_business_owner'), OPERATING, LINE_LE_10M),
  },
];

const TECH_INDUSTRY: [
  string,
  string,
  string,
  'tech_htp' | 'tech_hts' | 'tech_sei' | 'tech_ipi',
  'HTP' | 'HTS' | 'SE' | 'PA',
][] = [
  ['tech.industry.htp', '高技术制造业贷款', 'High-tech manufacturing', 'tech_htp', 'HTP'],
  ['tech.industry.hts', '高技术服务业贷款', 'High-tech services', 'tech_hts', 'HTS'],
  ['tech.industry.sei', '战略性新兴产业贷款', 'Strategic emerging industries', 'tech_sei', 'SE'],
  ['tech.industry.ipi', '知识产权（专利）密集型产业贷款', 'Patent-intensive industries', 'tech_ipi', 'PA'],
];

export const RULES_V2: readonly BasisRule[] = [
  list(
    'tech.list.high_tech_enterprise',
    '高新技术企业贷款',
    'High-tech enterprises',
    qualification('high_tech_enterprise'),
  ),
  list('tech.list.tech_sme', '科技型中小企业贷款', 'Tech-based SMEs', qualification('tech_sme')),
  list(
    'tech.list.specialized_sme',
    '“专精特新”中小企业贷款（含“小巨人”）',
    'Specialised SMEs (incl. little giants)',
    or(qualification('specialized_sme'), qualification('little_giant')),
  ),
  list(
    'tech.list.little_giant',
    '其中：专精特新“小巨人”企业贷款',
    'of which little giants',
    qualification('little_giant'),
  ),
  list(
    'tech.list.tech_innovation_demo',
    '国家技术创新示范企业贷款',
    'National tech-innovation demonstration enterprises',
    qualification('tech_innovation_demo'),
  ),
  list(
    'tech.list.manufacturing_champion',
    '制造业单项冠军企业贷款',
    'Manufacturing single-item champions',
    qualification('manufacturing_champion'),
  ),
  list(
    'tech.list.innovative_sme_s70',
    '创新型中小企业贷款（金融监管总局S70口径，可配置）',
    'Innovative SMEs (NFRA S70 caliber, switch)',
    and(option('nfraS70'), not(eq('enterprise_size', 'large')), qualification('innovative_sme')),
  ),
  ...TECH_INDUSTRY.map(([basis, zh, en, field, scheme]): BasisRule => ({
    basis,
    area: 'tech',
    label_zh: zh,
    label_en: en,
    provisional: false,
    when: and(TECH_UNIT, pbocCode(field, scheme)),
  })),
  {
    basis: 'green.item',
    area: 'green',
    label_zh: '绿色贷款（目录项目有效）',
    label_en: 'Green loan (valid catalogue item)',
    provisional: false,
    when: and(COUNTED, { op: 'greenItemValid' }),
  },
  ...INCLUSIVE_LEGS.map((l): BasisRule => ({
    basis: l.basis,
    area: 'inclusive',
    label_zh: l.zh,
    label_en: l.en,
    provisional: false,
    when: and(COUNTED, l.when),
  })),
  {
    basis: 'pension.industry',
    area: 'pension',
    label_zh: '养老产业贷款（EC01–EC12）',
    label_en: 'Elderly-care industry loan (EC01–EC12)',
    provisional: false,
    when: and(COUNTED, pbocCode('pension_type', 'EC')),
  },
  {
    basis: 'pension.national_institution',
    area: 'pension',
    label_zh: '其中：全国养老机构贷款',
    label_en: 'of which national elderly-care institutions',
    provisional: false,
    when: and(COUNTED, pbocCode('pension_type', 'EC'), bool('elderly_institution')),
  },
  {
    basis: 'digital.core',
    area: 'digital',
    label_zh: '数字经济核心产业贷款（DE01–DE04）',
    label_en: 'Digital-economy core industries (DE01–DE04)',
    provisional: false,
    when: and(COUNTED, pbocCode('digital_core', 'DE')),
  },
  {
    basis: 'digital.efficiency',
    area: 'digital',
    label_zh: '数字化效率提升业贷款',
    label_en: 'Digital efficiency improvement',
    provisional: false,
    when: and(COUNTED, bool('digital_efficiency')),
    inTotal: option('digitalTotalIncludesEfficiency'),
  },
];

export const RULE_SET_V2: RuleSet = {
  id: 'classify-v2',
  rules: RULES_V2,
  switches: ['nfraS70', 'digitalTotalIncludesEfficiency'],
};

/** A published line: the deduplicated union of some bases (by loan for sums, by borrower for counts). */
export interface LineDef {
  line: string;
  area: Area;
  label_zh: string;
  label_en: string;
  bases: readonly string[];
}

const TECH_LISTS = [
  'tech.list.high_tech_enterprise',
  'tech.list.tech_sme',
  'tech.list.specialized_sme',
  'tech.list.little_giant',
  'tech.list.tech_innovation_demo',
  'tech.list.manufacturing_champion',
];
const TECH_INDUSTRIES = TECH_INDUSTRY.map((t) => t[0]);
const line = (l: string, area: Area, zh: string, en: string, bases: readonly string[]): LineDef => ({
  line: l,
  area,
  label_zh: zh,
  label_en: en,
  bases,
});

/**
 * The published lines of classify-v2. Tech: the 13 lines of INDICATORS.md §1 (K0–K5, K3a, I0–I4, T0), computed
 * with and without directly discounted bills; S70 is the 创新型中小企业 line (empty unless the switch is on) and
 * T0 includes it when on. Inclusive, pension and digital lines as DATA-SPEC §6.
 */
export const LINES_V2: readonly LineDef[] = [
  line('K0', 'tech', '科技型企业贷款合计', 'Tech-enterprise loans, total', TECH_LISTS),
  line('K1', 'tech', '高新技术企业贷款', 'High-tech enterprises', ['tech.list.high_tech_enterprise']),
  line('K2', 'tech', '科技型中小企业贷款', 'Tech-based SMEs', ['tech.list.tech_sme']),
  line('K3', 'tech', '“专精特新”中小企业贷款', 'Specialised SMEs', ['tech.list.specialized_sme']),
  line('K3a', 'tech', '其中：专精特新“小巨人”企业贷款', 'of which little giants', ['tech.list.little_giant']),
  line('K4', 'tech', '国家技术创新示范企业贷款', 'Tech-innovation demonstration', [
    'tech.list.tech_innovation_demo',
  ]),
  line('K5', 'tech', '制造业单项冠军企业贷款', 'Manufacturing champions', [
    'tech.list.manufacturing_champion',
  ]),
  line('I0', 'tech', '科技相关产业贷款合计', 'Tech-industry loans, total', TECH_INDUSTRIES),
  line('I1', 'tech', '高技术制造业贷款', 'High-tech manufacturing', ['tech.industry.htp']),
  line('I2', 'tech', '高技术服务业贷款', 'High-tech services', ['tech.industry.hts']),
  line('I3', 'tech', '战略性新兴产业贷款', 'Strategic emerging industries', ['tech.industry.sei']),
  line('I4', 'tech', '知识产权（专利）密集型产业贷款', 'Patent-intensive industries', ['tech.industry.ipi']),
  line('T0', 'tech', '科技贷款合计', 'Tech loans, total', [
    ...TECH_LISTS,
    'tech.list.innovative_sme_s70',
    ...TECH_INDUSTRIES,
  ]),
  line('S70', 'tech', '创新型中小企业贷款（S70口径）', 'Innovative SMEs (S70)', [
    'tech.list.innovative_sme_s70',
  ]),
  line('G0', 'green', '绿色贷款', 'Green loans', ['green.item']),
  line(
    'P0',
    'inclusive',
    '普惠小微贷款',
    'Inclusive small/micro loans',
    INCLUSIVE_LEGS.map((l) => l.basis),
  ),
  ...INCLUSIVE_LEGS.map((l) => line(`P.${l.flag}`, 'inclusive', l.zh, l.en, [l.basis])),
  line('Y1', 'pension', '养老产业贷款（T01）', 'Elderly-care industry loans (T01)', ['pension.industry']),
  line('Y2', 'pension', '其中：全国养老机构贷款（T02）', 'of which national institutions (T02)', [
    'pension.national_institution',
  ]),
  line(
    'D0',
    'digital',
    '数字经济产业贷款（核心+效率提升，去重）',
    'Digital economy (core + efficiency, deduplicated)',
    ['digital.core', 'digital.efficiency'],
  ),
  line('D1', 'digital', '数字经济核心产业贷款', 'Digital core industries', ['digital.core']),
  line('D6', 'digital', '数字化效率提升业贷款', 'Digital efficiency improvement', ['digital.efficiency']),
];

/** A reconciliation check: a loan is an item when `when` holds (reported code/flag vs what the rules derive). */
export interface ReconcileCheck {
  kind: string;
  area: Area;
  label_zh: string;
  label_en: string;
  when: Expr;
}

const HTP_LISTED: Expr = { op: 'industryInTechList', scheme: 'HTP2017' };
const ANY_PBOC_LIST = or(
  qualification('high_tech_enterprise'),
  qualification('tech_sme'),
  qualification('specialized_sme'),
  qualification('little_giant'),
  qualification('tech_innovation_demo'),
  qualification('manufacturing_champion'),
);

export const RECONCILE_V2: readonly ReconcileCheck[] = [
  {
    kind: 'tech.htp_industry_mismatch',
    area: 'tech',
    label_zh: '高技术制造业贷款类型与贷款投向行业不符',
    label_en: 'HTP code outside its category’s industry classes',
    when: and(TECH_UNIT, pbocCode('tech_htp', 'HTP'), not({ op: 'industryInHtpCategory' })),
  },
  {
    kind: 'tech.htp_not_coded',
    area: 'tech',
    label_zh: '贷款投向属高技术制造业但未填报类型',
    label_en: 'Industry in the HTP list but no HTP code',
    when: and(TECH_UNIT, HTP_LISTED, not(isSet('tech_htp'))),
  },
  {
    kind: 'tech.list_not_coded',
    area: 'tech',
    label_zh: '借款人在人民银行科技企业名单内，贷款未填报任何科技产业类型',
    label_en: 'Borrower on a PBoC tech list; loan carries no tech industry code',
    when: and(
      TECH_UNIT,
      ANY_PBOC_LIST,
      not(or(isSet('tech_htp'), isSet('tech_hts'), isSet('tech_sei'), isSet('tech_ipi'))),
    ),
  },
  ...INCLUSIVE_LEGS.flatMap((l): ReconcileCheck[] => [
    {
      kind: `inclusive.${l.flag}.derived_not_reported`,
      area: 'inclusive',
      label_zh: `规则认定为普惠小微（${l.zh}），银行未报送该标识`,
      label_en: `Derived ${l.en}; flag ${l.flag} not reported`,
      when: and(COUNTED, l.when, not(hasFlag(l.flag))),
    },
    {
      kind: `inclusive.${l.flag}.reported_not_derived`,
      area: 'inclusive',
      label_zh: `银行报送标识${l.flag}，规则不认定为${l.zh}`,
      label_en: `Flag ${l.flag} reported; the rules do not derive ${l.en}`,
      when: and(COUNTED, hasFlag(l.flag), not(l.when)),
    },
  ]),
  {
    kind: 'green.industry_outside_item',
    area: 'green',
    label_zh: '贷款投向行业不在绿色目录项目的行业范围内（提示）',
    label_en: 'Industry outside the 2025 catalogue item’s industry lines (warning)',
    when: and(COUNTED, { op: 'greenIndustryOutsideItem' }),
  },
];
