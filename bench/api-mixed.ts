// Mixed load benchmark (issue 13 done-when, not a unit test): the dashboard endpoints under autocannon load
// while one large loan file ingests and 20 small uploads run in parallel, over real HTTP on the real server.
// Checks: zero errors on the dashboard, p99, and every upload answered (accepted / rejected / duplicate, or the
// coded 503 upload.busy) with its report and one audit entry each.
// Usage: node --import tsx bench/api-mixed.ts [--loans 20000] [--months 3] [--rows 200000] [--duration 20]
//   [--connections 50]. Method and results: docs/performance.md ("API load while files ingest").
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import autocannon from 'autocannon';

import { DEMO_PASSWORD } from '../src/auth/index.ts';
import { loadDemo } from '../src/platform/demo.ts';
import { openStores } from '../src/platform/open.ts';
import { testConfig } from '../src/testing/http.ts';
import { startServer } from '../src/server/listen.ts';

const { values } = parseArgs({
  options: {
    loans: { type: 'string', default: '20000' },
    months: { type: 'string', default: '3' },
    rows: { type: 'string', default: '200000' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
  },
});
const dataDir = await mkdtemp(join(tmpdir(), 'fivefin-bench-mixed-'));
const config = testConfig({ mode: 'demo', dataDir, maxUploadBytes: 1024 * 1024 * 1024 });
const stores = await openStores(config);
await loadDemo(stores, config, {
  loans: Number(values.loans),
  months: Number(values.months),
  seed: 2025,
  now: () => new Date(),
});
const server = await startServer(config, stores, { handleSignals: false, logger: false });
const login = async (username: string) => {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
};
const admin = await login('admin');
const P = (
  (await (await fetch(`${server.url}/api/stats/periods`, { headers: { cookie: admin } })).json()) as {
    latest: string;
  }
).latest;

// The files: the test fixture's five rows rewritten for a demo bank and period; the large one repeated.
const fixture = (await readFile(new URL('../test/fixtures/loans/ok/utf8.csv', import.meta.url), 'utf8'))
  .trim()
  .split('\n');
// renewal_type "new" only fits a loan issued in the reporting month: cleared, as the rows move to period P.
const renewal = (fixture[0] ?? '').split(',').indexOf('renewal_type');
const file = (bank: string, rows: number, tag: string) => {
  const out = [fixture[0]];
  for (let i = 0; i < rows; i++) {
    const cells = (fixture[1 + (i % 5)] ?? '').split(',');
    cells[0] = P;
    cells[1] = bank;
    cells[2] = `${tag}${i}`;
    cells[renewal] = '';
    out.push(cells.join(','));
  }
  return out.join('\n') + '\n';
};
// The files are built before the load starts: the server shares this process's event loop.
const smallBank = (i: number) => `B${String(2 + (i % 10)).padStart(4, '0')}`;
// As Blobs: encoding a large string to UTF-8 for a Blob blocks the event loop (1.2 s for 300,000 rows here).
const bigFile = new Blob([file('B0001', Number(values.rows), 'BIG')]);
const smallFiles = Array.from({ length: 20 }, (_, i) => new Blob([file(smallBank(i), 5, `S${i}-`)]));
const send = async (bank: string, body: Blob) => {
  const form = new FormData();
  form.append('file', body, `${bank}.csv`);
  const t = performance.now();
  const res = await fetch(`${server.url}/api/loans/submissions?institution=${bank}`, {
    method: 'POST',
    headers: { cookie: admin },
    body: form,
  });
  const j = (await res.json()) as {
    log_id?: string;
    reports?: { json: string } | null;
    code?: string;
    violations?: { rule_id: string; row: number; column: string | null }[];
  };
  return { bank, status: res.status, ms: Math.round(performance.now() - t), ...j };
};

const paths = [
  `/api/stats/overview?period=${P}`,
  `/api/stats/figures?period=${P}&dim=district&area=tech`,
  `/api/stats/rankings?period=${P}&dim=institution&area=all5`,
  '/api/stats/targets',
  `/api/stats/drill?period=${P}&area=inclusive`,
  '/api/loans/submissions?limit=50',
];
const load = autocannon({
  url: server.url,
  connections: Number(values.connections),
  duration: Number(values.duration),
  workers: 1,
  requests: paths.map((path) => ({ method: 'GET' as const, path, headers: { cookie: admin } })),
});
// How long the server's event loop was kept from running (synchronous work, or no CPU for the main thread).
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
await new Promise((r) => setTimeout(r, 1000));
const big = send('B0001', bigFile);
const small = smallFiles.map((body, i) => send(smallBank(i), body));
const uploads = await Promise.all([big, ...small]);
const r = await load;
loopDelay.disable();

const audited = await stores.state.query<{ n: number }>(
  "SELECT count(*)::integer AS n FROM audit_log WHERE action = 'loans.upload'",
);
let withReport = 0;
for (const u of uploads)
  if (u.reports) {
    const rep = await fetch(`${server.url}${u.reports.json}`, { headers: { cookie: admin } });
    if (rep.status === 200) withReport++;
  }
console.log(
  `${values.loans} loans × ${values.months} months; large file ${values.rows} rows + 20 small uploads; ` +
    `${values.connections} connections ${values.duration} s over ${paths.length} dashboard routes; ${cpus().length} CPUs`,
);
console.log(
  `dashboard: ${r.requests.total} requests, ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, ` +
    `p99 ${r.latency.p99} ms, max ${r.latency.max} ms, errors ${r.errors}, non-2xx ${r.non2xx}`,
);
console.log(
  `uploads: ${uploads.map((u) => `${u.bank}:${u.status}${u.code ? `/${u.code}` : ''} ${u.ms}ms`).join(' ')}`,
);
const ms = (ns: number) => Math.round(ns / 1e6);
console.log(
  `event loop delay: p50 ${ms(loopDelay.percentile(50))} ms, p99 ${ms(loopDelay.percentile(99))} ms, ` +
    `max ${ms(loopDelay.max)} ms`,
);
const rejected = uploads.find((u) => u.violations?.length);
if (rejected)
  console.log(`first violations of ${rejected.bank}: ${JSON.stringify(rejected.violations?.slice(0, 3))}`);
console.log(
  `uploads with a report: ${withReport}/${uploads.length}; audit entries loans.upload: ${audited[0]?.n}`,
);
await server.stop();
await rm(dataDir, { recursive: true, force: true });
