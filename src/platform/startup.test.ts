// Start-up safety (issue 13 items 3, 6, 11): a production start on a missing data directory fails clearly;
// the data directory becomes private to the service user (scan of every file's mode); raw upload files left by
// a crash are swept; production refuses a changed HMAC key and active demo accounts.
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { seedDemoUsers } from '../auth/seed.ts';
import { loadConfig } from '../config/config.ts';
import { openStores } from './open.ts';
import { checkStores, prepareDataDir, StartupError } from './startup.ts';

const KEY_A = '7f3c9a1be84d2f60c5a9e71b3d48f2a6';
const KEY_B = 'c1e5b79a03f84d26e9b17c5a2f608d3b';
const SESSION = '4b8e1f7a2c9d03e6b5a18f4c7d2e9b06';

function prodConfig(dataDir: string, key = KEY_A) {
  return loadConfig({
    FIVEFIN_DATA_DIR: dataDir,
    FIVEFIN_HMAC_KEY: key,
    FIVEFIN_SESSION_SECRET: SESSION,
  });
}

/** Every path under dir whose mode gives group or others any access. */
async function exposed(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (p: string): Promise<void> => {
    const s = await stat(p);
    if ((s.mode & 0o077) !== 0) out.push(`${p} ${(s.mode & 0o777).toString(8)}`);
    if (s.isDirectory()) for (const n of await readdir(p)) await walk(join(p, n));
  };
  await walk(dir);
  return out;
}

describe('start-up safety', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'fivefin-startup-'));
  });
  after(async () => rm(root, { recursive: true, force: true }));

  it('refuses a production start on a missing data directory with a clear message', async () => {
    const cfg = prodConfig(join(root, 'missing'));
    await assert.rejects(
      prepareDataDir(cfg),
      (e: unknown) =>
        e instanceof StartupError && e.code === 'data_dir.missing' && e.message.includes('missing'),
    );
  });

  it('makes the data directory private, sweeps leftover uploads, records and checks the key fingerprint', async () => {
    const dir = join(root, 'prod');
    await mkdir(join(dir, 'uploads'), { recursive: true, mode: 0o755 });
    await chmod(dir, 0o755);
    // A raw bank file left by a crash, readable by everyone.
    await writeFile(join(dir, 'uploads', '123-abc.upload'), '110101199003078515\n', { mode: 0o644 });
    const cfg = prodConfig(dir);
    await prepareDataDir(cfg);
    let stores = await openStores(cfg);
    try {
      await checkStores(stores, cfg);
      assert.deepEqual(await readdir(join(dir, 'uploads')), []);
    } finally {
      await stores.close();
    }
    await prepareDataDir(cfg); // files the stores wrote are private too
    assert.deepEqual(await exposed(dir), []);

    // The same data with another HMAC key: refused in production.
    const other = prodConfig(dir, KEY_B);
    stores = await openStores(other);
    try {
      await assert.rejects(
        checkStores(stores, other),
        (e: unknown) => e instanceof StartupError && e.code === 'hmac.key_changed',
      );
      await checkStores(stores, cfg); // the original key is accepted
    } finally {
      await stores.close();
    }
  });

  it('refuses a production start while demo accounts log in with the demo password', async () => {
    const dir = join(root, 'demo-accounts');
    await mkdir(dir, { mode: 0o700 });
    const cfg = prodConfig(dir);
    const stores = await openStores(cfg);
    try {
      await seedDemoUsers(stores.state, ['B0001'], ['500103']);
      await assert.rejects(
        checkStores(stores, cfg),
        (e: unknown) =>
          e instanceof StartupError && e.code === 'demo_accounts.active' && e.message.includes('admin'),
      );
      await stores.state.query('UPDATE auth_users SET disabled = true');
      await checkStores(stores, cfg);
      // Demo mode keeps its demo accounts.
      await stores.state.query('UPDATE auth_users SET disabled = false');
      await checkStores(stores, { ...cfg, mode: 'demo' });
    } finally {
      await stores.close();
    }
  });
});
