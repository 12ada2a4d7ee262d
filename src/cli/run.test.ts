// The command line for people (issue 16 item 7): help on every command without configuration, a wrong value
// named as wrong, and one clear line when another process holds the data directory. Run in-process through
// main() with a captured sink; the lock holder is a real second process.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { main } from './run.ts';

let dataDir = '';
const saved = { ...process.env };

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fivefin-run-'));
  // Production mode without keys: a command that loaded the configuration would fail.
  delete process.env.FIVEFIN_HMAC_KEY;
  delete process.env.FIVEFIN_SESSION_SECRET;
  delete process.env.FIVEFIN_MODE;
  process.env.FIVEFIN_DATA_DIR = dataDir;
});
after(async () => {
  process.env = saved;
  await rm(dataDir, { recursive: true, force: true });
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

test('every command answers --help with its usage and summary, needing no configuration', async () => {
  for (const argv of [
    ['stats', '--help'],
    ['ingest', '-h'],
    ['help', 'registry', 'import'],
  ]) {
    const r = await run(...argv);
    assert.equal(r.code, 0, `${argv.join(' ')}: ${r.err}`);
    assert.match(r.out, /用法 \/ usage: fivefin /);
    assert.doesNotMatch(r.err, /配置错误|configuration error/);
  }
  const stats = await run('stats', '--help');
  assert.match(stats.out, /fivefin stats .*--period YYYY-MM/);
});

test('a command group lists its sub-commands; without --help it is a usage error', async () => {
  const help = await run('registry', '--help');
  assert.equal(help.code, 0);
  assert.match(help.out, /fivefin registry import/);
  assert.doesNotMatch(help.out, /fivefin stats/);
  const bare = await run('registry');
  assert.equal(bare.code, 2);
  assert.match(bare.err, /需要子命令 \/ a sub-command is needed/);
});

test('a malformed --period is named as invalid, not as missing', async () => {
  const r = await run('--demo', 'stats', '--period', '2025-13');
  assert.equal(r.code, 2);
  assert.match(r.err, /--period 2025-13: 不是有效的报告期/);
  assert.doesNotMatch(r.err, /required/);
  const serve = await run('--demo', 'serve', '--demo-loans', 'lots');
  assert.equal(serve.code, 2);
  assert.match(serve.err, /--demo-loans lots: 需要正整数/);
  const unknown = await run('--demo', 'serve', '--bogus');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /Unknown option '--bogus'/);
});

test('when another process holds the data directory, one clear line instead of a lock error', async () => {
  const holder = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `const { openAnalytics } = await import(${JSON.stringify(join(import.meta.dirname, '../store/analytics/duckdb.ts'))});
       await openAnalytics({ kind: 'duckdb', path: ${JSON.stringify(join(dataDir, 'analytics.duckdb'))} });
       console.log('ready'); setInterval(() => {}, 1000);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      holder.on('exit', (c) => reject(new Error(`holder exited ${c}`)));
    });
    const r = await run('--demo', 'submissions', 'list');
    assert.equal(r.code, 2);
    assert.match(r.err, new RegExp(`正被另一个 fivefin 进程（PID ${holder.pid}）占用`));
    assert.match(r.err, /in use by another fivefin process/);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
  } finally {
    holder.kill('SIGKILL');
  }
});
