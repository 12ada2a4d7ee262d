// The message-set upload: the good set reads without a violation; each named not-ok set (a few edits to the good
// one, test/fixtures/pboc-messages/not-ok) fires its rule, and an error rejects the set; one-file upload and
// message-set upload of the same loans store identical rows, labels and figures; export → ingest → export gives
// the same .dat bytes and .log files apart from the creation time.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { upsertInstitutions } from '../institutions/store.ts';
import { applyReviewAction } from '../loans/review.ts';
import { mirrorAllReviewStatuses } from '../loans/review.mirror.ts';
import { submitLoanFile } from '../platform/submit.ts';
import { recomputeAggregates } from '../stats/aggregates.sql.ts';
import type { Stores } from '../store/stores.ts';
import { openTestStores } from '../testing/stores.ts';
import { logText, writeMessageSet, writeMessageSetsOf } from './export.ts';
import { readMessageSet } from './set.ts';

const FIX = join(import.meta.dirname, '../../test/fixtures/pboc-messages');
const OK = join(FIX, 'ok');
const BASE = 'B0001_loans_2025-12.csv';
const now = () => new Date('2026-01-10T01:00:00Z');
let work = '';

interface Fixture {
  about: string;
  rule?: string;
  keepLog?: boolean;
  edits: { file: string; line: number; text: string | null }[];
}

/** A copy of the good set with the fixture's edits; each edited .dat gets a fresh .log unless `keepLog`. */
async function setFrom(name: string, fx: Fixture): Promise<string> {
  const dir = join(work, name);
  await cp(OK, dir, { recursive: true });
  const files = await readdir(dir);
  for (const e of fx.edits) {
    const [kind, code] = e.file.includes(':') ? e.file.split(':') : ['dat', e.file];
    const file =
      code === 'base' ? BASE : (files.find((f) => f.includes(`_${code}_`) && f.endsWith(`.${kind}`)) ?? '');
    const path = join(dir, file);
    const lines = (await readFile(path, 'utf8')).replace(/\n$/, '').split('\n');
    if (e.text === null) lines.splice(e.line - 1, 1);
    else lines[e.line - 1] = e.text;
    await writeFile(path, lines.filter((l) => l !== undefined).join('\n') + '\n');
    if (kind === 'dat' && code !== 'base' && !fx.keepLog)
      await writeFile(path.replace(/\.dat$/, '.log'), logText(file, await readFile(path), now()));
  }
  return dir;
}

let stores: Stores;
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'fivefin-msg-test-'));
  stores = await openTestStores();
});
after(async () => {
  await stores.close();
  await rm(work, { recursive: true, force: true });
});

describe('message set checks', { concurrency: true }, () => {
  it('reads the good set without a violation and joins every message row', async () => {
    const conn = await stores.analytics.connect();
    try {
      const r = await readMessageSet(conn, OK, join(work, 'ok.csv'));
      assert.deepEqual(r.violations, []);
      assert.equal(r.institution, 'B0001');
      assert.equal(r.period, '2025-12');
      assert.equal(r.messages.length, 10);
      assert.ok(r.csv);
      assert.equal((await stat(r.csv)).mode & 0o777, 0o600);
    } finally {
      conn.close();
    }
  });

  const names = ['MSG_E_UNJOINED', 'MSG_E_UNJOINED-base-row-missing', 'MSG_E_STOCK_FLOW', 'MSG_E_C02'];
  names.push('MSG_E_TYPE_WITHOUT_FLAG', 'MSG_E_DUPLICATE_KEY', 'MSG_W_TXN_DIFFERS', 'MSG_W_SUMMARY_DIFFERS');
  names.push('MSG_E_SUMMARY_ORDER', 'MSG_E_FIELD_COUNT', 'MSG_E_LOG_MD5', 'MSG_E_LOG_LINES');
  names.push('MSG_E_GREEN_NO_ITEM', 'MSG_E_SUMMARY_ORDER-missing-row');
  for (const name of names)
    it(`fires ${name} on its fixture`, async () => {
      const fx = JSON.parse(await readFile(join(FIX, 'not-ok', `${name}.json`), 'utf8')) as Fixture;
      const rule = fx.rule ?? name;
      const dir = await setFrom(name, fx);
      const conn = await stores.analytics.connect();
      try {
        const r = await readMessageSet(conn, dir, join(work, `${name}.csv`));
        const v = r.violations.find((x) => x.rule_id === rule);
        assert.ok(v, `${name}: ${JSON.stringify(r.by_rule)}`);
        assert.ok(v.message_zh && v.message_en && v.column, JSON.stringify(v));
        // An error rejects the set; a warning lets it through.
        assert.equal(r.csv === null, rule.startsWith('MSG_E_'));
      } finally {
        conn.close();
      }
    });

  it('writes a loan file also as a message set that reads back without a violation (demo --pboc-messages)', async () => {
    const csv = join(work, 'B0001_2025-12.csv');
    await cp(join(FIX, 'one-file/B0001_2025-12.csv'), csv);
    const [dir = ''] = await writeMessageSetsOf([csv], join(work, 'sets'), now());
    assert.equal((await readdir(dir)).length, 21);
    const conn = await stores.analytics.connect();
    try {
      const r = await readMessageSet(conn, dir, join(work, 'demo-set.csv'));
      assert.deepEqual([r.error_count, r.warning_count, r.messages.length], [0, 0, 10]);
    } finally {
      conn.close();
    }
  });

  it('names message, line, field and both values of a summary difference', async () => {
    const fx = JSON.parse(
      await readFile(join(FIX, 'not-ok', 'MSG_W_SUMMARY_DIFFERS.json'), 'utf8'),
    ) as Fixture;
    const conn = await stores.analytics.connect();
    try {
      const r = await readMessageSet(conn, await setFrom('summary2', fx), join(work, 'summary2.csv'));
      assert.deepEqual(
        r.violations.map((v) => [v.rule_id, v.row, v.column, v.value, v.expected, v.detail]),
        [['MSG_W_SUMMARY_DIFFERS', 1, 'HDACLSZDK 贷款汇总金额', '20000061.29', '20000061.28', 'T01']],
      );
    } finally {
      conn.close();
    }
  });
});

