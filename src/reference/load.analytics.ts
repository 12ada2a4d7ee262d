// Loads the reference tables into the analytics store (DuckDB), inside the engine with read_csv.
import { join } from 'node:path';

import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import { REF_DATA_DIR, REF_TABLES, type RefTable } from './tables.ts';

function csvSource(t: RefTable): string {
  const cols = t.columns.map((c) => `'${c}': 'VARCHAR'`).join(', ');
  return `read_csv(?, header = true, columns = {${cols}}, quote = '"', escape = '"', strict_mode = true)`;
}

/** (Re)creates every reference table from the project's data folder and records its version. */
export async function loadReferenceAnalytics(db: AnalyticsConn): Promise<void> {
  await db.run(`CREATE TABLE IF NOT EXISTS ref_versions (
    table_name VARCHAR PRIMARY KEY, version VARCHAR NOT NULL, completeness VARCHAR NOT NULL,
    row_count BIGINT NOT NULL, loaded_at TIMESTAMP NOT NULL DEFAULT now())`);
  for (const t of REF_TABLES) {
    const path = join(REF_DATA_DIR, t.file);
    await db.transaction(async (tx) => {
      await tx.run(`CREATE OR REPLACE TABLE ${t.table} AS SELECT * FROM ${csvSource(t)}`, [path]);
      await tx.run(
        `INSERT OR REPLACE INTO ref_versions (table_name, version, completeness, row_count)
         SELECT ?, ?, ?, count(*) FROM ${t.table}`,
        [t.table, t.version, t.completeness],
      );
    });
  }
  await loadSmeThresholds(db);
}

async function loadSmeThresholds(db: AnalyticsConn): Promise<void> {
  const path = join(REF_DATA_DIR, 'sme_size_thresholds_2011.json');
  await db.run(
    `CREATE OR REPLACE TABLE ref_sme_threshold AS
     SELECT i.order::INTEGER AS ord, i.id AS rule_id, i.name AS name, i.indicators AS indicators,
            i.sme_ceiling AS sme_ceiling, i.medium_floor AS medium_floor, i.small_floor AS small_floor
     FROM (SELECT unnest(industries) AS i FROM read_json(?, maximum_object_size = 1048576))`,
    [path],
  );
}
