// Session routes: login, logout, the current user, and changing one's own password.
import type { FastifyInstance, FastifyReply } from 'fastify';

import { appError, errorResponses } from '../http/errors.ts';
import type { RouteDeps } from '../http/route-context.ts';
import { sessionToken } from './hook.ts';
import { login } from './login.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { SESSION_COOKIE, type AuthPolicy } from './policy.ts';
import { changePasswordBodySchema, loginBodySchema, okSchema, userSchema } from './schemas.ts';
import { deleteSession, deleteUserSessions, publicUser, setPassword, userById } from './store.ts';

const tags = ['auth'];

const meResponse = {
  type: 'object',
  required: ['user'],
  additionalProperties: false,
  properties: { user: userSchema },
} as const;

function setSessionCookie(reply: FastifyReply, policy: AuthPolicy, token: string, expires: Date, now: Date) {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: policy.secureCookies,
    signed: true,
    maxAge: Math.max(0, Math.floor((expires.getTime() - now.getTime()) / 1000)),
  });
}

export async function authRoutes(app: FastifyInstance, deps: RouteDeps, policy: AuthPolicy): Promise<void> {
  app.post<{ Body: { username: string; password: string } }>(
    '/auth/login',
    {
      config: { public: true, rateLimit: { max: policy.loginRatePerMinute, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Log in with user name and password; sets the session cookie',
        body: loginBodySchema,
        response: { 200: meResponse, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const r = await login(
        { state: deps.stores.state, audit: deps.audit, policy, now: deps.now },
        { username: request.body.username, password: request.body.password, ip: request.ip },
      );
      if (!r.ok) throw r.error;
      setSessionCookie(reply, policy, r.token, r.expires_at, deps.now());
      return { user: publicUser(r.user) };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { public: true, selfService: true },
      schema: { tags, summary: 'Log out: ends the session', response: { 200: okSchema } },
    },
    async (request, reply) => {
      const token = sessionToken(request);
      if (token) await deleteSession(deps.stores.state, token);
      if (request.authUser) {
        await request.audit({ action: 'auth.logout', object_type: 'user', object_id: request.authUser.id });
      }
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/me',
    {
      config: { selfService: true },
      schema: { tags, summary: 'The logged-in user', response: { 200: meResponse, ...errorResponses(401) } },
    },
    async (request) => {
      const row = await userById(deps.stores.state, request.user.id);
      if (!row) throw appError('auth.unauthenticated');
      return { user: publicUser(row) };
    },
  );

  app.post<{ Body: { current_password: string; new_password: string } }>(
    '/auth/change-password',
    {
      config: { selfService: true, rateLimit: { max: policy.loginRatePerMinute, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Change your own password (required before anything else after an admin set it)',
        body: changePasswordBodySchema,
        response: { 200: meResponse, ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => {
      const state = deps.stores.state;
      const row = await userById(state, request.user.id);
      if (!row) throw appError('auth.unauthenticated');
      const { current_password, new_password } = request.body;
      if (!(await verifyPassword(row.password_hash, current_password))) {
        await request.audit({
          action: 'auth.password_change_failed',
          object_type: 'user',
          object_id: row.id,
          detail: { reason: 'current_password_wrong' },
        });
        throw appError('auth.current_password_wrong');
      }
      const problem = passwordProblem(row.username, new_password, current_password);
      if (problem) throw appError('auth.weak_password', { reason: problem });
      const now = deps.now();
      await setPassword(state, row.id, await hashPassword(new_password), false, now);
      const token = sessionToken(request);
      await deleteUserSessions(state, row.id, token ?? undefined);
      await request.audit({ action: 'auth.password_changed', object_type: 'user', object_id: row.id });
      return { user: { ...publicUser(row), must_change_password: false } };
    },
  );
}
