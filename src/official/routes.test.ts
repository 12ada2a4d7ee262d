// The official-series routes in process: the statistics division uploads (banks may not), a bad file answers 422
// with coded violations, each import is audited, and the reconciliation answers with the tolerance it used.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { CliContext } from '../cli/kernel/command.ts';
import { createOutput } from '../cli/kernel/output.ts';
import { get, startHarness, upload, type Harness } from '../loans/routes.testkit.ts';
import { officialCommands } from './cli.ts';

let h: Harness;
before(async () => {
  h = await startHarness('pglite');
});
after(() => h.close());

const csv = (rows: string[]) => Buffer.from(['period,scope,series,value,source', ...rows].join('\n') + '\n');

describe('official routes', () => {
  it('imports an official file for the statistics division only, audited', async () => {
    const body = csv(['2025-03,city,all_loans,1000.00,release', '2025-03,B0001,all_loans,400.00,return']);
    assert.equal((await upload(h, 'bank', 'o.csv', body, '/api/official/imports')).statusCode, 403);
    const res = await upload(h, 'regulator', 'o.csv', body, '/api/official/imports');
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([res.json().rows, res.json().periods], [2, ['2025-03']]);
    assert.ok(h.audits.some((a) => a.action === 'official.import' && a.actor === 'regulator'));
    const bad = await upload(
      h,
      'regulator',
      'b.csv',
      csv(['2025-03,B9999,tech,1.00,return']),
      '/api/official/imports',
    );
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bad
        .json()
        .violations.map((v: { rule_id: string; row: number; column: string }) => [
          v.rule_id,
          v.row,
          v.column,
        ]),
      [['OFF_E_BAD_SCOPE', 2, 'scope']],
    );
    const list = await get(h, 'auditor', '/api/official/imports');
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().length, 1);
  });

  it('answers the reconciliation with the tolerance given', async () => {
    const res = await get(
      h,
      'auditor',
      '/api/official/reconciliation?period=2025-03&tolerance_absolute=5.00',
    );
    assert.equal(res.statusCode, 200, res.body);
    const v = res.json();
    assert.equal(v.tolerance.absolute, '5.00');
    assert.deepEqual(
      v.completeness.map((r: { institution_code: string; status: string }) => [r.institution_code, r.status]),
      [['B0001', 'no_file']],
    );
    assert.deepEqual(
      v.reconciliation.map(
        (l: { series: string; difference: string; missing_banks: string; unexplained: string }) => [
          l.series,
          l.difference,
          l.missing_banks,
          l.unexplained,
        ],
      ),
      [['all_loans', '1000.00', '400.00', '600.00']],
    );
    assert.equal((await get(h, 'district', '/api/official/reconciliation?period=2025-03')).statusCode, 403);
  });
});

describe('official cli', () => {
  it('imports through the CLI (audited as cli), rejects a bad file with exit 2 and reconciles a period', async () => {
    const printed: unknown[] = [];
    const ctx = {
      config: h.config,
      stores: async () => h.stores,
      out: createOutput({
        json: true,
        tty: false,
        sink: { stdout: (text) => void printed.push(JSON.parse(text)), stderr: () => undefined },
      }),
      now: () => new Date('2025-04-21T08:00:00Z'),
    } satisfies CliContext;
    const run = (name: string, args: string[]) =>
      officialCommands.find((c) => c.path.join(' ') === name)?.run(args, ctx);
    const fixtures = new URL('../../test/fixtures/official/', import.meta.url).pathname;
    assert.equal(await run('official import', [`${fixtures}not-ok.csv`, '--json']), 2);
    assert.equal((printed.pop() as { violations: unknown[] }).violations.length, 6);
    const [audit] = await h.stores.state.query<{ actor: string; action: string }>(
      "SELECT actor, action FROM audit_log WHERE action = 'official.import' ORDER BY id DESC LIMIT 1",
    );
    assert.deepEqual(audit, { actor: 'cli', action: 'official.import' });
    assert.equal(await run('official reconcile', ['--period', '2025-13']), 2);
    assert.equal(await run('official reconcile', ['--period', '2025-03', '--json']), 0);
    assert.equal((printed.pop() as { period: string }).period, '2025-03');
  });
});
