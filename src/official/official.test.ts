// Official series: import with coded rejections and versions; the completeness control of each bank's file; the
// city reconciliation on a small hand-computed book (3 banks: one v1 file, one v2 file under review with an
// entrusted loan, one bank with a return but no file), whose lines sum exactly.
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { classifySubmission } from '../classify/classify.ts';
import { addQualification, insertSubmission, openTestAnalytics } from '../classify/testing.ts';
import { sqlTimestamp } from '../shared/time.ts';
import { recomputeAggregates } from '../stats/aggregates.sql.ts';
import { evaluateTargets } from '../stats/targets.ts';
import type { Analytics } from '../store/analytics/duckdb.ts';
import { writeSimulatedOfficialSeries } from './demo.sql.ts';
import { importOfficialSeries, listOfficialImports } from './import.ts';
import { completenessControl, reconcileCity } from './reconcile.sql.ts';

const FIX = join(import.meta.dirname, '../../test/fixtures/official');
const HT = '915000000000000001';
const T0 = new Date('2025-07-15T08:00:00Z');
const T1 = new Date('2025-07-20T08:00:00Z');
const LATER = new Date('2025-08-01T00:00:00Z');
let db: Analytics;
let b002 = '';

before(async () => {
  db = await openTestAnalytics();
  await db.run(
    `INSERT INTO institutions (code, name_zh, name_en, peer_group, district_code) VALUES ('B001', '甲银行', 'Bank A', 'city_commercial', NULL),
       ('B002', '乙银行', 'Bank B', 'joint_stock', NULL), ('B003', '丙银行', 'Bank C', 'rural', NULL)`,
  );
  await addQualification(db, HT, 'high_tech_enterprise', '2023-01-01', '2026-12-31');
  const b001 = await insertSubmission(
    db,
    { institution: 'B001', period: '2025-06', acceptedAt: '2025-07-10 09:00:00' },
    [
      { loan_id: 'X1', borrower_key: HT, declared_areas: ['tech'], balance: '1000.00' },
      { loan_id: 'X2', declared_areas: ['tech'], balance: '300.00' },
      { loan_id: 'X3', balance: '200.00' },
      { loan_id: 'X4', declared_areas: ['digital'], balance: '50.00' },
    ],
  );
  b002 = await insertSubmission(
    db,
    { institution: 'B002', period: '2025-06', acceptedAt: '2025-07-11 09:00:00', fileSpec: 'loan-file-v2' },
    [
      { loan_id: 'Y1', balance: '600.00' },
      {
        loan_id: 'Y2',
        loan_nature: 'entrusted',
        tech_htp: 'HTP01',
        industry_code: '2710',
        balance: '400.00',
      },
    ],
  );
  for (const id of [b001, b002]) await classifySubmission(db, id);
  await recomputeAggregates(db, '2025-06');
});
after(() => db.close());

describe('official series import', () => {
  it('rejects bad rows with rule id, row, column and zh + en messages, and stores nothing', async () => {
    const r = await importOfficialSeries(db, join(FIX, 'not-ok.csv'), { actor: 'stat', now: () => T0 });
    assert.equal(r.status, 'rejected');
    assert.deepEqual(
      r.violations.map((v) => [v.rule_id, v.row, v.column, v.value]),
      [
        ['OFF_E_BAD_PERIOD', 2, 'period', '2025-13'],
        ['OFF_E_BAD_SCOPE', 3, 'scope', 'B999'],
        ['OFF_E_BAD_SERIES', 4, 'series', 'loans'],
        ['OFF_E_BAD_VALUE', 5, 'value', '12.345'],
        ['OFF_E_SOURCE_REQUIRED', 6, 'source', null],
        ['OFF_E_DUPLICATE_KEY', 7, 'series', 'green'],
      ],
    );
    assert.equal(r.violations[0]?.message_zh, '期间须为 YYYY-MM');
    assert.equal(r.violations[0]?.message_en, 'Period must be YYYY-MM');
    const header = await importOfficialSeries(db, join(FIX, 'bad-header.csv'), {
      actor: 'stat',
      now: () => T0,
    });
    assert.deepEqual(
      header.violations.map((v) => [v.rule_id, v.row, v.column]),
      [
        ['OFF_E_HEADER_MISSING', 1, 'value'],
        ['OFF_E_HEADER_UNKNOWN', 1, 'amount'],
      ],
    );
    const [n] = await db.all<{ n: string }>('SELECT count(*)::VARCHAR AS n FROM official_values');
    assert.equal(n?.n, '0');
  });

  it('imports each file as a version and keeps the earlier one readable as of its time', async () => {
    const first = await importOfficialSeries(db, join(FIX, 'ok.csv'), { actor: 'stat', now: () => T0 });
    assert.equal(first.status, 'imported');
    assert.equal(first.rows, 6);
    assert.deepEqual(first.periods, ['2025-06']);
    const again = await importOfficialSeries(db, join(FIX, 'ok.csv'), { actor: 'stat', now: () => T1 });
    assert.equal(again.status, 'duplicate');
    const second = await importOfficialSeries(db, join(FIX, 'revised.csv'), { actor: 'stat', now: () => T1 });
    assert.equal(second.status, 'imported');
    const value = async (t: Date) =>
      (
        await db.all<{ v: string }>(
          `SELECT value::VARCHAR AS v FROM official_as_of(CAST(? AS TIMESTAMP))
           WHERE period = '2025-06' AND scope = 'city' AND series = 'all_loans'`,
          [sqlTimestamp(t)],
        )
      )[0]?.v;
    assert.equal(await value(T0), '5000.00');
    assert.equal(await value(LATER), '5100.00');
    assert.deepEqual(
      (await listOfficialImports(db)).map((i) => [i.import_id, i.row_count, i.imported_by, i.periods]),
      [
        [second.import_id, '1', 'stat', ['2025-06']],
        [first.import_id, '6', 'stat', ['2025-06']],
      ],
    );
  });
});

