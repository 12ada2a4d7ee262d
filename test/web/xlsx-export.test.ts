// The in-browser XLSX export's workbook (built with the same ExcelJS in Node): header, typed numbers with their
// formats, nulls as empty cells, and text that Excel would evaluate made literal.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import ExcelJS from 'exceljs';

import { formulaSafe, xlsxBytes } from '../../web/src/xlsx-export.ts';

test('formulaSafe prefixes what Excel would evaluate and nothing else', () => {
  for (const v of ['=1+1', '+86', '-0', '@SUM(A1)', '\tx', '\rx']) assert.equal(formulaSafe(v), `'${v}`);
  for (const v of ['渝中区', '1,234.00', 'a=b', '']) assert.equal(formulaSafe(v), v);
});

test('xlsxBytes writes the header, numbers with formats, empty cells for null and safe text', async () => {
  const rows = [
    { name: '渝中区', balance: 1234.5, share: 0.125 },
    { name: '=HYPERLINK("http://x")', balance: null, share: null },
  ];
  const bytes = await xlsxBytes(
    '排名',
    [
      { title: '名称', value: (r: (typeof rows)[number]) => r.name },
      { title: '余额（亿元）', value: (r) => r.balance, numFmt: '#,##0.00' },
      { title: '占比', value: (r) => r.share, numFmt: '0.00%' },
    ],
    rows,
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const ws = wb.getWorksheet('排名');
  assert.ok(ws);
  assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), ['名称', '余额（亿元）', '占比']);
  assert.equal(ws.getRow(2).getCell(2).value, 1234.5);
  assert.equal(ws.getRow(2).getCell(2).numFmt, '#,##0.00');
  assert.equal(ws.getRow(2).getCell(3).numFmt, '0.00%');
  assert.equal(ws.getRow(3).getCell(1).value, '\'=HYPERLINK("http://x")');
  assert.equal(ws.getRow(3).getCell(2).value, null);
  assert.equal(ws.rowCount, 3);
});
