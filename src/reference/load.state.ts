// Copies the reference tables from the analytics store into the state store (PostgreSQL), so both engines
// answer code lookups from the same versioned rows.
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import type { StateStore } from '../store/state/pg.ts';
import { REF_TABLES } from './tables.ts';

export const referenceStateMigration = {
  id: '0001_reference',
  sql: `CREATE TABLE IF NOT EXISTS ref_versions (
    table_name text PRIMARY KEY, version text NOT NULL, completeness text NOT NULL,
    row_count bigint NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now())`,
};

/** Replaces each reference table in the state store with the analytics store's rows (one transaction per table). */
export async function loadReferenceState(state: StateStore, analytics: AnalyticsConn): Promise<void> {
  for (const t of REF_TABLES) {
    const rows = await analytics.all<Record<string, string | null>>(`SELECT * FROM ${t.table}`);
    const cols = t.columns;
    await state.transaction(async (tx) => {
      await tx.query(`DROP TABLE IF EXISTS ${t.table}`);
      await tx.query(`CREATE TABLE ${t.table} (${cols.map((c) => `${c} text`).join(', ')})`);
      if (rows.length > 0) {
        const arrays = cols.map((c) => rows.map((r) => r[c] ?? null) as string[]);
        await tx.query(
          `INSERT INTO ${t.table} (${cols.join(', ')}) SELECT * FROM unnest(${cols.map((_, i) => `$${i + 1}::text[]`).join(', ')})`,
          arrays,
        );
      }
      await tx.query(
        `INSERT INTO ref_versions (table_name, version, completeness, row_count) VALUES ($1, $2, $3, $4)
         ON CONFLICT (table_name) DO UPDATE SET version = EXCLUDED.version, completeness = EXCLUDED.completeness,
           row_count = EXCLUDED.row_count, loaded_at = now()`,
        [t.table, t.version, t.completeness, rows.length],
      );
    });
  }
}
