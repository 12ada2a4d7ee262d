// The server factory on PGlite and PostgreSQL: health and readiness, coded bilingual errors, capability
// plugins under /api with deny-by-default auth, the API docs, SPA fallback, and the OpenAPI file being current.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import type { FastifyInstance } from 'fastify';

import { API_SCHEMA_PATH, generateOpenApi, OPENAPI_PATH } from '../../scripts/openapi.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../auth/seed.ts';
import { scopeForUser } from '../auth/scope.ts';
import type { Stores } from '../store/stores.ts';
import { openTestStores, stateKinds } from '../testing/stores.ts';
import { buildServer } from './app.ts';
import { ERRORS, errorResponses } from '../http/errors.ts';
import { loginCookie, testClock, testConfig } from '../testing/http.ts';
import type { RoutesPlugin } from '../http/route-context.ts';

/** A capability plugin as other teams write one. */
const samplePlugin: RoutesPlugin = async (app, deps) => {
  app.get(
    '/sample/scope',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['username', 'scope'],
            properties: {
              username: { type: 'string' },
              scope: { type: 'object', additionalProperties: true },
            },
          },
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => ({
      username: request.user.username,
      scope: scopeForUser(request.user),
      secret: 'leak',
    }),
  );
  app.get(
    '/sample/open',
    {
      config: { public: true },
      schema: { response: { 200: { type: 'object', properties: { t: { type: 'string' } } } } },
    },
    async () => ({ t: deps.now().toISOString() }),
  );
  app.post(
    '/sample/echo',
    {
      schema: {
        body: {
          type: 'object',
          required: ['n'],
          additionalProperties: false,
          properties: { n: { type: 'integer' } },
        },
        response: { 200: { type: 'object', properties: { n: { type: 'integer' } } } },
      },
    },
    async (request) => {
      await request.audit({ action: 'sample.echo', object_type: 'sample', object_id: null });
      return request.body as { n: number };
    },
  );
};

test('docs/openapi.json and web/src/api-schema.ts are current (regenerate: node --import tsx scripts/openapi.ts)', async () => {
  const { openapi, schema } = await generateOpenApi();
  assert.equal(readFileSync(OPENAPI_PATH, 'utf8'), openapi, 'docs/openapi.json is stale');
  assert.equal(readFileSync(API_SCHEMA_PATH, 'utf8'), schema, 'web/src/api-schema.ts is stale');
});

test('every catalog entry is bilingual with an HTTP error status', () => {
  for (const [code, e] of Object.entries(ERRORS)) {
    assert.ok(e.status >= 400 && e.status < 600, code);
    assert.match(e.message_zh, /[\u4e00-\u9fff]/, code);
    assert.match(e.message_en, /^[A-Z]/, code);
  }
});

