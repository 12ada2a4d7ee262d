// The audit log on PGlite and PostgreSQL: append-only (UPDATE, DELETE, TRUNCATE raise), and GET /api/audit
// with filters and paging for admins and auditors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import type { FastifyInstance } from 'fastify';

import { seedDemoUsers, DEMO_PASSWORD } from '../auth/seed.ts';
import type { Stores } from '../store/stores.ts';
import { buildServer } from '../server/app.ts';
import { loginCookie, testClock, testConfig } from '../testing/http.ts';
import { openTestStores, stateKinds } from '../testing/stores.ts';
import { appendAudit } from './store.ts';

for (const kind of stateKinds()) {
  describe(`audit log on ${kind}`, () => {
    let stores: Stores;
    let app: FastifyInstance;
    const clock = testClock('2025-03-01T00:00:00Z');

    before(async () => {
      stores = await openTestStores(kind);
      await seedDemoUsers(stores.state, ['C1'], ['500103'], clock.now());
      app = await buildServer({ config: testConfig(), stores, now: clock.now });
      for (let i = 0; i < 5; i++) {
        clock.advance(60_000);
        await appendAudit(
          stores.state,
          { actor: 'tester', action: `test.step`, object_type: 'thing', object_id: `t${i}`, detail: { i } },
          clock.now(),
        );
      }
    });
    after(async () => {
      await app.close();
      await stores.close();
    });

    test('rows cannot be updated, deleted or truncated', async () => {
      const before = await stores.state.query<{ n: string }>('SELECT count(*) AS n FROM audit_log');
      await assert.rejects(stores.state.query("UPDATE audit_log SET action = 'x'"), /append-only/);
      await assert.rejects(stores.state.query('DELETE FROM audit_log'), /append-only/);
      await assert.rejects(stores.state.query('TRUNCATE audit_log'), /append-only/);
      const after = await stores.state.query<{ n: string }>('SELECT count(*) AS n FROM audit_log');
      assert.deepEqual(after, before);
    });

    test('GET /api/audit filters and pages, newest first', async () => {
      const cookie = await loginCookie(app, 'auditor', DEMO_PASSWORD);
      const page = await app.inject({
        url: '/api/audit?action=test.step&limit=2&offset=1',
        headers: { cookie },
      });
      assert.equal(page.statusCode, 200, page.body);
      const body = page.json();
      assert.equal(body.total, 5);
      assert.deepEqual(
        body.items.map((r: { object_id: string; detail: { i: number } }) => [r.object_id, r.detail.i]),
        [
          ['t3', 3],
          ['t2', 2],
        ],
      );
      assert.equal(body.items[0].at, '2025-03-01T00:04:00.000Z');
      const window = await app.inject({
        url: '/api/audit?actor=tester&from=2025-03-01T00:02:00Z&to=2025-03-01T00:04:00Z',
        headers: { cookie },
      });
      assert.deepEqual(
        window.json().items.map((r: { object_id: string }) => r.object_id),
        ['t2', 't1'],
      );
      const bad = await app.inject({ url: '/api/audit?limit=0', headers: { cookie } });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().code, 'request.invalid');
      const logins = await app.inject({
        url: '/api/audit?action=auth.login&actor=auditor',
        headers: { cookie },
      });
      assert.equal(logins.json().total, 1);
    });

    test('only admins and auditors read the log', async () => {
      for (const [name, status] of [
        ['admin', 200],
        ['regulator', 403],
        ['bank', 403],
        ['district', 403],
      ] as const) {
        const cookie = await loginCookie(app, name, DEMO_PASSWORD);
        const res = await app.inject({ url: '/api/audit', headers: { cookie } });
        assert.equal(res.statusCode, status, `${name}: ${res.body}`);
      }
      assert.equal((await app.inject({ url: '/api/audit' })).statusCode, 401);
    });
  });
}
