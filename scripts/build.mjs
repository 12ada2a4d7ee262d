// `npm run build`: builds the web app (web/ → web/dist) with Vite. Skips the work when web/dist is newer than
// every source file (web/src, web/index.html, web/vite.config.ts, the district map, src/shared), unless --force is given.
// Also importable: `await buildWeb({ force, quiet })` (the browser tests call it when web/dist is stale).
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const WEB = join(ROOT, 'web');
const DIST = join(WEB, 'dist');
const INPUTS = [
  join(WEB, 'src'),
  join(WEB, 'index.html'),
  join(WEB, 'vite.config.ts'),
  join(ROOT, 'src/reference/data/chongqing_districts.echarts.json'),
  join(ROOT, 'src/shared'),
];

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let m = s.mtimeMs;
  for (const name of readdirSync(p)) m = Math.max(m, newest(join(p, name)));
  return m;
}

/** True when web/dist/index.html exists and is newer than every input. */
export function webIsFresh() {
  const index = join(DIST, 'index.html');
  if (!existsSync(index)) return false;
  return statSync(index).mtimeMs >= Math.max(...INPUTS.map(newest));
}

const SCRATCH = join(ROOT, '.tmp'); // gitignored
const LOCK = join(SCRATCH, 'web-build.lock');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Takes the build lock (parallel test files may all find web/dist stale); a lock older than 5 min is stale. */
async function lock() {
  mkdirSync(SCRATCH, { recursive: true });
  for (;;) {
    try {
      closeSync(openSync(LOCK, 'wx'));
      return;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs > 300_000)
        rmSync(LOCK, { force: true });
      await sleep(200);
    }
  }
}

/**
 * Builds web/dist unless it is fresh; returns 'fresh' or 'built'. Builds into a temporary folder and swaps it in,
 * so a server serving web/dist never sees a half-written app; one build at a time (lock file).
 */
export async function buildWeb({ force = false, quiet = false } = {}) {
  if (!force && webIsFresh()) {
    if (!quiet) console.log('web/dist is up to date');
    return 'fresh';
  }
  await lock();
  try {
    if (!force && webIsFresh()) return 'fresh'; // another process built it while we waited
    const { build } = await import('vite');
    const t0 = Date.now();
    const tmp = join(SCRATCH, `web-dist-${process.pid}`);
    await build({
      configFile: join(WEB, 'vite.config.ts'),
      root: WEB,
      logLevel: quiet ? 'error' : 'info',
      build: { outDir: tmp, emptyOutDir: true },
    });
    const old = join(SCRATCH, `web-dist-old-${process.pid}`);
    if (existsSync(DIST)) renameSync(DIST, old);
    renameSync(tmp, DIST);
    rmSync(old, { recursive: true, force: true });
    if (!quiet) console.log(`web app built in ${((Date.now() - t0) / 1000).toFixed(1)} s → web/dist`);
    return 'built';
  } finally {
    rmSync(LOCK, { force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWeb({ force: process.argv.includes('--force') }).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
