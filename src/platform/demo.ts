// Demo mode: on an empty data directory, generate the synthetic Chongqing loan book and load it the way banks
// would — institutions, the enterprise registry, then every monthly file through the real ingest, then a simulated
// official series through the official import — and seed one demo login per role.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { seedDemoUsers, type DemoLogin } from '../auth/seed.ts';
import type { Config } from '../config/config.ts';
import { generateDemo } from '../demo/generate.ts';
import { importInstitutionsCsv } from '../institutions/import.ts';
import { listInstitutions } from '../institutions/store.ts';
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
  for (const p of gen.periods) await recomputeAggregates(stores.analytics, p, opts.now());
  const official = join(dir, 'official.csv');
  await writeSimulatedOfficialSeries(stores.analytics, official);
  const off = await importOfficialSeries(stores.analytics, official, { actor: 'demo', now: opts.now });
  if (off.status === 'rejected')
    throw new Error(`demo official series rejected: ${JSON.stringify(off.violations.slice(0, 3))}`);
  const insts = (await listInstitutions(stores.state)).map((i) => i.code);
  return seedDemoUsers(stores.state, insts, undefined, opts.now());
}
