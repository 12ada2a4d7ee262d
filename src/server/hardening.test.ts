// Web hardening and secrets (issue 13 items 7, 8, 10, 11), each as the attack: a cross-site POST, a text/plain
// body where JSON is expected, a NUL in a string, a huge offset, a stalled body, missing CSP/HSTS, a Secure-less
// cookie behind an HTTPS proxy, trivial passwords and weak secrets.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';

import type { FastifyInstance } from 'fastify';

import { isTrivialPassword, passwordProblem } from '../auth/password.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../auth/seed.ts';
import { loadConfig, secretWeakness } from '../config/config.ts';
import type { Stores } from '../store/stores.ts';
import { testConfig } from '../testing/http.ts';
import { openTestStores } from '../testing/stores.ts';
import { buildServer } from './app.ts';

describe('web hardening', () => {
  let stores: Stores;
  let app: FastifyInstance;
  before(async () => {
    stores = await openTestStores();
    await seedDemoUsers(stores.state, ['B0001']);
    app = await buildServer({
      config: testConfig({ trustProxy: '127.0.0.1' }),
      stores,
      now: () => new Date(),
    });
  });
  after(async () => {
    await app.close();
    await stores.close();
  });
  const login = (
    headers: Record<string, string> = {},
    payload: unknown = { username: 'bank', password: DEMO_PASSWORD },
  ) => app.inject({ method: 'POST', url: '/api/auth/login', payload: payload as string, headers });

  it('refuses a state-changing request from another site', async () => {
    const res = await login({ origin: 'https://evil.example', host: 'fivefin.example' });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, 'request.cross_origin');
    const site = await login({ 'sec-fetch-site': 'cross-site' });
    assert.equal(site.json().code, 'request.cross_origin');
    const same = await login({ origin: 'https://fivefin.example', host: 'fivefin.example' });
    assert.equal(same.statusCode, 200, same.body);
  });

  it('takes no text/plain body where JSON is expected', async () => {
    const res = await login(
      { 'content-type': 'text/plain' },
      JSON.stringify({ username: 'bank', password: DEMO_PASSWORD }),
    );
    assert.equal(res.statusCode, 415);
  });

  it('answers a NUL in a string or a huge offset with a coded 400, not a 500', async () => {
    const nul = await login({}, { username: 'ba\u0000nk', password: DEMO_PASSWORD });
    assert.equal(nul.statusCode, 400, nul.body);
    assert.equal(nul.json().code, 'request.invalid');
    const ok = await login({}, { username: 'admin', password: DEMO_PASSWORD });
    const cookie = String(ok.headers['set-cookie']).split(';')[0] ?? '';
    const nulQuery = await app.inject({ url: '/api/audit?action=a%00b', headers: { cookie } });
    assert.equal(nulQuery.statusCode, 400, nulQuery.body);
    for (const offset of ['1e20', '99999999999999999999', '9007199254740993']) {
      const res = await app.inject({ url: `/api/audit?offset=${offset}`, headers: { cookie } });
      assert.equal(res.statusCode, 400, `${offset}: ${res.body}`);
      assert.equal(res.json().code, 'request.invalid');
    }
  });

  it('closes the connection of a request whose body stalls', { timeout: 10_000 }, async () => {
    const slow = await buildServer({
      config: testConfig(),
      stores,
      now: () => new Date(),
      requestTimeout: 300,
    });
    try {
      await slow.listen({ port: 0, host: '127.0.0.1' });
      const { port } = slow.server.address() as AddressInfo;
      const socket = connect(port, '127.0.0.1');
      const t = performance.now();
      socket.write(
        'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          'Content-Length: 100\r\n\r\n{"user',
      );
      let answer = '';
      socket.on('data', (d: Buffer) => (answer += d.toString()));
      await new Promise((r) => socket.on('close', r));
      const waited = performance.now() - t;
      assert.ok(waited >= 250 && waited < 5000, `closed after ${Math.round(waited)} ms`);
      assert.equal(answer, '');
    } finally {
      await slow.close();
    }
  });

  it('sends CSP on every answer; HSTS and a Secure cookie over HTTPS from the trusted proxy', async () => {
    const plain = await login();
    assert.match(String(plain.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(plain.headers['strict-transport-security'], undefined);
    assert.doesNotMatch(String(plain.headers['set-cookie']), /Secure/);
    const https = await login({ 'x-forwarded-proto': 'https' });
    assert.match(String(https.headers['strict-transport-security']), /max-age=31536000/);
    assert.match(String(https.headers['set-cookie']), /Secure/);
  });

  it('refuses trivial passwords', () => {
    for (const p of [
      'password123',
      'Password!!',
      'aaaaaaaaaaaa',
      '1234567890',
      'qwertyqwerty',
      'fivefin-demo',
      'bank-bank-bank',
    ])
      assert.ok(isTrivialPassword(p, 'bank'), p);
    assert.equal(passwordProblem('bank', 'Password2024!'), 'too_common');
    assert.equal(passwordProblem('bank', 'kiwi-Harbor-37-lantern'), null);
  });
});

describe('secrets and proxy settings (item 11)', () => {
  it('checks secrets for strength, not only length', () => {
    assert.match(secretWeakness('a'.repeat(40)) ?? '', /repetitive/);
    assert.match(secretWeakness('abcdefghijklmnop'.repeat(3)) ?? '', /repeated/);
    assert.match(secretWeakness('changeme-changeme-please-1234567890') ?? '', /placeholder/);
    assert.equal(secretWeakness('9c2e4f71a0b83d56e1f7c9a24b6d08e3'), null);
    assert.throws(
      () =>
        loadConfig({
          FIVEFIN_HMAC_KEY: 'x'.repeat(64),
          FIVEFIN_SESSION_SECRET: '9c2e4f71a0b83d56e1f7c9a24b6d08e3',
        }),
      /FIVEFIN_HMAC_KEY: is too repetitive/,
    );
  });
  it('parses the trusted-proxy setting', () => {
    const base = {
      FIVEFIN_HMAC_KEY: '9c2e4f71a0b83d56e1f7c9a24b6d08e3',
      FIVEFIN_SESSION_SECRET: '0f8a3c6e1d92b47f5a0c8e3d6b1f49a2',
    };
    assert.equal(loadConfig(base).trustProxy, false);
    assert.equal(loadConfig({ ...base, FIVEFIN_TRUST_PROXY: '1' }).trustProxy, 1);
    assert.equal(loadConfig({ ...base, FIVEFIN_TRUST_PROXY: '10.0.0.0/8' }).trustProxy, '10.0.0.0/8');
    assert.throws(() => loadConfig({ ...base, FIVEFIN_TRUST_PROXY: 'yes please' }), /FIVEFIN_TRUST_PROXY/);
  });
});
