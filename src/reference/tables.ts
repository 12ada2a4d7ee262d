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
    note_zh: '绿色目录一级类别（2019年版、2025年版）；2025年版编号1–9已由完整目录核实，2019年版仅有一级类别',
    note_en:
      'Green catalogue first levels (2019 and 2025 editions); 2025 numbering 1–9 confirmed by the full catalogue, 2019 edition first level only',
    columns: ['edition', 'code', 'name', 'level', 'parent', 'in_force_from', 'in_force_to', 'status'],
  },
  {
    table: 'ref_green_catalogue_2025',
    file: 'green_finance_catalogue_2025.csv',
    version: 'GFC-2025',
    completeness: 'complete',
    note_zh: '绿色金融支持项目目录（2025年版）：9个一级、38个二级、271个三级项目',
    note_en: 'Green finance catalogue (2025): 9 first-, 38 second-, 271 third-level items',
    columns: ['gf_code', 'level', 'gf_name', 'parent', 'ghg_marks', 'source_row', 'source'],
  },
  {
    table: 'ref_green_industry_map_2025',
    file: 'green_finance_catalogue_2025_industry_map.csv',
    version: 'GFC-2025',
    completeness: 'complete',
    note_zh:
      '2025年版目录项目与国民经济行业对照（1036行，单一来源）；来源中的异常保留并在check列标出；行业代码仅描述范围，只用于提示',
    note_en:
      'Item → GB/T 4754-2017 lines of the 2025 catalogue (1,036 lines, single source); source anomalies kept and flagged in check; codes describe scope, used for warnings only',
    columns: [
      'gf_code',
      'gf_name',
      'line',
      'industry_code',
      'industry_name_in_source',
      'gbt_name_for_code',
      'check_flag',
      'ghg_contribution',
      'codes_named_in_remark',
      'condition_text',
      'remark',
      'source_row',
      'source',
    ],
  },
  {
    table: 'ref_pboc_category',
    file: 'pboc_five_areas_category_codes.csv',
    version: 'PBoC-2025-01-24',
    completeness: 'complete',
    note_zh:
      '人民银行五篇大文章采集规范类别代码：HTP01–06、HTS01–09（含第九类其他高技术服务）、SE01–09、PA01–07、EC01–12、DE01–04',
    note_en:
      'PBoC five-area category codes: HTP01–06, HTS01–09 (incl. the ninth, other high-tech services), SE01–09, PA01–07, EC01–12, DE01–04',
    columns: [
      'scheme',
      'pboc_code',
      'cat_name',
      'nbs_classification',
      'nbs_doc_no_per_pboc',
      'pboc_field',
      'crosscheck',
      'source',
    ],
  },
  {
    table: 'ref_sei_category',
    file: 'sei_2018_categories.csv',
    version: 'SEI2018',
    completeness: 'partial',
    note_zh: '战略性新兴产业分类（2018）：9个大类、40个中类名称；无中类代码，无行业对照',
    note_en:
      'Strategic emerging industries (2018): 9 top and 40 middle categories, names only; no middle codes, no industry mapping',
    columns: [
      'code',
      'level',
      'sei_name',
      'parent',
      'position_in_parent',
      'industry_code',
      'partial',
      'check_note',
      'source',
    ],
  },
];

export function refTable(name: string): RefTable {
  const t = REF_TABLES.find((x) => x.table === name);
  if (!t) throw new Error(`unknown reference table ${name}`);
  return t;
}
