// Ingest benchmark: full validated ingest of a generated N-row loan file vs DuckDB's raw read_csv of the same
// file into a typed table, measured side by side in the same run (alternating, each in a fresh process).
// Usage: node --import tsx bench/ingest.ts [--rows 10000000] [--repeat 2] [--all-errors]
// --all-errors: the ingest alone of the same file with an error on every row (currency RMB): it must end in a
// bounded report with bounded memory (issue 13 item 7); prints its time and peak RSS.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { generateDemo } from '../src/demo/generate.ts';
import { openAnalytics } from '../src/store/analytics/duckdb.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000000' },
    repeat: { type: 'string', default: '2' },
    'all-errors': { type: 'boolean', default: false },
  },
});
const rows = Number(values.rows);
const repeat = Number(values.repeat);
const out = join(import.meta.dirname, 'out', `ingest-${rows}`);
const file = join(out, 'loans.csv');
if (!existsSync(file)) {
  await mkdir(out, { recursive: true });
  const t = performance.now();
  await generateDemo({ loans: rows, months: 1, seed: 7, outDir: out, single: true });
  console.log(`generated ${rows} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const allErrors = values['all-errors'];
const errorsFile = join(out, 'loans-all-errors.csv');
if (allErrors && !existsSync(errorsFile)) {
  const db = await openAnalytics({ kind: 'duckdb', path: ':memory:' });
  await db.run(
    `COPY (SELECT * REPLACE ('RMB' AS currency) FROM read_csv(?, header = true, all_varchar = true)) TO '${errorsFile}' (HEADER)`,
    [file],
  );
  db.close();
}
const sizeMb = statSync(file).size / 1024 / 1024;
const header = spawnSync('head', ['-2', file]).stdout.toString().split('\n')[1] ?? '';
const institution = header.split(',')[1] ?? '';

interface Run {
  mode: string;
  seconds: number;
  cpuSeconds: number;
  rows: number;
  maxRssMb: number;
}
const runs: Run[] = [];
for (let i = 0; i < repeat; i++) {
  for (const mode of allErrors ? ['rejected'] : ['raw', 'ingest']) {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, 'ingest-child.ts'),
        mode,
        allErrors ? errorsFile : file,
        institution,
      ],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    const run = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Run;
    runs.push(run);
    console.log(
      `${mode.padEnd(6)} ${run.seconds.toFixed(2)} s (CPU ${run.cpuSeconds.toFixed(1)} s)  ${(run.rows / run.seconds / 1e6).toFixed(2)} M rows/s  peak RSS ${run.maxRssMb} MB`,
    );
  }
}
if (allErrors) process.exit(0);
const best = (m: string) => runs.filter((r) => r.mode === m).sort((a, b) => a.seconds - b.seconds)[0] as Run;
const raw = best('raw');
const ing = best('ingest');
console.log(`\nfile: ${rows} rows, ${sizeMb.toFixed(0)} MB`);
console.log(
  `best raw read_csv: ${raw.seconds.toFixed(2)} s (${(raw.rows / raw.seconds / 1e6).toFixed(2)} M rows/s, ${raw.maxRssMb} MB)`,
);
console.log(
  `best full ingest:  ${ing.seconds.toFixed(2)} s (${(ing.rows / ing.seconds / 1e6).toFixed(2)} M rows/s, ${ing.maxRssMb} MB)`,
);
console.log(
  `ratio ingest / raw: ${(ing.seconds / raw.seconds).toFixed(2)} (goal ≤ 1.5); peak RSS goal ≤ 2048 MB`,
);
console.log(`CPU ratio of the same runs: ${(ing.cpuSeconds / raw.cpuSeconds).toFixed(2)}`);
