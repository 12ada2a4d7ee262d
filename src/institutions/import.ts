// Import of the institutions list from CSV (read by DuckDB; the list is small).
import type { Stores } from '../store/stores.ts';
import type { Institution } from './schema.sql.ts';
import { upsertInstitutions } from './store.ts';

export async function importInstitutionsCsv(stores: Stores, path: string): Promise<number> {
  const rows = await stores.analytics.all<Institution>(
    `SELECT code, name_zh, name_en, peer_group, nullif(district_code, '') AS district_code
     FROM read_csv(?, header = true, all_varchar = true)`,
    [path],
  );
  await upsertInstitutions(stores.state, stores.analytics, rows);
  return rows.length;
}
