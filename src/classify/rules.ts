// Five-area classification rules, declared once as data (DATA-SPEC §3, reference/DEFINITIONS.md §1).
// Each entry is one `basis` — one way a loan can qualify for an area. Both evaluators read this list only.
import { AREAS, type Area } from '../loans/spec.ts';
import { QUALIFICATIONS } from '../registry/schema.sql.ts';
import {
  and,
  declared,
  eq,
  isIn,
  moneyLe,
  MONEY_LITERAL,
  not,
  option,
  TECH_SCHEMES,
  TEXT_FIELDS,
  type Expr,
  type TechScheme,
} from './expr.ts';

export const RULE_SET_VERSION = 'classify-v1';

export interface ClassifyOptions {
  /** Count digital-economy category 05 (数字化效率提升业); NFRA S74 counts 01–04 only. Default off. */
  digitalIncludeCategory05: boolean;
  /** While ref_digital_industry_map is empty, accept the bank's declared `digital` (provisional). Default on. */
  digitalAcceptDeclaredUntilMapped: boolean;
  /** Which tech industry lists count (科技产业贷款). Lists without a loaded industry mapping match nothing. */
  techIndustrySchemes: readonly TechScheme[];
  /** classify-v2: count 创新型中小企业 (not large) in tech, the NFRA S70 caliber; the PBoC lists do not. Default off. */
  nfraS70: boolean;
  /** classify-v2: the digital total (the one the 2027 target reads) adds 数字化效率提升业 to the core. Default off. */
  digitalTotalIncludesEfficiency: boolean;
}

export const DEFAULT_OPTIONS: ClassifyOptions = {
  digitalIncludeCategory05: false,
  digitalAcceptDeclaredUntilMapped: true,
  techIndustrySchemes: TECH_SCHEMES,
  nfraS70: false,
  digitalTotalIncludesEfficiency: false,
};

export interface BasisRule {
  basis: string;
  area: Area;
  label_zh: string;
  label_en: string;
  /** True when the basis stands in for an official mapping that is not yet loaded. */
  provisional: boolean;
  when: Expr;
  /** Whether a loan labelled under this basis counts in the area's total (default: always). A basis outside the
   *  total is still labelled and published as its own line (e.g. 数字化效率提升业 under the default switch). */
  inTotal?: Expr;
}

/** A named, versioned rule set: the bases both evaluators read, and which switches its version label records. */
export interface RuleSet {
  id: 'classify-v1' | 'classify-v2';
  rules: readonly BasisRule[];
  /** The options that change this set's result (recorded in the version label when not default). */
  switches: readonly (keyof ClassifyOptions)[];
}

const QUAL_LABELS: Record<(typeof QUALIFICATIONS)[number], [string, string]> = {
  high_tech_enterprise: ['高新技术企业', 'High-tech enterprise'],
  tech_sme: ['科技型中小企业', 'Tech-based SME'],
  innovative_sme: ['创新型中小企业（中小微）', 'Innovative SME (not large)'],
  specialized_sme: ['专精特新中小企业', 'Specialised SME'],
  little_giant: ['专精特新“小巨人”企业', '"Little giant" enterprise'],
  tech_innovation_demo: ['国家技术创新示范企业', 'National tech-innovation demonstration enterprise'],
  manufacturing_champion: ['制造业单项冠军企业', 'Manufacturing single-item champion'],
};

const TECH_SCHEME_BASES: Record<TechScheme, [string, string, string]> = {
  HTP2017: ['tech.industry_high_tech_manufacturing', '高技术制造业', 'High-tech manufacturing (2017)'],
  HTS2018: ['tech.industry_high_tech_services', '高技术服务业', 'High-tech services (2018)'],
  SEI2018: ['tech.industry_strategic_emerging', '战略性新兴产业', 'Strategic emerging industries (2018)'],
  IPI2019: [
    'tech.industry_patent_intensive',
    '知识产权（专利）密集型产业',
    'Patent-intensive industries (2019)',
  ],
};

/** 个体工商户 and persons never count under the qualification lines (S70 1.1). */
const entityNotIndividualBusiness = and(
  not({ op: 'isPerson' }),
  not(eq('borrower_type', 'individual_business')),
);
const LINE_LE_10M = moneyLe('credit_line_total', '10000000.00');

