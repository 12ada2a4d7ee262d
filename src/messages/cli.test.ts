// The command line of the message sets, in-process through main(): `fivefin ingest DIR` accepts a set,
// `fivefin export pboc-messages` writes it back byte for byte (apart from .log creation times), a set whose .log
// gives another record count is rejected (exit 2) naming the rule, and exporting what is not stored is a usage error.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { main } from '../cli/run.ts';

const OK = join(import.meta.dirname, '../../test/fixtures/pboc-messages/ok');
let dir = '';
const saved = { ...process.env };

async function run(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const sink = { stdout: (t: string) => void (out += t), stderr: (t: string) => void (out += t) };
  return { code: await main(['--demo', ...argv], sink), out };
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fivefin-msg-cli-'));
  process.env.FIVEFIN_DATA_DIR = join(dir, 'data');
  const csv = join(dir, 'institutions.csv');
  await writeFile(
    csv,
    'code,name_zh,name_en,peer_group,district_code\nB0001,测试银行,Test Bank,rural,500103\n',
  );
  assert.equal((await run('institutions', 'import', csv)).code, 0);
});
after(async () => {
  process.env = saved;
  await rm(dir, { recursive: true, force: true });
});

test('ingest DIR accepts a message set; export pboc-messages writes the same messages', async () => {
  const ingest = await run('ingest', OK, '--json');
  assert.equal(ingest.code, 0, ingest.out);
  assert.match(ingest.out, /"status": ?"accepted"/);
  const out = join(dir, 'export');
  const exp = await run(
    'export',
    'pboc-messages',
    '--institution',
    'B0001',
    '--period',
    '2025-12',
    '--out',
    out,
  );
  assert.equal(exp.code, 0, exp.out);
  const dats = (await readdir(OK)).filter((n) => n.endsWith('.dat'));
  assert.equal(dats.length, 10);
  for (const f of dats) assert.deepEqual(await readFile(join(out, f)), await readFile(join(OK, f)), f);
});

test('a set whose .log gives another record count is rejected with exit 2, naming the rule', async () => {
  const bad = join(dir, 'bad');
  await cp(OK, bad, { recursive: true });
  const log = join(bad, 'B0001_HDACLPHDK_20251231.log');
  await writeFile(log, (await readFile(log, 'utf8')).replace(/\n9\n$/, '\n8\n'));
  const r = await run('ingest', bad);
  assert.equal(r.code, 2, r.out);
  assert.match(r.out, /MSG_E_LOG_LINES/);
});

test('exporting a period with nothing stored is a usage error', async () => {
  const r = await run(
    'export',
    'pboc-messages',
    '--institution',
    'B0001',
    '--period',
    '2025-11',
    '--out',
    dir,
  );
  assert.equal(r.code, 2);
});
