// Versioned, all-or-nothing submissions: identical re-upload is a no-op; a corrected file supersedes the old
// version, which stays readable; the state store logs every attempt on PGlite and PostgreSQL.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { upsertInstitutions } from '../../institutions/store.ts';
import type { Stores } from '../../store/stores.ts';
import { openTestStores, stateKinds } from '../../testing/stores.ts';
import { ingestLoanFile } from '../ingest/ingest.ts';

const FIX = join(import.meta.dirname, '../../../test/fixtures/loans');

for (const kind of stateKinds()) {
  describe(`submission versions (${kind} state store)`, () => {
    let stores: Stores;
    let dir: string;
    let t = Date.parse('2025-04-10T08:00:00Z');
    const now = () => new Date((t += 60_000));
    const ingest = (path: string) =>
      ingestLoanFile(stores, {
        path,
        reportRoot: dir,
        hmacKey: Buffer.from('v'.repeat(32)),
        now,
        actor: 'tester',
      });

    before(async () => {
      stores = await openTestStores(kind);
      dir = await mkdtemp(join(tmpdir(), 'fivefin-v-'));
      await upsertInstitutions(stores.state, stores.analytics, [
        {
          code: 'B0001',
          name_zh: '测试银行',
          name_en: 'Test Bank',
          peer_group: 'rural',
          district_code: null,
        },
      ]);
    });
    after(() => stores.close());

    it('makes an identical re-upload a no-op and supersedes with a corrected file', async () => {
      const v1 = await ingest(join(FIX, 'ok/utf8.csv'));
      assert.equal(v1.status, 'accepted');
      assert.equal(v1.version, 1);
      const again = await ingest(join(FIX, 'ok/utf8.csv'));
      assert.equal(again.status, 'duplicate');
      assert.equal(again.version, 1);
      const [n] = await stores.analytics.all<{ n: string }>('SELECT count(*) AS n FROM submissions');
      assert.equal(n?.n, '1');

      // A corrected file: one balance changed.
      const text = (await readFile(join(FIX, 'ok/utf8.csv'), 'utf8')).replace(',5000000.00,', ',4000000.00,');
      const corrected = join(dir, 'corrected.csv');
      await writeFile(corrected, text);
      const v2 = await ingest(corrected);
      assert.equal(v2.status, 'accepted');
      assert.equal(v2.version, 2);
      const current = await stores.analytics.all<{ total: string }>(
        'SELECT sum(balance)::VARCHAR AS total FROM loans_current',
      );
      assert.deepEqual(current, [{ total: '125300000.00' }]);
      const old = await stores.analytics.all<{ total: string; superseded: boolean }>(
        `SELECT sum(l.balance)::VARCHAR AS total, bool_and(s.superseded_at IS NOT NULL) AS superseded
         FROM loans l JOIN submissions s USING (submission_id) WHERE s.version = 1`,
      );
      assert.deepEqual(old, [{ total: '126300000.00', superseded: true }]);

      const log = await stores.state.query<{ status: string; version: number | null }>(
        'SELECT status, version FROM submission_log ORDER BY id',
      );
      assert.deepEqual(log, [
        { status: 'accepted', version: 1 },
        { status: 'duplicate', version: 1 },
        { status: 'accepted', version: 2 },
      ]);
    });

    it('keeps the version in force when a later file is rejected', async () => {
      const bad = await ingest(join(FIX, 'not-ok/LOAN_E_DUP_ID.csv'));
      assert.equal(bad.status, 'rejected');
      const [v] = await stores.analytics.all<{ version: number }>(
        "SELECT version FROM submissions WHERE institution_code = 'B0001' AND superseded_at IS NULL",
      );
      assert.equal(v?.version, 2);
    });
  });
}

describe('submission log repair', () => {
  it('adds accepted analytics submissions missing from the state log (crash between the two commits)', async () => {
    const { syncSubmissionLog } = await import('../sync.ts');
    const stores = await openTestStores();
    try {
      await upsertInstitutions(stores.state, stores.analytics, [
        {
          code: 'B0001',
          name_zh: '测试银行',
          name_en: 'Test Bank',
          peer_group: 'rural',
          district_code: null,
        },
      ]);
      const dir = await mkdtemp(join(tmpdir(), 'fivefin-s-'));
      const res = await ingestLoanFile(stores, {
        path: join(FIX, 'ok/utf8.csv'),
        reportRoot: dir,
        hmacKey: Buffer.from('s'.repeat(32)),
        now: () => new Date('2025-04-01T00:00:00Z'),
      });
      assert.equal(res.status, 'accepted');
      await stores.state.query('DELETE FROM submission_log');
      assert.equal(await syncSubmissionLog(stores), 1);
      assert.equal(await syncSubmissionLog(stores), 0);
      const log = await stores.state.query<{ status: string; actor: string; version: number }>(
        'SELECT status, actor, version FROM submission_log',
      );
      assert.deepEqual(log, [{ status: 'accepted', actor: 'recovery', version: 1 }]);
    } finally {
      await stores.close();
    }
  });
});
