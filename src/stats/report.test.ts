// Explain, targets on stored aggregates, the XLSX/CSV report (read back; formula injection neutralised), the CLI.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import ExcelJS from 'exceljs';

import { classifySubmission } from '../classify/classify.ts';
import { addQualification, insertSubmission, openTestAnalytics } from '../classify/testing.ts';
import type { CliContext } from '../cli/kernel/command.ts';
import { createOutput } from '../cli/kernel/output.ts';
import { DEFAULT_REPORTING_DEADLINE, type Config } from '../config/config.ts';
import type { Stores } from '../store/stores.ts';
import type { Analytics } from '../store/analytics/duckdb.ts';
import { recomputeAggregates } from './aggregates.sql.ts';
import { statsCommands } from './cli.ts';
import { explainFigure, explainLoan } from './explain.ts';
import { addMonths } from '../shared/period.ts';
import { buildReport, reportViews, safeText, viewToCsv } from './report.ts';
import { reportToXlsx } from './report.xlsx.ts';
import { evaluateTargets } from './targets.ts';

const HT = '915000000000000001';
let db: Analytics;

before(async () => {
  db = await openTestAnalytics();
  await addQualification(db, HT, 'high_tech_enterprise', '2020-01-01', null);
  for (let i = 0; i < 4; i += 1) {
    const period = addMonths('2025-01', i);
    const id = await insertSubmission(
      db,
      { institution: i % 2 === 0 ? 'B001' : 'B001', period, acceptedAt: `2025-0${i + 2}-10 09:00:00` },
      [
        { loan_id: 'T1', borrower_key: HT, balance: `${1000 + i * 100}.00`, district_code: '500103' },
        {
          loan_id: '=HYPERLINK("x")',
          borrower_key: HT,
          balance: '50.00',
          district_code: '500104',
          green_category: '2',
        },
      ],
    );
    await classifySubmission(db, id);
    await recomputeAggregates(db, period);
  }
  await insertSubmission(db, { institution: '@B2', period: '2025-04', acceptedAt: '2025-05-11 09:00:00' }, [
    { loan_id: 'X', borrower_key: HT, balance: '200.00', district_code: '500103' },
  ]);
  const [s] = await db.all<{ id: string }>('SELECT max(submission_id)::VARCHAR AS id FROM submissions');
  await classifySubmission(db, s?.id ?? '0');
  await recomputeAggregates(db, '2025-04');
});
after(() => db.close());

describe('explain', () => {
  it('drills a figure down to districts, banks and loans', async () => {
    const d = await explainFigure(db, { period: '2025-04', area: 'tech' });
    assert.ok(d.level === 'district');
    assert.deepEqual(
      d.rows.map((r) => [r.key, r.label, r.balance]),
      [
        ['500103', '渝中区', '1500.00'],
        ['500104', '大渡口区', '50.00'],
      ],
    );
    const b = await explainFigure(db, { period: '2025-04', area: 'tech', district: '500103' });
    assert.ok(b.level === 'institution');
    assert.deepEqual(
      b.rows.map((r) => [r.key, r.balance]),
      [
        ['B001', '1300.00'],
        ['@B2', '200.00'],
      ],
    );
    const l = await explainFigure(db, {
      period: '2025-04',
      area: 'tech',
      district: '500104',
      institution: 'B001',
    });
    assert.equal(l.level, 'loan');
    assert.deepEqual(
      l.rows.map((r) => [r.loan_id, r.bases]),
      [['=HYPERLINK("x")', ['green.catalogue_in_force', 'tech.high_tech_enterprise']]],
    );
  });

  it('says why a loan counts, with the registry entry and rule version', async () => {
    const x = await explainLoan(db, 'B001', 'T1');
    assert.ok(x);
    assert.equal(x.report_period, '2025-04');
    assert.deepEqual(
      x.stored.map((s) => [s.basis, s.rule_version]),
      [['tech.high_tech_enterprise', 'classify-v1']],
    );
    assert.equal(x.evaluated[0]?.evidence.qualification?.valid_from, '2020-01-01');
    assert.equal(x.changed_since_classification, false);
    assert.equal(await explainLoan(db, 'B001', 'nope'), null);
  });
});

