// Prepares (once, cached under bench/out/) the DuckDB files the statistics benchmark measures on. Not timed:
//   1. a generated single-institution month of N loans (generateDemo single mode; reuses the ingest bench's file);
//   2. that file ingested by fivefin's own ingest into a fresh analytics store (one accepted submission);
//   3. a synthetic registry: qualifications for a deterministic ~15% of the enterprise borrowers;
//   4. for history, the month replicated backwards into earlier periods inside DuckDB (INSERT … SELECT), each its
//      own submission, dates shifted, the book shrinking by `shrink` a month going back (a growing book).
// loan_areas and area_aggregates are left empty: classification and aggregation are what the benchmark times.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { generateDemo } from '../src/demo/generate.ts';
import { upsertInstitutions } from '../src/institutions/store.ts';
import { ingestLoanFile } from '../src/loans/ingest/ingest.ts';
import { ANALYTICS_MIGRATIONS } from '../src/platform/migrations.ts';
import { openStores } from '../src/platform/open.ts';
import { MEMORY_STORES } from '../src/store/stores.ts';
import { migrateAnalytics, openAnalytics } from '../src/store/analytics/duckdb.ts';

export const OUT = join(import.meta.dirname, 'out');

/** A generated month file of `rows` loans (seed 7, as bench/ingest.ts uses). */
export async function monthFile(rows: number, log: (s: string) => void): Promise<string> {
  const dir = join(OUT, `ingest-${rows}`);
  const file = join(dir, 'loans.csv');
  if (!existsSync(file)) {
    await mkdir(dir, { recursive: true });
    const t = performance.now();
    await generateDemo({ loans: rows, months: 1, seed: 7, outDir: dir, single: true });
    log(`generated ${rows} rows in ${secs(t)} s`);
  }
  return file;
}

const secs = (t: number) => ((performance.now() - t) / 1000).toFixed(1);

/**
 * The analytics file of `months` periods whose newest month holds `rows` loans (months = 1: the month alone).
 * Built under a temporary name and renamed when complete, so an interrupted build is never reused.
 */
export async function prepareStatsDb(
  rows: number,
  months: number,
  shrink: number,
  log: (s: string) => void,
): Promise<string> {
  const path = join(OUT, `stats-${rows}x${months}${months > 1 ? `-s${shrink}` : ''}.duckdb`);
  if (existsSync(path)) {
    // A cached file gets the migrations added since it was built.
    const db = await openAnalytics({ kind: 'duckdb', path });
    try {
      await migrateAnalytics(db, ANALYTICS_MIGRATIONS);
    } finally {
      db.close();
    }
    return path;
  }
  const file = await monthFile(rows, log);
  const building = `${path}.building`;
  await rm(building, { force: true });
  await rm(`${building}.wal`, { force: true });
  const work = await mkdtemp(join(tmpdir(), 'fivefin-bench-stats-'));
  const stores = await openStores({
    analytics: { kind: 'duckdb', path: building },
    state: MEMORY_STORES.state,
  });
  try {
    const db = stores.analytics;
    const institution =
      (
        await db.all<{ c: string }>(
          'SELECT institution_code AS c FROM read_csv(?, header = true, all_varchar = true) LIMIT 1',
          [file],
        )
      )[0]?.c ?? '';
    await upsertInstitutions(stores.state, db, [
      {
        code: institution,
        name_zh: '基准银行',
        name_en: 'Bench Bank',
        peer_group: 'city_commercial',
        district_code: null,
      },
    ]);
    let t = performance.now();
    const res = await ingestLoanFile(stores, {
      path: file,
      reportRoot: join(work, 'reports'),
      hmacKey: Buffer.alloc(32, 7),
      now: () => new Date('2026-01-10T08:00:00Z'),
    });
    if (res.status !== 'accepted') throw new Error(`bench file not accepted: ${res.status}`);
    log(`ingested ${res.rows} rows in ${secs(t)} s`);
    await db.run(
      `INSERT INTO registry_imports VALUES (1, 'bench-registry', 'bench', 0, TIMESTAMP '2026-01-01 00:00:00')`,
    );
    await db.run(`INSERT INTO enterprise_qualifications
      SELECT credit_code, ['high_tech_enterprise', 'tech_sme', 'innovative_sme', 'specialized_sme', 'little_giant']
          [CAST((h // 100) % 5 AS INTEGER) + 1],
        DATE '2018-01-01' + CAST(h % 1500 AS INTEGER), CASE WHEN h % 7 = 0 THEN DATE '2024-06-30' END, 1
      FROM (SELECT DISTINCT borrower_key AS credit_code, hash(borrower_key) AS h FROM loans
            WHERE borrower_type = 'enterprise')
      WHERE h % 100 < 15`);
    if (months > 1) {
      t = performance.now();
      await replicateHistory(db, res.submission_id ?? '', months, shrink);
      log(`replicated into ${months} periods in ${secs(t)} s`);
    }
    await db.run('CHECKPOINT');
  } finally {
    await stores.close();
    await rm(work, { recursive: true, force: true });
  }
  await rename(building, path);
  return path;
}

type Db = Awaited<ReturnType<typeof openStores>>['analytics'];

/** Copies submission `base` into the `months - 1` periods before it, one submission per period. */
async function replicateHistory(db: Db, base: string, months: number, shrink: number): Promise<void> {
  const [b] = await db.all<{ n: string }>(
    'SELECT count(*)::VARCHAR AS n FROM loans WHERE submission_id = ?::BIGINT',
    [base],
  );
  const n = Number(b?.n ?? 0);
  for (let k = 1; k < months; k++) {
    const keep = Math.max(1, Math.round(n * (1 - shrink) ** k));
    await db.transaction(async (tx) => {
      const [s] = await tx.all<{ sid: string }>("SELECT nextval('submission_seq')::VARCHAR AS sid");
      const sid = s?.sid ?? '';
      await tx.run(
        `INSERT INTO submissions
         SELECT ?::BIGINT, institution_code,
           strftime(last_day(period_end - to_months(?::INTEGER)), '%Y-%m'), 1, content_hash || '-' || ?::VARCHAR,
           file_name, ?::BIGINT, 0, rule_version, accepted_at - to_months(?::INTEGER), NULL
         FROM submissions s JOIN (SELECT DISTINCT period_end FROM loans WHERE submission_id = ?::BIGINT) p ON TRUE
         WHERE s.submission_id = ?::BIGINT`,
        [sid, k, k, keep, k, base, base],
      );
      await tx.run(
        `INSERT INTO loans SELECT * REPLACE (
           ?::BIGINT AS submission_id,
           strftime(last_day(period_end - to_months(?::INTEGER)), '%Y-%m') AS report_period,
           last_day(period_end - to_months(?::INTEGER)) AS period_end,
           CAST(issue_date - to_months(?::INTEGER) AS DATE) AS issue_date,
           CAST(maturity_date - to_months(?::INTEGER) AS DATE) AS maturity_date)
         FROM loans WHERE submission_id = ?::BIGINT AND row_no <= ?::BIGINT + 1`,
        [sid, k, k, k, k, base, keep],
      );
    });
  }
}
