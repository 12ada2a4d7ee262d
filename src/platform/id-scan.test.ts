// No personal ID number in clear anywhere on disk (issue 13 item 2): hostile bank files (IDs in malformed rows,
// persons declared as businesses, misspelt types, IDs inside names) and a large file rejected after its rows
// were loaded are uploaded through the HTTP route into a real data directory (DuckDB file, PGlite directory,
// reports). Every text column of every DuckDB and PostgreSQL table is searched for an ID-shaped value; after a
// CHECKPOINT every byte of every file under the data directory is scanned for 18-digit resident IDs: the ones
// planted in the files, and any plausible real one (province, birth date, check character).
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import type { FastifyInstance } from 'fastify';

import { DEMO_PASSWORD, seedDemoUsers } from '../auth/seed.ts';
import { isValidResidentId, residentIdCheckChar } from '../demo/ids.ts';
import { upsertInstitutions } from '../institutions/store.ts';
import { multipart } from '../loans/routes.testkit.ts';
import { buildServer } from '../server/app.ts';
import { CAPABILITY_ROUTES } from '../server/routes.ts';
import type { Stores } from '../store/stores.ts';
import { loginCookie, testConfig } from '../testing/http.ts';
import { openStores } from './open.ts';
import { checkStores, prepareDataDir } from './startup.ts';

const BANK_FILES = join(import.meta.dirname, '../../test/fixtures/bank-files');
/** A resident ID number as the scan looks for it (region, birth date, sequence, check character). */
const ID_RE = /[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]/g;
/** Rows of the large rejected file: more than one DuckDB row group (122,880), so rows reach the file. */
const LARGE_ROWS = 130_000;

/** Every resident-ID-shaped value in a text (any check character). */
const idsIn = (text: string): string[] => text.match(ID_RE) ?? [];
/** Province codes of GB/T 2260 (the first two digits of a resident ID). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82,
]);
/** A plausible real ID: a province code, a past birth date and the right check character (not chance digits). */
const validId = (s: string): boolean =>
  PROVINCES.has(Number(s.slice(0, 2))) &&
  Number(s.slice(6, 10)) <= 2025 &&
  isValidResidentId(s.toUpperCase());

/** The IDs in clear in the files: planted ones and any plausible real one. */
async function clearIdsIn(files: string[], planted: Set<string>): Promise<string[]> {
  const found: string[] = [];
  for (const f of files) {
    const bytes = await readFile(f);
    for (const text of [bytes.toString('latin1'), bytes.toString('utf16le')])
      for (const id of idsIn(text)) if (planted.has(id) || validId(id)) found.push(`${f}: ${id}`);
  }
  return found;
}

