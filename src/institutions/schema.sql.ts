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

export interface Institution {
  code: string;
  name_zh: string;
  name_en: string;
  peer_group: PeerGroup;
  district_code: string | null;
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
