// Statistics benchmark: fivefin's classification + all aggregates (classifySubmission per submission,
// recomputeAggregates per period) vs ONE hand-written DuckDB query of the same headline totals, side by side in
// the same run (alternating, each in a fresh process: time and peak RSS of its own), for one month of N loans and
// for M months of history; then the same headline query on PostgreSQL over the month's rows.
// Usage: node --import tsx bench/stats.ts [--loans 10000000] [--months 36] [--history-loans N] [--shrink 0.01]
//          [--repeat 1] [--scenarios month,history] [--pg postgres://…] [--no-pg]
// Goal: fivefin / baseline ≤ 2. Method and results: docs/performance.md ("Statistics").
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import type { HeadlineFigure } from './stats-headline.sql.ts';
import { runPostgres, type PgResult } from './stats-pg.ts';
import { OUT, prepareStatsDb } from './stats-prepare.ts';

const { values } = parseArgs({
  options: {
    loans: { type: 'string', default: '10000000' },
    months: { type: 'string', default: '36' },
    'history-loans': { type: 'string' },
    shrink: { type: 'string', default: '0.01' },
    repeat: { type: 'string', default: '1' },
    scenarios: { type: 'string', default: 'month,history' },
    pg: { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    'no-pg': { type: 'boolean', default: false },
  },
});
const LOANS = Number(values.loans);
const MONTHS = Number(values.months);
const HISTORY_LOANS = Number(values['history-loans'] ?? values.loans);
const SHRINK = Number(values.shrink);
const REPEAT = Number(values.repeat);
const SCENARIOS = (values.scenarios ?? '').split(',').filter((s) => s === 'month' || s === 'history');
const log = (s: string) => console.log(s);

interface Run {
  mode: 'fivefin' | 'baseline';
  seconds: number;
  cpuSeconds: number;
  classifySeconds?: number;
  aggregateSeconds?: number;
  rows: number;
  periods: number;
  maxRssMb: number;
  figures: HeadlineFigure[];
}

function child(mode: Run['mode'], path: string): Run {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'stats-child.ts'), mode, path],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (r.status !== 0) throw new Error(`${mode} run failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Run;
}

/** Differences between two sets of headline figures (a missing figure counts as zero). */
function differences(a: HeadlineFigure[], b: HeadlineFigure[]): string[] {
  const key = (f: HeadlineFigure) => `${f.report_period} ${f.area}`;
  const zero = (k: string): HeadlineFigure => {
    const [report_period = '', area = 'all5'] = k.split(' ');
    return {
      report_period,
      area: area as HeadlineFigure['area'],
      balance: '0.00',
      loan_count: '0',
      borrower_count: '0',
    };
  };
  const ma = new Map(a.map((f) => [key(f), f]));
  const mb = new Map(b.map((f) => [key(f), f]));
  const out: string[] = [];
  for (const k of new Set([...ma.keys(), ...mb.keys()])) {
    const x = ma.get(k) ?? zero(k);
    const y = mb.get(k) ?? zero(k);
    if (x.balance !== y.balance || x.loan_count !== y.loan_count || x.borrower_count !== y.borrower_count)
      out.push(`${k}: ${JSON.stringify(x)} ≠ ${JSON.stringify(y)}`);
  }
  return out;
}

const fmt = (s: number) => s.toFixed(2);
const mrows = (rows: number, s: number) => (rows / s / 1e6).toFixed(2);
const best = (runs: Run[], m: Run['mode']) =>
  runs.filter((r) => r.mode === m).sort((a, b) => a.seconds - b.seconds)[0];

interface ScenarioResult {
  scenario: string;
  path: string;
  fileMb: number;
  fivefin: Run;
  baseline: Run;
  ratio: number;
  cpuRatio: number;
  equal: boolean;
}
const results: ScenarioResult[] = [];
for (const scenario of SCENARIOS) {
  const months = scenario === 'month' ? 1 : MONTHS;
  const loans = scenario === 'month' ? LOANS : HISTORY_LOANS;
  log(`\n== ${scenario}: ${months} period(s), newest month ${loans} loans`);
  const path = await prepareStatsDb(loans, months, SHRINK, log);
  const runs: Run[] = [];
  for (let i = 0; i < REPEAT; i++) {
    for (const mode of ['baseline', 'fivefin'] as const) {
      const run = child(mode, path);
      runs.push(run);
      const split =
        run.classifySeconds === undefined
          ? ''
          : ` (classify ${fmt(run.classifySeconds)} s + aggregates ${fmt(run.aggregateSeconds ?? 0)} s)`;
      log(
        `${mode.padEnd(8)} ${fmt(run.seconds)} s${split}  CPU ${fmt(run.cpuSeconds)} s  ${mrows(run.rows, run.seconds)} M rows/s  peak RSS ${run.maxRssMb} MB`,
      );
    }
  }
  const f = best(runs, 'fivefin');
  const b = best(runs, 'baseline');
  if (!f || !b) throw new Error('no runs');
  const diff = differences(f.figures, b.figures);
  if (diff.length > 0) log(`MISMATCH fivefin vs baseline:\n  ${diff.slice(0, 5).join('\n  ')}`);
  results.push({
    scenario,
    path,
    fileMb: statSync(path).size / 1048576,
    fivefin: f,
    baseline: b,
    ratio: f.seconds / b.seconds,
    cpuRatio: f.cpuSeconds / b.cpuSeconds,
    equal: diff.length === 0,
  });
}

let pgResult: (PgResult & { duckSeconds: number; equal: boolean }) | { skipped: string } | null = null;
const month = results.find((r) => r.scenario === 'month');
if (month && !values['no-pg']) {
  log(`\n== postgres: the month's ${month.baseline.rows} loans`);
  try {
    const p = await runPostgres(month.path, values.pg ?? '', Math.max(2, REPEAT), log);
    const diff = differences(p.figures, month.baseline.figures);
    if (diff.length > 0) log(`MISMATCH postgres vs duckdb:\n  ${diff.slice(0, 5).join('\n  ')}`);
    pgResult = { ...p, duckSeconds: month.baseline.seconds, equal: diff.length === 0 };
  } catch (e) {
    pgResult = { skipped: e instanceof Error ? e.message : String(e) };
    log(`postgres comparison skipped: ${pgResult.skipped}`);
  }
}

