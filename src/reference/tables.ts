// The catalogue of reference tables: which file feeds which table, with its version and completeness.
// Pure data; loaders for the two stores live in load.analytics.ts and load.state.ts.
import { fileURLToPath } from 'node:url';

export type Completeness = 'complete' | 'partial' | 'not_loaded';

export interface RefTable {
  table: string;
  file: string;
  version: string;
  completeness: Completeness;
  note_zh: string;
  note_en: string;
  /** Column names in file order; all are loaded as text (codes keep leading zeros). */
  columns: string[];
}

export const REF_DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

export const REF_TABLES: RefTable[] = [
  {
    table: 'ref_industry',
    file: 'gbt4754_2017.csv',
    version: 'GB/T 4754-2017',
    completeness: 'complete',
    note_zh: '国民经济行业分类，1381个小类',
    note_en: 'National industry classification, 1381 classes',
    columns: ['code', 'level', 'name', 'parent', 'description'],
  },
  {
    table: 'ref_district',
    file: 'chongqing_divisions.csv',
    version: 'GB/T 2260 (2021-01-04)',
    completeness: 'complete',
    note_zh: '重庆市38个区县',
    note_en: "Chongqing's 38 county-level divisions",
    columns: ['code', 'name', 'type', 'parent_code', 'province_code'],
  },
  {
    table: 'ref_high_tech',
    file: 'high_tech_industries.csv',
    version: 'HTP2017',
    completeness: 'complete',
    note_zh: '高技术产业（制造业）分类（2017），来源为二手资料',
    note_en: 'High-tech manufacturing (2017), from secondary sources',
    columns: ['scheme', 'cat_code', 'cat_name', 'industry_code', 'industry_name', 'partial'],
  },
  {
    table: 'ref_tech_category',
    file: 'tech_industry_categories.csv',
    version: '2017-2019',
    completeness: 'partial',
    note_zh: '科技产业四类分类的一级类别名称；仅高技术制造业有行业对照',
    note_en: 'Top categories of the four tech schemes; only HTP2017 maps to industries',
    columns: ['scheme', 'scheme_name', 'source_label', 'cat_name', 'industry_mapping_available'],
  },
  {
    table: 'ref_digital_category',
    file: 'digital_economy_2021.csv',
    version: 'NBS-33-2021',
    completeness: 'partial',
    note_zh: '数字经济及其核心产业统计分类（2021）：仅有大类代码',
    note_en: 'Digital economy classification (2021): top-level codes only',
    columns: [
      'de_code',
      'de_name',
      'level',
      'parent',
      'core',
      'industry_code',
      'industry_name',
      'partial',
      'position_in_parent',
    ],
  },
  {
    table: 'ref_digital_industry_map',
    file: 'digital_economy_industry_map.csv',
    version: 'none',
    completeness: 'not_loaded',
    note_zh: '数字经济产业与国民经济行业对照表尚未导入；数字经济贷款暂按银行申报口径（临时）',
    note_en:
      'Digital-economy → industry mapping not imported; digital loans use the bank-declared scope (provisional)',
    columns: ['de_code', 'industry_code', 'partial'],
  },
  {
    table: 'ref_elderly_category',
    file: 'elderly_care_industry_2020.csv',
    version: 'NBS-30-2020',
    completeness: 'partial',
    note_zh: '养老产业统计分类（2020）：无行业对照',
    note_en: 'Elderly-care industry classification (2020): no industry mapping',
    columns: ['ec_code', 'ec_name', 'level', 'parent', 'industry_code', 'industry_name', 'partial'],
  },
  {
    table: 'ref_elderly_industry_map',
    file: 'elderly_care_industry_map.csv',
    version: 'none',
    completeness: 'not_loaded',
    note_zh: '养老产业与国民经济行业对照表尚未导入；养老产业贷款暂按银行申报口径（临时）',
    note_en:
      'Elderly-care → industry mapping not imported; pension loans use the bank-declared scope (provisional)',
    columns: ['ec_code', 'industry_code', 'partial'],
  },
  {
    table: 'ref_green_catalogue',
    file: 'green_catalogue.csv',
    version: '2019+2025-L1',
    completeness: 'partial',
    note_zh: '绿色目录仅有一级类别；2025年版编号1–9为推定',
    note_en: 'Green catalogue: first-level categories only; 2025 numbering 1–9 presumed',
    columns: ['edition', 'code', 'name', 'level', 'parent', 'in_force_from', 'in_force_to', 'status'],
  },
];

export function refTable(name: string): RefTable {
  const t = REF_TABLES.find((x) => x.table === name);
  if (!t) throw new Error(`unknown reference table ${name}`);
  return t;
}
