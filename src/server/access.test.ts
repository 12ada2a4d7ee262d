// The route × role × foreign-id table (issue 13 item 5), generated from the OpenAPI document the server
// serves, so a new route cannot be missed: every documented operation has an entry in src/http/access.ts;
// an anonymous client gets 401 on every non-public route; every role outside a route's entry gets 403 before
// anything else; bank and district users asking for another bank's or district's ids never get a 2xx; and no
// call answers 500. The city's promotion report (GET /api/promote/report) is refused to banks and districts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { accessOf, ROUTE_ACCESS, roleMayCall } from '../http/access.ts';
import type { Role } from '../http/route-context.ts';
import {
  fixtureFor,
  startHarness,
  upload,
  USERS,
  type Harness,
  type TestUser,
} from '../loans/routes.testkit.ts';

const ROLE: Record<TestUser, Role> = {
  admin: 'admin',
  regulator: 'regulator',
  auditor: 'auditor',
  bank: 'institution',
  bank2: 'institution',
  district: 'district',
};

describe('route × role × foreign id (from the OpenAPI document)', () => {
  let h: Harness;
  let ops: { method: string; path: string }[];
  let foreignLogId = '';
  before(async () => {
    h = await startHarness('pglite');
    // An upload of the other bank (B0002, 南岸区 500108): foreign to `bank` (B0001) and `district` (500103).
    foreignLogId = (await upload(h, 'bank2', 'b2.csv', await fixtureFor('B0002'))).json().log_id;
    const doc = h.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    ops = Object.entries(doc.paths).flatMap(([path, o]) =>
      Object.keys(o).map((m) => ({ method: m.toUpperCase(), path })),
    );
  });
  after(async () => h.close());

  /** The path with foreign ids for bank/district users. */
  const urlOf = (path: string, user: TestUser | 'anon') =>
    path.replaceAll(/\{(\w+)\}/g, (_, k: string) => {
      const own = user === 'bank2';
      switch (k) {
        case 'id':
          return path.startsWith('/api/loans/') ? foreignLogId : '999999';
        case 'institution':
          return own ? 'B0001' : 'B0002';
        case 'code':
          return user === 'district' ? '500108' : own ? 'B0001' : 'B0002';
        case 'kind':
          return user === 'district' ? 'district' : 'bank';
        case 'period':
          return '2025-03';
        case 'quarter':
        case 'no':
          return '1';
        default:
          return 'x1';
      }
    }) + (path.startsWith('/api/stats') || path === '/api/promote/report' ? '?period=2025-03&year=2025' : '');

  it('covers every documented operation', () => {
    assert.ok(ops.length >= 50, `only ${ops.length} operations`);
    const missing = ops.filter(
      (o) => accessOf(o.method, o.path.replaceAll(/\{(\w+)\}/g, ':$1')) === undefined,
    );
    assert.deepEqual(missing, []);
    // And the table lists nothing that is not served.
    const served = new Set(ops.map((o) => `${o.method} ${o.path}`));
    const stale = Object.keys(ROUTE_ACCESS).filter((k) => !served.has(k) && !k.startsWith('GET /api/docs'));
    assert.deepEqual(stale, []);
  });

  it('answers each role as the table says, never 2xx on foreign ids, never 500', async () => {
    const problems: string[] = [];
    for (const { method, path } of ops) {
      if (path.startsWith('/api/auth/log')) continue; // logging in and out is covered by the auth tests
      const access = ROUTE_ACCESS[`${method} ${path}`] ?? 'public';
      for (const user of [...USERS, 'anon'] as const) {
        const url = urlOf(path, user);
        const res = await h.app.inject({
          method: method as 'GET',
          url,
          headers: user === 'anon' ? {} : { cookie: h.cookies[user], 'content-type': 'application/json' },
          ...(method === 'GET' ? {} : { payload: '{}' }),
        });
        const at = `${method} ${url} as ${user}: ${res.statusCode} ${res.body.slice(0, 120)}`;
        if (res.statusCode >= 500) problems.push(`500: ${at}`);
        if (user === 'anon') {
          if (access !== 'public' && res.statusCode !== 401) problems.push(`not 401: ${at}`);
          continue;
        }
        if (!roleMayCall(access, ROLE[user])) {
          if (res.statusCode !== 403) problems.push(`not 403: ${at}`);
          continue;
        }
        const foreign = /\{(id|institution|code)\}/.test(path) && (user === 'bank' || user === 'district');
        if (foreign && res.statusCode < 300 && !path.startsWith('/api/promote/measures'))
          problems.push(`foreign id answered: ${at}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('refuses the city promotion report to banks and districts', async () => {
    for (const [user, code] of [
      ['bank', 403],
      ['district', 403],
      ['regulator', 200],
      ['auditor', 200],
    ] as const) {
      const res = await h.app.inject({
        url: '/api/promote/report?year=2025&format=html',
        headers: { cookie: h.cookies[user] },
      });
      assert.equal(res.statusCode, code, `${user}: ${res.body.slice(0, 200)}`);
    }
  });
});

describe('audit of exports and ordering (issue 13 item 9)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness('pglite', {});
  });
  after(async () => h.close());

  it('audits the promotion report and assessment exports', async () => {
    await h.app.inject({ url: '/api/promote/report?year=2025', headers: { cookie: h.cookies.regulator } });
    await h.app.inject({
      url: '/api/assess/runs/2025-03/export.xlsx',
      headers: { cookie: h.cookies.regulator },
    });
    const actions = h.audits.map((a) => a.action);
    assert.ok(actions.includes('promote.report.export'), actions.join(','));
  });
});
