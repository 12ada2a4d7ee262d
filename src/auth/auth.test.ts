// Auth over HTTP (app.inject) on PGlite and PostgreSQL: login/logout, lockout per account and per address,
// login rate limit, forced password change, role checks, admin user routes, the audit trail of each.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import type { FastifyInstance } from 'fastify';

import { queryAudit } from '../audit/store.ts';
import type { Stores } from '../store/stores.ts';
import { buildServer, type ServerDeps } from '../server/app.ts';
import { loginCookie, loginRequest, sessionCookie, testClock, testConfig } from '../testing/http.ts';
import { openTestStores, stateKinds } from '../testing/stores.ts';
import { bootstrapAdmin, DEMO_PASSWORD, seedDemoUsers } from './seed.ts';

for (const kind of stateKinds()) {
  describe(`auth on ${kind}`, () => {
    let stores: Stores;
    const clock = testClock();
    const apps: FastifyInstance[] = [];
    const server = async (extra: Partial<ServerDeps> = {}) => {
      const app = await buildServer({ config: testConfig(), stores, now: clock.now, ...extra });
      apps.push(app);
      return app;
    };

    before(async () => {
      stores = await openTestStores(kind);
      const logins = await seedDemoUsers(stores.state, ['C10000001', 'C10000002'], ['500103'], clock.now());
      assert.deepEqual(
        logins.map((l) => [l.username, l.role, l.institution_code ?? l.district_code, l.created]),
        [
          ['admin', 'admin', null, true],
          ['regulator', 'regulator', null, true],
          ['auditor', 'auditor', null, true],
          ['bank', 'institution', 'C10000001', true],
          ['bank2', 'institution', 'C10000002', true],
          ['district', 'district', '500103', true],
        ],
      );
      // Seeding again is a no-op; bootstrap does nothing when accounts exist.
      assert.ok((await seedDemoUsers(stores.state, ['C10000001'])).every((l) => !l.created));
      assert.equal(await bootstrapAdmin(stores.state, clock.now()), null);
    });
    after(async () => {
      for (const a of apps) await a.close();
      await stores.close();
    });

    test('login, me, logout; cookie flags; session ends at logout', async () => {
      const app = await server();
      const res = await loginRequest(app, 'bank', DEMO_PASSWORD, '10.1.0.1');
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.user.username, 'bank');
      assert.equal(body.user.institution_code, 'C10000001');
      assert.equal('password_hash' in body.user, false);
      const setCookie = String(res.headers['set-cookie']);
      assert.match(setCookie, /HttpOnly/);
      assert.match(setCookie, /SameSite=Lax/);
      assert.doesNotMatch(setCookie, /Secure/); // plain HTTP, secureCookies 'auto'
      const cookie = sessionCookie(res);

      const me = await app.inject({ url: '/api/me', headers: { cookie } });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().user.role, 'institution');

      const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
      assert.equal(out.statusCode, 200);
      const again = await app.inject({ url: '/api/me', headers: { cookie } });
      assert.equal(again.statusCode, 401);
      assert.equal(again.json().code, 'auth.unauthenticated');

      const secure = await server({ authPolicy: { secureCookies: true } });
      const r2 = await loginRequest(secure, 'bank', DEMO_PASSWORD, '10.1.0.1');
      assert.match(String(r2.headers['set-cookie']), /Secure/);

      const audit = await queryAudit(stores.state, { actor: 'bank', limit: 10, offset: 0 });
      assert.deepEqual(
        audit.items.map((a) => a.action),
        ['auth.login', 'auth.logout', 'auth.login'],
      );
      assert.equal(audit.items[2]?.ip, '10.1.0.1'); // the first login; logout came from the default address
    });

    test('a session expires after the configured lifetime', async () => {
      const app = await server({ authPolicy: { sessionHours: 1 } });
      const cookie = await loginCookie(app, 'district', DEMO_PASSWORD);
      clock.advance(59 * 60_000);
      assert.equal((await app.inject({ url: '/api/me', headers: { cookie } })).statusCode, 200);
      clock.advance(2 * 60_000);
      assert.equal((await app.inject({ url: '/api/me', headers: { cookie } })).statusCode, 401);
    });

    test('a forged or unsigned cookie is no session', async () => {
      const app = await server();
      const res = await app.inject({ url: '/api/me', headers: { cookie: 'fivefin_session=abc.def' } });
      assert.equal(res.statusCode, 401);
    });

    test('wrong passwords lock the account from that address after 5 tries for 15 minutes', async () => {
      const app = await server();
      for (let i = 0; i < 5; i++) {
        const r = await loginRequest(app, 'regulator', 'wrong-password', '10.2.0.9');
        assert.equal(r.statusCode, 401);
        assert.equal(r.json().code, 'auth.invalid_credentials');
      }
      const locked = await loginRequest(app, 'regulator', DEMO_PASSWORD, '10.2.0.9');
      assert.equal(locked.statusCode, 429);
      assert.equal(locked.json().code, 'auth.account_locked');
      assert.ok(locked.json().message_zh.length > 0 && locked.json().message_en.length > 0);
      // The attacker cannot lock the account out for its owner elsewhere (issue 13 item 10).
      const owner = await loginRequest(app, 'regulator', DEMO_PASSWORD, '10.2.1.1');
      assert.equal(owner.statusCode, 200);
      clock.advance(15 * 60_000 + 1000);
      const ok = await loginRequest(app, 'regulator', DEMO_PASSWORD, '10.2.0.9');
      assert.equal(ok.statusCode, 200);
      const audit = await queryAudit(stores.state, { object_id: 'regulator', limit: 50, offset: 0 });
      const actions = audit.items.map((a) => a.action);
      assert.equal(actions.filter((a) => a === 'auth.login_failed').length, 5);
      assert.equal(actions.filter((a) => a === 'auth.account_locked').length, 1);
      assert.deepEqual(
        audit.items.filter((a) => a.action === 'auth.login_refused').map((a) => a.detail),
        [{ reason: 'account_locked' }],
      );
    });

    test('the lockout answer does not tell whether an account exists', async () => {
      const app = await server();
      const answers = async (username: string) => {
        const out: string[] = [];
        for (let i = 0; i < 6; i++) {
          const r = await loginRequest(app, username, 'wrong-password', '10.4.0.1');
          out.push(`${r.statusCode} ${r.json().code}`);
        }
        return out;
      };
      assert.deepEqual(await answers('no-such-user'), await answers('auditor'));
    });

    test('failed logins from one address block that address', async () => {
      const app = await server({ authPolicy: { maxFailuresPerIp: 3 } });
      for (const name of ['nobody1', 'nobody2', 'nobody3']) {
        assert.equal((await loginRequest(app, name, 'x', '10.3.0.1')).statusCode, 401);
      }
      const blocked = await loginRequest(app, 'admin', DEMO_PASSWORD, '10.3.0.1');
      assert.equal(blocked.statusCode, 429);
      assert.equal(blocked.json().code, 'auth.ip_locked');
      assert.equal((await loginRequest(app, 'admin', DEMO_PASSWORD, '10.3.0.2')).statusCode, 200);
      clock.advance(15 * 60_000 + 1000);
      assert.equal((await loginRequest(app, 'admin', DEMO_PASSWORD, '10.3.0.1')).statusCode, 200);
    });

    test('login requests are rate limited per address', async () => {
      const app = await server({ authPolicy: { loginRatePerMinute: 3 } });
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await loginRequest(app, 'none', 'x', '10.4.0.1')).statusCode);
      assert.deepEqual(codes, [401, 401, 401, 429]);
      const r = await loginRequest(app, 'none', 'x', '10.4.0.1');
      assert.equal(r.json().code, 'rate_limited');
      assert.equal((await loginRequest(app, 'none', 'x', '10.4.0.2')).statusCode, 401);
    });

    test('the first admin must change the password before anything else', async () => {
      const fresh = await openTestStores(kind);
      try {
        const first = await bootstrapAdmin(fresh.state, clock.now());
        assert.ok(first);
        const app = await buildServer({ config: testConfig(), stores: fresh, now: clock.now });
        apps.push(app);
        const cookie = await loginCookie(app, first.username, first.password);
        const me = await app.inject({ url: '/api/me', headers: { cookie } });
        assert.equal(me.json().user.must_change_password, true);
        const users = await app.inject({ url: '/api/users', headers: { cookie } });
        assert.equal(users.statusCode, 403);
        assert.equal(users.json().code, 'auth.password_change_required');
        const change = (current: string, next: string) =>
          app.inject({
            method: 'POST',
            url: '/api/auth/change-password',
            headers: { cookie },
            payload: { current_password: current, new_password: next },
          });
        assert.equal(
          (await change('not-it', 'a-new-good-password')).json().code,
          'auth.current_password_wrong',
        );
        assert.equal((await change(first.password, 'short')).json().code, 'auth.weak_password');
        const ok = await change(first.password, 'a-new-good-password');
        assert.equal(ok.statusCode, 200, ok.body);
        assert.equal(ok.json().user.must_change_password, false);
        assert.equal((await app.inject({ url: '/api/users', headers: { cookie } })).statusCode, 200);
        const relog = await loginRequest(app, 'admin', 'a-new-good-password');
        assert.equal(relog.statusCode, 200);
        const audit = await queryAudit(fresh.state, { action: 'auth.password_changed', limit: 5, offset: 0 });
        assert.equal(audit.total, 1);
      } finally {
        await fresh.close();
      }
    });

    test('roles: auditor reads but cannot write; non-admins cannot manage users', async () => {
      const app = await server();
      const auditor = await loginCookie(app, 'auditor', DEMO_PASSWORD);
      const bank = await loginCookie(app, 'bank', DEMO_PASSWORD);
      const payload = {
        username: 'newuser',
        display_name: 'N',
        role: 'regulator',
        password: 'a-long-password-1',
      };
      const byAuditor = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: auditor },
        payload,
      });
      assert.equal(byAuditor.statusCode, 403);
      assert.equal(byAuditor.json().code, 'auth.read_only');
      const byBank = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: bank },
        payload,
      });
      assert.equal(byBank.statusCode, 403);
      assert.equal(byBank.json().code, 'auth.forbidden');
      assert.equal((await app.inject({ url: '/api/audit', headers: { cookie: auditor } })).statusCode, 200);
      assert.equal((await app.inject({ url: '/api/audit', headers: { cookie: bank } })).statusCode, 403);
      const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: auditor } });
      assert.equal(out.statusCode, 200);
    });

    test('admin creates, lists, disables and enables users; bindings are checked', async () => {
      const app = await server();
      const admin = await loginCookie(app, 'admin', DEMO_PASSWORD);
      const post = (url: string, payload?: object) =>
        app.inject({ method: 'POST', url, headers: { cookie: admin }, ...(payload && { payload }) });
      const base = { display_name: '测试', password: 'a-long-password-1' };
      const noCode = await post('/api/users', { ...base, username: 'inst1', role: 'institution' });
      assert.equal(noCode.json().code, 'users.binding_invalid');
      const badDistrict = await post('/api/users', {
        ...base,
        username: 'd1',
        role: 'district',
        district_code: '999999',
      });
      assert.equal(badDistrict.json().code, 'users.binding_invalid');
      const created = await post('/api/users', {
        ...base,
        username: 'inst1',
        role: 'institution',
        institution_code: 'C10000009',
      });
      assert.equal(created.statusCode, 201, created.body);
      const u = created.json();
      assert.equal(u.must_change_password, true);
      assert.equal(u.disabled, false);
      assert.equal('password_hash' in u, false);
      const dup = await post('/api/users', { ...base, username: 'inst1', role: 'regulator' });
      assert.equal(dup.statusCode, 409);
      assert.equal(dup.json().code, 'users.username_taken');

      const list = await app.inject({ url: '/api/users?limit=2&offset=0', headers: { cookie: admin } });
      assert.equal(list.statusCode, 200);
      assert.equal(list.json().items.length, 2);
      assert.ok(list.json().total >= 7);

      const userCookie = await loginCookie(app, 'inst1', 'a-long-password-1');
      assert.equal((await post(`/api/users/${u.id}/disable`)).statusCode, 200);
      assert.equal((await app.inject({ url: '/api/me', headers: { cookie: userCookie } })).statusCode, 401);
      assert.equal((await loginRequest(app, 'inst1', 'a-long-password-1')).statusCode, 401);
      assert.equal((await post(`/api/users/${u.id}/enable`)).statusCode, 200);
      assert.equal((await loginRequest(app, 'inst1', 'a-long-password-1')).statusCode, 200);
      assert.equal((await post('/api/users/nope/disable')).json().code, 'users.not_found');

      const audit = await queryAudit(stores.state, { object_id: u.id, actor: 'admin', limit: 10, offset: 0 });
      assert.deepEqual(
        audit.items.map((a) => a.action),
        ['users.enable', 'users.disable', 'users.create'],
      );
    });
  });
}
