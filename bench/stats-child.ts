// One measured run of the statistics benchmark, in its own process so that peak RSS is its own:
//   fivefin  — classifySubmission for every submission in force, then recomputeAggregates for every period
//              (all dimensions, stored in area_aggregates); afterwards, untimed, reads the city headline figures
//              and empties loan_areas / area_aggregates again so the next run starts from the same state;
//   baseline — the one hand-written headline query (stats-headline.sql.ts) on the same DuckDB file.
// Peak RSS and the process CPU time (user + system, all DuckDB threads; steadier than wall time on a shared
// machine) are read right after the timed part.
// Prints one JSON line: { mode, seconds, cpuSeconds, classifySeconds?, aggregateSeconds?, rows, periods, maxRssMb, figures }.
import { classifySubmission } from '../src/classify/classify.ts';
import { recomputeAggregates } from '../src/stats/aggregates.sql.ts';
import { openAnalytics } from '../src/store/analytics/duckdb.ts';
import { headlineFigures, headlineSql, HEADLINE_AREAS, type HeadlineFigure } from './stats-headline.sql.ts';

const [mode, path] = process.argv.slice(2);
if ((mode !== 'fivefin' && mode !== 'baseline') || path === undefined)
  throw new Error('usage: stats-child.ts fivefin|baseline <file.duckdb>');

const db = await openAnalytics({ kind: 'duckdb', path });
try {
  const subs = await db.all<{ sid: string; report_period: string }>(
    `SELECT submission_id::VARCHAR AS sid, report_period FROM submissions WHERE superseded_at IS NULL
     ORDER BY report_period, submission_id`,
  );
  const periods = [...new Set(subs.map((s) => s.report_period))];
  const [count] = await db.all<{ n: string }>('SELECT count(*)::VARCHAR AS n FROM loans_current');
  const rows = Number(count?.n ?? 0);
  let figures: HeadlineFigure[];
  const out: Record<string, unknown> = { mode, rows, periods: periods.length };
  const cpu = (c0: NodeJS.CpuUsage) => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1e6;
  };
  if (mode === 'fivefin') {
    await db.run('DELETE FROM loan_areas');
    await db.run('DELETE FROM area_aggregates');
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const s of subs) await classifySubmission(db, s.sid);
    const t1 = performance.now();
    for (const p of periods) await recomputeAggregates(db, p);
    const t2 = performance.now();
    out.cpuSeconds = cpu(c0);
    out.maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    Object.assign(out, {
      seconds: (t2 - t0) / 1000,
      classifySeconds: (t1 - t0) / 1000,
      aggregateSeconds: (t2 - t1) / 1000,
    });
    figures = await db.all<HeadlineFigure>(
      `SELECT report_period, area, balance::VARCHAR AS balance, loan_count::VARCHAR AS loan_count,
         borrower_count::VARCHAR AS borrower_count
       FROM area_aggregates WHERE dim = 'city' AND area IN (${HEADLINE_AREAS.map(() => '?').join(', ')})
       ORDER BY report_period, area`,
      [...HEADLINE_AREAS],
    );
    await db.run('DELETE FROM loan_areas');
    await db.run('DELETE FROM area_aggregates');
    await db.run('CHECKPOINT');
  } else {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const wide = await db.all(headlineSql('duckdb'));
    Object.assign(out, { seconds: (performance.now() - t0) / 1000, cpuSeconds: cpu(c0) });
    out.maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    figures = headlineFigures(wide);
  }
  out.figures = figures;
  process.stdout.write(JSON.stringify(out) + '\n');
} finally {
  db.close();
}
