// The command line a bank officer or an operator uses: `fivefin ingest` exit codes and output, and
// `fivefin submissions list`, run in-process through the CLI's main() on a temporary data directory (one
// command as a real process, for its exit code).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import { main } from '../cli/run.ts';

const ROOT = join(import.meta.dirname, '../..');
const FIX = join(ROOT, 'test/fixtures/loans');
let dataDir = '';

/** One command run in this process (as `fivefin --demo …` on the test's data directory). */
async function fivefin(...args: string[]) {
  let out = '';
  let err = '';
  process.env.FIVEFIN_DATA_DIR = dataDir;
  const code = await main(['--demo', ...args], {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
  });
  return { code, out, err };
}

/** The same as a real process, for what only a process shows (its exit code). */
function fivefinProcess(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), '--demo', ...args],
    {
      env: { ...process.env, FIVEFIN_DATA_DIR: dataDir },
      encoding: 'utf8',
    },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('fivefin CLI: ingest and submissions', () => {
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'fivefin-cli-'));
    const csv = join(dataDir, 'institutions.csv');
    await writeFile(
      csv,
      'code,name_zh,name_en,peer_group,district_code\nB0001,测试银行,Test Bank,rural,500103\n',
    );
    assert.equal((await fivefin('institutions', 'import', csv)).code, 0);
  });

  it('accepts a good file with exit 0 and a JSON summary', async () => {
    const r = await fivefin('ingest', join(FIX, 'ok/utf8.csv'), '--json');
    assert.equal(r.code, 0, r.err);
    const res = JSON.parse(r.out) as {
      status: string;
      version: number;
      rows: number;
      report: { json: string };
    };
    assert.equal(res.status, 'accepted');
    assert.equal(res.version, 1);
    assert.equal(res.rows, 5);
    assert.ok(res.report.json.startsWith(dataDir));
  });

  it('rejects a bad file with exit 2 and names the rule, row and column for people', async () => {
    const r = fivefinProcess('ingest', join(FIX, 'not-ok/LOAN_E_DUP_ID.csv'));
    assert.equal(r.code, 2, `exit ${r.code}; stderr: ${r.err}`);
    assert.match(r.out, /REJECTED/);
    assert.match(r.out, /4\s+loan_id\s+LOAN_E_DUP_ID/);
  });

  it('treats an unknown flag as a usage error (exit 2)', async () => {
    const r = await fivefin('ingest', join(FIX, 'ok/utf8.csv'), '--bogus');
    assert.equal(r.code, 2, `exit ${r.code}; stderr: ${r.err}`);
    assert.match(r.err, /usage: fivefin ingest/);
  });

  it('lists every attempt', async () => {
    const r = await fivefin('submissions', 'list', '--json');
    assert.equal(r.code, 0, r.err);
    const rows = JSON.parse(r.out) as { status: string }[];
    assert.deepEqual(
      rows.map((x) => x.status),
      ['accepted', 'rejected'],
    );
  });

  it('reviews a submission from the command line: explanation, return with a reason, approval', async () => {
    const w = await fivefin('ingest', join(FIX, 'not-ok/LOAN_W_RENEWAL_MISSING.csv'), '--json');
    assert.equal(w.code, 0, w.err);
    const rows = JSON.parse((await fivefin('submissions', 'list', '--json')).out) as {
      id: string;
      review_status: string;
    }[];
    const last = rows.at(-1);
    assert.equal(last?.review_status, 'needs_explanation');
    const id = last?.id ?? '';
    assert.equal(
      (await fivefin('submissions', 'review', id, '--approve')).code,
      2,
      'no approval before the explanation',
    );
    const ex = await fivefin('submissions', 'explain', id, '--text', '发放类型已补录', '--json');
    assert.equal(ex.code, 0, ex.err);
    assert.equal((JSON.parse(ex.out) as { review_status: string }).review_status, 'under_review');
    assert.equal((await fivefin('submissions', 'review', id, '--return')).code, 2, 'a return needs a reason');
    const ret = await fivefin('submissions', 'review', id, '--return', '--reason', '说明不充分', '--json');
    assert.equal((JSON.parse(ret.out) as { review_status: string }).review_status, 'returned');
    await fivefin('submissions', 'explain', id, '--text', '补充说明');
    const ok = await fivefin('submissions', 'review', id, '--approve', '--json');
    assert.equal((JSON.parse(ok.out) as { review_status: string }).review_status, 'approved');
  });
});