export const RULES: readonly BasisRule[] = [
  ...QUALIFICATIONS.map((q): BasisRule => ({
    basis: `tech.${q}`,
    area: 'tech',
    label_zh: QUAL_LABELS[q][0],
    label_en: QUAL_LABELS[q][1],
    provisional: false,
    when:
      q === 'innovative_sme'
        ? and(entityNotIndividualBusiness, isIn('enterprise_size', ['medium', 'small', 'micro']), {
            op: 'qualification',
            kind: q,
          })
        : and(entityNotIndividualBusiness, { op: 'qualification', kind: q }),
  })),
  ...TECH_SCHEMES.map((s): BasisRule => ({
    basis: TECH_SCHEME_BASES[s][0],
    area: 'tech',
    label_zh: TECH_SCHEME_BASES[s][1],
    label_en: TECH_SCHEME_BASES[s][2],
    provisional: false,
    when: and({ op: 'techSchemeEnabled', scheme: s }, { op: 'industryInTechList', scheme: s }),
  })),
  {
    basis: 'green.catalogue_in_force',
    area: 'green',
    label_zh: '绿色金融支持项目目录（发放日有效版本）',
    label_en: 'Green catalogue code valid on the issue date',
    provisional: false,
    when: { op: 'greenCatalogueInForce' },
  },
  {
    basis: 'inclusive.small_micro_enterprise_line_le_10m',
    area: 'inclusive',
    label_zh: '小型微型企业贷款（单户授信≤1000万元）',
    label_en: 'Small/micro enterprise, total line ≤ 10m',
    provisional: false,
    when: and(eq('borrower_type', 'enterprise'), isIn('enterprise_size', ['small', 'micro']), LINE_LE_10M),
  },
  {
    basis: 'inclusive.individual_business_operating_line_le_10m',
    area: 'inclusive',
    label_zh: '个体工商户经营性贷款（单户授信≤1000万元）',
    label_en: 'Individual business operating loan, total line ≤ 10m',
    provisional: false,
    when: and(eq('borrower_type', 'individual_business'), eq('product_type', 'operating'), LINE_LE_10M),
  },
  {
    basis: 'inclusive.small_business_owner_operating_line_le_10m',
    area: 'inclusive',
    label_zh: '小微企业主经营性贷款（单户授信≤1000万元）',
    label_en: 'Small-business owner operating loan, total line ≤ 10m',
    provisional: false,
    when: and(eq('borrower_type', 'small_business_owner'), eq('product_type', 'operating'), LINE_LE_10M),
  },
  {
    basis: 'pension.elderly_industry',
    area: 'pension',
    label_zh: '养老产业（行业对照表）',
    label_en: 'Elderly-care industry (industry mapping)',
    provisional: false,
    when: { op: 'industryInElderlyMap' },
  },
  {
    basis: 'pension.declared',
    area: 'pension',
    label_zh: '银行申报养老',
    label_en: 'Declared pension by the bank',
    provisional: true,
    when: declared('pension'),
  },
  {
    basis: 'digital.core_industry',
    area: 'digital',
    label_zh: '数字经济核心产业（01–04）',
    label_en: 'Digital-economy core industries (01–04)',
    provisional: false,
    when: { op: 'industryInDigitalMap', categories: ['01', '02', '03', '04'] },
  },
  {
    basis: 'digital.efficiency_industry_05',
    area: 'digital',
    label_zh: '数字化效率提升业（05，可配置）',
    label_en: 'Digital efficiency improvement (05, switchable)',
    provisional: false,
    when: and(option('digitalIncludeCategory05'), { op: 'industryInDigitalMap', categories: ['05'] }),
  },
  {
    basis: 'digital.declared_provisional',
    area: 'digital',
    label_zh: '银行申报数字经济（对照表未导入，临时口径）',
    label_en: 'Declared digital by the bank (mapping not loaded; provisional)',
    provisional: true,
    when: and(option('digitalAcceptDeclaredUntilMapped'), { op: 'digitalMapEmpty' }, declared('digital')),
  },
];

export const RULE_SET_V1: RuleSet = {
  id: 'classify-v1',
  rules: RULES,
  switches: ['digitalIncludeCategory05', 'digitalAcceptDeclaredUntilMapped', 'techIndustrySchemes'],
};