log('\n== summary (best of runs)');
for (const r of results) {
  log(
    `${r.scenario}: ${r.fivefin.rows} loans in ${r.fivefin.periods} period(s), DuckDB file ${r.fileMb.toFixed(0)} MB; ` +
      `figures ${r.equal ? 'equal' : 'DIFFER'}`,
  );
  log(
    `  fivefin  ${fmt(r.fivefin.seconds)} s = classify ${fmt(r.fivefin.classifySeconds ?? 0)} s + aggregates ` +
      `${fmt(r.fivefin.aggregateSeconds ?? 0)} s (${mrows(r.fivefin.rows, r.fivefin.seconds)} M rows/s, peak RSS ${r.fivefin.maxRssMb} MB)`,
  );
  log(
    `  baseline ${fmt(r.baseline.seconds)} s (${mrows(r.baseline.rows, r.baseline.seconds)} M rows/s, peak RSS ${r.baseline.maxRssMb} MB)`,
  );
  log(
    `  ratio fivefin / baseline: ${r.ratio.toFixed(2)} (goal ≤ 2); CPU time ${fmt(r.fivefin.cpuSeconds)} s / ${fmt(r.baseline.cpuSeconds)} s = ${r.cpuRatio.toFixed(2)}`,
  );
}
if (pgResult && 'seconds' in pgResult) {
  const pgBest = Math.min(...pgResult.seconds);
  log(
    `postgres ${pgResult.server}: ${pgResult.rows} loans (table ${pgResult.tableMb} MB, copy ${fmt(pgResult.copySeconds)} s); ` +
      `headline query ${fmt(pgBest)} s vs DuckDB ${fmt(pgResult.duckSeconds)} s = ${(pgBest / pgResult.duckSeconds).toFixed(1)}×; ` +
      `figures ${pgResult.equal ? 'equal' : 'DIFFER'}`,
  );
}
const summary = {
  at: new Date().toISOString(),
  args: { loans: LOANS, months: MONTHS, historyLoans: HISTORY_LOANS, shrink: SHRINK, repeat: REPEAT },
  scenarios: results.map(({ fivefin, baseline, ...r }) => ({
    ...r,
    fivefin: { ...fivefin, figures: undefined },
    baseline: { ...baseline, figures: undefined },
  })),
  postgres: pgResult && 'figures' in pgResult ? { ...pgResult, figures: undefined } : pgResult,
};
await writeFile(join(OUT, 'stats-result.json'), JSON.stringify(summary, null, 2) + '\n');
if (results.some((r) => !r.equal) || (pgResult && 'equal' in pgResult && !pgResult.equal))
  process.exitCode = 1;
