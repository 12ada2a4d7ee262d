// Ingest on the named fixture corpus: every ok/ file is accepted with the same figures; every not-ok/ file
// fires the rule it is named after (and a file with errors leaves nothing visible).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { upsertInstitutions } from '../../institutions/store.ts';
import type { Stores } from '../../store/stores.ts';
import { openTestStores } from '../../testing/stores.ts';
import { SPEC_V1, SPEC_V2 } from '../spec.ts';
import { rowChecks } from '../validate/checks.sql.ts';
import { ingestLoanFile, type IngestOptions } from './ingest.ts';

const FIX = join(import.meta.dirname, '../../../test/fixtures/loans');
const KEY = Buffer.from('test-hmac-key-0123456789abcdef0123456789');
let stores: Stores;
let reports: string;
let clock = Date.parse('2025-04-10T08:00:00Z');

const opts = (file: string, extra: Partial<IngestOptions> = {}): IngestOptions => ({
  path: join(FIX, file),
  reportRoot: reports,
  hmacKey: KEY,
  now: () => new Date((clock += 1000)),
  ...extra,
});

before(async () => {
  stores = await openTestStores();
  reports = await mkdtemp(join(tmpdir(), 'fivefin-reports-'));
  await upsertInstitutions(stores.state, stores.analytics, [
    {
      code: 'B0001',
      name_zh: '测试银行',
      name_en: 'Test Bank',
      peer_group: 'city_commercial',
      district_code: '500103',
    },
    {
      code: 'B0002',
      name_zh: '测试银行二',
      name_en: 'Test Bank 2',
      peer_group: 'rural',
      district_code: null,
    },
  ]);
});
after(() => stores.close());

async function loanCount(): Promise<number> {
  const [r] = await stores.analytics.all<{ n: string }>('SELECT count(*) AS n FROM loans_current');
  return Number(r?.n);
}

describe('ok fixtures', () => {
  const expected = JSON.parse(readFileSync(join(FIX, 'ok/expected.json'), 'utf8')) as {
    persons: string[];
    rows: number;
  };
  for (const f of readdirSync(join(FIX, 'ok')).filter((x) => x !== 'expected.json')) {
    it(`accepts ok/${f} with all rows, balances to the cent and hashed person ids`, async () => {
      const res = await ingestLoanFile(stores, opts(`ok/${f}`, { institution: 'B0002', period: '2025-03' }));
      // The fixtures say B0001; submitting them as B0002 must fail, as B0001 succeed.
      assert.equal(res.status, 'rejected');
      assert.ok(res.report.violations.every((v) => v.rule_id === 'LOAN_E_INSTITUTION_MISMATCH'));
      const ok = await ingestLoanFile(stores, opts(`ok/${f}`));
      assert.equal(ok.status, 'accepted', JSON.stringify(ok.report.violations.slice(0, 3)));
      assert.equal(ok.error_count, 0);
      assert.deepEqual(ok.report.violations, [], 'an ok fixture fires no rule at all');
      assert.equal(ok.rows, expected.rows);
      const rows = await stores.analytics.all<{ total: string; persons: string; names: string }>(
        `SELECT sum(balance)::VARCHAR AS total, count(*) FILTER (WHERE borrower_is_person)::VARCHAR AS persons,
                count(borrower_name)::VARCHAR AS names
         FROM loans WHERE submission_id = ?`,
        [ok.submission_id],
      );
      assert.deepEqual(rows, [{ total: '126300000.00', persons: '2', names: '3' }]);
      const keys = await stores.analytics.all<{ k: string }>(
        'SELECT borrower_key AS k FROM loans WHERE submission_id = ? AND borrower_is_person ORDER BY row_no',
        [ok.submission_id],
      );
      const hmac = (id: string) => createHmac('sha256', KEY).update(id).digest('hex');
      assert.deepEqual(
        keys.map((k) => k.k),
        expected.persons.map(hmac),
      );
    });
  }
});

