// Test helpers for HTTP tests: a fixed configuration, a settable clock, and login via app.inject.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

import { DEFAULT_REPORTING_DEADLINE, DEFAULT_V1_ACCEPTED_UNTIL, type Config } from '../config/config.ts';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    mode: 'production',
    port: 0,
    host: '127.0.0.1',
    dataDir: '/nonexistent',
    state: { kind: 'pglite', dataDir: null },
    analytics: { kind: 'duckdb', path: ':memory:' },
    hmacKey: Buffer.from('test-hmac-key-test-hmac-key-test-hmac-key', 'utf8'),
    sessionSecret: Buffer.from('test-session-secret-test-session-secret', 'utf8'),
    smtpUrl: null,
    maxUploadBytes: 1024 * 1024,
    demoLoans: 300_000,
    trustProxy: false,
    v1AcceptedUntil: DEFAULT_V1_ACCEPTED_UNTIL,
    reportingDeadline: DEFAULT_REPORTING_DEADLINE,
    ...overrides,
  };
}

/** A clock tests can move: `clock.now()`, `clock.advance(ms)`. */
export function testClock(start = '2025-06-01T08:00:00Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

/** The `name=value` pair of the session cookie a response sets, for the next request's Cookie header. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'fivefin_session');
  if (!c) throw new Error(`no session cookie in response ${res.statusCode}: ${res.body}`);
  return `${c.name}=${c.value}`;
}

export function loginRequest(
  app: FastifyInstance,
  username: string,
  password: string,
  ip = '127.0.0.1',
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });
}

/** Logs in and returns the Cookie header value; throws when the login fails. */
export async function loginCookie(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await loginRequest(app, username, password);
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return sessionCookie(res);
}
