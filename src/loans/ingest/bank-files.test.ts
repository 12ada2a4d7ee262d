// Bank files as banks make them (issue 12): each case of test/fixtures/bank-files/ (BHnn from the shared case
// list, ownNN a further instance of the same class) gets its right result; and no report of any fixture —
// bank files and the named corpus — holds a personal ID number in clear.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import ExcelJS from 'exceljs';

import { upsertInstitutions } from '../../institutions/store.ts';
import type { Stores } from '../../store/stores.ts';
import { openTestStores } from '../../testing/stores.ts';
import { hasClearId } from '../report/mask.ts';
import { ingestLoanFile, type IngestResult } from './ingest.ts';

const ROOT = join(import.meta.dirname, '../../../test/fixtures');
const BANK = join(ROOT, 'bank-files');
const KEY = Buffer.from('test-hmac-key-0123456789abcdef0123456789');
let stores: Stores;
let reports: string;
let clock = Date.parse('2026-01-10T08:00:00Z');
const results: IngestResult[] = [];

before(async () => {
  stores = await openTestStores();
  reports = await mkdtemp(join(tmpdir(), 'fivefin-bank-files-'));
  await upsertInstitutions(stores.state, stores.analytics, [
    {
      code: 'B0001',
      name_zh: '测试银行',
      name_en: 'Test Bank',
      peer_group: 'city_commercial',
      district_code: '500103',
    },
  ]);
});
after(() => stores.close());

async function ingest(path: string, extra: { encoding?: 'utf-8' | 'gb18030' } = {}): Promise<IngestResult> {
  const res = await ingestLoanFile(stores, {
    path,
    reportRoot: reports,
    hmacKey: KEY,
    now: () => new Date((clock += 1000)),
    ...extra,
  });
  results.push(res);
  return res;
}
const bank = (f: string) => ingest(join(BANK, f));
const hits = (res: IngestResult) => res.report.violations.map((v) => [v.rule_id, v.row]);
const storedRows = (res: IngestResult, sql: string) =>
  stores.analytics.all<Record<string, string | null>>(
    `SELECT ${sql} FROM loans WHERE submission_id = ? ORDER BY row_no`,
    [res.submission_id],
  );

describe('class 3: personal ID numbers never in clear; a record with more or fewer fields is malformed', () => {
  it('BH06: a stray comma and a leading quote make two malformed rows, nothing else', async () => {
    const res = await bank('BH06.csv');
    assert.equal(res.status, 'rejected');
    assert.deepEqual(hits(res), [
      ['LOAN_E_MALFORMED_ROW', 3],
      ['LOAN_E_MALFORMED_ROW', 4],
    ]);
    assert.match(res.report.violations[0]?.detail ?? '', /29 fields, header has 28/);
    assert.equal(res.rows, 4);
    assert.deepEqual(await storedRows(res, 'loan_id'), [], 'a rejected file stores nothing');
  });

  it('own03: a person declared as a business or with a misspelt type, a short row, an ID inside a name', async () => {
    const res = await bank('own03-ids-mislabelled.csv');
    assert.equal(res.status, 'rejected');
    assert.deepEqual(
      res.report.violations.filter((v) => v.row === 4).map((v) => [v.rule_id, v.detail]),
      [['LOAN_E_MALFORMED_ROW', '27 个字段，表头 28 个 / 27 fields, header has 28']],
    );
    assert.ok(hits(res).some(([r, row]) => r === 'LOAN_E_BAD_CREDIT_CODE' && row === 2));
    assert.ok(hits(res).some(([r, row]) => r === 'LOAN_E_BAD_ENUM' && row === 3));
  });
});

describe('no personal ID in clear in any report or answer of any fixture', () => {
  it('ingests every fixture and scans its JSON, CSV and XLSX reports and the answer', async () => {
    for (const dir of ['loans/ok', 'loans/not-ok', 'bank-files'])
      for (const f of readdirSync(join(ROOT, dir)).filter((x) => !/\.(md|json)$/.test(x)))
        await ingest(join(ROOT, dir, f));
    for (const res of results) {
      const texts = [
        JSON.stringify(res),
        readFileSync(res.report.json, 'utf8'),
        readFileSync(res.report.csv, 'utf8'),
      ];
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(res.report.xlsx);
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value ?? '')))));
      for (const t of texts) assert.ok(!hasClearId(t), `${res.report.dir}: ${t.slice(0, 300)}`);
    }
  });
});
