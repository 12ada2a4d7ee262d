// PostgreSQL side of the statistics benchmark: copies the tables the headline query reads (all loans of the
// month, every column, plus submissions, registry and reference tables) from the benchmark's DuckDB file into a
// schema `bench_stats` on the server, via DuckDB COPY … TO CSV and psql's \copy, runs the same hand-written
// headline query there (PostgreSQL dialect) and drops the schema again. Needs `psql` on the PATH.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';

import { openAnalytics } from '../src/store/analytics/duckdb.ts';
import { headlineFigures, headlineSql, type HeadlineFigure } from './stats-headline.sql.ts';

const TABLES = [
  'loans',
  'submissions',
  'enterprise_qualifications',
  'ref_high_tech',
  'ref_green_catalogue',
  'ref_elderly_industry_map',
  'ref_digital_industry_map',
] as const;
const SCHEMA = 'bench_stats';

export interface PgResult {
  rows: number;
  copySeconds: number;
  /** Each timed run of the query (the first one after ANALYZE, then repeats). */
  seconds: number[];
  tableMb: number;
  figures: HeadlineFigure[];
  server: string;
}

function pgType(duck: string): string {
  if (duck === 'VARCHAR') return 'text';
  if (duck === 'VARCHAR[]') return 'text[]';
  if (duck === 'JSON') return 'jsonb';
  if (/^(BIGINT|INTEGER|BOOLEAN|DATE|TIMESTAMP)$/.test(duck)) return duck.toLowerCase();
  const dec = /^DECIMAL\((\d+),(\d+)\)$/.exec(duck);
  if (dec) return `numeric(${dec[1]},${dec[2]})`;
  throw new Error(`no PostgreSQL type for ${duck}`);
}

const IDENT = /^[a-z_][a-z0-9_]*$/;
function ident(s: string): string {
  if (!IDENT.test(s)) throw new Error(`unexpected identifier ${s}`);
  return s;
}

export async function runPostgres(
  duckPath: string,
  url: string,
  repeat: number,
  log: (s: string) => void,
): Promise<PgResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const work = await mkdtemp(join(tmpdir(), 'fivefin-bench-pg-'));
  try {
    const server =
      (
        (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?'
      ).split(' ')[0] ?? '?';
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await client.query(`CREATE SCHEMA ${SCHEMA}`);
    const t0 = performance.now();
    const duck = await openAnalytics({ kind: 'duckdb', path: duckPath });
    try {
      for (const table of TABLES) {
        const cols = await duck.all<{ column_name: string; column_type: string }>(`DESCRIBE ${ident(table)}`);
        const ddl = cols.map((c) => `${ident(c.column_name)} ${pgType(c.column_type)}`).join(', ');
        await client.query(`CREATE TABLE ${SCHEMA}.${ident(table)} (${ddl})`);
        const select = cols
          .map((c) =>
            c.column_type === 'VARCHAR[]'
              ? `'{' || array_to_string(${ident(c.column_name)}, ',') || '}' AS ${ident(c.column_name)}`
              : ident(c.column_name),
          )
          .join(', ');
        const csv = join(work, `${table}.csv`);
        await duck.run(`COPY (SELECT ${select} FROM ${ident(table)}) TO $1 (FORMAT csv, HEADER)`, [csv]);
        const r = spawnSync(
          'psql',
          [
            url,
            '-v',
            'ON_ERROR_STOP=1',
            '-q',
            '-c',
            `\\copy ${SCHEMA}.${table} FROM '${csv}' WITH (FORMAT csv, HEADER)`,
          ],
          { encoding: 'utf8' },
        );
        if (r.status !== 0) throw new Error(`psql \\copy ${table}: ${r.stderr || String(r.error)}`);
        await rm(csv, { force: true });
      }
    } finally {
      duck.close();
    }
    await client.query(`CREATE INDEX ON ${SCHEMA}.enterprise_qualifications (credit_code)`);
    await client.query(`ALTER TABLE ${SCHEMA}.submissions ADD PRIMARY KEY (submission_id)`);
    await client.query(`ANALYZE`);
    const copySeconds = (performance.now() - t0) / 1000;
    const [size] = (
      await client.query<{ n: string; mb: string }>(
        `SELECT (SELECT count(*) FROM ${SCHEMA}.loans)::text AS n,
           (pg_total_relation_size('${SCHEMA}.loans') / 1048576)::text AS mb`,
      )
    ).rows;
    log(`postgres: copied ${size?.n} loans (${size?.mb} MB) in ${copySeconds.toFixed(1)} s`);
    await client.query(`SET search_path TO ${SCHEMA}`);
    const seconds: number[] = [];
    let figures: HeadlineFigure[] = [];
    for (let i = 0; i < repeat; i++) {
      const t = performance.now();
      const res = await client.query(headlineSql('postgres'));
      seconds.push((performance.now() - t) / 1000);
      figures = headlineFigures(res.rows as Record<string, unknown>[]);
      log(`postgres headline query ${(seconds[i] ?? 0).toFixed(2)} s`);
    }
    return {
      rows: Number(size?.n ?? 0),
      copySeconds,
      seconds,
      tableMb: Number(size?.mb ?? 0),
      figures,
      server,
    };
  } finally {
    await client
      .query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`)
      .catch((e: unknown) => log(`postgres: could not drop ${SCHEMA}: ${String(e)}`));
    await client.end();
    await rm(work, { recursive: true, force: true });
  }
}