const SWITCH_LABELS: Record<keyof ClassifyOptions, (o: ClassifyOptions) => string | null> = {
  digitalIncludeCategory05: (o) =>
    o.digitalIncludeCategory05 === DEFAULT_OPTIONS.digitalIncludeCategory05
      ? null
      : `digital05=${o.digitalIncludeCategory05 ? 'on' : 'off'}`,
  digitalAcceptDeclaredUntilMapped: (o) =>
    o.digitalAcceptDeclaredUntilMapped === DEFAULT_OPTIONS.digitalAcceptDeclaredUntilMapped
      ? null
      : `digitalDeclared=${o.digitalAcceptDeclaredUntilMapped ? 'on' : 'off'}`,
  techIndustrySchemes: (o) => {
    const schemes = [...o.techIndustrySchemes].sort();
    return schemes.join('+') === [...DEFAULT_OPTIONS.techIndustrySchemes].sort().join('+')
      ? null
      : `tech=${schemes.join('+') || 'none'}`;
  },
  nfraS70: (o) => (o.nfraS70 === DEFAULT_OPTIONS.nfraS70 ? null : `s70=${o.nfraS70 ? 'on' : 'off'}`),
  digitalTotalIncludesEfficiency: (o) =>
    o.digitalTotalIncludesEfficiency === DEFAULT_OPTIONS.digitalTotalIncludesEfficiency
      ? null
      : `digitalTotal=${o.digitalTotalIncludesEfficiency ? 'core+efficiency' : 'core'}`,
};

/** The version label recorded with every label and figure: the rule set plus any non-default switch it reads. */
export function ruleVersion(opts: ClassifyOptions = DEFAULT_OPTIONS, set: RuleSet = RULE_SET_V1): string {
  const parts = set.switches.map((k) => SWITCH_LABELS[k](opts)).filter((p): p is string => p !== null);
  return parts.length === 0 ? set.id : `${set.id};${parts.join(';')}`;
}

/** Parses a version label back into its rule set id and options (the inverse of ruleVersion). */
export function parseRuleVersion(label: string): { set: RuleSet['id']; opts: ClassifyOptions } {
  const [id = '', ...parts] = label.split(';');
  if (id !== 'classify-v1' && id !== 'classify-v2') throw new Error(`unknown rule set ${id}`);
  const opts: ClassifyOptions = { ...DEFAULT_OPTIONS };
  for (const p of parts) {
    const [k, v = ''] = p.split('=');
    if (k === 'digital05') opts.digitalIncludeCategory05 = v === 'on';
    else if (k === 'digitalDeclared') opts.digitalAcceptDeclaredUntilMapped = v === 'on';
    else if (k === 'tech')
      opts.techIndustrySchemes = v === 'none' ? [] : TECH_SCHEMES.filter((s) => v.split('+').includes(s));
    else if (k === 's70') opts.nfraS70 = v === 'on';
    else if (k === 'digitalTotal') opts.digitalTotalIncludesEfficiency = v === 'core+efficiency';
    else throw new Error(`unknown switch ${p} in ${label}`);
  }
  return { set: id, opts };
}

/** Load-time check of the declaration; returns problems (empty when the rules are sound). */
export function checkRules(rules: readonly BasisRule[] = RULES): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const walk = (basis: string, e: Expr): void => {
    switch (e.op) {
      case 'eq':
      case 'in':
        if (!TEXT_FIELDS.includes(e.field)) problems.push(`${basis}: field ${e.field} not allowed`);
        break;
      case 'moneyLe':
        if (!MONEY_LITERAL.test(e.value)) problems.push(`${basis}: bad money literal ${e.value}`);
        break;
      case 'and':
      case 'or':
        if (e.args.length === 0) problems.push(`${basis}: empty ${e.op}`);
        e.args.forEach((a) => walk(basis, a));
        break;
      case 'not':
        walk(basis, e.arg);
        break;
      case 'industryInDigitalMap':
        if (e.categories.length === 0) problems.push(`${basis}: no digital categories`);
        break;
      case 'set':
      case 'pbocCode':
        if (!TEXT_FIELDS.includes(e.field)) problems.push(`${basis}: field ${e.field} not allowed`);
        break;
      default:
        break;
    }
  };
  for (const r of rules) {
    if (seen.has(r.basis)) problems.push(`duplicate basis ${r.basis}`);
    seen.add(r.basis);
    if (!AREAS.includes(r.area)) problems.push(`${r.basis}: unknown area ${r.area}`);
    if (!r.basis.startsWith(`${r.area}.`)) problems.push(`${r.basis}: basis must start with ${r.area}.`);
    walk(r.basis, r.when);
    if (r.inTotal) walk(r.basis, r.inTotal);
  }
  return problems;
}

export function ruleFor(basis: string): BasisRule | undefined {
  return RULES.find((r) => r.basis === basis);
}
