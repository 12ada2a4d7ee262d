// legal_entity (法人/分支) on institutions: the CSV column is optional, takes codes or Chinese labels, and an
// institution without it is a branch (分支); the DuckDB mirror carries it. Real PGlite and DuckDB.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import type { Stores } from '../store/stores.ts';
import { openTestStores } from '../testing/stores.ts';
import { importInstitutionsCsv } from './import.ts';
import { listInstitutions } from './store.ts';

describe('institutions: legal_entity', () => {
  let stores: Stores;
  let dir: string;
  before(async () => {
    stores = await openTestStores('pglite');
    dir = await mkdtemp(join(tmpdir(), 'fivefin-inst-'));
  });
  after(async () => stores.close());

  it('imports 法人 / 分支 / empty, and a file without the column as branches', async () => {
    const withCol = join(dir, 'with.csv');
    await writeFile(
      withCol,
      'code,name_zh,name_en,peer_group,district_code,legal_entity\n' +
        'C1,重庆某银行,CQ Bank,city_commercial,500103,法人\n' +
        'C2,某银行重庆分行,Branch,large_state,500103,分支\n' +
        'C3,某农商行,Rural,rural,500104,\n',
    );
    const without = join(dir, 'without.csv');
    await writeFile(without, 'code,name_zh,name_en,peer_group,district_code\nC4,某外资行,Foreign,foreign,\n');
    assert.equal(await importInstitutionsCsv(stores, withCol), 3);
    assert.equal(await importInstitutionsCsv(stores, without), 1);
    const list = await listInstitutions(stores.state);
    assert.deepEqual(
      list.map((i) => [i.code, i.legal_entity]),
      [
        ['C1', 'legal_person'],
        ['C2', 'branch'],
        ['C3', 'branch'],
        ['C4', 'branch'],
      ],
    );
    const mirror = await stores.analytics.all<{ code: string; legal_entity: string }>(
      'SELECT code, legal_entity FROM institutions ORDER BY code',
    );
    assert.deepEqual(
      mirror.map((r) => [r.code, r.legal_entity]),
      list.map((i) => [i.code, i.legal_entity]),
    );
  });
});
