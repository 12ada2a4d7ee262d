// Analytics-store schema of the official series (DATA-SPEC §5): each import is a version (official_imports);
// its values are kept for ever, and the value of a (period, scope, series) in force at time t is the one of the
// newest import at or before t that carries it (official_as_of(t); official_current = as of now).
import type { AnalyticsMigration } from '../store/analytics/duckdb.ts';

export const officialAnalyticsMigrations: AnalyticsMigration[] = [
  {
    id: 'official_0001',
    sql: `
CREATE SEQUENCE IF NOT EXISTS official_import_seq START 1;
CREATE TABLE IF NOT EXISTS official_imports (
  import_id BIGINT PRIMARY KEY,
  file_name VARCHAR NOT NULL,
  content_hash VARCHAR NOT NULL UNIQUE,
  row_count BIGINT NOT NULL,
  imported_by VARCHAR NOT NULL,
  imported_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS official_values (
  import_id BIGINT NOT NULL,
  period VARCHAR NOT NULL,
  scope VARCHAR NOT NULL,             -- 'city' or an institution code
  series VARCHAR NOT NULL,            -- all_loans 各项贷款, tech, green, inclusive, pension, digital
  value DECIMAL(18,2) NOT NULL,       -- CNY yuan
  source VARCHAR NOT NULL,            -- the release or return the value comes from
  PRIMARY KEY (import_id, period, scope, series)
);
CREATE OR REPLACE MACRO official_as_of(t) AS TABLE
  SELECT v.period, v.scope, v.series, arg_max(v.value, v.import_id) AS value,
    arg_max(v.source, v.import_id) AS source, max(v.import_id) AS import_id
  FROM official_values v JOIN official_imports i USING (import_id)
  WHERE i.imported_at <= t
  GROUP BY v.period, v.scope, v.series;
`,
  },
];