describe('completeness control and reconciliation', () => {
  const tolerance = { relative: '0.001', absolute: '10.00', note_zh: '', note_en: '' };

  it('sets each bank file against its 各项贷款 return with the tolerance, flagging what lies outside', async () => {
    const rows = await completenessControl(db, '2025-06', tolerance, T0, [b002]);
    assert.deepEqual(
      rows.map((r) => r.under_review),
      [true, false, false],
    );
    assert.deepEqual(
      rows.map((r) => [
        r.institution_code,
        r.official,
        r.file_total,
        r.entrusted,
        r.fivefin,
        r.difference,
        r.tolerance,
        r.status,
      ]),
      [
        // B002: file 1000.00 less its entrusted 400.00 = 600.00 against 650.00: 50.00 > max(10.00, 0.65)
        ['B002', '650.00', '1000.00', '400.00', '600.00', '50.00', '10.00', 'outside'],
        ['B001', '1550.00', '1550.00', '0.00', '1550.00', '0.00', '10.00', 'within'],
        ['B003', '700.00', null, null, null, null, '10.00', 'no_file'],
      ],
    );
  });

  it('splits official − fivefin into its explained parts and a remainder, each line summing exactly', async () => {
    const lines = await reconcileCity(db, '2025-06', [b002], T0);
    const cols = (l: (typeof lines)[number]) => [
      l.series,
      l.official,
      l.fivefin,
      l.difference,
      l.missing_banks,
      l.under_review,
      l.exclusions,
      l.provisional,
      l.unexplained,
    ];
    assert.deepEqual(lines.map(cols), [
      // 5000 − 2550 = 2450 = 700 (B003, no file) − 350 (B002 under review: 650 − 1000) + 2100
      ['all_loans', '5000.00', '2550.00', '2450.00', '700.00', '-350.00', '0.00', '0.00', '2100.00'],
      // 1500 − 1000 = 500 = 300 (B001 X2 declared, not qualified) + 400 (B002 entrusted HTP loan) − 200
      ['tech', '1500.00', '1000.00', '500.00', '0.00', '0.00', '700.00', '0.00', '-200.00'],
      // 40 − 50 = −10 = −50 (X4 on the provisional declared-digital basis) + 40
      ['digital', '40.00', '50.00', '-10.00', '0.00', '0.00', '0.00', '-50.00', '40.00'],
    ]);
    const fen = (s: string) => BigInt(s.replace('.', ''));
    for (const l of lines) {
      assert.equal(fen(l.official) - fen(l.fivefin), fen(l.difference));
      assert.equal(
        fen(l.missing_banks) +
          fen(l.under_review) +
          fen(l.exclusions) +
          fen(l.provisional) +
          fen(l.unexplained),
        fen(l.difference),
      );
    }
    // Without the review the B002 difference falls to the loan-level parts (its entrusted loan −400 in 各项贷款).
    const [all] = await reconcileCity(db, '2025-06', [], T0);
    assert.deepEqual([all?.under_review, all?.exclusions, all?.unexplained], ['0.00', '-400.00', '2150.00']);
  });
});

describe('targets on the official series', () => {
  it("judges a target on the official series where imported, with fivefin's beside it", async () => {
    const t = await evaluateTargets(db, { period: '2025-06', asOf: T0 });
    const tech = t.evaluations.find((e) => e.area === 'tech');
    assert.deepEqual(
      [tech?.judged_on, tech?.latest_value, tech?.official?.value, tech?.fivefin?.value],
      ['official', '1500.00', '1500.00', '1000.00'],
    );
    // No official green series: judged on fivefin's.
    assert.equal(t.evaluations.find((e) => e.area === 'green')?.judged_on, 'fivefin');
    // Before the import the official series did not exist.
    const before = await evaluateTargets(db, { period: '2025-06', asOf: new Date('2025-07-01T00:00:00Z') });
    assert.equal(before.evaluations.find((e) => e.area === 'tech')?.judged_on, 'fivefin');
  });
});

describe('simulated official series (demo)', () => {
  it('writes an importable file near the stored figures', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'fivefin-off-')), 'official.csv');
    await writeSimulatedOfficialSeries(db, file);
    const rows = (await readFile(file, 'utf8')).trim().split('\n');
    assert.equal(rows[0], 'period,scope,series,value,source');
    // city: all_loans, tech, digital (the areas stored for 2025-06), B001 and B002 各项贷款
    assert.equal(rows.length, 1 + 3 + 2);
    const r = await importOfficialSeries(db, file, { actor: 'demo', now: () => LATER });
    assert.equal(r.status, 'imported', JSON.stringify(r.violations));
    const [city] = await db.all<{ v: number }>(
      `SELECT abs(value / 2550.00 - 1)::DOUBLE AS v FROM official_values
       WHERE import_id = ? AND scope = 'city' AND series = 'all_loans'`,
      [r.import_id],
    );
    assert.ok(city !== undefined && city.v <= 0.001, String(city?.v));
  });
});
