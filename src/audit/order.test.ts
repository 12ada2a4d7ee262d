// Regression (issue 13 item 9): the audit log is ordered by its numeric id, never by the id as text — with 130
// entries, limit=1 returns entry 130 (as text, '99' sorts after '130').
import assert from 'node:assert/strict';
import { it } from 'node:test';

import { openTestStores } from '../testing/stores.ts';
import { appendAudit, queryAudit } from './store.ts';

it('returns the newest audit entry first by numeric id', async () => {
  const stores = await openTestStores();
  try {
    const at = new Date('2025-04-20T08:00:00Z');
    for (let i = 1; i <= 130; i++)
      await appendAudit(
        stores.state,
        { actor: 'admin', action: `t.${i}`, object_type: 't', object_id: null },
        at,
      );
    const page = await queryAudit(stores.state, { limit: 1, offset: 0 });
    assert.equal(page.total, 130);
    assert.equal(page.items[0]?.action, 't.130');
    const all = await queryAudit(stores.state, { limit: 500, offset: 0 });
    const ids = all.items.map((r) => Number(r.id));
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => b - a),
    );
  } finally {
    await stores.close();
  }
});
