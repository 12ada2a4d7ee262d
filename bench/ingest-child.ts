// One measured run of the ingest benchmark, in its own process so that peak RSS is its own:
//   raw    — DuckDB's own read_csv of the file into a typed table (the baseline)
//   ingest — fivefin's full validated ingest of the same file (hash, checks, HMAC, versioned commit, report)
//   rejected — the same ingest of a file with an error on every row (it must be rejected)
// Prints one JSON line: { mode, seconds, cpuSeconds, rows, maxRssMb } (CPU of all threads over the same span:
// steadier than wall time when other jobs share the machine).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadConfig } from '../src/config/config.ts';
import { upsertInstitutions } from '../src/institutions/store.ts';
import { ingestLoanFile } from '../src/loans/ingest/ingest.ts';
import { LOAN_COLUMNS } from '../src/loans/spec.ts';
import { openStores } from '../src/platform/open.ts';
import { openAnalytics } from '../src/store/analytics/duckdb.ts';

const [mode, file, institution] = process.argv.slice(2);
const dir = await mkdtemp(join(tmpdir(), 'fivefin-bench-'));
const TYPES: Record<string, string> = {
  money: 'DECIMAL(18,2)',
  date: 'DATE',
  int: 'INTEGER',
  bool: 'BOOLEAN',
  decimal: 'DECIMAL(20,6)',
};
try {
  let rows = 0;
  let seconds = 0;
  let cpu = process.cpuUsage();
  if (mode === 'raw') {
    const db = await openAnalytics({ kind: 'duckdb', path: join(dir, 'raw.duckdb') });
    const cols = LOAN_COLUMNS.map((c) => `'${c.name}': '${TYPES[c.type] ?? 'VARCHAR'}'`).join(', ');
    const t = performance.now();
    cpu = process.cpuUsage();
    await db.run(`CREATE TABLE loans AS SELECT * FROM read_csv(?, header = true, columns = {${cols}})`, [
      file ?? '',
    ]);
    await db.run('CHECKPOINT');
    seconds = (performance.now() - t) / 1000;
    cpu = process.cpuUsage(cpu);
    rows = Number((await db.all<{ n: string }>('SELECT count(*) AS n FROM loans'))[0]?.n);
    db.close();
  } else {
    const config = loadConfig({ FIVEFIN_DATA_DIR: dir }, { mode: 'demo' });
    const stores = await openStores(config);
    await upsertInstitutions(stores.state, stores.analytics, [
      {
        code: institution ?? '',
        name_zh: '基准银行',
        name_en: 'Bench Bank',
        peer_group: 'city_commercial',
        district_code: null,
      },
    ]);
    const t = performance.now();
    cpu = process.cpuUsage();
    const res = await ingestLoanFile(stores, {
      path: file ?? '',
      reportRoot: join(dir, 'reports'),
      hmacKey: config.hmacKey,
      now: () => new Date(),
    });
    await stores.analytics.run('CHECKPOINT');
    seconds = (performance.now() - t) / 1000;
    cpu = process.cpuUsage(cpu);
    const expected = mode === 'rejected' ? 'rejected' : 'accepted';
    if (res.status !== expected)
      throw new Error(`bench file not ${expected}: ${JSON.stringify(res.report.violations.slice(0, 3))}`);
    rows = res.rows;
    await stores.close();
  }
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  process.stdout.write(JSON.stringify({ mode, seconds, cpuSeconds, rows, maxRssMb }) + '\n');
} finally {
  await rm(dir, { recursive: true, force: true });
}