describe('targets on stored aggregates', () => {
  it('evaluates every target and splits the tech gap by district pro rata', async () => {
    const t = await evaluateTargets(db);
    const tech = t.evaluations.find((e) => e.area === 'tech');
    assert.equal(tech?.latest_period, '2025-04');
    assert.equal(tech?.latest_value, '1550.00');
    // Four months stored, no official series: judged on fivefin's, no YoY yet.
    assert.deepEqual(
      [tech?.judged_on, tech?.latest_yoy, tech?.status],
      ['fivefin', null, 'insufficient_data'],
    );
    const districts = (t.contributions.tech ?? []).filter((c) => c.dim === 'district');
    assert.deepEqual(
      districts.map((c) => c.dim_value),
      ['500103', '500104'],
    );
    const gap = 1000000000000 - 1550;
    const sum = districts.reduce((s, c) => s + Number(c.gap_share), 0);
    assert.ok(Math.abs(sum - gap) < 0.02);
  });
});

describe('report', () => {
  it('writes an XLSX with Chinese headers, number formats and no formulas', async () => {
    const r = await buildReport(db, '2025-04');
    const buf = await reportToXlsx(r);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['全市概览', '五篇大文章', '月度发布', '2027年目标', '区县', '机构', '说明'],
    );
    const areas = wb.getWorksheet('五篇大文章');
    assert.equal(areas?.getRow(1).getCell(2).value, '贷款余额（元）');
    assert.equal(areas?.getRow(2).getCell(1).value, '科技贷款');
    assert.equal(areas?.getRow(2).getCell(2).value, 1550);
    assert.equal(areas?.getRow(2).getCell(2).numFmt, '#,##0.00');
    const banks = wb.getWorksheet('机构');
    const codes: unknown[] = [];
    banks?.eachRow((row) => codes.push(row.getCell(1).value));
    assert.ok(codes.includes("'@B2"));
    let formulas = 0;
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => (formulas += c.formula ? 1 : 0))));
    assert.equal(formulas, 0);
  });

  it('guards text against formula injection in CSV too', async () => {
    assert.equal(safeText('=1+1'), "'=1+1");
    assert.equal(safeText('-5'), "'-5");
    assert.equal(safeText('渝中区'), '渝中区');
    const r = await buildReport(db, '2025-04');
    const view = reportViews(r).find((v) => v.name === 'institutions');
    assert.ok(view);
    const csv = viewToCsv(view);
    assert.ok(csv.startsWith('\ufeff机构代码,机构,领域,贷款余额（元）'));
    assert.ok(csv.includes("\r\n'@B2,'@B2,"));
  });
});

