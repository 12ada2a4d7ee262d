// Analytics-store schema of the enterprise registry (DATA-SPEC §2): enterprise facts and tech qualifications
// with validity dates, imported from government lists, versioned by import.
import type { AnalyticsMigration } from '../store/analytics/duckdb.ts';
import { SEED_SCHEMES_SQL } from './schemes.ts';

/** The qualification kinds classify-v1 reads, one basis each (tech.<kind>); the registry accepts any list scheme
 *  of list_schemes (schemes.ts: these, plus local lists such as 重庆市科技型企业, which no rule set counts). */
export const QUALIFICATIONS = [
  'high_tech_enterprise', // 高新技术企业
  'tech_sme', // 科技型中小企业
  'innovative_sme', // 创新型中小企业
  'specialized_sme', // 专精特新中小企业
  'little_giant', // 专精特新“小巨人”企业
  'tech_innovation_demo', // 国家技术创新示范企业
  'manufacturing_champion', // 制造业单项冠军企业
] as const;
export type Qualification = (typeof QUALIFICATIONS)[number];

export const registryAnalyticsMigrations: AnalyticsMigration[] = [
  {
    id: 'registry_0001',
    sql: `
CREATE SEQUENCE IF NOT EXISTS registry_import_seq START 1;
CREATE TABLE IF NOT EXISTS registry_imports (
  import_id BIGINT PRIMARY KEY,
  file_name VARCHAR NOT NULL,
  content_hash VARCHAR NOT NULL UNIQUE,
  row_count BIGINT NOT NULL,
  imported_at TIMESTAMP NOT NULL
);
-- Latest known facts per enterprise (the newest import wins); size derived from the SME size rules.
CREATE TABLE IF NOT EXISTS enterprises (
  credit_code VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  industry_code VARCHAR,
  district_code VARCHAR,
  employees INTEGER,
  revenue_wan DECIMAL(18,2),
  total_assets_wan DECIMAL(18,2),
  listing_status VARCHAR,
  derived_size VARCHAR,
  import_id BIGINT NOT NULL
);
-- Qualifications with validity dates; valid on date d when valid_from <= d AND (valid_to IS NULL OR d <= valid_to).
CREATE TABLE IF NOT EXISTS enterprise_qualifications (
  credit_code VARCHAR NOT NULL,
  qualification VARCHAR NOT NULL,
  valid_from DATE NOT NULL,
  valid_to DATE,
  import_id BIGINT NOT NULL,
  PRIMARY KEY (credit_code, qualification, valid_from)
);
`,
  },
  {
    // List schemes as data (DATA-SPEC §4): the schemes, and each imported list file as a version of one scheme;
    // the entries a replacing import superseded are kept readable.
    id: 'registry_0002_list_schemes',
    sql: `
CREATE TABLE IF NOT EXISTS list_schemes (
  scheme VARCHAR PRIMARY KEY,
  name_zh VARCHAR NOT NULL,
  name_en VARCHAR NOT NULL,
  authority_zh VARCHAR NOT NULL,
  caliber VARCHAR NOT NULL,
  parent VARCHAR,
  origin VARCHAR NOT NULL
);
${SEED_SCHEMES_SQL}
CREATE TABLE IF NOT EXISTS list_imports (
  import_id BIGINT PRIMARY KEY,
  scheme VARCHAR NOT NULL,
  list_version VARCHAR NOT NULL,
  mode VARCHAR NOT NULL,
  rows BIGINT NOT NULL,
  imported_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS enterprise_qualifications_history (
  credit_code VARCHAR NOT NULL,
  qualification VARCHAR NOT NULL,
  valid_from DATE NOT NULL,
  valid_to DATE,
  import_id BIGINT NOT NULL,
  superseded_by BIGINT NOT NULL
);
`,
  },
];
