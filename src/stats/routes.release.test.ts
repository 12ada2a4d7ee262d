// GET /api/stats/release over real stores: a bank's accepted file counts in the release figures only once a
// statistician has approved it (completeness and figures move together), city figures agree with the stored
// aggregates of the same loans, and scoped users get only their own rows.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

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
});
