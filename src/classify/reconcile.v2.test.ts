// Reconciliation of v2 submissions: reported codes and flags against what classify-v2 derives (RECONCILE_V2), next
// to the v1 declared-vs-derived items of v1 submissions in the same period — each file judged by its own rules.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';

import type { Analytics } from '../store/analytics/duckdb.ts';
import { classifySubmission } from './classify.ts';
import { listReconciliationItems, reconciliationSummary } from './reconcile.ts';
import { addQualification, insertSubmission, openTestAnalytics } from './testing.ts';

const ON_LIST = '915000000000000009';
let db: Analytics;
before(async () => {
  db = await openTestAnalytics();
  await addQualification(db, ON_LIST, 'high_tech_enterprise', '2020-01-01', null);
  const v2 = await insertSubmission(
    db,
    { institution: 'Q02', period: '2025-12', acceptedAt: '2026-01-10 09:00:00', fileSpec: 'loan-file-v2' },
    [
      { loan_id: 'HTP-NOT-CODED', industry_code: '2710' },
      { loan_id: 'HTP-MISMATCH', industry_code: '2710', tech_htp: 'HTP04' },
      { loan_id: 'HTP-OK', industry_code: '3911', tech_htp: 'HTP04' },
      { loan_id: 'SME-UNFLAGGED', enterprise_size: 'small', credit_line_total: '5000000.00' },
      { loan_id: 'SME-FLAGGED-LARGE', enterprise_size: 'large', inclusive_flags: ['sme_le10m'] },
      {
        loan_id: 'SME-OK',
        enterprise_size: 'micro',
        credit_line_total: '1000000.00',
        inclusive_flags: ['sme_le10m'],
      },
      { loan_id: 'GREEN-OUTSIDE', green_edition: '2025', green_item: '1.1.1', industry_code: '0111' },
      { loan_id: 'GREEN-IN', green_edition: '2025', green_item: '1.1.1', industry_code: '3411' },
      { loan_id: 'LIST-NOT-CODED', borrower_key: ON_LIST },
      { loan_id: 'ENTRUSTED', loan_nature: 'entrusted', industry_code: '2710', enterprise_size: 'small' },
    ],
  );
  await classifySubmission(db, v2);
  const v1 = await insertSubmission(
    db,
    { institution: 'Q01', period: '2025-12', acceptedAt: '2026-01-10 09:00:00' },
    [{ loan_id: 'V1-DECLARED', declared_areas: ['green'] }],
  );
  await classifySubmission(db, v1);
});
after(() => db.close());

it('lists each v2 disagreement by kind and the v1 declared-vs-derived items, nothing for the entrusted loan', async () => {
  const items = await listReconciliationItems(db, '2025-12');
  assert.deepEqual(
    items.map((i) => [i.institution_code, i.loan_id, i.area, i.kind]),
    [
      ['Q01', 'V1-DECLARED', 'green', 'declared_not_derived'],
      ['Q02', 'GREEN-OUTSIDE', 'green', 'green.industry_outside_item'],
      ['Q02', 'HTP-MISMATCH', 'tech', 'tech.htp_industry_mismatch'],
      ['Q02', 'HTP-NOT-CODED', 'tech', 'tech.htp_not_coded'],
      ['Q02', 'LIST-NOT-CODED', 'tech', 'tech.list_not_coded'],
      ['Q02', 'SME-FLAGGED-LARGE', 'inclusive', 'inclusive.sme_le10m.reported_not_derived'],
      ['Q02', 'SME-UNFLAGGED', 'inclusive', 'inclusive.sme_le10m.derived_not_reported'],
    ],
  );
  const summary = await reconciliationSummary(db, '2025-12', { institution: 'Q02' });
  assert.equal(summary.length, 6);
  assert.ok(summary.every((r) => r.loan_count === '1' && r.balance === '100.00'));
});
