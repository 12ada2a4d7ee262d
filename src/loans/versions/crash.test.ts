// Crash safety: a child process ingesting a large corrected file is killed with SIGKILL mid-load; reopening the
// DuckDB file shows the previous version intact and no trace of the killed one. Killed inside the recompute of
// a period's aggregates, the month's figures survive; aggregates missing at start-up are rebuilt (issue 13 item 4).
// Killed with a converted copy of the file in its work folder, the next start-up sweeps it (item 3).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';

import { loadConfig } from '../../config/config.ts';
import { upsertInstitutions } from '../../institutions/store.ts';
import { openStores } from '../../platform/open.ts';
import { checkStores, prepareDataDir, WORK_DIR } from '../../platform/startup.ts';
import { submitLoanFile } from '../../platform/submit.ts';
import { staleAggregatePeriods } from '../../stats/aggregates.sql.ts';
import { ingestLoanFile } from '../ingest/ingest.ts';

const FIX = join(import.meta.dirname, '../../../test/fixtures/loans');
const CHILD = join(import.meta.dirname, 'crash.child.ts');

it('leaves the previous version in force after kill -9 during an ingest', { timeout: 120_000 }, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'fivefin-crash-'));
  const config = loadConfig({ FIVEFIN_DATA_DIR: dataDir }, { mode: 'demo' });
  let stores = await openStores(config);
  await upsertInstitutions(stores.state, stores.analytics, [
    { code: 'B0001', name_zh: '测试银行', name_en: 'Test Bank', peer_group: 'rural', district_code: null },
  ]);
  const v1 = await ingestLoanFile(stores, {
    path: join(FIX, 'ok/utf8.csv'),
    reportRoot: join(dataDir, 'r'),
    hmacKey: config.hmacKey,
    now: () => new Date(),
  });
  assert.equal(v1.status, 'accepted');
  await stores.close();

  // A big valid file for the same institution and period (about 600k rows).
  const lines = (await readFile(join(FIX, 'ok/utf8.csv'), 'utf8')).trim().split('\n');
  const big = join(dataDir, 'big.csv');
  const out = createWriteStream(big);
  out.write(lines[0] + '\n');
  for (let i = 0; i < 600_000; i++) {
    const cells = (lines[1 + (i % 5)] ?? '').split(',');
    cells[2] = `X${i}`;
    if (!out.write(cells.join(',') + '\n')) await new Promise((r) => out.once('drain', r));
  }
  await new Promise<void>((r) => out.end(r));

  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, big], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Kill as soon as the child reports it is inside the load transaction.
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('stage:load'))
        setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 300);
    });
    child.on('exit', (code) => reject(new Error(`child exited before the kill (${code})`)));
  });
  await new Promise((r) => child.once('exit', r));

  stores = await openStores(config);
  try {
    const subs = await stores.analytics.all<{ version: number; superseded: boolean; rows: string }>(
      'SELECT version, superseded_at IS NOT NULL AS superseded, row_count::VARCHAR AS rows FROM submissions ORDER BY version',
    );
    assert.deepEqual(subs, [{ version: 1, superseded: false, rows: '5' }]);
    const [n] = await stores.analytics.all<{ n: string; total: string }>(
      'SELECT count(*)::VARCHAR AS n, sum(balance)::VARCHAR AS total FROM loans_current',
    );
    assert.deepEqual(n, { n: '5', total: '126300000.00' });
    const [all] = await stores.analytics.all<{ n: string }>('SELECT count(*)::VARCHAR AS n FROM loans');
    assert.equal(all?.n, '5');
  } finally {
    await stores.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

/** Runs crash.child.ts with args and kills it with SIGKILL once it prints `stage` (after `beforeKill`). */
async function killAt(args: string[], stage: string, beforeKill?: () => Promise<void>): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (!d.toString().includes(`stage:${stage}`)) return;
      (beforeKill ?? (async () => {}))().then(
        () => resolve(),
        (e: unknown) => reject(e instanceof Error ? e : new Error(String(e))),
      );
    });
    child.on('exit', (code) => reject(new Error(`child exited before the kill (${code})`)));
  }).finally(() => child.kill('SIGKILL'));
  await exited;
}

