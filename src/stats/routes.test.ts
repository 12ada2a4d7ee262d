// HTTP tests of the statistics routes and of data scoping across the loans and stats API: two banks (B0001,
// B0002) submit the same fixture rows; the numbers served equal the stats query functions; a table of
// route × role × foreign id checks every refusal and that no foreign rows come back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { listReconciliationItems } from '../classify/reconcile.ts';
import {
  fixture,
  fixtureFor,
  get,
  startHarness,
  upload,
  type Harness,
  type TestUser,
} from '../loans/routes.testkit.ts';
import { stateKinds } from '../testing/stores.ts';
import { DIMS } from './dims.ts';
import { explainFigure } from './explain.ts';
import { areaStats, balanceHistory } from './queries.ts';
import { liveFigures } from './routes.sql.ts';
import { evaluateTargets } from './targets.ts';

const P = '2025-03';

for (const kind of stateKinds()) {
  describe(`stats HTTP routes and scoping (${kind})`, () => {
    let h: Harness;
    const log = { B0001: '', B0002: '' };
    before(async () => {
      h = await startHarness(kind);
      const a = await upload(h, 'bank', 'b1.csv', await fixture('ok/utf8.csv'));
      const b = await upload(h, 'regulator', 'b2.csv', await fixtureFor('B0002'));
      assert.equal(a.statusCode, 201, a.body);
      assert.equal(b.statusCode, 201, b.body);
      log.B0001 = a.json().log_id;
      log.B0002 = b.json().log_id;
    });
    after(async () => h.close());

    it('serves the numbers of the stats query functions to unscoped users', async () => {
      const periods = (await get(h, 'auditor', '/api/stats/periods')).json();
      assert.deepEqual(periods, { periods: [P], latest: P });
      const ov = (await get(h, 'admin', '/api/stats/overview')).json();
      const city = await areaStats(h.stores.analytics, P, { dim: 'city' });
      assert.ok(city.figures.length >= 3, 'city figures');
      assert.deepEqual(ov.city, city.figures);
      assert.equal(ov.own, null);
      for (const dim of DIMS) {
        const r = (await get(h, 'regulator', `/api/stats/figures?period=${P}&dim=${dim}`)).json();
        assert.deepEqual(r.figures, (await areaStats(h.stores.analytics, P, { dim })).figures, dim);
      }
      const drill = (await get(h, 'admin', `/api/stats/drill?period=${P}&area=all5`)).json();
      assert.ok(drill.rows.length > 0, 'drill rows');
      assert.deepEqual(drill, await explainFigure(h.stores.analytics, { period: P, area: 'all5' }));
      const targets = (await get(h, 'auditor', '/api/stats/targets')).json();
      assert.deepEqual(targets, JSON.parse(JSON.stringify(await evaluateTargets(h.stores.analytics))));
      const hist = (await get(h, 'bank', '/api/stats/history?area=all5')).json();
      assert.equal(hist.points.length, 1);
      assert.deepEqual(hist.points, await balanceHistory(h.stores.analytics, 'all5'));
      const rec = (await get(h, 'admin', `/api/stats/reconciliation?period=${P}`)).json();
      // the v2 fixture's reported codes and flags agree with the rules: the route must match the query function
      assert.deepEqual(rec.items, await listReconciliationItems(h.stores.analytics, P, { limit: 100 }));
      const xlsx = await get(h, 'auditor', `/api/stats/report.xlsx?period=${P}`);
      assert.equal(xlsx.statusCode, 200);
      assert.ok(h.audits.some((e) => e.action === 'stats.report.export' && e.actor === 'auditor'));
    });

    it('recomputes scoped tables with the stored definitions', async () => {
      const conn = h.stores.analytics;
      for (const dim of DIMS) {
        const live = await liveFigures(conn, P, { kind: 'all' }, dim);
        assert.deepEqual(live, (await areaStats(conn, P, { dim })).figures, dim);
      }
      // B0002 holds the same rows as B0001: a bank's district balances are half the city's.
      const mine = (
        await get(h, 'bank', `/api/stats/figures?period=${P}&dim=district&area=all_loans`)
      ).json();
      const all = (await areaStats(conn, P, { dim: 'district', area: 'all_loans' })).figures;
      assert.equal(mine.figures.length, all.length);
      for (const f of mine.figures) {
        const c = all.find((x) => x.dim_value === f.dim_value);
        assert.equal(Number(f.balance) * 2, Number(c?.balance));
        assert.equal(f.submission_ids.length, 1);
      }
      const own = (await get(h, 'bank', `/api/stats/overview?period=${P}`)).json();
      assert.ok(own.own.length > 0 && own.own.every((f: { dim_value: string }) => f.dim_value === 'B0001'));
      const dist = (await get(h, 'district', `/api/stats/overview?period=${P}`)).json();
      assert.ok(dist.own.every((f: { dim_value: string }) => f.dim_value === '500103'));
      const dfig = (await get(h, 'district', `/api/stats/figures?period=${P}&dim=industry_division`)).json();
      const dsum = dfig.figures
        .filter((f: { area: string }) => f.area === 'all_loans')
        .reduce((s: number, f: { balance: string }) => s + Number(f.balance), 0);
      const d = all.find((x) => x.dim_value === '500103');
      assert.equal(dsum, Number(d?.balance));
    });

    it('gives scoped users only their own rows', async () => {
      const sub = (await get(h, 'bank', '/api/loans/submissions')).json();
      assert.ok(sub.items.length > 0 && !JSON.stringify(sub).includes('B0002'));
      const inst = (await get(h, 'bank', `/api/stats/figures?period=${P}&dim=institution`)).json();
      assert.ok(inst.figures.length > 0 && !JSON.stringify(inst).includes('B0002'));
      const ranks = (
        await get(h, 'bank', `/api/stats/rankings?period=${P}&dim=institution&area=all_loans`)
      ).json();
      assert.equal(ranks.rows.length, 2);
      for (const r of ranks.rows) assert.equal(r.balance === null, r.code !== 'B0001');
      const dranks = (await get(h, 'district', `/api/stats/rankings?period=${P}&dim=district`)).json();
      for (const r of dranks.rows) assert.equal(r.balance === null, r.code !== '500103');
      const drill = (
        await get(h, 'bank', `/api/stats/drill?period=${P}&area=all_loans&district=500103`)
      ).json();
      assert.deepEqual(
        drill.rows.map((r: { key: string }) => r.key),
        ['B0001'],
      );
      const loans = (
        await get(h, 'bank2', `/api/stats/drill?period=${P}&area=all_loans&district=500103&institution=B0002`)
      ).json();
      assert.ok(
        loans.rows.length > 0 &&
          loans.rows.every((r: { institution_code: string }) => r.institution_code === 'B0002'),
      );
      const rec = (await get(h, 'bank', `/api/stats/reconciliation?period=${P}`)).json();
      assert.ok(rec.items.every((r: { institution_code: string }) => r.institution_code === 'B0001'));
      const sum = (await get(h, 'bank2', `/api/stats/reconciliation/summary?period=${P}`)).json();
      assert.ok(sum.rows.every((r: { institution_code: string }) => r.institution_code === 'B0002'));
      const t = (await get(h, 'bank', '/api/stats/targets')).json();
      for (const rows of Object.values(t.contributions) as { dim_value: string }[][])
        assert.ok(rows.every((r) => r.dim_value === 'B0001'));
      const ddrill = (await get(h, 'district', `/api/stats/drill?period=${P}&area=all_loans`)).json();
      assert.deepEqual(
        ddrill.rows.map((r: { key: string }) => r.key),
        ['500103'],
      );
      const ex = await get(h, 'bank', '/api/stats/loans/B0001/L0001/explain');
      assert.equal(ex.statusCode, 200);
      assert.equal(ex.json().institution_code, 'B0001');
    });

    it('refuses every foreign id for every route and role', async () => {
      const other: Record<'bank' | 'bank2', [string, string]> = {
        bank: ['B0002', log.B0002],
        bank2: ['B0001', log.B0001],
      };
      const cases: [TestUser, string, number][] = [];
      for (const u of ['bank', 'bank2'] as const) {
        const [code, id] = other[u];
        cases.push(
          [u, `/api/loans/submissions/${id}`, 404],
          [u, `/api/loans/submissions/${id}/report.json`, 404],
          [u, `/api/loans/submissions/${id}/report.csv`, 404],
          [u, `/api/loans/submissions/${id}/report.xlsx`, 404],
          [u, `/api/loans/submissions?institution=${code}`, 403],
          [u, `/api/stats/loans/${code}/L0001/explain`, 403],
          [u, `/api/stats/reconciliation?period=${P}&institution=${code}`, 403],
          [u, `/api/stats/drill?period=${P}&district=500103&institution=${code}`, 403],
          [u, `/api/stats/history?area=tech&dim=institution&dim_value=${code}`, 403],
          [u, '/api/stats/history?area=tech&dim=district&dim_value=500103', 403],
          [u, `/api/stats/report.xlsx?period=${P}`, 403],
        );
      }
      for (const id of [log.B0001, log.B0002])
        cases.push(
          ['district', `/api/loans/submissions/${id}`, 403],
          ['district', `/api/loans/submissions/${id}/report.json`, 403],
          ['district', `/api/loans/submissions/${id}/report.xlsx`, 403],
        );
      for (const code of ['B0001', 'B0002'])
        cases.push(
          ['district', `/api/stats/loans/${code}/L0001/explain`, 403],
          ['district', `/api/stats/drill?period=${P}&district=500103&institution=${code}`, 403],
          ['district', `/api/stats/history?area=tech&dim=institution&dim_value=${code}`, 403],
        );
      cases.push(
        ['district', '/api/loans/submissions', 403],
        ['district', `/api/stats/figures?period=${P}&dim=institution`, 403],
        ['district', `/api/stats/rankings?period=${P}&dim=institution`, 403],
        ['district', `/api/stats/drill?period=${P}&district=500112`, 403],
        ['district', `/api/stats/drill?period=${P}&district=500103`, 403],
        ['district', '/api/stats/history?area=tech&dim=district&dim_value=500112', 403],
        ['district', `/api/stats/reconciliation?period=${P}`, 403],
        ['district', `/api/stats/reconciliation/summary?period=${P}`, 403],
        ['district', `/api/stats/report.xlsx?period=${P}`, 403],
        ['bank', '/api/loans/submissions/999999', 404],
      );
      const exportsBefore = h.audits.filter((a) => a.action.endsWith('.export')).length;
      for (const [user, url, status] of cases) {
        const res = await get(h, user, url);
        assert.equal(res.statusCode, status, `${user} ${url}: ${res.body}`);
        const body = res.json();
        assert.deepEqual(
          Object.keys(body).filter((k) => !['code', 'message_zh', 'message_en', 'details'].includes(k)),
          [],
          `${user} ${url}`,
        );
        assert.ok(body.message_zh && body.message_en);
        assert.doesNotMatch(res.body, /测试银行|b[12]\.csv|L000\d"|balance/, `${user} ${url}`);
      }
      assert.equal(h.audits.filter((a) => a.action.endsWith('.export')).length, exportsBefore);
    });

    it('serves fresh numbers after a new version is accepted (the cache follows the data)', async () => {
      const before = (await get(h, 'admin', `/api/stats/overview?period=${P}`)).json();
      const text = (await fixture('ok/utf8.csv')).toString('utf8').replace(',5000000.00,', ',5000001.00,');
      const res = await upload(h, 'bank', 'b1-v2.csv', Buffer.from(text, 'utf8'));
      assert.equal(res.json().version, 2, res.body);
      const now = (await get(h, 'admin', `/api/stats/overview?period=${P}`)).json();
      assert.notDeepEqual(now.city, before.city);
      assert.deepEqual(now.city, (await areaStats(h.stores.analytics, P, { dim: 'city' })).figures);
    });
  });
}