describe('loan-file-v2 (PBoC 2025 caliber)', () => {
  it('accepts a borrower outside Chongqing (any GB/T 2260 county) and keeps its district', async () => {
    const file = join(reports, 'outside.csv');
    await writeFile(file, readFileSync(join(FIX, 'ok/utf8.csv'), 'utf8').replace('L0001', 'L7001'));
    const res = await ingestLoanFile(stores, { ...opts(''), path: file });
    assert.equal(res.status, 'accepted');
    assert.equal(res.file_spec, 'loan-file-v2');
    const rows = await stores.analytics.all<{ loan_id: string; district_code: string; inside: boolean }>(
      `SELECT loan_id, district_code, district_code IN (SELECT code FROM ref_district) AS inside
       FROM loans WHERE submission_id = ? ORDER BY row_no`,
      [res.submission_id],
    );
    assert.deepEqual(
      rows.filter((r) => !r.inside),
      [{ loan_id: 'L0003', district_code: '510104', inside: false }],
    );
    const [s] = await stores.analytics.all<{ file_spec: string; rule_version: string }>(
      'SELECT file_spec, rule_version FROM submissions WHERE submission_id = ?',
      [res.submission_id],
    );
    assert.deepEqual(s, { file_spec: 'loan-file-v2', rule_version: 'validate-v2' });
  });

  it('reads Chinese header labels and Chinese code labels as the codes they stand for', async () => {
    const res = await ingestLoanFile(stores, opts('ok/labels-zh.csv'));
    assert.equal(res.status, 'accepted', JSON.stringify(res.report.violations.slice(0, 3)));
    const rows = await stores.analytics.all<Record<string, string>>(
      `SELECT loan_id, borrower_type, business_category, loan_nature, quality, guarantee_type,
              array_to_string(inclusive_flags, ';') AS flags, tech_hts, first_loan::VARCHAR AS first_loan
       FROM loans WHERE submission_id = ? ORDER BY row_no LIMIT 2`,
      [res.submission_id],
    );
    assert.deepEqual(rows[0], {
      loan_id: 'L0001',
      borrower_type: 'enterprise',
      business_category: 'C01',
      loan_nature: 'own',
      quality: 'normal',
      guarantee_type: 'credit',
      flags: 'sme_le10m',
      tech_hts: 'HTS01',
      first_loan: 'false',
    });
  });
});

it('names a not-ok/ fixture after every row rule of loan-file-v2 that v1 does not have', () => {
  const fixtures = readdirSync(join(FIX, 'not-ok')).map((f) => f.split(/[-.]/)[0]);
  const v1 = new Set(rowChecks(SPEC_V1).map((c) => c.ruleId));
  const fresh = [...new Set(rowChecks(SPEC_V2).map((c) => c.ruleId))].filter((r) => !v1.has(r));
  assert.ok(fresh.length >= 15, fresh.join(' '));
  assert.deepEqual(
    fresh.filter((r) => !fixtures.includes(r)),
    [],
  );
});

describe('loan-file-v1 during the transition', () => {
  it('recognises a v1 file by its header, checks it by the v1 rules and records it as v1', async () => {
    const res = await ingestLoanFile(stores, opts('v1/ok/utf8.csv', { v1AcceptedUntil: '2099-12-31' }));
    assert.equal(res.status, 'accepted', JSON.stringify(res.report.violations.slice(0, 3)));
    assert.equal(res.file_spec, 'loan-file-v1');
    assert.deepEqual(res.report.violations, []);
    const [s] = await stores.analytics.all<{ file_spec: string; rule_version: string }>(
      'SELECT file_spec, rule_version FROM submissions WHERE submission_id = ?',
      [res.submission_id],
    );
    assert.deepEqual(s, { file_spec: 'loan-file-v1', rule_version: 'validate-v1' });
    const [areas] = await stores.analytics.all<{ n: string }>(
      'SELECT count(*)::VARCHAR AS n FROM loans WHERE submission_id = ? AND len(declared_areas) > 0',
      [res.submission_id],
    );
    assert.equal(areas?.n, '5');
  });

  for (const f of readdirSync(join(FIX, 'v1/not-ok'))) {
    const ruleId = f.replace(/\.(csv|jsonl|xlsx)$/, '').split('-')[0] ?? '';
    it(`rejects v1/not-ok/${f} with ${ruleId}`, async () => {
      const res = await ingestLoanFile(stores, opts(`v1/not-ok/${f}`));
      assert.equal(res.status, 'rejected');
      assert.ok(res.report.violations.some((v) => v.rule_id === ruleId));
    });
  }

  it('rejects a v1 file after the configured end of the transition', async () => {
    const res = await ingestLoanFile(stores, opts('v1/ok/utf8.csv', { v1AcceptedUntil: '2025-03-31' }));
    assert.equal(res.status, 'rejected');
    assert.deepEqual(
      res.report.violations.map((v) => [v.rule_id, v.expected]),
      [['LOAN_E_V1_EXPIRED', '2025-03-31']],
    );
  });
});