describe('report fixed to its period', () => {
  const techOf = (r: Awaited<ReturnType<typeof buildReport>>) => [
    r.city.find((f) => f.area === 'tech')?.balance,
    r.targets.evaluations.find((e) => e.area === 'tech')?.latest_period,
    r.targets.evaluations.find((e) => e.area === 'tech')?.latest_value,
  ];

  it('gives the figures and the targets of P, not of the latest period', async () => {
    const r = await buildReport(db, '2025-02');
    // 2025-02: T1 1100.00 + the 50.00 loan of the same qualified borrower (2025-04 has 1550.00).
    assert.deepEqual(techOf(r), ['1150.00', '2025-02', '1150.00']);
    assert.equal(r.as_of, null);
  });

  /** A fingerprint of every table a recompute writes. */
  const storedState = () =>
    db.all(
      `SELECT (SELECT count(*) FROM area_aggregates)::VARCHAR AS a, (SELECT sum(balance) FROM area_aggregates)::VARCHAR AS ab,
         (SELECT count(*) FROM area_line_figures)::VARCHAR AS l, (SELECT count(*) FROM release_base)::VARCHAR AS r,
         (SELECT sum(balance) FROM release_base)::VARCHAR AS rb, (SELECT count(*) FROM release_inputs)::VARCHAR AS i,
         (SELECT string_agg(submission_ids::VARCHAR, ';' ORDER BY report_period) FROM release_inputs) AS ii`,
    );

  it('reproduces a past publication as of a time: the later upload of @B2 is not in it', async () => {
    const stored = await storedState();
    const past = await buildReport(db, '2025-04', { asOf: new Date('2025-05-10T12:00:00Z') });
    assert.deepEqual(techOf(past), ['1350.00', '2025-04', '1350.00']);
    assert.ok(!past.institutions.some((f) => f.dim_value === '@B2'));
    assert.deepEqual([past.institutions_reported, past.as_of], [1, '2025-05-10T12:00:00.000Z']);
    // Nothing stored changed.
    assert.deepEqual(techOf(await buildReport(db, '2025-04')), ['1550.00', '2025-04', '1550.00']);
    assert.deepEqual(await storedState(), stored);
  });
});

describe('cli', () => {
  const printed: unknown[] = [];
  const out = createOutput({
    json: true,
    tty: false,
    sink: {
      stdout: (text) => void printed.push(JSON.parse(text)),
      stderr: (text) => void printed.push(text.trimEnd()),
    },
  });
  const ctx: CliContext = {
    config: { reportingDeadline: DEFAULT_REPORTING_DEADLINE } as Config,
    stores: async () => ({ analytics: db }) as unknown as Stores,
    out,
    now: () => new Date('2025-06-01T00:00:00Z'),
  };
  const cmd = (name: string) => {
    const c = statsCommands.find((x) => x.path.join(' ') === name);
    if (!c) throw new Error(`no command ${name}`);
    return c;
  };

  it('prints stats as JSON and rejects a bad period with exit 2', async () => {
    assert.equal(await cmd('stats').run(['--period', '2025-04', '--by', 'district', '--json'], ctx), 0);
    const s = printed.pop() as { figures: { dim: string }[] };
    assert.ok(s.figures.length > 0 && s.figures.every((f) => f.dim === 'district'));
    assert.equal(await cmd('stats').run(['--period', '2025-13'], ctx), 2);
  });

  it('explains a loan and writes the report file', async () => {
    assert.equal(await cmd('explain loan').run(['B001', 'T1'], ctx), 0);
    assert.equal(await cmd('explain loan').run(['B001', 'missing'], ctx), 1);
    const dir = mkdtempSync(join(tmpdir(), 'fivefin-report-'));
    const file = join(dir, 'r.xlsx');
    assert.equal(await cmd('report').run(['--period', '2025-04', '--out', file], ctx), 0);
    assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK');
    const json = join(dir, 'r.json');
    assert.equal(
      await cmd('report').run(['--period', '2025-04', '--as-of', '2025-05-01', '--out', json], ctx),
      0,
    );
    assert.equal(JSON.parse(readFileSync(json, 'utf8')).as_of, '2025-05-01T23:59:59.000Z');
    assert.equal(
      await cmd('report').run(['--period', '2025-04', '--as-of', 'yesterday', '--out', json], ctx),
      2,
    );
    assert.equal(await cmd('targets').run([], ctx), 0);
    assert.equal(await cmd('targets').run(['--period', '2025-02', '--json'], ctx), 0);
    const t = printed.pop() as { period: string; evaluations: { area: string; latest_value: string }[] };
    assert.deepEqual(
      [t.period, t.evaluations.find((e) => e.area === 'tech')?.latest_value],
      ['2025-02', '1150.00'],
    );
    assert.equal(await cmd('targets').run(['--period', '2025-2'], ctx), 2);
  });
});
