// `npm run build`: builds the web app (web/ → web/dist) with Vite. Skips the work when web/dist is newer than
// every source file (web/src, web/index.html, web/vite.config.ts, the district map), unless --force is given.
// Also importable: `await buildWeb({ force, quiet })` (the browser tests call it when web/dist is stale).
import { existsSync, readdirSync, statSync } from 'node:fs';
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

/** Builds web/dist unless it is fresh; returns 'fresh' or 'built'. */
export async function buildWeb({ force = false, quiet = false } = {}) {
  if (!force && webIsFresh()) {
    if (!quiet) console.log('web/dist is up to date');
    return 'fresh';
  }
  const { build } = await import('vite');
  const t0 = Date.now();
  await build({ configFile: join(WEB, 'vite.config.ts'), root: WEB, logLevel: quiet ? 'error' : 'info' });
  if (!quiet) console.log(`web app built in ${((Date.now() - t0) / 1000).toFixed(1)} s → web/dist`);
  return 'built';
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWeb({ force: process.argv.includes('--force') }).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
