// Reads and writes the institutions list in both stores (the state store is the master; DuckDB a mirror).
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import type { StateStore } from '../store/state/pg.ts';
import { LEGAL_ENTITIES, PEER_GROUPS, type Institution } from './schema.sql.ts';

const COLUMNS = 'code, name_zh, name_en, peer_group, district_code, legal_entity';

export async function listInstitutions(state: StateStore): Promise<Institution[]> {
  return state.query<Institution>(`SELECT ${COLUMNS} FROM institutions ORDER BY code`);
}

export async function getInstitution(state: StateStore, code: string): Promise<Institution | null> {
  const [row] = await state.query<Institution>(`SELECT ${COLUMNS} FROM institutions WHERE code = $1`, [code]);
  return row ?? null;
}

/**
 * Inserts or updates institutions (by code) in the state store, then refreshes the DuckDB mirror. A row
 * without legal_entity is stored as `branch` (分支).
 */
export async function upsertInstitutions(
  state: StateStore,
  analytics: AnalyticsConn,
  rows: Institution[],
): Promise<void> {
  for (const r of rows)
    if (!(PEER_GROUPS as readonly string[]).includes(r.peer_group))
      throw new Error(`institution ${r.code}: unknown peer group ${r.peer_group}`);
  for (const r of rows)
    if (r.legal_entity !== undefined && !(LEGAL_ENTITIES as readonly string[]).includes(r.legal_entity))
      throw new Error(`institution ${r.code}: unknown legal entity ${r.legal_entity}`);
  await state.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO institutions (${COLUMNS})
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en,
         peer_group = EXCLUDED.peer_group, district_code = EXCLUDED.district_code,
         legal_entity = EXCLUDED.legal_entity`,
      [
        rows.map((r) => r.code),
        rows.map((r) => r.name_zh),
        rows.map((r) => r.name_en),
        rows.map((r) => r.peer_group),
        rows.map((r) => r.district_code ?? ''),
        rows.map((r) => r.legal_entity ?? 'branch'),
      ],
    );
    await tx.query("UPDATE institutions SET district_code = NULL WHERE district_code = ''");
  });
  await mirrorInstitutions(state, analytics);
}

/** Replaces the DuckDB mirror with the state store's list. */
export async function mirrorInstitutions(state: StateStore, analytics: AnalyticsConn): Promise<void> {
  const all = await listInstitutions(state);
  await analytics.transaction(async (tx) => {
    await tx.run('DELETE FROM institutions');
    for (const r of all)
      await tx.run(`INSERT INTO institutions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`, [
        r.code,
        r.name_zh,
        r.name_en,
        r.peer_group,
        r.district_code,
        r.legal_entity ?? 'branch',
      ]);
  });
}
