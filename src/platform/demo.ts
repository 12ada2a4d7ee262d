// Demo mode: on an empty data directory, generate the synthetic Chongqing loan book and load it the way banks
// would — institutions, the enterprise registry, then every monthly file through the real ingest, approved by
// the demo statistician, then a simulated official series through the official import — and seed one demo login
// per role.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { seedDemoUsers, type DemoLogin } from '../auth/seed.ts';
import type { Config } from '../config/config.ts';
import { generateDemo } from '../demo/generate.ts';
import { importInstitutionsCsv } from '../institutions/import.ts';
import { listInstitutions } from '../institutions/store.ts';
import { applyReviewAction, type ReviewStatus } from '../loans/review.ts';
import { mirrorAllReviewStatuses } from '../loans/review.mirror.ts';
import { writeSimulatedOfficialSeries } from '../official/demo.sql.ts';
import { importOfficialSeries } from '../official/import.ts';
import { importRegistry } from '../registry/import.ts';
import { recomputeAggregates } from '../stats/aggregates.sql.ts';
import type { Stores } from '../store/stores.ts';
import { submitLoanFile } from './submit.ts';

export interface DemoLoadOptions {
  loans: number;
  months: number;
  seed: number;
  /** How many banks (default: the generator's 40). */
  institutions?: number;
  now: () => Date;
  onProgress?: (label: string, done: number, total: number) => void;
}

export const DEMO_DEFAULTS = { months: 13, seed: 2025 };

export async function isEmpty(stores: Stores): Promise<boolean> {
  const [r] = await stores.analytics.all<{ n: string }>('SELECT count(*) AS n FROM submissions');
  return r?.n === '0';
}

export async function loadDemo(stores: Stores, config: Config, opts: DemoLoadOptions): Promise<DemoLogin[]> {
  const progress = opts.onProgress ?? (() => {});
  const dir = join(config.dataDir, 'demo');
  const gen = await generateDemo({
    loans: opts.loans,
    months: opts.months,
    seed: opts.seed,
    ...(opts.institutions === undefined ? {} : { institutions: opts.institutions }),
    outDir: dir,
    onProgress: (_step, done, total) => progress('生成演示数据 generating demo data', done, total),
  });
  await importInstitutionsCsv(stores, join(dir, 'institutions.csv'));
  const reg = await importRegistry(stores.analytics, join(dir, 'registry.csv'), opts.now);
  if (reg.status === 'rejected')
    throw new Error(`demo registry rejected: ${JSON.stringify(reg.violations.slice(0, 3))}`);
  const files = (await readdir(join(dir, 'loans'))).filter((f) => f.endsWith('.csv')).sort();
  let done = 0;
  for (const f of files) {
    const res = await submitLoanFile(stores, config, {
      path: join(dir, 'loans', f),
      actor: 'demo',
      now: opts.now,
      aggregate: false,
    });
    if (res.status === 'rejected')
      throw new Error(`demo file ${f} rejected: ${JSON.stringify(res.report.violations.slice(0, 3))}`);
    progress('报送演示文件 ingesting demo files', ++done, files.length);
  }
  await approveDemoSubmissions(stores, opts.now());
  for (const p of gen.periods) await recomputeAggregates(stores.analytics, p, opts.now());
  const official = join(dir, 'official.csv');
  await writeSimulatedOfficialSeries(stores.analytics, official);
  const off = await importOfficialSeries(stores.analytics, official, { actor: 'demo', now: opts.now });
  if (off.status === 'rejected')
    throw new Error(`demo official series rejected: ${JSON.stringify(off.violations.slice(0, 3))}`);
  const insts = (await listInstitutions(stores.state)).map((i) => i.code);
  return seedDemoUsers(stores.state, insts, undefined, opts.now());
}

/**
 * The demo statistician has reviewed every demo file: each one waiting for review is explained (where it has
 * warnings) and approved, so the demo's figures count every bank (only approved submissions are counted).
 */
async function approveDemoSubmissions(stores: Stores, now: Date): Promise<void> {
  const waiting = await stores.state.query<{ id: string; review_status: ReviewStatus }>(
    `SELECT id::text AS id, review_status FROM submission_log
     WHERE status = 'accepted' AND actor = 'demo' AND review_status IN ('needs_explanation', 'under_review')`,
  );
  for (const w of waiting) {
    if (w.review_status === 'needs_explanation')
      await applyReviewAction(
        stores.state,
        w.id,
        null,
        { kind: 'explain', text: DEMO_EXPLANATION },
        'demo',
        now,
      );
    await applyReviewAction(stores.state, w.id, null, { kind: 'approve' }, 'demo', now);
  }
  await mirrorAllReviewStatuses(stores.analytics, stores.state);
}

const DEMO_EXPLANATION =
  '演示数据：警告为生成数据所致，已核实 / demo data: the warnings come from the generator, checked';
