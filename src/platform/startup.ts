// Start-up safety of a data directory (issue 13 items 3, 6, 11), run by the CLI before and after the stores
// open: a production start on a missing data directory fails with a clear message; the directory and
// everything in it is made readable by the service user only; upload files and ingest work folders a crash
// left behind are removed; production refuses to start with the demo accounts active or with an HMAC key other
// than the one the data was hashed with.
import { createHmac } from 'node:crypto';
import { chmod, lstat, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { DEMO_PASSWORD } from '../auth/seed.ts';
import { verifyPassword } from '../auth/password.ts';
import { dropUnrecordedLoads } from '../loans/ingest/orphans.ts';
import type { Config } from '../config/config.ts';
import type { Stores } from '../store/stores.ts';

/** A start-up refusal: the message names what to do. */
export class StartupError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The folder under the data directory where uploads are streamed before the ingest reads them. */
export const UPLOADS_DIR = 'uploads';

/** The folder under the data directory holding the ingest's work folders (converted copies of a file). */
export const WORK_DIR = 'work';

/** Prepares the data directory before the stores open (exists, private). */
export async function prepareDataDir(config: Pick<Config, 'mode' | 'dataDir'>): Promise<void> {
  // Everything the process creates from here on is private to the service user.
  process.umask(0o077);
  const exists = await lstat(config.dataDir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!exists) {
    if (config.mode === 'production')
      throw new StartupError(
        'data_dir.missing',
        `数据目录不存在 / the data directory ${config.dataDir} does not exist (FIVEFIN_DATA_DIR): create it, ` +
          'owned by the service user with mode 700, or point FIVEFIN_DATA_DIR at the existing one',
      );
    await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  }
  await privatise(config.dataDir);
}

/** Removes group and other permissions from a directory tree (no symlinks followed). */
export async function privatise(path: string): Promise<void> {
  const s = await lstat(path);
  if (s.isSymbolicLink()) return;
  if ((s.mode & 0o077) !== 0) await chmod(path, s.mode & 0o700);
  if (s.isDirectory()) for (const name of await readdir(path)) await privatise(join(path, name));
}

/**
 * Removes every leftover under <dataDir>/uploads (raw uploaded files) and <dataDir>/work (the ingest's converted
 * copies). Called once the stores are open — the DuckDB file is locked by one process, so no other process of
 * this data directory has a request in flight — anything there was left by a crash (kill -9, power loss) and
 * holds clear personal identifiers. Returns how many entries were removed.
 */
export async function sweepLeftovers(dataDir: string): Promise<number> {
  let removed = 0;
  for (const folder of [UPLOADS_DIR, WORK_DIR]) {
    const dir = join(dataDir, folder);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const n of names) await rm(join(dir, n), { recursive: true, force: true });
    removed += names.length;
  }
  return removed;
}

/** A fingerprint of the HMAC key that reveals nothing of it (an HMAC of a fixed label). */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('fivefin hmac key fingerprint v1').digest('hex').slice(0, 32);
}

/** The demo account names (src/auth/seed.ts). */
const DEMO_USERS = ['admin', 'regulator', 'auditor', 'bank', 'bank2', 'bank3', 'district'];

/** Enabled accounts that still log in with the published demo password. */
export async function activeDemoAccounts(stores: Stores): Promise<string[]> {
  const rows = await stores.state.query<{ username: string; password_hash: string }>(
    'SELECT username, password_hash FROM auth_users WHERE NOT disabled AND username = ANY($1::text[]) ORDER BY username',
    [DEMO_USERS],
  );
  const out: string[] = [];
  for (const r of rows) if (await verifyPassword(r.password_hash, DEMO_PASSWORD)) out.push(r.username);
  return out;
}

/**
 * Checks the opened stores: sweeps leftover uploads, work folders and unrecorded loan rows, records the HMAC
 * key's fingerprint the first time, and in production refuses to start when the key differs from the one the
 * data was hashed with or when a demo account is active.
 */
export async function checkStores(
  stores: Stores,
  config: Pick<Config, 'mode' | 'hmacKey' | 'dataDir'>,
): Promise<void> {
  await sweepLeftovers(config.dataDir);
  const db = stores.analytics;
  // Loan rows a crash left between an ingest's two commits (no ingest runs yet: every such row is an orphan).
  await dropUnrecordedLoads(db);
  await db.run(
    `CREATE TABLE IF NOT EXISTS platform_keys (name VARCHAR PRIMARY KEY, fingerprint VARCHAR NOT NULL,
       recorded_at TIMESTAMP NOT NULL DEFAULT current_timestamp::TIMESTAMP)`,
  );
  const fp = keyFingerprint(config.hmacKey);
  const [row] = await db.all<{ fingerprint: string }>(
    "SELECT fingerprint FROM platform_keys WHERE name = 'hmac'",
  );
  if (!row) await db.run("INSERT INTO platform_keys (name, fingerprint) VALUES ('hmac', ?)", [fp]);
  else if (row.fingerprint !== fp && config.mode === 'production')
    throw new StartupError(
      'hmac.key_changed',
      `FIVEFIN_HMAC_KEY 与数据目录中数据的哈希密钥不同 / FIVEFIN_HMAC_KEY differs from the key this data was hashed ` +
        `with (fingerprint ${fp} ≠ ${row.fingerprint}): borrowers would no longer match across months. ` +
        'Start with the original key.',
    );
  if (config.mode === 'production') {
    const demo = await activeDemoAccounts(stores);
    if (demo.length > 0)
      throw new StartupError(
        'demo_accounts.active',
        `演示账号仍可用演示密码登录 / demo accounts still log in with the demo password: ${demo.join(', ')}. ` +
          'Disable them or change their passwords (in demo mode), or use a fresh data directory.',
      );
  }
}
