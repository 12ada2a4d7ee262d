// Import of the institutions list from CSV (read by DuckDB; the list is small). The optional legal_entity
// column takes legal_person / branch or 法人 / 分支; empty or absent = branch (分支).
import type { Stores } from '../store/stores.ts';
import type { Institution } from './schema.sql.ts';
import { upsertInstitutions } from './store.ts';

export async function importInstitutionsCsv(stores: Stores, path: string): Promise<number> {
  const rows = await stores.analytics.all<Institution>(
    `SELECT code, name_zh, name_en, peer_group, nullif(district_code, '') AS district_code,
       CASE trim(coalesce(to_json(t) ->> 'legal_entity', '')) WHEN '法人' THEN 'legal_person'
         WHEN '分支' THEN 'branch' WHEN '' THEN 'branch' ELSE trim(to_json(t) ->> 'legal_entity') END AS legal_entity
     FROM read_csv(?, header = true, all_varchar = true) t`,
    [path],
  );
  await upsertInstitutions(stores.state, stores.analytics, rows);
  return rows.length;
}
