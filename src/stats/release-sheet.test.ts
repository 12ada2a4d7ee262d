// The city release sheet in the PBoC's layout on a hand-computed book: 亿元 with 2 decimals, growth in % with
// 1 decimal, 比年初增加 and 同比多增; and its XLSX sheet with the 说明 (caliber, rule version, completeness).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import ExcelJS from 'exceljs';

import { classifySubmission } from '../classify/classify.ts';
import { insertSubmission, openTestAnalytics } from '../classify/testing.ts';
import type { Analytics } from '../store/analytics/duckdb.ts';
import { recomputeAggregates } from './aggregates.sql.ts';
import { releaseLines } from './release-sheet.sql.ts';
import { buildReport } from './report.ts';
import { reportToXlsx } from './report.xlsx.ts';

let db: Analytics;
// 各项贷款 in yuan: 80亿 (2023-12), 90亿 (2024-06), 100亿 (2024-12), 120.456亿 (2025-06).
const BOOK: [string, string][] = [
  ['2023-12', '8000000000.00'],
  ['2024-06', '9000000000.00'],
  ['2024-12', '10000000000.00'],
  ['2025-06', '12045600000.00'],
];

before(async () => {
  db = await openTestAnalytics();
  await db.run(`INSERT INTO institutions (code, name_zh, name_en, peer_group, district_code) VALUES ('B001', '甲银行', 'Bank A', 'city_commercial', NULL),
    ('B002', '乙银行', 'Bank B', 'rural', NULL)`);
  for (const [period, balance] of BOOK) {
    const id = await insertSubmission(
      db,
      { institution: 'B001', period, acceptedAt: `${period}-28 09:00:00` },
      [{ loan_id: 'A', balance }],
    );
    await classifySubmission(db, id);
    await recomputeAggregates(db, period);
  }
});
after(() => db.close());

describe('release sheet', () => {
  it('gives balance, YoY, 比年初增加 and 同比多增 in the release units', async () => {
    const [all] = await releaseLines(db, '2025-06');
    assert.deepEqual(all, {
      area: 'all_loans',
      balance_yi: '120.46', // 120.456 亿 → 2 decimals
      yoy_pct: '33.8', // (120.456 − 90) / 90 = 33.84 %
      ytd_increase_yi: '20.46', // 120.456 − 100
      yoy_increase_yi: '30.46', // 120.456 − 90
      yoy_extra_increase_yi: '10.46', // 20.456 − 10
      rule_version: all?.rule_version,
    });
    const [dec] = await releaseLines(db, '2024-12');
    // 2024-12: 100 − 80 since the start of the year and since 2023-12; 2022-12 is not stored, so no 同比多增.
    assert.deepEqual(
      [dec?.ytd_increase_yi, dec?.yoy_increase_yi, dec?.yoy_extra_increase_yi],
      ['20.00', '20.00', null],
    );
  });

  it('writes the 月度发布 sheet with its 说明', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportToXlsx(await buildReport(db, '2025-06'))) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('月度发布');
    assert.ok(ws);
    assert.deepEqual(
      [1, 2, 3, 4, 6].map((c) => ws.getRow(1).getCell(c).value),
      ['指标', '余额（亿元）', '同比增长（%）', '比年初增加（亿元）', '同比多增（亿元）'],
    );
    assert.deepEqual(
      [1, 2, 3, 4, 6].map((c) => ws.getRow(2).getCell(c).value),
      ['各项贷款', 120.46, 33.8, 20.46, 10.46],
    );
    assert.equal(ws.getRow(2).getCell(3).numFmt, '0.0');
    const notes: string[] = [];
    ws.eachRow((row) => notes.push(String(row.getCell(1).value)));
    assert.ok(notes.includes('报送完整性：1 / 2 家机构已报送'), notes.join('\n'));
    // No loan of this book is in a five-area line: no rule version labelled any.
    assert.ok(notes.includes('分类规则版本：none；目标配置：targets-v2'), notes.join('\n'));
  });
});
