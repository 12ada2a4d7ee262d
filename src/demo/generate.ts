// Public entry of the demo generator: a seeded, deterministic synthetic Chongqing loan book written as the files
// banks submit (loans/<institution>_<YYYY-MM>.csv), plus institutions.csv, registry.csv and, when asked for,
// bad-rows.json. All generation runs as SQL in an in-memory DuckDB; same seed ⇒ byte-identical files.
// Calibration of amounts to real Chongqing levels: see calibration.ts and docs/demo-data.md.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { LOAN_COLUMN_NAMES } from '../loans/spec.ts';
import { loadReferenceAnalytics } from '../reference/load.analytics.ts';
import { openAnalytics, type AnalyticsConn } from '../store/analytics/duckdb.ts';
import { isPeriod, periodEnd, periodFromIndex, periodIndex } from '../shared/period.ts';
import { injectBadRows, type BadRow } from './bad-rows.ts';
import {
  CELL_COUNT,
  CITY_LOANS,
  factorText,
  rake,
  saturated,
  targetsAt,
  type Targets,
} from './calibration.ts';
import { pickInstitutions } from './institutions.ts';
import {
  CELL_SUMS,
  CREATE_DEMO_A,
  CREATE_DEMO_BOOK,
  CREATE_DEMO_END,
  CREATE_DEMO_U,
  CREATE_DEMO_UC,
} from './loans.sql.ts';
import { setupRun } from './setup.sql.ts';

export interface DemoOptions {
  /** Loans outstanding at the end period, all institutions together (exactly the row count with `single`). */
  loans: number;
  months: number;
  seed: number;
  outDir: string;
  /** YYYY-MM; default 2025-12. */
  endPeriod?: string;
  /** How many institutions (default 40, all of them). */
  institutions?: number;
  badRows?: number;
  /** One file loans.csv: one institution, one month, exactly `loans` rows, no calibration (benchmarks). */
  single?: boolean;
  onProgress?: (step: string, done: number, total: number) => void;
}

export interface AreaTotals {
  period: string;
  /** Yuan, exact decimal text. */
  total: string;
  tech: string;
  green: string;
  inclusive: string;
}

export interface DemoResult {
  outDir: string;
  periods: string[];
  institutions: number;
  files: string[];
  rows: number;
  enterprises: number;
  registryRows: number;
  badRows: BadRow[];
  /** Each demo loan stands for about this many real loans. */
  scale: number;
  targets: Targets | null;
  /** Totals by the simple §3 rules per period (as the generator labels them). */
  totals: AreaTotals[];
}

export const DEFAULT_END_PERIOD = '2025-12';
function checkOptions(o: DemoOptions): void {
  const whole = (v: number, name: string, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max)
      throw new RangeError(`${name} must be a whole number in ${min}…${max}`);
  };
  whole(o.loans, 'loans', 1, 100_000_000);
  whole(o.months, 'months', 1, 120);
  whole(o.seed, 'seed', 0, Number.MAX_SAFE_INTEGER);
  whole(o.institutions ?? 40, 'institutions', 1, 40);
  whole(o.badRows ?? 0, 'badRows', 0, 1_000_000);
  if (o.single && o.months !== 1) throw new RangeError('single mode writes one month: months must be 1');
}