describe('not-ok fixtures', () => {
  for (const f of readdirSync(join(FIX, 'not-ok'))) {
    const ruleId = f.replace(/\.(csv|jsonl|xlsx)$/, '').split('-')[0] ?? '';
    const warning = ruleId.startsWith('LOAN_W_');
    it(`${warning ? 'warns' : 'rejects'} not-ok/${f} with ${ruleId}, row and column`, async () => {
      const before = await loanCount();
      const res = await ingestLoanFile(stores, opts(`not-ok/${f}`));
      const hits = res.report.violations.filter((v) => v.rule_id === ruleId);
      assert.ok(
        hits.length > 0,
        `${ruleId} not reported: ${JSON.stringify(res.report.violations.slice(0, 5))}`,
      );
      for (const v of res.report.violations) {
        assert.ok(v.message_zh.length > 0 && v.message_en.length > 0);
        assert.ok(!v.message_zh.includes('{') && !v.message_en.includes('{'), v.message_en);
      }
      if (warning) {
        assert.equal(res.status, 'accepted');
        assert.ok(hits.every((v) => typeof v.row === 'number' && v.row >= 2 && v.column));
      } else {
        assert.equal(res.status, 'rejected');
        assert.equal(await loanCount(), before, 'a rejected file must leave nothing visible');
      }
    });
  }

  it('reports exact rows and columns', async () => {
    const res = await ingestLoanFile(stores, opts('not-ok/LOAN_E_DUP_ID.csv'));
    assert.deepEqual(
      res.report.violations.map((v) => [v.rule_id, v.row, v.column, v.value, v.detail]),
      [['LOAN_E_DUP_ID', 4, 'loan_id', 'L0001', '2']],
    );
    const amt = await ingestLoanFile(stores, opts('not-ok/LOAN_E_BAD_AMOUNT-thousands.csv'));
    assert.deepEqual(
      amt.report.violations.map((v) => [v.rule_id, v.row, v.column, v.value]),
      [['LOAN_E_BAD_AMOUNT', 2, 'balance', '1,234.00']],
    );
    const enc = await ingestLoanFile(stores, opts('not-ok/LOAN_E_BAD_ENCODING.csv'));
    assert.deepEqual(
      enc.report.violations.map((v) => [v.rule_id, v.row]),
      [['LOAN_E_BAD_ENCODING', 802]],
    );
  });

  it('numbers rows exactly in a file read in parallel, across quoted multi-line fields', async () => {
    // ~70 MB: several CSV buffers, so DuckDB reads it on all threads; every 1000th record spans two lines.
    const [head = '', row = ''] = readFileSync(join(FIX, 'ok/utf8.csv'), 'utf8').split('\n');
    const n = 300_000;
    const lines = [head];
    for (let i = 0; i < n; i++) {
      const f = row.split(',');
      f[2] = `L${i}`;
      if (i % 1000 === 999) f[5] = `"重庆\n星辰${i}"`;
      if (i === 200_000 || i === n - 1) f[15] = 'rmb';
      lines.push(f.join(','));
    }
    const file = join(reports, 'parallel.csv');
    await writeFile(file, lines.join('\n') + '\n');
    const bad = await ingestLoanFile(stores, { ...opts(''), path: file });
    assert.deepEqual(
      bad.report.violations.map((v) => [v.rule_id, v.row, v.value]),
      [
        ['LOAN_E_BAD_CURRENCY', 200_002, 'rmb'],
        ['LOAN_E_BAD_CURRENCY', n + 1, 'rmb'],
      ],
    );
    await writeFile(file, lines.join('\n').replaceAll(',rmb,', ',CNY,') + '\n');
    const ok = await ingestLoanFile(stores, { ...opts(''), path: file });
    assert.equal(ok.status, 'accepted');
    const [r] = await stores.analytics.all<{ n: string; wrong: string }>(
      `SELECT count(*)::VARCHAR AS n, count(*) FILTER (WHERE row_no <> substr(loan_id, 2)::BIGINT + 2)::VARCHAR AS wrong
       FROM loans WHERE submission_id = ?`,
      [ok.submission_id],
    );
    assert.deepEqual(r, { n: String(n), wrong: '0' });
  });

  it('warns when the declared size differs from the enterprise registry', async () => {
    await stores.analytics.run(
      "INSERT INTO enterprises (credit_code, name, derived_size, import_id) VALUES ('91500103MA5U00001G', 'x', 'large', 0)",
    );
    try {
      // A changed copy, so that it is not an identical re-upload of the ok fixture.
      const file = join(reports, 'registry.csv');
      await writeFile(file, readFileSync(join(FIX, 'ok/utf8.csv'), 'utf8').replace('L0001', 'L9001'));
      const res = await ingestLoanFile(stores, { ...opts(''), path: file });
      assert.equal(res.status, 'accepted');
      assert.deepEqual(
        res.report.violations.map((v) => [v.rule_id, v.row, v.column, v.value, v.expected]),
        [['LOAN_W_SIZE_MISMATCH', 2, 'enterprise_size', 'small', 'large']],
      );
    } finally {
      await stores.analytics.run("DELETE FROM enterprises WHERE credit_code = '91500103MA5U00001G'");
    }
  });

  it('leaves no rows when the recording step fails, drops rows a crash left unrecorded, resets the memory limit', async () => {
    const file = join(reports, 'recording.csv');
    await writeFile(file, readFileSync(join(FIX, 'ok/utf8.csv'), 'utf8').replace('L0001', 'L8001'));
    const orphans = async () =>
      (
        await stores.analytics.all<{ sid: string }>(
          'SELECT DISTINCT submission_id::VARCHAR AS sid FROM loans WHERE submission_id NOT IN (SELECT submission_id FROM submissions)',
        )
      ).map((r) => r.sid);
    const failing = ingestLoanFile(stores, {
      ...opts(''),
      path: file,
      inTransaction: () => Promise.reject(new Error('classification failed')),
    });
    await assert.rejects(failing, /classification failed/);
    assert.deepEqual(await orphans(), []);
    // Rows of a load committed by a process that died before recording it.
    await stores.analytics.run(
      `INSERT INTO loans SELECT 999999 AS submission_id, * EXCLUDE (submission_id) FROM loans LIMIT 3`,
    );
    assert.deepEqual(await orphans(), ['999999']);
    const limit = () => stores.analytics.all("SELECT current_setting('memory_limit') AS v");
    const before = await limit();
    const res = await ingestLoanFile(stores, { ...opts(''), path: file });
    assert.equal(res.status, 'accepted');
    assert.deepEqual(await orphans(), []);
    assert.deepEqual(await limit(), before, 'the load puts the memory limit back');
  });

  it('never writes a personal ID number in clear into a report', async () => {
    const res = await ingestLoanFile(stores, opts('not-ok/LOAN_E_BAD_PERSON_ID.csv'));
    const text = readFileSync(res.report.json, 'utf8') + readFileSync(res.report.csv, 'utf8');
    const id =
      readFileSync(join(FIX, 'not-ok/LOAN_E_BAD_PERSON_ID.csv'), 'utf8').split('\n')[4]?.split(',')[4] ?? 'x';
    assert.ok(id.length === 18 && !text.includes(id));
  });

  it('neutralises formula-like text in the CSV report', async () => {
    const res = await ingestLoanFile(stores, opts('not-ok/LOAN_W_FORMULA_TEXT.csv'));
    const csv = readFileSync(res.report.csv, 'utf8');
    assert.ok(csv.startsWith('\ufeff'));
    assert.ok(csv.includes(`"'=HYPERLINK(`), csv);
  });
});
