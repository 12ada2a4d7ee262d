// Schema of the reporting institutions (banks): application state in PostgreSQL, mirrored into DuckDB so the
// analytics can join names and peer groups.
import type { AnalyticsMigration } from '../store/analytics/duckdb.ts';
import type { StateMigration } from '../store/state/pg.ts';

export const PEER_GROUPS = [
  'large_state',
  'joint_stock',
  'city_commercial',
  'rural',
  'village',
  'foreign',
  'policy',
  'other',
] as const;
export type PeerGroup = (typeof PEER_GROUPS)[number];

/** 法人 (a legal person: head office in Chongqing) or 分支 (a branch of a bank seated elsewhere). */
export const LEGAL_ENTITIES = ['legal_person', 'branch'] as const;
export type LegalEntity = (typeof LEGAL_ENTITIES)[number];
export const LEGAL_ENTITY_LABELS: Record<LegalEntity, string> = { legal_person: '法人', branch: '分支' };

export interface Institution {
  code: string;
  name_zh: string;
  name_en: string;
  peer_group: PeerGroup;
  district_code: string | null;
  /** Absent on input = `branch` (分支): most institutions reporting in Chongqing are branches. */
  legal_entity?: LegalEntity;
}

const columns = `code VARCHAR PRIMARY KEY, name_zh VARCHAR NOT NULL, name_en VARCHAR NOT NULL,
  peer_group VARCHAR NOT NULL, district_code VARCHAR`;

export const institutionsStateMigration: StateMigration = {
  id: '0002_institutions',
  sql: `CREATE TABLE IF NOT EXISTS institutions (${columns.replaceAll('VARCHAR', 'text')})`,
};

export const institutionsAnalyticsMigration: AnalyticsMigration = {
  id: 'institutions_0001',
  sql: `CREATE TABLE IF NOT EXISTS institutions (${columns})`,
};

/** legal_entity (法人/分支) on institutions; existing rows become `branch` (分支), the common case. */
export const institutionsLegalEntityStateMigration: StateMigration = {
  id: '0002b_institutions_legal_entity',
  sql: `ALTER TABLE institutions ADD COLUMN IF NOT EXISTS legal_entity text NOT NULL DEFAULT 'branch'`,
};

export const institutionsLegalEntityAnalyticsMigration: AnalyticsMigration = {
  id: 'institutions_0002_legal_entity',
  sql: `ALTER TABLE institutions ADD COLUMN IF NOT EXISTS legal_entity VARCHAR DEFAULT 'branch'`,
};
