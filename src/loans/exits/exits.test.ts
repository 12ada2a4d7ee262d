// The loan-exits ingest on its named fixture corpus (test/fixtures/exits): every ok/ file is accepted with its
// rows stored (a new version superseding the last), every not-ok/ file fires the rule it is named after with
// row, column and both messages, and a rejected file stores nothing.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { insertSubmission, openTestAnalytics } from '../../classify/testing.ts';
import type { Analytics } from '../../store/analytics/duckdb.ts';
import { ingestExitsFile } from './ingest.ts';
import { EXIT_RULES } from './rules.ts';

const FIX = join(import.meta.dirname, '../../../test/fixtures/exits');
const NOW = new Date('2025-04-05T08:00:00Z');
let db: Analytics;
const ingest = (rel: string) =>
  ingestExitsFile(db, { path: join(FIX, rel), fileName: rel, institution: 'B0001', now: () => NOW });
const stored = async () =>
  (await db.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM loan_exits'))[0]?.n ?? 0;

before(async () => {
  db = await openTestAnalytics();
  await db.run(
    "INSERT INTO institutions (code, name_zh, name_en, peer_group, district_code) VALUES ('B0001', '测试银行', 'Test Bank', 'other', NULL)",
  );
  await insertSubmission(db, { institution: 'B0001', period: '2025-02', acceptedAt: '2025-03-05 00:00:00' }, [
    { loan_id: 'L1' },
    { loan_id: 'L2' },
  ]);
});
after(() => db.close());

describe('ok fixtures', () => {
  it('accepts exits.csv and its Chinese-labelled twin, the second superseding the first', async () => {
    const a = await ingest('ok/exits.csv');
    assert.deepEqual([a.status, a.rows, a.version, a.violations], ['accepted', 2, 1, []]);
    const b = await ingest('ok/labels-zh-bom.csv');
    assert.deepEqual([b.status, b.rows, b.version, b.violations], ['accepted', 2, 2, []]);
    const rows = await db.all<{ loan_id: string; exit_reason: string; amount: string }>(
      `SELECT e.loan_id, e.exit_reason, e.amount::VARCHAR AS amount FROM loan_exits e
       JOIN exit_submissions s USING (exit_submission_id) WHERE s.superseded_at IS NULL ORDER BY e.loan_id`,
    );
    assert.deepEqual(rows, [
      { loan_id: 'L1', exit_reason: 'written_off', amount: '100.00' },
      { loan_id: 'L2', exit_reason: 'repaid', amount: '50.50' },
    ]);
  });
});

describe('not-ok fixtures', () => {
  const files = readdirSync(join(FIX, 'not-ok'));
  it('names a fixture after every rule but EXIT_E_UNREADABLE (a file DuckDB cannot parse)', () => {
    const named = new Set(files.map((f) => f.replace('.csv', '')));
    assert.deepEqual(
      EXIT_RULES.map((r) => r.id).filter((id) => id !== 'EXIT_E_UNREADABLE' && !named.has(id)),
      [],
    );
  });
  for (const f of files) {
    const ruleId = f.replace('.csv', '');
    it(`${ruleId.startsWith('EXIT_W_') ? 'warns' : 'rejects'} not-ok/${f} with ${ruleId}`, async () => {
      const before = await stored();
      const res = await ingest(`not-ok/${f}`);
      const hits = res.violations.filter((v) => v.rule_id === ruleId);
      assert.ok(hits.length > 0, JSON.stringify(res.violations));
      for (const v of res.violations)
        assert.ok(v.message_zh && v.message_en && !v.message_en.includes('{'), v.message_en);
      if (ruleId.startsWith('EXIT_W_')) {
        assert.equal(res.status, 'accepted');
        assert.ok(hits.every((v) => v.row === 2 && v.column === 'loan_id'));
      } else {
        assert.equal(res.status, 'rejected');
        assert.equal(await stored(), before, 'a rejected file stores nothing');
      }
    });
  }
});
