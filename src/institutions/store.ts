// Reads and writes the institutions list in both stores (the state store is the master; DuckDB a mirror).
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import type { StateStore } from '../store/state/pg.ts';
import { PEER_GROUPS, type Institution } from './schema.sql.ts';

export async function listInstitutions(state: StateStore): Promise<Institution[]> {
  return state.query<Institution>(
    'SELECT code, name_zh, name_en, peer_group, district_code FROM institutions ORDER BY code',
  );
}

export async function getInstitution(state: StateStore, code: string): Promise<Institution | null> {
  const [row] = await state.query<Institution>(
    'SELECT code, name_zh, name_en, peer_group, district_code FROM institutions WHERE code = $1',
    [code],
  );
  return row ?? null;
}

/** Inserts or updates institutions (by code) in the state store, then refreshes the DuckDB mirror. */
export async function upsertInstitutions(
  state: StateStore,
  analytics: AnalyticsConn,
  rows: Institution[],
): Promise<void> {
  for (const r of rows)
    if (!(PEER_GROUPS as readonly string[]).includes(r.peer_group))
      throw new Error(`institution ${r.code}: unknown peer group ${r.peer_group}`);
  await state.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO institutions (code, name_zh, name_en, peer_group, district_code)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en,
         peer_group = EXCLUDED.peer_group, district_code = EXCLUDED.district_code`,
      [
        rows.map((r) => r.code),
        rows.map((r) => r.name_zh),
        rows.map((r) => r.name_en),
        rows.map((r) => r.peer_group),
        rows.map((r) => r.district_code ?? ''),
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
      await tx.run('INSERT INTO institutions VALUES (?, ?, ?, ?, ?)', [
        r.code,
        r.name_zh,
        r.name_en,
        r.peer_group,
        r.district_code,
      ]);
  });
}
