// The message set through the upload route: a ZIP of the base loan file and the messages is accepted as one
// submission by the bank's own upload; a ZIP whose .log gives a wrong MD5 is rejected with the loan ingest's
// report naming the rule.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { crc32 } from 'node:zlib';

import { startHarness, upload, type Harness } from '../loans/routes.testkit.ts';
import { logText } from './export.ts';

const OK = join(import.meta.dirname, '../../test/fixtures/pboc-messages/ok');

/** A ZIP of `files` (stored, no compression), enough for an upload test. */
function zip(files: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6);
    head.writeUInt32LE(crc32(f.data), 14);
    head.writeUInt32LE(f.data.length, 18);
    head.writeUInt32LE(f.data.length, 22);
    head.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt32LE(crc32(f.data), 16);
    dir.writeUInt32LE(f.data.length, 20);
    dir.writeUInt32LE(f.data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(head, name, f.data);
    central.push(dir, name);
    offset += 30 + name.length + f.data.length;
  }
  const size = central.reduce((a, b) => a + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

async function okFiles(): Promise<{ name: string; data: Buffer }[]> {
  const names = (await readdir(OK)).sort();
  return Promise.all(names.map(async (name) => ({ name, data: await readFile(join(OK, name)) })));
}

describe('message set upload route', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness('pglite');
  });
  after(() => h.close());

  it('accepts a ZIP of the base file and the messages as one submission', async () => {
    const res = await upload(h, 'bank', 'B0001_2025-12.zip', zip(await okFiles()));
    const body = res.json<{ status: string; rows: number; version: number; file_name?: string }>();
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([body.status, body.rows, body.version], ['accepted', 12, 1]);
  });

  it('accepts a set with a warning: listed in the one report, counted, the submission needs its 校验说明', async () => {
    // The good set as bank B0002's, with a 数字 summary amount one fen off.
    const dats = (await okFiles())
      .filter((f) => !f.name.endsWith('.log'))
      .map((f) => {
        const text = f.data.toString('utf8').replaceAll('B0001', 'B0002');
        return {
          name: f.name.replace('B0001', 'B0002'),
          data: Buffer.from(text.replace('T01|20000061.28|', 'T01|20000061.29|')),
        };
      });
    const logs = dats
      .filter((f) => f.name.endsWith('.dat'))
      .map((f) => ({
        name: f.name.replace(/\.dat$/, '.log'),
        data: Buffer.from(logText(f.name, f.data, new Date())),
      }));
    const res = await upload(h, 'bank2', 'B0002_2025-12.zip', zip([...dats, ...logs]));
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json<{
      status: string;
      warning_count: number;
      violations: { rule_id: string; value: string; expected: string }[];
    }>();
    assert.deepEqual([body.status, body.warning_count], ['accepted', 1]);
    assert.deepEqual(
      body.violations.map((v) => [v.rule_id, v.value, v.expected]),
      [['MSG_W_SUMMARY_DIFFERS', '20000061.29', '20000061.28']],
    );
    const [log] = await h.stores.state.query<{ review_status: string; warning_count: string }>(
      `SELECT review_status, warning_count FROM submission_log WHERE institution_code = 'B0002'`,
    );
    assert.deepEqual(log, { review_status: 'needs_explanation', warning_count: '1' });
  });

  it('rejects a set whose .log gives a wrong MD5, naming the rule', async () => {
    const files = (await okFiles()).map((f) =>
      f.name === 'B0001_HDACLLSDK_20251231.log'
        ? { ...f, data: Buffer.from(f.data.toString('utf8').replace(/^[0-9a-f]{32}$/m, '0'.repeat(32))) }
        : f,
    );
    const res = await upload(h, 'bank', 'bad.zip', zip(files));
    assert.equal(res.statusCode, 422, res.body);
    const body = res.json<{ status: string; violations: { rule_id: string; column: string }[] }>();
    assert.equal(body.status, 'rejected');
    assert.deepEqual(
      body.violations.map((v) => [v.rule_id, v.column]),
      [['MSG_E_LOG_MD5', 'B0001_HDACLLSDK_20251231.dat']],
    );
  });
});
