// Bank files as banks make them (issue 12): each case of test/fixtures/bank-files/ (BHnn from the shared case
// list, ownNN a further instance of the same class) gets its right result; and no report of any fixture —
// bank files and the named corpus — holds a personal ID number in clear.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

import type { Stores } from '../../store/stores.ts';
import { openTestStores, registerTestBank } from '../../testing/stores.ts';
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
  await registerTestBank(stores);
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
const iconvGbk = (utf8: Buffer) => iconv.encode(utf8.toString('utf8'), 'gbk');
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

describe('class 2: the encoding decided on the whole file, undecodable bytes reported per row', () => {
  it("BH04: one GBK row in a UTF-8 file is that row's error; the other rows stay UTF-8", async () => {
    const res = await bank('BH04.csv');
    assert.equal(res.status, 'rejected');
    assert.deepEqual(
      res.report.violations.map((v) => [v.rule_id, v.row, v.column, v.expected]),
      [['LOAN_E_BAD_ENCODING', 5, 'borrower_name', 'UTF-8']],
    );
    assert.match(res.report.violations[0]?.value ?? '', /^⟨D6⟩⟨D8⟩/, 'the bad bytes shown, not U+FFFD');
    assert.match(
      res.report.violations[0]?.detail ?? '',
      /重庆朝天贸易/,
      'the bytes read as GB18030 as a hint',
    );
  });
  it('BH14: a short GBK file whose bytes are valid UTF-8 is read as GB18030 (谢小平, not лСƽ)', async () => {
    const res = await bank('BH14.csv');
    assert.equal(res.status, 'accepted');
    assert.deepEqual(await storedRows(res, 'borrower_name AS n'), [
      { n: '谢小平' },
      { n: null },
      { n: null },
    ]);
  });
  it('BH14 read as UTF-8 when the officer says so: the implausible name is a warning', async () => {
    // Other loan ids: the same bytes again would be a duplicate of the version just accepted.
    const path = join(reports, 'BH14-other-ids.csv');
    writeFileSync(path, readFileSync(join(BANK, 'BH14.csv'), 'latin1').replaceAll('JJ', 'JK'), 'latin1');
    const res = await ingest(path, { encoding: 'utf-8' });
    assert.deepEqual(
      res.report.violations.map((v) => [v.rule_id, v.row, v.column, v.value]),
      [['LOAN_W_IMPLAUSIBLE_TEXT', 2, 'borrower_name', 'лСƽ']],
    );
  });
  it("own02: bytes that are not GB18030 in a GBK file are that row's error (no silent U+FFFD)", async () => {
    const res = await bank('own02-gbk-undecodable-bytes.csv');
    assert.equal(res.status, 'rejected');
    assert.deepEqual(
      res.report.violations.map((v) => [v.rule_id, v.row, v.column, v.expected, v.value]),
      [['LOAN_E_BAD_ENCODING', 3, 'borrower_name', 'GB18030', '渝中⟨?⟩ 区李记面馆']],
    );
  });
  it('own02: names already turned into Latin letters by an earlier tool are warned', async () => {
    const res = await bank('own02-mojibake-names.csv');
    assert.equal(res.status, 'accepted');
    assert.deepEqual(hits(res), [['LOAN_W_IMPLAUSIBLE_TEXT', 3]]);
  });
  it('a GBK file whose first 64 KiB are ASCII is read as GB18030 once the whole file has voted', async () => {
    const [head = '', row = ''] = readFileSync(join(BANK, 'own02-gbk-undecodable-bytes.csv'), 'latin1').split(
      '\r\n',
    );
    const gbk = Buffer.from('重庆山城火锅有限公司', 'utf8');
    const lines = [Buffer.from(head, 'latin1')];
    for (let i = 0; i < 700; i++) {
      const f = row.split(',');
      f[2] = `JJ${String(i).padStart(18, '0')}`;
      f[5] = '';
      const name = i < 500 ? Buffer.from(`Company ${i}`) : iconvGbk(gbk);
      lines.push(
        Buffer.concat([
          Buffer.from(f.slice(0, 5).join(',') + ',', 'latin1'),
          name,
          Buffer.from(',' + f.slice(6).join(','), 'latin1'),
        ]),
      );
    }
    const path = join(reports, 'late-gbk.csv');
    writeFileSync(path, Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\r\n')])));
    const res = await ingest(path);
    assert.equal(res.status, 'accepted', JSON.stringify(res.report.violations.slice(0, 2)));
    const names = await storedRows(res, 'borrower_name AS n');
    assert.deepEqual([names[0]?.n, names[699]?.n], ['Company 0', '重庆山城火锅有限公司']);
  });
});

describe('class 1: XLSX cells read as Excel shows them', () => {
  it('BH01: date cells (numFmt 14) become dates', async () => {
    const res = await bank('BH01.xlsx');
    assert.equal(res.status, 'accepted', JSON.stringify(res.report.violations.slice(0, 3)));
    const got = await storedRows(res, 'issue_date::VARCHAR AS i, maturity_date::VARCHAR AS m');
    assert.deepEqual(got[0], { i: '2025-03-15', m: '2028-01-06' });
  });
  it('BH02: a percent cell is read as displayed (4.09 %, not 0.0409)', async () => {
    const res = await bank('BH02.xlsx');
    assert.equal(res.status, 'accepted');
    const got = await storedRows(res, 'interest_rate::VARCHAR AS r');
    assert.deepEqual(
      got.map((r) => r.r),
      ['4.090000', '4.700000', '3.080000', '2.740000'],
    );
  });
  it('BH20: formulas without a calculated value are row errors, never the formula text', async () => {
    const res = await bank('BH20.xlsx');
    assert.equal(res.status, 'rejected');
    assert.ok(res.report.violations.every((v) => v.rule_id === 'LOAN_E_XLSX_NOT_CALCULATED'));
    assert.deepEqual(
      res.report.violations.filter((v) => v.row === 5).map((v) => v.column),
      ['borrower_name', 'contract_id'],
    );
  });
  it('own01: a number cell in an identifier column, a zh-CN date format, a sheet row numbered 1,000,000', async () => {
    const res = await bank('own01-xlsx-cells.xlsx');
    assert.equal(res.status, 'rejected');
    assert.deepEqual(
      res.report.violations.map((v) => [v.rule_id, v.row, v.column]),
      [
        ['LOAN_E_XLSX_NUMBER_IN_TEXT', 3, 'borrower_id'],
        ['LOAN_E_BAD_CURRENCY', 1_000_000, 'currency'],
      ],
    );
  });
});

describe('class 4: rows without any value are skipped and counted', () => {
  it('BH07: formatted empty rows below the data', async () => {
    const res = await bank('BH07.xlsx');
    assert.equal(res.status, 'accepted');
    assert.equal(res.rows, 4);
    assert.ok(res.report.violations.length === 0);
    const json = JSON.parse(readFileSync(res.report.json, 'utf8')) as {
      by_rule: { rule_id: string; count: number }[];
    };
    assert.deepEqual(
      json.by_rule.filter((r) => r.rule_id === 'LOAN_N_EMPTY_ROWS'),
      [{ rule_id: 'LOAN_N_EMPTY_ROWS', severity: 'notice', count: 15 }],
    );
  });
  it('own04: empty CSV records (only separators) are skipped, rows keep their numbers', async () => {
    const res = await bank('own04-empty-records.csv');
    assert.equal(res.status, 'rejected');
    assert.deepEqual(hits(res), [['LOAN_E_BAD_CURRENCY', 5]]);
  });
});

describe('blank CSV lines keep the rows after them at their line numbers', () => {
  it('own04: blank lines between records of a CRLF file', async () => {
    const res = await bank('own04-blank-lines.csv');
    assert.deepEqual(hits(res), [
      ['LOAN_E_BAD_CURRENCY', 2],
      ['LOAN_E_BAD_CURRENCY', 4],
      ['LOAN_E_BAD_CURRENCY', 7],
      ['LOAN_E_BAD_CURRENCY', 8],
    ]);
  });
});

describe('class 5: JSON lines', () => {
  it('BH09: a byte-order mark is stripped', async () => {
    const res = await bank('BH09.jsonl');
    assert.equal(res.status, 'accepted', JSON.stringify(res.report.violations.slice(0, 2)));
    assert.equal(res.rows, 4);
  });
  it('BH10: an unknown or misspelt key on any line is a row error with the line', async () => {
    const res = await bank('BH10.jsonl');
    assert.deepEqual(
      res.report.violations.map((v) => [v.rule_id, v.row, v.column]),
      [
        ['LOAN_E_JSON_UNKNOWN_KEY', 2, 'declaredAreas'],
        ['LOAN_E_JSON_UNKNOWN_KEY', 4, '备注'],
      ],
    );
  });
});

describe('class 6: invisible characters in identifiers', () => {
  it('BH11: a zero-width space at the end of a loan id is an error naming U+200B, shown visibly', async () => {
    const res = await bank('BH11.csv');
    assert.equal(res.status, 'rejected');
    assert.deepEqual(hits(res), [['LOAN_E_INVISIBLE_CHAR', 6]]);
    assert.match(res.report.violations[0]?.message_en ?? '', /U\+200B/);
    assert.equal(res.report.violations[0]?.value, 'JJ202104300000000037⟨U+200B⟩');
  });
  it('own06: a tab after a contract id, a BOM before a loan id', async () => {
    const res = await bank('own06-invisible-characters.csv');
    assert.deepEqual(
      res.report.violations.map((v) => [v.rule_id, v.row, v.column, v.expected]),
      [
        ['LOAN_E_INVISIBLE_CHAR', 2, 'contract_id', 'U+0009'],
        ['LOAN_E_INVISIBLE_CHAR', 3, 'loan_id', 'U+FEFF'],
      ],
    );
  });
});

describe('class 7: single faults', () => {
  it('BH18: currencies checked against the ISO 4217 list; RMB is an error naming CNY', async () => {
    const res = await bank('BH18.csv');
    assert.equal(res.status, 'rejected');
    assert.deepEqual(
      res.report.violations.map((v) => [v.row, v.value]),
      [
        [2, 'RMB'],
        [3, 'RMB'],
        [4, 'RMB'],
        [5, 'XYZ'],
      ],
    );
    assert.ok(
      res.report.violations.every((v) => v.rule_id === 'LOAN_E_BAD_CURRENCY' && /CNY/.test(v.message_en)),
    );
  });
  it('own07: lower-case cny and offshore CNH are not ISO 4217 codes', async () => {
    const res = await bank('own07-currency-not-iso.csv');
    assert.deepEqual(hits(res), [
      ['LOAN_E_BAD_CURRENCY', 2],
      ['LOAN_E_BAD_CURRENCY', 3],
    ]);
  });
  it('own08: a bad report_period on the first row does not hide the other row errors', async () => {
    const res = await bank('own08-bad-period-first-row.csv');
    assert.equal(res.report_period, '2025-03');
    assert.deepEqual(
      hits(res).filter(([r]) => r === 'LOAN_E_BAD_PERIOD' || r === 'LOAN_E_BAD_CURRENCY'),
      [
        ['LOAN_E_BAD_PERIOD', 2],
        ['LOAN_E_BAD_CURRENCY', 5],
      ],
    );
  });
  it('BH19: a legacy .xls workbook gets its own coded error', async () => {
    const res = await bank('BH19.xls');
    assert.deepEqual(hits(res), [['LOAN_E_XLS_UNSUPPORTED', null]]);
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
