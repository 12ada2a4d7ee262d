// Test helpers for HTTP tests: a fixed configuration, a settable clock, and login via app.inject.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

import { inertConfig, type Config } from '../config/config.ts';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return inertConfig(
    {
      hmacKey: Buffer.from('test-hmac-key-test-hmac-key-test-hmac-key', 'utf8'),
      sessionSecret: Buffer.from('test-session-secret-test-session-secret', 'utf8'),
    },
    overrides,
  );
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