export async function generateDemo(opts: DemoOptions): Promise<DemoResult> {
  checkOptions(opts);
  const progress = opts.onProgress ?? (() => undefined);
  const single = opts.single ?? false;
  const endPeriod = opts.endPeriod ?? DEFAULT_END_PERIOD;
  if (!isPeriod(endPeriod)) throw new RangeError(`end period must be YYYY-MM, got ${endPeriod}`);
  const miEnd = periodIndex(endPeriod);
  const miFirst = miEnd - opts.months + 1;
  const insts = pickInstitutions(single ? 1 : (opts.institutions ?? 40));
  const n = opts.loans;
  const db = await openAnalytics({ kind: 'duckdb', path: ':memory:' });
  try {
    const steps = 8;
    progress('reference', 0, steps);
    await loadReferenceAnalytics(db);
    progress('pools', 1, steps);
    await setupRun(
      db,
      {
        seed: opts.seed,
        endDate: periodEnd(endPeriod),
        miFirst,
        miEnd,
        loans: n,
        nEnt: Math.max(20, Math.ceil((n * 0.22) / 2)),
        nIb: Math.max(20, Math.ceil((n * 0.25) / 1.3)),
        nPerson: Math.max(20, Math.ceil((n * 0.41) / 1.2)),
        nFarmer: Math.max(20, Math.ceil((n * 0.12) / 1.2)),
      },
      insts,
    );
    progress('loans', 2, steps);
    // A single file without bad rows streams: the later stages are views read once by COPY (the view's ORDER BY
    // keeps the file order deterministic; parallel joins would otherwise interleave rows).
    const streamed = single && !(opts.badRows ?? 0);
    const asView = (sql: string) =>
      streamed
        ? sql.replace(/CREATE OR REPLACE TABLE (demo_u|demo_uc|demo_book) AS/, 'CREATE OR REPLACE VIEW $1 AS')
        : sql;
    await db.run(CREATE_DEMO_A);
    await db.run(asView(CREATE_DEMO_U));
    await db.run(asView(CREATE_DEMO_UC));
    progress('calibration', 3, steps);
    const targets = single ? null : targetsAt(periodFromIndex(miEnd));
    await calibrate(db, targets);
    progress('book', 4, steps);
    for (const stmt of CREATE_DEMO_BOOK.split(';\n')) if (stmt.trim()) await db.run(asView(stmt));
    const fileKeys = streamed
      ? [`${insts[0]?.code ?? ''}_${periodFromIndex(miEnd)}`]
      : (await db.all<{ file_key: string }>('SELECT DISTINCT file_key FROM demo_book ORDER BY file_key')).map(
          (r) => r.file_key,
        );
    const fileOf = (key: string) => (single ? 'loans.csv' : `loans/${key}.csv`);
    progress('bad rows', 5, steps);
    const badRows = await injectBadRows(db, opts.badRows ?? 0, opts.seed, fileKeys, fileOf);
    progress('files', 6, steps);
    await mkdir(join(opts.outDir, 'loans'), { recursive: true });
    const files = await writeFiles(db, opts.outDir, fileKeys, fileOf, single, (i) =>
      progress('files', 6 + i / Math.max(1, fileKeys.length), steps),
    );
    if (opts.badRows !== undefined && opts.badRows > 0) {
      await writeFile(join(opts.outDir, 'bad-rows.json'), JSON.stringify(badRows, null, 2) + '\n');
      files.push('bad-rows.json');
    }
    const [counts] = await db.all<{ rows: string; ent: string; reg: string }>(
      `SELECT ${streamed ? '?' : '(SELECT count(*) FROM demo_book)'}::VARCHAR AS rows,
              (SELECT count(*) FROM demo_ent WHERE kind = 'enterprise')::VARCHAR AS ent,
              (SELECT count(*) FROM demo_ent e LEFT JOIN demo_qual q ON q.b = e.b WHERE e.kind = 'enterprise')::VARCHAR AS reg`,
      streamed ? [n] : [],
    );
    const totals = streamed
      ? []
      : await db.all<AreaTotals>(
          `SELECT report_period AS period, sum(balance::DECIMAL(18,2))::VARCHAR AS total,
         sum(CASE WHEN tech_flag THEN balance::DECIMAL(18,2) ELSE 0 END)::VARCHAR AS tech, sum(CASE WHEN green_flag THEN balance::DECIMAL(18,2) ELSE 0 END)::VARCHAR AS green,
         sum(CASE WHEN incl_m THEN balance::DECIMAL(18,2) ELSE 0 END)::VARCHAR AS inclusive
       FROM demo_book WHERE NOT EXISTS (SELECT 1 FROM demo_bad x WHERE x.file_key = demo_book.file_key AND x.k = demo_book.k)
       GROUP BY report_period ORDER BY report_period`,
        );
    progress('done', steps, steps);
    return {
      outDir: opts.outDir,
      periods: Array.from({ length: opts.months }, (_, i) => periodFromIndex(miFirst + i)),
      institutions: insts.length,
      files,
      rows: Number(counts?.rows ?? 0),
      enterprises: Number(counts?.ent ?? 0),
      registryRows: single ? 0 : Number(counts?.reg ?? 0),
      badRows,
      scale: single ? 1 : CITY_LOANS / n,
      targets,
      totals,
    };
  } finally {
    db.close();
  }
}

