// The loan-file template: read back, its headers, text formats and drop-downs are the spec's; filled with one
// valid row it is accepted by the ingest as it is (the data sheet first, the Chinese headers).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';

import ExcelJS from 'exceljs';

import type { Stores } from '../store/stores.ts';
import { openTestStores, registerTestBank } from '../testing/stores.ts';
import { ingestLoanFile } from './ingest/ingest.ts';
import { BORROWER_TYPES, LOAN_COLUMNS } from './spec.ts';
import { CODES_SHEET, templateWorkbook, TEMPLATE_SHEET } from './template.ts';

let dir: string;
let stores: Stores;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fivefin-template-'));
  stores = await openTestStores();
});
after(() => stores.close());

const letter = (name: string) => String.fromCharCode(65 + LOAN_COLUMNS.findIndex((c) => c.name === name));

it('reads back with Chinese headers, English notes, text-formatted ids and a code drop-down', async () => {
  const path = join(dir, 'small.xlsx');
  await templateWorkbook(10).xlsx.writeFile(path);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(TEMPLATE_SHEET);
  assert.ok(ws);
  assert.deepEqual(
    (ws.getRow(1).values as unknown[]).slice(1),
    LOAN_COLUMNS.map((c) => c.label_zh),
  );
  assert.match(String(ws.getCell('C1').note ? JSON.stringify(ws.getCell('C1').note) : ''), /Loan id|loan_id/);
  for (const c of ['institution_code', 'loan_id', 'contract_id', 'borrower_id', 'report_period'])
    assert.equal(ws.getCell(`${letter(c)}5`).numFmt, '@', c);
  const dv = ws.getCell(`${letter('borrower_type')}2`).dataValidation;
  assert.equal(dv.type, 'list');
  const [sheet, range = ''] = (dv.formulae?.[0] as string).split('!');
  assert.equal(sheet, CODES_SHEET);
  const [from = '', to = ''] = range.replaceAll('$', '').split(':');
  const codes = wb.getWorksheet(CODES_SHEET);
  const col = from.replace(/[0-9]/g, '');
  const listed = [];
  for (let r = Number(from.slice(col.length)); r <= Number(to.slice(col.length)); r++)
    listed.push(codes?.getCell(`${col}${r}`).value);
  assert.deepEqual(listed, [...BORROWER_TYPES]);
});

it('filled with one valid row, the template is accepted', async () => {
  await registerTestBank(stores);
  const fixture = join(import.meta.dirname, '../../test/fixtures/loans/ok/utf8.csv');
  const [head = '', row = ''] = readFileSync(fixture, 'utf8').split('\n');
  const names = head.split(',');
  const values = row.split(',');
  const wb = templateWorkbook();
  const ws = wb.getWorksheet(TEMPLATE_SHEET);
  assert.ok(ws);
  LOAN_COLUMNS.forEach((c, i) => {
    const v = values[names.indexOf(c.name)];
    if (v) ws.getCell(2, i + 1).value = v;
  });
  const path = join(dir, 'filled.xlsx');
  await wb.xlsx.writeFile(path);
  const res = await ingestLoanFile(stores, {
    path,
    reportRoot: dir,
    hmacKey: Buffer.from('test-hmac-key-0123456789abcdef0123456789'),
    now: () => new Date('2026-01-10T08:00:00Z'),
  });
  assert.equal(res.status, 'accepted', JSON.stringify(res.report.violations.slice(0, 3)));
  assert.equal(res.rows, 1);
});
