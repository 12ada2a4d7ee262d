// HTTP tests of the assessment routes (app.inject on the real server factory, real stores): configuration
// versions, qualitative scores, runs, scoping of breakdowns, what-if and the XLSX export.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';

import { DEMO_PASSWORD, seedDemoUsers } from '../auth/seed.ts';
import type { Stores } from '../store/stores.ts';
import { buildServer } from '../server/app.ts';
import { loginCookie, testConfig } from '../testing/http.ts';
import { openTestStores } from '../testing/stores.ts';
import { FIXTURE_CONFIG_YAML, FIXTURE_INSTITUTIONS, seedFixtureLoans } from './fixture.ts';
import { assessRoutes } from './routes.ts';

const NOW = new Date('2025-07-15T08:00:00Z');

describe('assessment HTTP routes', () => {
  let stores: Stores;
  let app: FastifyInstance;
  let admin: string;
  let bank: string;
  /** A reviewer's qualitative score of a bank, entered as admin. */
  const putQualitative = (period: string, code: string, indicator_id: string, score: string) =>
    app.inject({
      method: 'PUT',
      url: '/api/assess/qualitative',
      headers: { cookie: admin },
      payload: { period, subject_kind: 'bank', subject_code: code, indicator_id, score },
    });

  before(async () => {
    stores = await openTestStores('pglite');
    await seedFixtureLoans(stores.analytics);
    for (const i of FIXTURE_INSTITUTIONS)
      await stores.state.query(
        'INSERT INTO institutions (code, name_zh, name_en, peer_group, district_code) VALUES ($1, $2, $3, $4, $5)',
        [
          i.code,
          i.code === 'B4' ? '=HYPERLINK("http://x")' : i.name_zh,
          i.name_en,
          i.peer_group,
          i.district_code,
        ],
      );
    await seedDemoUsers(stores.state, ['B2'], ['500103'], NOW);
    app = await buildServer({ config: testConfig(), stores, now: () => NOW, routes: [assessRoutes] });
    admin = await loginCookie(app, 'admin', DEMO_PASSWORD);
    bank = await loginCookie(app, 'bank', DEMO_PASSWORD);
  });
  after(async () => {
    await app.close();
    await stores.close();
  });

  it('publishes configuration versions (admin only) and rejects invalid ones with codes', async () => {
    const shipped = await app.inject({ method: 'GET', url: '/api/assess/config', headers: { cookie: bank } });
    assert.equal(shipped.json().version, 1);
    const denied = await app.inject({
      method: 'PUT',
      url: '/api/assess/config',
      headers: { cookie: bank },
      payload: { yaml: FIXTURE_CONFIG_YAML },
    });
    assert.equal(denied.statusCode, 403);
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/assess/config',
      headers: { cookie: admin },
      payload: { yaml: FIXTURE_CONFIG_YAML.replace('weight: 30}', 'weight: 31}') },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'ASSESS_CONFIG_WEIGHT_SUM');
    const ok = await app.inject({
      method: 'PUT',
      url: '/api/assess/config',
      headers: { cookie: admin },
      payload: { yaml: FIXTURE_CONFIG_YAML },
    });
    assert.equal(ok.statusCode, 201);
    assert.equal(ok.json().version, 2); // version 1 is the shipped configuration, seeded on first use
    const versions = await app.inject({
      method: 'GET',
      url: '/api/assess/config/versions',
      headers: { cookie: bank },
    });
    assert.deepEqual(
      versions.json().map((v: { version: number }) => v.version),
      [1, 2],
    );
  });

  it('runs a quarter, then scopes what a bank sees', async () => {
    assert.equal((await putQualitative('2025-Q2', 'B3', 'q_mech', '80')).statusCode, 200);
    const unknown = await putQualitative('2025-Q2', 'B3', 'nope', '80');
    assert.equal(unknown.json().code, 'ASSESS_UNKNOWN_INDICATOR');
    const run = await app.inject({
      method: 'POST',
      url: '/api/assess/runs',
      headers: { cookie: admin },
      payload: { period: '2025-Q2' },
    });
    assert.equal(run.statusCode, 201);
    assert.equal(run.json().config_version, 2);
    assert.equal(run.json().results, undefined);

    const view = await app.inject({
      method: 'GET',
      url: '/api/assess/runs/2025-Q2',
      headers: { cookie: bank },
    });
    assert.equal(view.statusCode, 200);
    const body = view.json();
    assert.deepEqual(
      body.detailed.map((d: { code: string }) => d.code),
      ['B2'],
    );
    // B2 has no qualitative score here: it gets the lowest one of its peers (B3's 80) → 41.3333 + 16 = 57.33
    assert.equal(body.detailed[0].score, '57.33');
    assert.equal(body.ranks.length, 6);
    const other = await app.inject({
      method: 'GET',
      url: '/api/assess/runs/2025-Q2/bank/B1',
      headers: { cookie: bank },
    });
    assert.equal(other.statusCode, 403);
    const own = await app.inject({
      method: 'GET',
      url: '/api/assess/runs/2025-Q2/bank/B2',
      headers: { cookie: bank },
    });
    assert.equal(own.json().result.breakdown.length, 5);

    const wi = await app.inject({
      method: 'POST',
      url: '/api/assess/runs/2025-Q2/what-if',
      headers: { cookie: bank },
      payload: { subject_kind: 'bank', subject_code: 'B2', indicator_id: 'inc_npl', raw: '0.5' },
    });
    assert.equal(wi.statusCode, 200);
    assert.equal(wi.json().after.score, '77.33'); // NPL band ≤ 1 → 100 × 20 / 100 = +20
  });

  it('exports the run as XLSX with Chinese headers and no formula injection', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/assess/runs/2025-Q2/export.xlsx',
      headers: { cookie: admin },
    });
    assert.equal(res.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('排名');
    assert.ok(ws);
    assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1, 5), [
      '考核对象类型',
      '代码',
      '名称',
      '同业组别',
    ]);
    const names: unknown[] = [];
    ws.eachRow((row) => names.push(row.getCell(3).value));
    assert.ok(names.includes('\'=HYPERLINK("http://x")'));
    assert.ok(ws.getColumn(5).numFmt === '0.00');
  });

  it("lists a subject's score history from the latest run of each period, scores only within scope", async () => {
    const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });
    const post = (url: string, payload: object) =>
      app.inject({ method: 'POST', url, headers: { cookie: admin }, payload });
    assert.equal((await post('/api/assess/runs', { period: '2025-Q1' })).statusCode, 201);
    // a reviewer scores B2 after the Q2 run was published: the re-run replaces the published Q2 result
    assert.equal((await putQualitative('2025-Q2', 'B2', 'q_mech', '90')).statusCode, 200);
    assert.equal((await post('/api/assess/runs', { period: '2025-Q2' })).statusCode, 201);

    const own = await get('/api/assess/history/bank/B2', bank);
    assert.equal(own.statusCode, 200);
    const h = own.json();
    assert.equal(h.name, FIXTURE_INSTITUTIONS.find((i) => i.code === 'B2')?.name_zh);
    assert.deepEqual(
      h.entries.map((e: { period: string }) => e.period),
      ['2025-Q1', '2025-Q2'],
    );
    const q1 = (await get('/api/assess/runs/2025-Q1/bank/B2', bank)).json().result;
    assert.equal(h.entries[0].score, q1.score);
    assert.equal(h.entries[0].rank, q1.rank);
    assert.equal(h.entries[1].score, '59.33'); // 41.3333 + 20% × 90 — the re-run, not the first run's 57.33
    assert.ok(h.entries[1].run_id > h.entries[0].run_id);

    const foreign = (await get('/api/assess/history/bank/B1', bank)).json();
    assert.equal(foreign.entries.length, 2);
    assert.deepEqual(
      foreign.entries.map((e: { score: string | null }) => e.score),
      [null, null],
    );
    assert.ok(foreign.entries.every((e: { rank: number; grade: string }) => e.rank >= 1 && e.grade));
    const full = (await get('/api/assess/history/bank/B1', admin)).json();
    assert.ok(full.entries.every((e: { score: string | null }) => e.score !== null));

    const missing = await get('/api/assess/history/district/999999', admin);
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'ASSESS_SUBJECT_NOT_FOUND');
  });
});
