// The authentication hook and decorators: reads the signed session cookie, loads the user, and enforces
// deny-by-default, forced password change and read-only auditors (see src/http/route-context.ts for route flags).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { accessOf, roleMayCall, ROUTE_ACCESS, type Access } from '../http/access.ts';
import { appError } from '../http/errors.ts';
import type { AuthUser, Role, RouteDeps } from '../http/route-context.ts';
import { SESSION_COOKIE } from './policy.ts';
import { SessionCache } from './session-cache.ts';
import { toAuthUser, userBySession, type UserRow } from './store.ts';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session token of a request's cookie, if present and correctly signed. */
export function sessionToken(request: FastifyRequest): string | null {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const r = request.unsignCookie(raw);
  return r.valid && r.value ? r.value : null;
}

interface Loaded {
  user: AuthUser;
  mustChangePassword: boolean;
}

const loaded = new WeakMap<FastifyRequest, Loaded | null>();
const sessionCaches = new WeakMap<RouteDeps, SessionCache<UserRow>>();

async function loadUser(request: FastifyRequest, deps: RouteDeps): Promise<Loaded | null> {
  if (loaded.has(request)) return loaded.get(request) ?? null;
  const token = sessionToken(request);
  let cache = sessionCaches.get(deps);
  if (!cache) sessionCaches.set(deps, (cache = new SessionCache()));
  const now = deps.now();
  const row = token
    ? await cache.get(token, now, async () => {
        const r = await userBySession(deps.stores.state, token, now);
        return r && { value: r.user, expiresAt: r.expires_at };
      })
    : null;
  const out = row ? { user: toAuthUser(row), mustChangePassword: row.must_change_password } : null;
  loaded.set(request, out);
  request.authUser = out?.user ?? null;
  return out;
}

/** Checks that apply to every authenticated route; throws coded 401/403 errors. */
async function enforce(request: FastifyRequest, deps: RouteDeps): Promise<void> {
  const cfg = request.routeOptions.config;
  const who = await loadUser(request, deps);
  if (cfg.public) return;
  if (!who) throw appError('auth.unauthenticated');
  if (cfg.selfService) return;
  if (who.mustChangePassword) throw appError('auth.password_change_required');
  if (who.user.role === 'auditor' && !READ_METHODS.has(request.method)) throw appError('auth.read_only');
}

/** Root-level decorators: request.user / authUser / audit, app.authenticate / authorize. */
export function decorateAuth(app: FastifyInstance, deps: RouteDeps): void {
  app.decorateRequest('authUser', null);
  app.decorateRequest('user', {
    getter(this: FastifyRequest): AuthUser {
      if (!this.authUser) throw appError('auth.unauthenticated');
      return this.authUser;
    },
  });
  app.decorateRequest('audit', function (this: FastifyRequest, event) {
    return deps.audit({ ...event, actor: this.authUser?.username ?? null, ip: this.ip });
  });
  app.decorate('authenticate', async (request: FastifyRequest, _reply: FastifyReply) => {
    await enforce(request, deps);
    if (!request.authUser) throw appError('auth.unauthenticated');
  });
  app.decorate(
    'authorize',
    (...roles: Role[]) =>
      async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
        await enforce(request, deps);
        if (!roles.includes(request.user.role)) throw appError('auth.forbidden', { required_roles: roles });
      },
  );
}

/**
 * Installs deny-by-default authentication on every route of `scope` (the /api instance), and the role check of
 * src/http/access.ts: a route without an entry there cannot be registered; a role not listed gets 403 before
 * the body is read.
 */
export function installAuthHook(
  scope: FastifyInstance,
  deps: RouteDeps,
  table: Readonly<Record<string, Access>> = ROUTE_ACCESS,
): void {
  scope.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      if (m === 'HEAD' || m === 'OPTIONS') continue;
      if (accessOf(m, route.url, table) === undefined)
        throw new Error(`route ${m} ${route.url} has no entry in src/http/access.ts (ROUTE_ACCESS)`);
    }
  });
  scope.addHook('onRequest', async (request) => {
    if (request.is404) return;
    await enforce(request, deps);
    const access = accessOf(request.method, request.routeOptions.url ?? '', table);
    if (access === undefined) throw appError('auth.forbidden');
    const user = request.authUser;
    if (access !== 'public' && (!user || !roleMayCall(access, user.role)))
      throw appError('auth.forbidden', { required_roles: access });
  });
}

/** The request's authenticated user; throws a coded 401 when there is none. */
export function requireUser(request: FastifyRequest): AuthUser {
  if (!request.authUser) throw appError('auth.unauthenticated');
  return request.authUser;
}