it(
  'sweeps the work folder of a submission killed with kill -9 at the next start',
  { timeout: 60_000 },
  async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'fivefin-crash-work-'));
    const config = loadConfig({ FIVEFIN_DATA_DIR: dataDir }, { mode: 'demo' });
    const work = join(dataDir, WORK_DIR);
    try {
      const stores = await openStores(config);
      await upsertInstitutions(stores.state, stores.analytics, [
        {
          code: 'B0001',
          name_zh: '测试银行',
          name_en: 'Test Bank',
          peer_group: 'rural',
          district_code: null,
        },
      ]);
      await stores.close();
      // Frozen inside the load: the GB18030 file's UTF-8 copy (clear IDs) sits in a private work folder.
      await killAt([dataDir, 'hold', join(FIX, 'ok/gb18030.csv'), 'load'], 'load', async () => {
        const [folder = '', ...more] = await readdir(work);
        assert.ok(folder.startsWith('fivefin-ingest-'));
        assert.deepEqual(more, []);
        assert.equal((await stat(join(work, folder))).mode & 0o777, 0o700);
        assert.match(await readFile(join(work, folder, 'utf8.csv'), 'utf8'), /91500103MA5U00001G/);
      });
      assert.equal((await readdir(work)).length, 1); // the kill left it behind

      // Start-up as `fivefin serve` does it: prepare the directory, open the stores, check them.
      await prepareDataDir(config);
      const reopened = await openStores(config);
      try {
        await checkStores(reopened, config);
        assert.deepEqual(await readdir(work), []);
      } finally {
        await reopened.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  },
);

const CITY_TOTAL = `SELECT balance::VARCHAR AS balance, loan_count::VARCHAR AS n FROM area_aggregates
  WHERE report_period = '2025-03' AND area = 'all_loans' AND dim = 'city'`;

it(
  "keeps a month's aggregates after kill -9 inside the recompute, and repairs missing ones at start-up",
  {
    timeout: 120_000,
  },
  async () => {
    // Figures at once after the upload (the server's default coalesces a burst for two seconds).
    const dataDir = await mkdtemp(join(tmpdir(), 'fivefin-crash-agg-'));
    const config = loadConfig(
      { FIVEFIN_DATA_DIR: dataDir, FIVEFIN_RECOMPUTE_DELAY_MS: '0' },
      { mode: 'demo' },
    );
    let stores = await openStores(config);
    try {
      await upsertInstitutions(stores.state, stores.analytics, [
        {
          code: 'B0001',
          name_zh: '测试银行',
          name_en: 'Test Bank',
          peer_group: 'rural',
          district_code: null,
        },
      ]);
      const v1 = await submitLoanFile(stores, config, {
        path: join(FIX, 'ok/utf8.csv'),
        now: () => new Date(),
      });
      assert.equal(v1.status, 'accepted');
      const before = await stores.analytics.all(CITY_TOTAL);
      assert.deepEqual(before, [{ balance: '126300000.00', n: '5' }]);
      await stores.close();

      // Killed between the recompute's delete and its insert: the month's figures are still there.
      await killAt([dataDir, 'recompute', '2025-03'], 'recompute-deleted');
      stores = await openStores(config);
      assert.deepEqual(await stores.analytics.all(CITY_TOTAL), before);

      // Aggregates lost outside a transaction (as the old two-step recompute could) are rebuilt at start-up.
      await stores.analytics.run("DELETE FROM area_aggregates WHERE report_period = '2025-03'");
      assert.deepEqual(await staleAggregatePeriods(stores.analytics), ['2025-03']);
      await stores.close();
      stores = await openStores(config);
      assert.deepEqual(await stores.analytics.all(CITY_TOTAL), before);
      assert.deepEqual(await staleAggregatePeriods(stores.analytics), []);
    } finally {
      await stores.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
);
