// Test kit of the loans/registry/stats HTTP tests: a server over real in-memory stores with two banks (B0001 in
// 渝中区 500103, B0002 in 南岸区 500108), one demo account per role, a temp data directory, and multipart bodies.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

import { DEMO_PASSWORD, seedDemoUsers } from '../auth/seed.ts';
import type { Config } from '../config/config.ts';
import { upsertInstitutions } from '../institutions/store.ts';
import type { Stores } from '../store/stores.ts';
import { buildServer } from '../server/app.ts';
import { CAPABILITY_ROUTES } from '../server/routes.ts';
import { loginCookie, testConfig } from '../testing/http.ts';
import type { AuditEvent } from '../http/route-context.ts';
import { openTestStores, type StateKind } from '../testing/stores.ts';

export const FIXTURES = new URL('../../test/fixtures/loans/', import.meta.url);
export const NOW = new Date('2025-04-20T08:00:00Z');
export const USERS = ['admin', 'regulator', 'auditor', 'bank', 'bank2', 'district'] as const;
export type TestUser = (typeof USERS)[number];

export interface Harness {
  app: FastifyInstance;
  stores: Stores;
  config: Config;
  cookies: Record<TestUser, string>;
  audits: AuditEvent[];
  close(): Promise<void>;
}

export async function startHarness(kind: StateKind, overrides: Partial<Config> = {}): Promise<Harness> {
  const stores = await openTestStores(kind);
  const dataDir = await mkdtemp(join(tmpdir(), 'fivefin-api-'));
  const config = testConfig({ dataDir, ...overrides });
  const conn = await stores.analytics.connect();
  try {
    await upsertInstitutions(stores.state, conn, [
      {
        code: 'B0001',
        name_zh: '测试银行一',
        name_en: 'Test Bank 1',
        peer_group: 'city_commercial',
        district_code: '500103',
      },
      {
        code: 'B0002',
        name_zh: '测试银行二',
        name_en: 'Test Bank 2',
        peer_group: 'city_commercial',
        district_code: '500108',
      },
    ]);
  } finally {
    conn.close();
  }
  await seedDemoUsers(stores.state, ['B0001', 'B0002'], ['500103'], NOW);
  const audits: AuditEvent[] = [];
  const app = await buildServer({
    config,
    stores,
    now: () => NOW,
    routes: CAPABILITY_ROUTES,
    audit: async (e) => {
      audits.push(e);
    },
  });
  const cookies = {} as Record<TestUser, string>;
  for (const u of USERS) cookies[u] = await loginCookie(app, u, DEMO_PASSWORD);
  return {
    app,
    stores,
    config,
    cookies,
    audits,
    async close() {
      await app.close();
      await stores.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A multipart/form-data body with one file part named `file`. */
export function multipart(
  fileName: string,
  content: Buffer,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----fivefin${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function fixture(rel: string): Promise<Buffer> {
  return readFile(new URL(rel, FIXTURES));
}

/** The good fixture file rewritten for another institution (same rows, other bank code). */
export async function fixtureFor(institution: string): Promise<Buffer> {
  const text = (await fixture('ok/utf8.csv')).toString('utf8');
  return Buffer.from(text.replaceAll(',B0001,', `,${institution},`), 'utf8');
}

export function upload(
  h: Harness,
  user: TestUser,
  fileName: string,
  content: Buffer,
  url = '/api/loans/submissions',
): Promise<LightMyRequestResponse> {
  const m = multipart(fileName, content);
  return h.app.inject({
    method: 'POST',
    url,
    payload: m.payload,
    headers: { ...m.headers, cookie: h.cookies[user] },
  });
}

export function get(h: Harness, user: TestUser, url: string): Promise<LightMyRequestResponse> {
  return h.app.inject({ method: 'GET', url, headers: { cookie: h.cookies[user] } });
}