/** The bank's statistician approves every submission under review; the period's figures are recomputed. */
async function approveAll(s: Stores): Promise<void> {
  const waiting = await s.state.query<{ id: string }>(
    `SELECT id::text AS id FROM submission_log WHERE status = 'accepted' AND review_status = 'under_review'`,
  );
  for (const w of waiting) await applyReviewAction(s.state, w.id, null, { kind: 'approve' }, 'test', now());
  await mirrorAllReviewStatuses(s.analytics, s.state);
  await recomputeAggregates(s.analytics, '2025-12', now());
}

/** A submission's stored rows, labels and figures, without ids that differ by store. */
async function stored(s: Stores) {
  const loans = await s.analytics.all(`SELECT * EXCLUDE (submission_id) FROM loans_current ORDER BY row_no`);
  const labels = await s.analytics.all(
    `SELECT a.row_no, a.area, a.basis, a.rule_version FROM loan_areas a JOIN loans_current l USING (submission_id, row_no)
     ORDER BY ALL`,
  );
  const figures = await s.analytics.all('SELECT * FROM area_aggregates ORDER BY ALL');
  return { loans, labels, figures };
}

describe('message set upload', () => {
  let other: Stores;
  const config = { dataDir: '', hmacKey: Buffer.alloc(32, 1) };
  before(async () => {
    config.dataDir = work;
    other = await openTestStores();
    for (const s of [stores, other])
      await upsertInstitutions(s.state, s.analytics, [
        {
          code: 'B0001',
          name_zh: '测试银行',
          name_en: 'Test Bank',
          peer_group: 'rural',
          district_code: '500103',
        },
      ]);
  });
  after(() => other.close());

  it('stores what the one-file upload stores, records the form, and re-uploads as a no-op', async () => {
    const one = await submitLoanFile(other, config, { path: join(FIX, 'one-file/B0001_2025-12.csv'), now });
    assert.equal(one.status, 'accepted', JSON.stringify(one.report.violations));
    const set = await submitLoanFile(stores, config, { path: OK, now });
    assert.equal(set.status, 'accepted', JSON.stringify(set.report.violations));
    assert.equal(set.rows, 12);
    await Promise.all([approveAll(stores), approveAll(other)]);
    const [got, want] = await Promise.all([stored(stores), stored(other)]);
    assert.ok(want.figures.length > 0 && want.labels.length > 0);
    assert.deepEqual(got, want);
    const forms = await stores.analytics.all<{ submission_id: string; source_form: string }>(
      'SELECT submission_id, source_form FROM submission_forms',
    );
    assert.deepEqual(forms, [{ submission_id: set.submission_id, source_form: 'pboc-messages' }]);
    // The same content again, in either form, is a no-op.
    const again = await submitLoanFile(stores, config, { path: OK, now });
    const oneFileAgain = await submitLoanFile(stores, config, {
      path: join(FIX, 'one-file/B0001_2025-12.csv'),
      now,
    });
    assert.deepEqual([again.status, oneFileAgain.status], ['duplicate', 'duplicate']);
  });
  it('exports the stored submission as the same messages (apart from creation times)', async () => {
    const out = join(work, 'export');
    const conn = await stores.analytics.connect();
    try {
      await writeMessageSet(
        conn,
        { kind: 'stored' },
        'B0001',
        '2025-12',
        out,
        new Date('2026-02-01T00:00:00Z'),
      );
    } finally {
      conn.close();
    }
    for (const f of (await readdir(OK)).filter((n) => n.endsWith('.dat') || n.endsWith('.log'))) {
      const [want, got] = await Promise.all([readFile(join(OK, f), 'utf8'), readFile(join(out, f), 'utf8')]);
      const dropTime = (t: string) => t.split('\n').filter((_, i) => !f.endsWith('.log') || i !== 3);
      assert.deepEqual(dropTime(got), dropTime(want), f);
    }
  });
});