for (const kind of stateKinds()) {
  describe(`server on ${kind}`, () => {
    let stores: Stores;
    let app: FastifyInstance;
    let web: FastifyInstance;
    const webRoot = mkdtempSync(join(tmpdir(), 'fivefin-web-'));
    const clock = testClock();

    before(async () => {
      stores = await openTestStores(kind);
      await seedDemoUsers(stores.state, ['C1'], ['500103'], clock.now());
      app = await buildServer({
        config: testConfig(),
        stores,
        now: clock.now,
        routes: [samplePlugin],
        access: {
          'GET /api/sample/scope': 'any',
          'GET /api/sample/open': 'public',
          'POST /api/sample/echo': 'any',
        },
      });
      writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>fivefin</title>');
      writeFileSync(join(webRoot, 'app.js'), 'console.log(1)');
      web = await buildServer({ config: testConfig(), stores, now: clock.now, webRoot });
    });
    after(async () => {
      await app.close();
      await web.close();
      await stores.close();
      rmSync(webRoot, { recursive: true, force: true });
    });

    test('health and readiness', async () => {
      const h = await app.inject({ url: '/api/health' });
      assert.deepEqual(h.json(), { status: 'ok' });
      const r = await app.inject({ url: '/api/ready' });
      assert.equal(r.statusCode, 200);
      assert.deepEqual(r.json(), { status: 'ready', state: kind, analytics: 'duckdb' });
    });

    test('coded bilingual errors: 401, 404, 400 validation, malformed JSON, 415, 413', async () => {
      const check = (res: { statusCode: number; json(): unknown }, status: number, code: string) => {
        assert.equal(res.statusCode, status);
        const body = res.json() as Record<string, unknown>;
        assert.equal(body.code, code);
        assert.equal(typeof body.message_zh, 'string');
        assert.equal(typeof body.message_en, 'string');
        return body;
      };
      check(await app.inject({ url: '/api/sample/scope' }), 401, 'auth.unauthenticated');
      check(await app.inject({ url: '/api/no/such/thing' }), 404, 'not_found');
      const cookie = await loginCookie(app, 'bank', DEMO_PASSWORD);
      const post = (payload: string, type = 'application/json') =>
        app.inject({
          method: 'POST',
          url: '/api/sample/echo',
          headers: { cookie, 'content-type': type },
          payload,
        });
      const invalid = check(await post('{"n":"x"}'), 400, 'request.invalid');
      assert.deepEqual(
        (invalid.details as { path: string; keyword: string }[]).map((d) => [d.path, d.keyword]),
        [['/n', 'type']],
      );
      check(await post('{"n":'), 400, 'request.malformed');
      check(await post('n=1', 'application/x-www-form-urlencoded'), 415, 'request.unsupported_media_type');
      check(await post(JSON.stringify({ n: 1, pad: 'x'.repeat(1024 * 1024) })), 413, 'request.too_large');
    });

    test('plugins run under /api behind auth; response schemas drop extra fields', async () => {
      const bank = await loginCookie(app, 'bank', DEMO_PASSWORD);
      const res = await app.inject({ url: '/api/sample/scope', headers: { cookie: bank } });
      assert.deepEqual(res.json(), { username: 'bank', scope: { kind: 'institution', code: 'C1' } });
      const open = await app.inject({ url: '/api/sample/open' });
      assert.deepEqual(open.json(), { t: clock.now().toISOString() });
      const echo = await app.inject({
        method: 'POST',
        url: '/api/sample/echo',
        headers: { cookie: bank },
        payload: { n: 7 },
      });
      assert.deepEqual(echo.json(), { n: 7 });
      const [row] = await stores.state.query<{ actor: string; ip: string }>(
        "SELECT actor, ip FROM audit_log WHERE action = 'sample.echo'",
      );
      assert.deepEqual(row, { actor: 'bank', ip: '127.0.0.1' });
      const auditor = await loginCookie(app, 'auditor', DEMO_PASSWORD);
      const ro = await app.inject({
        method: 'POST',
        url: '/api/sample/echo',
        headers: { cookie: auditor },
        payload: { n: 1 },
      });
      assert.equal(ro.json().code, 'auth.read_only');
      assert.equal(
        (await app.inject({ url: '/api/sample/scope', headers: { cookie: auditor } })).statusCode,
        200,
      );
    });

    test('API docs: JSON document and a page linking it', async () => {
      const doc = await app.inject({ url: '/api/docs/json' });
      assert.equal(doc.statusCode, 200);
      const paths = Object.keys((doc.json() as { paths: Record<string, unknown> }).paths);
      assert.ok(paths.includes('/api/sample/scope') && paths.includes('/api/auth/login'));
      const page = await app.inject({ url: '/api/docs' });
      assert.match(page.body, /\/api\/docs\/json/);
      assert.equal(page.headers['x-content-type-options'], 'nosniff');
    });

    test('web root: static files, SPA fallback, coded 404 under /api', async () => {
      assert.equal((await web.inject({ url: '/app.js' })).body, 'console.log(1)');
      const spa = await web.inject({ url: '/loans/2025-01' });
      assert.equal(spa.statusCode, 200);
      assert.match(spa.body, /<title>fivefin<\/title>/);
      const api = await web.inject({ url: '/api/nothing' });
      assert.equal(api.statusCode, 404);
      assert.equal(api.json().code, 'not_found');
    });
  });
}
