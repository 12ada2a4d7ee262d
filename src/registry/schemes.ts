// List schemes (DATA-SPEC §4): the enterprise lists a loan's borrower is matched against, as versioned data.
// Each scheme is one list (its code is the `qualification` of enterprise_qualifications); every import of a list
// file is a version of that scheme (list_imports). Built-in schemes are seeded by the migration; further local
// schemes are rows of list_schemes.

export type ListCaliber = 'pboc' | 'nfra_s70' | 'local';

export interface ListScheme {
  scheme: string;
  name_zh: string;
  name_en: string;
  authority_zh: string;
  /** pboc: one of the five PBoC lists (chapter 4, K1–K5); nfra_s70: counted only under the S70 switch; local. */
  caliber: ListCaliber;
  /** A sub-list of another scheme (专精特新“小巨人” inside 专精特新中小企业). */
  parent: string | null;
}

export const BUILTIN_SCHEMES: readonly ListScheme[] = [
  {
    scheme: 'high_tech_enterprise',
    name_zh: '高新技术企业',
    name_en: 'High-tech enterprises',
    authority_zh: '科技部、财政部、税务总局（高新技术企业认定管理机构）',
    caliber: 'pboc',
    parent: null,
  },
  {
    scheme: 'tech_sme',
    name_zh: '科技型中小企业',
    name_en: 'Tech-based SMEs',
    authority_zh: '科技部（科技型中小企业评价）',
    caliber: 'pboc',
    parent: null,
  },
  {
    scheme: 'specialized_sme',
    name_zh: '“专精特新”中小企业',
    name_en: 'Specialised SMEs',
    authority_zh: '工业和信息化部门',
    caliber: 'pboc',
    parent: null,
  },
  {
    scheme: 'little_giant',
    name_zh: '专精特新“小巨人”企业',
    name_en: '"Little giant" enterprises',
    authority_zh: '工业和信息化部',
    caliber: 'pboc',
    parent: 'specialized_sme',
  },
  {
    scheme: 'tech_innovation_demo',
    name_zh: '国家技术创新示范企业',
    name_en: 'National tech-innovation demonstration enterprises',
    authority_zh: '工业和信息化部、财政部',
    caliber: 'pboc',
    parent: null,
  },
  {
    scheme: 'manufacturing_champion',
    name_zh: '制造业单项冠军企业',
    name_en: 'Manufacturing single-item champions',
    authority_zh: '工业和信息化部、中国工业经济联合会',
    caliber: 'pboc',
    parent: null,
  },
  {
    scheme: 'innovative_sme',
    name_zh: '创新型中小企业',
    name_en: 'Innovative SMEs',
    authority_zh: '工业和信息化部（金融监管总局S70口径使用）',
    caliber: 'nfra_s70',
    parent: null,
  },
  {
    scheme: 'cq_tech_enterprise',
    name_zh: '重庆市科技型企业',
    name_en: 'Chongqing tech-based enterprises (local list)',
    authority_zh: '重庆市科学技术局',
    caliber: 'local',
    parent: null,
  },
];

const q = (s: string | null): string => (s === null ? 'NULL' : `'${s.replaceAll("'", "''")}'`);

/** SQL seeding the built-in schemes (idempotent). */
export const SEED_SCHEMES_SQL = `INSERT OR IGNORE INTO list_schemes VALUES ${BUILTIN_SCHEMES.map(
  (s) =>
    `(${q(s.scheme)}, ${q(s.name_zh)}, ${q(s.name_en)}, ${q(s.authority_zh)}, ${q(s.caliber)}, ${q(s.parent)}, 'builtin')`,
).join(', ')};`;
