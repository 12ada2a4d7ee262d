// The disclosure level of the configuration enforced by the API per role (issue 17 item 4): a bank and a
// district user see their own result only (`own`), every grade without others' ranks (`tiers`), or full ranks;
// the admin always sees everything. Real server factory (app.inject) and stores; the fixture book.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { FastifyInstance } from 'fastify';

import { DEMO_PASSWORD, seedDemoUsers } from '../auth/seed.ts';
import { upsertInstitutions } from '../institutions/store.ts';
import { buildServer } from '../server/app.ts';
import type { Stores } from '../store/stores.ts';
import { loginCookie, testConfig } from '../testing/http.ts';
import { openTestStores } from '../testing/stores.ts';
import { FIXTURE_CONFIG_YAML, FIXTURE_INSTITUTIONS, seedFixtureLoans } from './fixture.ts';
import { assessRoutes } from './routes.ts';

const NOW = new Date('2025-07-15T08:00:00Z');
type Rank = { subject_kind: string; code: string; rank: number | null; grade: string };

describe('assessment disclosure levels per role', () => {
  let stores: Stores;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};

  /** Publishes the fixture configuration at `level` and runs 2025-Q2 under it. */
  async function runAt(level: string) {
    const put = await app.inject({
      method: 'PUT',
      url: '/api/assess/config',
      headers: { cookie: cookies.admin },
      payload: { yaml: `disclosure: ${level}\n${FIXTURE_CONFIG_YAML}` },
    });
    assert.equal(put.statusCode, 201);
    const run = await app.inject({
      method: 'POST',
      url: '/api/assess/runs',
      headers: { cookie: cookies.admin },
      payload: { period: '2025-Q2' },
    });
    assert.equal(run.statusCode, 201);
  }
  const ranksAs = async (user: string): Promise<Rank[]> => {
    const r = await app.inject({ url: '/api/assess/runs/2025-Q2', headers: { cookie: cookies[user] } });
    assert.equal(r.statusCode, 200);
    return (r.json() as { ranks: Rank[] }).ranks;
  };
  /** kind:code:rank (- = hidden), sorted. */
  const view = (ranks: Rank[]) => ranks.map((r) => `${r.subject_kind}:${r.code}:${r.rank ?? '-'}`).sort();

  before(async () => {
    stores = await openTestStores('pglite');
    await seedFixtureLoans(stores.analytics);
    await upsertInstitutions(stores.state, stores.analytics, FIXTURE_INSTITUTIONS);
    await seedDemoUsers(stores.state, ['B2'], ['500103'], NOW);
    app = await buildServer({ config: testConfig(), stores, now: () => NOW, routes: [assessRoutes] });
    for (const user of ['admin', 'bank', 'district'])
      cookies[user] = await loginCookie(app, user, DEMO_PASSWORD);
  });
  after(async () => {
    await app.close();
    await stores.close();
  });

  it('own: the bank and the district see only themselves; the admin sees all', async () => {
    await runAt('own');
    assert.deepEqual(view(await ranksAs('bank')), ['bank:B2:3']); // B1, B2, B3 joint-stock: B2 third
    const district = await ranksAs('district');
    assert.deepEqual(
      district.map((r) => [r.code, typeof r.rank]),
      [['500103', 'number']],
    );
    assert.equal((await ranksAs('admin')).length, 6); // 4 banks, 2 districts
    const other = await app.inject({ url: '/api/assess/history/bank/B1', headers: { cookie: cookies.bank } });
    assert.equal(other.statusCode, 403);
    assert.equal(other.json().code, 'ASSESS_FORBIDDEN');
  });

  it("tiers: every grade, others' ranks hidden; ranks: everything published", async () => {
    await runAt('tiers');
    const tiers = await ranksAs('bank');
    assert.deepEqual(view(tiers), [
      'bank:B1:-',
      'bank:B2:3',
      'bank:B3:-',
      'bank:B4:-',
      'district:500103:-',
      'district:500104:-',
    ]);
    assert.ok(tiers.every((r) => r.grade !== ''));
    const hist = await app.inject({ url: '/api/assess/history/bank/B1', headers: { cookie: cookies.bank } });
    assert.deepEqual(
      hist.json().entries.map((e: { rank: number | null }) => e.rank),
      [null],
    );
    await runAt('ranks');
    assert.ok((await ranksAs('district')).every((r) => r.rank !== null));
  });
});
