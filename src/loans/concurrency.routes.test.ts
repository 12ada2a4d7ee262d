// Attack regression (issue 13 item 1): 20 uploads each from two banks, all named `same.csv`, sent at once.
// Each must end in its own report folder and log id, with an audit entry, answered accepted / rejected /
// duplicate or a coded "busy, retry" (503) — never a 500 — and no bank may download the other's report.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { AppError } from '../http/errors.ts';
import { createLanes } from '../platform/lanes.ts';
import { fixtureFor, get, startHarness, upload, type Harness } from './routes.testkit.ts';

describe('concurrent uploads (issue 13 item 1)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness('pglite');
  });
  after(async () => h.close());

  it('gives every upload its own report and log id, an audit entry, and never a 500', async () => {
    const files = { bank: await fixtureFor('B0001'), bank2: await fixtureFor('B0002') };
    const users = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 'bank' : 'bank2') as 'bank' | 'bank2');
    const answers = await Promise.all(users.map((u) => upload(h, u, 'same.csv', files[u])));
    const codes = answers.map((r) => r.statusCode);
    assert.ok(
      !codes.includes(500),
      `codes: ${codes.join(',')}\n${answers.find((r) => r.statusCode === 500)?.body}`,
    );
    const logIds = new Set<string>();
    for (const [i, res] of answers.entries()) {
      const body = res.json();
      if (res.statusCode === 503) {
        assert.equal(body.code, 'upload.busy');
        continue;
      }
      assert.ok([200, 201, 422].includes(res.statusCode), `${res.statusCode} ${res.body}`);
      const user = users[i] ?? 'bank';
      assert.equal(body.institution_code, user === 'bank' ? 'B0001' : 'B0002');
      assert.ok(!logIds.has(body.log_id), `log id ${body.log_id} twice`);
      logIds.add(body.log_id);
      // The report is the uploader's: its own bank reads it, the other bank gets 404.
      const own = await get(h, user, body.reports.json);
      assert.equal(own.statusCode, 200);
      assert.equal(own.json().institution_code, body.institution_code);
      const other = await get(h, user === 'bank' ? 'bank2' : 'bank', body.reports.json);
      assert.equal(other.statusCode, 404);
    }
    // One audit entry per upload, whatever its outcome.
    const audited = h.audits.filter((a) => a.action === 'loans.upload');
    assert.equal(audited.length, 40);
    // Distinct report folders, one per logged upload.
    const dirs = await h.stores.state.query<{ n: number; d: number }>(
      'SELECT count(*)::integer AS n, count(DISTINCT report_dir)::integer AS d FROM submission_log',
    );
    assert.equal(dirs[0]?.n, logIds.size);
    assert.equal(dirs[0]?.d, logIds.size);
  });
});

describe('submission lanes', () => {
  it('serialises one key, refuses beyond capacity with upload.busy', async () => {
    const lanes = createLanes(2);
    const order: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const a = lanes.run('B0001', async () => {
      await gate;
      order.push('a');
    });
    const b = lanes.run('B0001', async () => {
      order.push('b');
    });
    await assert.rejects(
      lanes.run('B0002', async () => undefined),
      (e: unknown) => e instanceof AppError && e.code === 'upload.busy' && e.statusCode === 503,
    );
    release();
    await Promise.all([a, b]);
    assert.deepEqual(order, ['a', 'b']);
    assert.equal(lanes.admitted, 0);
  });

  it('runs at most `parallel` keys at once, the others in order of arrival', async () => {
    const lanes = createLanes(10, 2);
    let running = 0;
    let most = 0;
    const order: string[] = [];
    const task = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      order.push(name);
      await new Promise((r) => setTimeout(r, 10));
      running--;
    };
    await Promise.all(['B1', 'B2', 'B3', 'B4', 'B5'].map((k) => lanes.run(k, task(k))));
    assert.equal(most, 2);
    assert.deepEqual(order, ['B1', 'B2', 'B3', 'B4', 'B5']);
  });
});
