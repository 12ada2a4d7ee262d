// Bounds of the ingest (issue 13 items 7 and 8): a file with an error on every row ends in a report of the first
// REPORT_LIMIT_PER_RULE violations of each rule with the exact count of every rule (answer, JSON and CSV
// report alike); a CSV line longer than the limit and a header with too many columns are coded errors.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';

import type { Stores } from '../../store/stores.ts';
import { openTestStores, registerTestBank } from '../../testing/stores.ts';
import { REPORT_LIMIT_PER_RULE } from '../report/write.ts';
import { ingestLoanFile, type IngestResult } from './ingest.ts';
import { MAX_RECORD_BYTES } from './scan.ts';

const OK = join(import.meta.dirname, '../../../test/fixtures/loans/ok/utf8.csv');
const [HEAD = '', ROW = ''] = readFileSync(OK, 'utf8').split('\n');
const COLS = HEAD.split(',');
let stores: Stores;
let dir: string;
let clock = Date.parse('2026-01-10T08:00:00Z');

before(async () => {
  stores = await openTestStores();
  dir = await mkdtemp(join(tmpdir(), 'fivefin-bounds-'));
  await registerTestBank(stores);
});
after(() => stores.close());

/** A CSV of `n` rows of the ok fixture's first row, each changed by `edit` (fields by column name). */
function file(
  name: string,
  n: number,
  edit: (f: Record<string, string>, i: number) => string[] | undefined,
): string {
  const lines = [HEAD];
  for (let i = 0; i < n; i++) {
    const f = Object.fromEntries(COLS.map((c, k) => [c, ROW.split(',')[k] ?? '']));
    f.loan_id = `L${String(i).padStart(7, '0')}`;
    const extra = edit(f, i) ?? [];
    lines.push([...COLS.map((c) => f[c]), ...extra].join(','));
  }
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

const ingest = (path: string): Promise<IngestResult> =>
  ingestLoanFile(stores, {
    path,
    reportRoot: dir,
    hmacKey: Buffer.alloc(32, 7),
    now: () => new Date((clock += 1000)),
  });

it('an error on every row: exact counts per rule, the first 1000 of each listed in answer and reports', async () => {
  const n = 2_500;
  const res = await ingest(
    file('all-errors.csv', n, (f, i) => {
      f.currency = 'RMB';
      return i % 5 === 0 ? ['extra'] : undefined;
    }),
  );
  assert.equal(res.status, 'rejected');
  assert.equal(res.rows, n);
  const json = JSON.parse(readFileSync(res.report.json, 'utf8')) as {
    by_rule: { rule_id: string; count: number }[];
    violations: { rule_id: string }[];
  };
  assert.deepEqual(
    json.by_rule.map((r) => [r.rule_id, r.count]),
    [
      ['LOAN_E_BAD_CURRENCY', n - n / 5],
      ['LOAN_E_BALANCE_ORIG_REQUIRED', n - n / 5],
      ['LOAN_E_MALFORMED_ROW', n / 5],
    ],
  );
  assert.equal(res.error_count, 2 * (n - n / 5) + n / 5);
  const listed = (vs: { rule_id: string }[], id: string) => vs.filter((v) => v.rule_id === id).length;
  for (const vs of [res.report.violations, json.violations]) {
    assert.equal(listed(vs, 'LOAN_E_BAD_CURRENCY'), REPORT_LIMIT_PER_RULE);
    assert.equal(listed(vs, 'LOAN_E_BALANCE_ORIG_REQUIRED'), REPORT_LIMIT_PER_RULE);
    assert.equal(listed(vs, 'LOAN_E_MALFORMED_ROW'), n / 5);
  }
  assert.ok(res.report.truncated);
  const csvLines = readFileSync(res.report.csv, 'utf8').trimEnd().split('\n');
  assert.equal(csvLines.length, 1 + 2 * REPORT_LIMIT_PER_RULE + n / 5);
});

it('a line longer than the limit and a header with too many columns are coded errors', async () => {
  const long = await ingest(
    file('long-line.csv', 3, (f, i) => {
      if (i === 1) f.borrower_name = '长'.repeat(MAX_RECORD_BYTES / 3 + 10);
      return undefined;
    }),
  );
  assert.deepEqual(
    long.report.violations.map((v) => [v.rule_id, v.row, v.expected]),
    [['LOAN_E_LINE_TOO_LONG', 3, String(MAX_RECORD_BYTES)]],
  );
  const wide = join(dir, 'wide.csv');
  writeFileSync(wide, [HEAD + ','.repeat(300), ROW].join('\n'));
  const res = await ingest(wide);
  assert.deepEqual(
    res.report.violations.map((v) => [v.rule_id, v.row, v.value]),
    [['LOAN_E_TOO_MANY_COLUMNS', 1, String(COLS.length + 300)]],
  );
});
