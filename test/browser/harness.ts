// Browser-test harness: starts the real server in process on 127.0.0.1 (random port) over fresh stores loaded with
// a small demo book, builds the web app when web/dist is missing or stale, launches headless Chromium, and offers
// helpers to log in, call the API as a user, and keep screenshots under artifacts/screenshots/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Download, type Page } from 'playwright-core';

import { loadDemo } from '../../src/platform/demo.ts';
import type { Stores } from '../../src/store/stores.ts';
import { buildServer } from '../../src/server/app.ts';
import { CAPABILITY_ROUTES } from '../../src/server/routes.ts';
import { testConfig } from '../../src/testing/http.ts';
import { openTestStores } from '../../src/testing/stores.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const WEB_DIST = join(ROOT, 'web/dist');
export const SHOTS = join(ROOT, 'artifacts/screenshots');
export const PASSWORD = 'fivefin-demo';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Harness {
  url: string;
  app: FastifyInstance;
  stores: Stores;
  browser: Browser;
  /** A fresh browser context logged in (through the login page) as `username`. */
  loginAs(username: string): Promise<{ context: BrowserContext; page: Page }>;
  /** GET an API path with a session of `username`; returns the JSON. */
  apiAs<T>(username: string, path: string): Promise<T>;
  /** POST JSON to an API path as `username`; returns the JSON (throws on a non-2xx answer). */
  postAs<T>(username: string, path: string, body: unknown): Promise<T>;
  /** The HTTP status of GET path as `username` (404 while a capability's routes are not registered yet). */
  statusAs(username: string, path: string): Promise<number>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

async function ensureBuilt(): Promise<void> {
  // scripts/build.mjs is plain JS with no type declarations.
  const mod = (await import(join(ROOT, 'scripts/build.mjs'))) as {
    buildWeb(o: { quiet: boolean }): Promise<string>;
  };
  await mod.buildWeb({ quiet: true });
}

export async function startHarness(opts: { loans?: number; months?: number } = {}): Promise<Harness> {
  await ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'fivefin-browser-'));
  const config = testConfig({ mode: 'demo', dataDir, maxUploadBytes: 10 * 1024 * 1024 });
  const stores = await openTestStores('pglite');
  const now = () => new Date();
  // The demo book as `npm start` loads it, with few institutions so a test file starts in seconds.
  await loadDemo(stores, config, {
    loans: opts.loans ?? 2000,
    months: opts.months ?? 3,
    seed: 2025,
    institutions: 4,
    now,
  });
  // Every capability the running server serves.
  const routes = CAPABILITY_ROUTES;
  const app = await buildServer({
    config,
    stores,
    now,
    routes,
    webRoot: WEB_DIST,
    authPolicy: { loginRatePerMinute: 1000 },
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  mkdirSync(SHOTS, { recursive: true });
  const cookies = new Map<string, string>();

  async function cookieFor(username: string): Promise<string> {
    const have = cookies.get(username);
    if (have) return have;
    const res = await fetch(url + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const set = res.headers.get('set-cookie') ?? '';
    const c = set.split(';')[0] ?? '';
    cookies.set(username, c);
    return c;
  }

  return {
    url,
    app,
    stores,
    browser,
    async loginAs(username) {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        acceptDownloads: true,
      });
      const page = await context.newPage();
      await page.goto(url + '/');
      await page.getByTestId('username').fill(username);
      await page.getByTestId('password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('user-name').waitFor();
      return { context, page };
    },
    async apiAs<T>(username: string, path: string): Promise<T> {
      const res = await fetch(url + '/api' + path, { headers: { cookie: await cookieFor(username) } });
      if (!res.ok) throw new Error(`GET ${path} as ${username}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async postAs<T>(username: string, path: string, body: unknown): Promise<T> {
      const res = await fetch(url + '/api' + path, {
        method: 'POST',
        headers: { cookie: await cookieFor(username), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`POST ${path} as ${username}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async statusAs(username, path) {
      const res = await fetch(url + '/api' + path, { headers: { cookie: await cookieFor(username) } });
      await res.arrayBuffer();
      return res.status;
    },
    async shot(page, name) {
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
      await app.close();
      await stores.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The rows of the first sheet of a downloaded workbook, header first (cell values, 1-based columns dropped). */
async function sheetRows(dl: Download): Promise<unknown[][]> {
  const path = await dl.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('the workbook has no sheet');
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

/** Clicks the export button `testId` and reads the downloaded workbook's first sheet. */
export async function exportOf(page: Page, testId: string): Promise<{ name: string; rows: unknown[][] }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: dl.suggestedFilename(), rows: await sheetRows(dl) };
}
