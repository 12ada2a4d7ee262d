// HTTP tests of the submission review (PBoC practice): an accepted file with warnings needs the bank's
// 校验说明 before review; the statistician approves or returns it with a reason; every step audited; the upload
// history shows the review state. PGlite, and PostgreSQL when TEST_DATABASE_URL is set.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { stateKinds } from '../testing/stores.ts';
import { nextReviewStatus, ReviewError } from './review.ts';
import { fixture, get, startHarness, upload, type Harness, type TestUser } from './routes.testkit.ts';

it('allows only the review transitions of the workflow', () => {
  assert.equal(nextReviewStatus('needs_explanation', { kind: 'explain', text: '已核实' }), 'under_review');
  assert.equal(nextReviewStatus('under_review', { kind: 'approve' }), 'approved');
  assert.equal(nextReviewStatus('under_review', { kind: 'return', reason: '说明不充分' }), 'returned');
  assert.equal(nextReviewStatus('returned', { kind: 'explain', text: '补充说明' }), 'under_review');
  assert.throws(() => nextReviewStatus('needs_explanation', { kind: 'approve' }), ReviewError);
  assert.throws(() => nextReviewStatus('under_review', { kind: 'return', reason: ' ' }), ReviewError);
  assert.throws(() => nextReviewStatus(null, { kind: 'approve' }), ReviewError);
});

for (const kind of stateKinds()) {
  describe(`submission review over HTTP (${kind})`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(kind);
    });
    after(async () => h.close());
    const post = (user: TestUser, url: string, body: unknown) =>
      h.app.inject({ method: 'POST', url, payload: body as object, headers: { cookie: h.cookies[user] } });

    it('needs the bank explanation of its warnings, then a statistician approves or returns it', async () => {
      const res = await upload(h, 'bank', 'w.csv', await fixture('not-ok/LOAN_W_RENEWAL_MISSING.csv'));
      assert.equal(res.statusCode, 201, res.body);
      const id = res.json().log_id as string;
      const item = async () => (await get(h, 'regulator', `/api/loans/submissions/${id}`)).json();
      assert.equal((await item()).review_status, 'needs_explanation');
      // No approval before the explanation; a statistician cannot write the bank's explanation.
      const early = await post('regulator', `/api/loans/submissions/${id}/review`, { decision: 'approve' });
      assert.equal(early.statusCode, 409, early.body);
      assert.equal(
        (await post('regulator', `/api/loans/submissions/${id}/explanation`, { explanation: 'x' }))
          .statusCode,
        403,
      );
      const ex = await post('bank', `/api/loans/submissions/${id}/explanation`, {
        explanation: '该笔为存量转贷，发放类型已在核心系统补录',
      });
      assert.equal(ex.statusCode, 200, ex.body);
      assert.equal(ex.json().review_status, 'under_review');
      // Another bank cannot see or explain it; a bank cannot decide.
      assert.equal(
        (await post('bank2', `/api/loans/submissions/${id}/explanation`, { explanation: 'x' })).statusCode,
        404,
      );
      assert.equal(
        (await post('bank', `/api/loans/submissions/${id}/review`, { decision: 'approve' })).statusCode,
        403,
      );
      // Returned with a reason (a reason is required), explained again, approved.
      const noReason = await post('regulator', `/api/loans/submissions/${id}/review`, { decision: 'return' });
      assert.equal(noReason.statusCode, 400, noReason.body);
      const ret = await post('regulator', `/api/loans/submissions/${id}/review`, {
        decision: 'return',
        reason: '请说明发放类型缺失的原因',
      });
      assert.equal(ret.statusCode, 200, ret.body);
      assert.deepEqual(
        [ret.json().review_status, ret.json().review_reason],
        ['returned', '请说明发放类型缺失的原因'],
      );
      await post('bank', `/api/loans/submissions/${id}/explanation`, { explanation: '系统迁移遗漏，已补录' });
      const ok = await post('regulator', `/api/loans/submissions/${id}/review`, { decision: 'approve' });
      assert.equal(ok.json().review_status, 'approved');
      const final = await item();
      assert.equal(final.review_status, 'approved');
      assert.equal(final.explanation, '系统迁移遗漏，已补录');
      assert.equal(final.reviewed_by, 'regulator');
      assert.deepEqual(
        h.audits
          .filter((a) => a.object_id === id && a.action.startsWith('loans.review'))
          .map((a) => [a.action, a.actor]),
        [
          ['loans.review.explain', 'bank'],
          ['loans.review.return', 'regulator'],
          ['loans.review.explain', 'bank'],
          ['loans.review.approve', 'regulator'],
        ],
      );
    });

    it('sends a file without warnings straight to review and lists the pending ones', async () => {
      const res = await upload(h, 'bank', 'ok.csv', await fixture('ok/utf8.csv'));
      assert.equal(res.statusCode, 201, res.body);
      const list = await get(h, 'regulator', '/api/loans/submissions?status=accepted');
      const row = list.json().items.find((i: { id: string }) => i.id === res.json().log_id);
      assert.equal(row.review_status, 'under_review');
    });
  });
}
