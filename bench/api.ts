// API load benchmark (not a unit test): loads the synthetic demo loan book into in-memory stores, starts the real
// server on 127.0.0.1 (random port), logs in, and runs autocannon (in a worker thread) against the main dashboard
// endpoints.
// Usage: node --import tsx bench/api.ts [--loans 20000] [--months 13] [--duration 10] [--connections 50]
//   [--only SUBSTRING] (only the endpoints whose path contains it)
// Each endpoint gets one request first (its latency is the "cold" column: the first answer after a data change),
// then autocannon measures the steady state. Errors are listed by kind (status codes, timeouts, socket errors).
// Goal: p99 ≤ 50 ms and zero errors per endpoint. Method and results: docs/performance.md ("API load").
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
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
    months: { type: 'string', default: '13' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string', default: '' },
  },
});
const LOANS = Number(values.loans);
const MONTHS = Number(values.months);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);

const dataDir = await mkdtemp(join(tmpdir(), 'fivefin-bench-api-'));
const config = testConfig({ mode: 'demo', dataDir, maxUploadBytes: 64 * 1024 * 1024 });

const stores = await openStores(config);
const t0 = performance.now();
const logins = await loadDemo(stores, config, {
  loans: LOANS,
  months: MONTHS,
  seed: 2025,
  now: () => new Date(),
});
const loadSeconds = (performance.now() - t0) / 1000;
const bankLogin = logins.find((l) => l.role === 'institution');
const districtLogin = logins.find((l) => l.role === 'district');
const [{ n: loanRows } = { n: '0' }] = await stores.analytics.all<{ n: string }>(
  'SELECT count(*)::VARCHAR AS n FROM loans',
);
const server = await startServer(config, stores, { handleSignals: false, logger: false });

async function login(username: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookie = res.headers.get('set-cookie');
  if (res.status !== 200 || !cookie) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return cookie.split(';')[0] ?? '';
}

const cookies = {
  admin: await login('admin'),
  bank: await login(bankLogin?.username ?? 'bank'),
  district: await login(districtLogin?.username ?? 'district'),
};
const periods = (await (
  await fetch(`${server.url}/api/stats/periods`, { headers: { cookie: cookies.admin } })
).json()) as {
  latest: string;
};
const P = periods.latest;

const ALL_ENDPOINTS: [keyof typeof cookies, string][] = [
  ['admin', `/api/stats/overview?period=${P}`],
  ['admin', `/api/stats/figures?period=${P}&dim=district&area=tech`],
  ['admin', `/api/stats/rankings?period=${P}&dim=institution&area=all5`],
  ['admin', '/api/stats/targets'],
  ['admin', '/api/stats/history?area=green'],
  ['admin', `/api/stats/drill?period=${P}&area=inclusive`],
  ['admin', '/api/loans/submissions?limit=50'],
  ['bank', `/api/stats/overview?period=${P}`],
  ['bank', `/api/stats/figures?period=${P}&dim=district`],
  ['district', `/api/stats/figures?period=${P}&dim=industry_section`],
  ['district', `/api/stats/drill?period=${P}&area=all5`],
];
const ENDPOINTS = ALL_ENDPOINTS.filter(([, path]) => path.includes(values.only));

interface Row {
  user: string;
  path: string;
  rps: number;
  coldMs: number;
  kb: number;
  p50: number;
  p99: number;
  errors: number;
  errorKinds: string;
}
const rows: Row[] = [];
for (const [user, path] of ENDPOINTS) {
  const c0 = performance.now();
  const cold = await fetch(`${server.url}${path}`, { headers: { cookie: cookies[user] } });
  const kb = Math.round((await cold.arrayBuffer()).byteLength / 1024);
  const coldMs = Math.round(performance.now() - c0);
  if (cold.status !== 200) throw new Error(`${user} ${path}: ${cold.status}`);
  const r = await autocannon({
    url: `${server.url}${path}`,
    connections: CONNECTIONS,
    duration: DURATION,
    // The load generator runs in a worker thread: on the server's event loop it would slow the server down.
    workers: 1,
    headers: { cookie: cookies[user] },
  });
  const kinds = Object.entries(r.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, s]) => `${s.count ?? 0}× ${code}`);
  if (r.timeouts > 0) kinds.push(`${r.timeouts}× timeout`);
  if (r.errors > r.timeouts) kinds.push(`${r.errors - r.timeouts}× socket error`);
  rows.push({
    user,
    path,
    rps: Math.round(r.requests.average),
    coldMs,
    kb,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
    errorKinds: kinds.join(', '),
  });
  console.error(
    `${user} ${path}: ${kb} KB, cold ${coldMs} ms, ${Math.round(r.requests.average)} req/s p50 ${r.latency.p50} ms p99 ${r.latency.p99} ms ${kinds.join(', ')}`,
  );
}

await server.stop();
await rm(dataDir, { recursive: true, force: true });

console.log(
  `demo data: ${LOANS} loans × ${MONTHS} months (${loanRows} loan rows) loaded in ${loadSeconds.toFixed(1)} s; ` +
    `${CONNECTIONS} connections, ${DURATION} s per endpoint, ${cpus().length} CPUs, Node ${process.version}\n`,
);
console.log('| user | endpoint | KB | cold ms | req/s | p50 ms | p99 ms | errors | p99 ≤ 50 ms |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const r of rows)
  console.log(
    `| ${r.user} | \`${r.path.replace(P, '{P}')}\` | ${r.kb} | ${r.coldMs} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors}${r.errorKinds ? ` (${r.errorKinds})` : ''} | ${r.p99 <= 50 && r.errors === 0 ? 'yes' : 'no'} |`,
  );
