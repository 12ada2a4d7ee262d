// GET /api/stats/release over real stores: a bank's accepted file counts in the release figures only once a
// statistician has approved it (completeness and figures move together), city figures agree with the stored
// aggregates of the same loans, scoped users get only their own rows, and the joint promotion's report to
// 市委/市政府 leads with the same figures for its period.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import ExcelJS from 'exceljs';

import { fixture, get, startHarness, upload, type Harness } from '../loans/routes.testkit.ts';
import { areaStats } from './queries.ts';

describe('GET /api/stats/release', () => {
  let h: Harness;
  let id = '';
  before(async () => {
    h = await startHarness('pglite');
    const res = await upload(h, 'bank', 'b1.csv', await fixture('ok/utf8.csv'));
    assert.equal(res.statusCode, 201, res.body);
    id = res.json().log_id as string;
  });
  after(async () => h.close());
  const post = (user: 'bank' | 'regulator', url: string, body: object) =>
    h.app.inject({ method: 'POST', url, payload: body, headers: { cookie: h.cookies[user] } });
  const release = async (user: 'regulator' | 'bank' | 'district', query = '') =>
    get(h, user, `/api/stats/release?key=all_loans${query}`);

  it('an accepted file under review counts neither in the figures nor as reported', async () => {
    const res = await release('regulator');
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json();
    // 2025-03 closes 2025-04-12 17:00 Asia/Shanghai; the harness clock is 2025-04-20: complete with 0 of 2
    // every key still has its city row, with nothing counted
    assert.deepEqual(
      [
        r.period,
        r.complete,
        r.institutions_reported,
        r.institutions_expected,
        r.figures.map((f: { balance: string; borrowers_with_balance: string }) => [
          f.balance,
          f.borrowers_with_balance,
        ]),
      ],
      ['2025-03', true, 0, 2, [['0.00', '0']]],
    );
  });

  it('once approved, the figures count it and agree with the aggregates of the same loans', async () => {
    const status = (await get(h, 'regulator', `/api/loans/submissions/${id}`)).json().review_status;
    if (status === 'needs_explanation')
      assert.equal(
        (await post('bank', `/api/loans/submissions/${id}/explanation`, { explanation: '已核实' }))
          .statusCode,
        200,
      );
    const ok = await post('regulator', `/api/loans/submissions/${id}/review`, { decision: 'approve' });
    assert.equal(ok.statusCode, 200, ok.body);
    const r = (await release('regulator')).json();
    const [all] = (await areaStats(h.stores.analytics, '2025-03', { area: 'all_loans' })).figures;
    assert.deepEqual(
      [r.institutions_reported, r.figures.length, r.figures[0].balance, r.figures[0].complete],
      [1, 1, all?.balance, true],
    );
    assert.equal(typeof r.computed_at, 'string');
    assert.equal(r.recomputing, false);
    for (const f of [
      'ytd_increase',
      'yoy',
      'yoy_increase',
      'yoy_extra_increase',
      'ytd_issued',
      'borrowers_with_balance',
      'first_loan_borrowers_ytd',
      'new_loan_rate',
      'bill_rate',
      'yoy_comparable',
      'rule_version',
      'institutions_reported',
      'institutions_expected',
    ])
      assert.ok(f in r.figures[0], f);
  });

  it('scoping: a bank reads its own row by bank only; a district gets no bank rows', async () => {
    const own = (await release('bank', '&dim=institution')).json();
    assert.deepEqual(
      own.figures.map((f: { dim_value: string }) => f.dim_value),
      ['B0001'],
    );
    assert.equal((await release('bank', '&dim=institution&dim_value=B0002')).statusCode, 403);
    assert.equal((await release('bank', '&dim=district')).statusCode, 403);
    assert.equal((await release('district', '&dim=institution')).statusCode, 403);
    const d = (await release('district', '&dim=branch_district')).json();
    assert.ok(d.figures.every((f: { dim_value: string }) => f.dim_value === '500103'));
  });

  it('the joint promotion Q1 report to the city leads with these figures (issue 17 item 8)', async () => {
    const api = (await get(h, 'regulator', '/api/stats/release?period=2025-03')).json();
    const five = ['tech', 'green', 'inclusive', 'pension', 'digital'];
    const expected = five
      .map((k) => api.figures.find((f: { key: string }) => f.key === k))
      .filter(Boolean)
      .map((f: Record<string, string | null>) => [f.key_label, f.balance, f.ytd_increase ?? '', f.yoy ?? '']);
    assert.ok(expected.length > 0);

    const res = await get(h, 'regulator', '/api/promote/report?year=2025&quarter=1');
    assert.equal(res.statusCode, 200, res.body);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['主要指标', '汇总', '任务明细', '问题与建议'],
    );
    const rows: unknown[][] = [];
    wb.getWorksheet('主要指标')?.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const header = rows.findIndex((r) => r[0] === '领域');
    const areas = rows.slice(header + 1, header + 1 + expected.length);
    assert.deepEqual(areas, expected);

    const bank = (
      await get(h, 'regulator', '/api/stats/release?period=2025-03&dim=institution&key=all5')
    ).json();
    const top = bank.figures[0];
    const bankRow = rows.find((r) => r[0] === '银行');
    assert.deepEqual(bankRow?.slice(1, 3), [top.dim_label, top.balance]);

    const html = await get(h, 'regulator', '/api/promote/report?year=2025&quarter=1&format=html');
    assert.match(html.body, /一、主要指标（2025-03）/);
    assert.ok(html.body.indexOf(String(expected[0]?.[1])) < html.body.indexOf('四、各项措施推进情况'));
  });
});