/** Raking rounds: measure end-period balance per cell in SQL, update the factors, repeat. */
async function calibrate(db: AnalyticsConn, targets: Targets | null): Promise<void> {
  await db.run('CREATE OR REPLACE TABLE demo_factor (cell INTEGER, f DECIMAL(18,9))');
  let factors = Array.from({ length: CELL_COUNT }, () => 1);
  const store = async () => {
    await db.run('DELETE FROM demo_factor');
    for (let c = 0; c < CELL_COUNT; c++) {
      await db.run('INSERT INTO demo_factor VALUES (?, ?::DECIMAL(18,9))', [c, factorText(factors[c] ?? 1)]);
    }
  };
  await store();
  if (!targets) return;
  await db.run(CREATE_DEMO_END);
  const measure = async () => {
    const sums = Array.from({ length: CELL_COUNT }, () => 0);
    for (const r of await db.all<{ cell: number; total: string }>(CELL_SUMS)) sums[r.cell] = Number(r.total);
    return sums;
  };
  let sums = await measure();
  let frozen = Array.from({ length: CELL_COUNT }, () => false);
  for (let round = 0; round < 5; round++) {
    const next = rake(sums, factors, targets, frozen).map((f) => Number(factorText(f)));
    const old = factors;
    factors = next;
    await store();
    const after = await measure();
    const sat = saturated(sums, after, old, next);
    frozen = frozen.map((f, c) => f || (sat[c] ?? false));
    sums = after;
  }
}

async function writeFiles(
  db: AnalyticsConn,
  outDir: string,
  fileKeys: string[],
  fileOf: (key: string) => string,
  single: boolean,
  tick: (i: number) => void,
): Promise<string[]> {
  const cols = LOAN_COLUMN_NAMES.map((c) => `nullif(${c}, '') AS ${c}`).join(', ');
  const files: string[] = [];
  for (const [i, key] of fileKeys.entries()) {
    const rel = fileOf(key);
    await db.run(
      // Numbered parameters: DuckDB binds the TO target before the query's own parameters. demo_book is stored
      // in file order and insertion order is preserved, so no sort here.
      `COPY (SELECT ${cols} FROM demo_book WHERE file_key = $1) TO $2 (FORMAT csv, HEADER)`,
      [key, join(outDir, rel)],
    );
    files.push(rel);
    tick(i + 1);
  }
  await db.run(
    `COPY (SELECT code, name_zh, name_en, peer_group, district_code FROM demo_inst ORDER BY idx) TO ? (FORMAT csv, HEADER)`,
    [join(outDir, 'institutions.csv')],
  );
  files.push('institutions.csv');
  if (!single) {
    await db.run(
      `COPY (SELECT e.credit_code, e.name AS enterprise_name, q.qualification,
               strftime(q.valid_from, '%Y-%m-%d') AS valid_from, strftime(q.valid_to, '%Y-%m-%d') AS valid_to,
               e.industry_code, e.district_code, e.employees, e.revenue_wan, e.total_assets_wan, e.listing_status
             FROM demo_ent e LEFT JOIN demo_qual q ON q.b = e.b
             WHERE e.kind = 'enterprise' ORDER BY e.b, q.qualification) TO ? (FORMAT csv, HEADER)`,
      [join(outDir, 'registry.csv')],
    );
    files.push('registry.csv');
  }
  return files;
}