/** A resident ID with a valid check character for sequence number `i` (born 1980–1999). */
function residentId(i: number): string {
  const first17 = `500103${1980 + (i % 20)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
  return first17 + (residentIdCheckChar(first17) ?? '');
}

/** Every file under `dir`, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

describe('no personal ID in clear on disk after hostile and failed uploads', () => {
  let dataDir: string;
  let inputs: string;
  let stores: Stores;
  let app: FastifyInstance;
  let cookie: string;
  /** The IDs planted in the uploaded files. */
  const planted = new Set<string>();
  const answers: string[] = [];

  const send = async (name: string, content: Buffer) => {
    for (const id of idsIn(content.toString('latin1'))) planted.add(id);
    for (const id of idsIn(content.toString('utf8'))) planted.add(id);
    const m = multipart(name, content);
    const res = await app.inject({
      method: 'POST',
      url: '/api/loans/submissions',
      payload: m.payload,
      headers: { ...m.headers, cookie },
    });
    answers.push(res.body);
    return res;
  };

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'fivefin-idscan-'));
    inputs = await mkdtemp(join(tmpdir(), 'fivefin-idscan-in-'));
    const config = testConfig({
      mode: 'demo',
      dataDir,
      state: { kind: 'pglite', dataDir: join(dataDir, 'state') },
      analytics: { kind: 'duckdb', path: join(dataDir, 'analytics.duckdb') },
      maxUploadBytes: 256 * 1024 * 1024,
    });
    await prepareDataDir(config);
    stores = await openStores(config);
    await checkStores(stores, config);
    await upsertInstitutions(stores.state, stores.analytics, [
      {
        code: 'B0001',
        name_zh: '测试银行',
        name_en: 'Test Bank',
        peer_group: 'rural',
        district_code: '500103',
      },
    ]);
    await seedDemoUsers(stores.state, ['B0001'], ['500103']);
    app = await buildServer({ config, stores, now: () => new Date(), routes: CAPABILITY_ROUTES });
    cookie = await loginCookie(app, 'bank', DEMO_PASSWORD);
  });
  after(async () => {
    await app.close();
    await stores.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(inputs, { recursive: true, force: true });
  });

  it(
    'uploads the hostile files and a large rejected one, then finds no ID in any file',
    { timeout: 300_000 },
    async () => {
      for (const f of (await readdir(BANK_FILES)).filter((n) => !n.endsWith('.md')).sort())
        assert.notEqual((await send(f, await readFile(join(BANK_FILES, f)))).statusCode, 500, f);

      // A large file of persons (an ID in the borrower id, the name and the contract id), rejected for its last row.
      const mislabelled = (await readFile(join(BANK_FILES, 'own03-ids-mislabelled.csv'), 'utf8')).split('\n');
      const [header = '', row = ''] = mislabelled;
      const big = join(inputs, 'large.csv');
      const out = createWriteStream(big);
      out.write(header + '\n');
      for (let i = 0; i < LARGE_ROWS; i++) {
        const id = residentId(i);
        const cells = row.split(',');
        cells[2] = `JJ${String(i).padStart(18, '0')}`;
        cells[3] = `HT${id}`;
        cells[4] = id;
        cells[5] = `张${id}`;
        cells[6] = i === LARGE_ROWS - 1 ? 'nobody' : 'individual';
        if (!out.write(cells.join(',') + '\n')) await new Promise((r) => out.once('drain', r));
      }
      await new Promise<void>((r) => out.end(r));
      const large = await send('large.csv', await readFile(big));
      assert.equal(large.statusCode, 422, large.body);
      assert.equal(large.json().status, 'rejected');
      assert.ok(planted.size > 20_000, `${planted.size} IDs planted`);

      for (const a of answers) assert.deepEqual(idsIn(a), [], 'an upload answer holds an ID in clear');
      // Every text value of every table (DuckDB compresses strings on disk, so the byte scan alone could miss them).
      const pattern = ID_RE.source;
      const duck = await stores.analytics.all<{ t: string; c: string }>(
        `SELECT table_name AS t, column_name AS c FROM duckdb_columns()
       WHERE NOT internal AND schema_name = 'main' AND data_type IN ('VARCHAR', 'JSON')`,
      );
      for (const { t, c } of duck) {
        const [hit] = await stores.analytics.all<{ n: string }>(
          `SELECT count(*)::VARCHAR AS n FROM "${t}" WHERE regexp_matches("${c}"::VARCHAR, ?)`,
          [pattern],
        );
        assert.equal(hit?.n, '0', `DuckDB ${t}.${c}`);
      }
      const pg = await stores.state.query<{ t: string; c: string }>(
        `SELECT table_name AS t, column_name AS c FROM information_schema.columns
       WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'jsonb', 'json')`,
      );
      for (const { t, c } of pg) {
        const [hit] = await stores.state.query<{ n: number }>(
          `SELECT count(*)::integer AS n FROM "${t}" WHERE "${c}"::text ~ $1`,
          [pattern],
        );
        assert.equal(hit?.n, 0, `PostgreSQL ${t}.${c}`);
      }
      await stores.analytics.run('CHECKPOINT');
      await stores.state.query('CHECKPOINT');
      const files = await filesUnder(dataDir);
      assert.ok(files.some((f) => f.endsWith('analytics.duckdb')));
      assert.ok(files.some((f) => f.includes('/reports/')));
      const found = await clearIdsIn(files, planted);
      assert.deepEqual(found.slice(0, 20), [], `${found.length} IDs in clear`);

      // The scan sees IDs where they are: in the input file, and in a DuckDB table written in clear.
      assert.ok((await clearIdsIn([big], planted)).length >= LARGE_ROWS);
      await stores.analytics.run('CREATE TABLE scan_control AS SELECT ? AS id', [residentId(7)]);
      await stores.analytics.run('CHECKPOINT');
      assert.ok((await clearIdsIn([join(dataDir, 'analytics.duckdb')], planted)).length > 0);
    },
  );
});
