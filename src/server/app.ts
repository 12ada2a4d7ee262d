// The HTTP server factory: builds a Fastify app from its dependencies without listening (tests use
// app.inject). Registers cookies, rate limiting, OpenAPI, the error catalog, authentication, the platform's own
// routes (health, auth, users, audit, docs) and every capability's route plugin under /api.
import { resolve } from 'node:path';

import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';

import { auditSink } from '../audit/store.ts';
import { ROUTE_ACCESS, type Access } from '../http/access.ts';
import { auditRoutes } from '../audit/routes.ts';
import { decorateAuth, installAuthHook } from '../auth/hook.ts';
import { DEFAULT_AUTH_POLICY, SESSION_COOKIE, type AuthPolicy } from '../auth/policy.ts';
import { authRoutes } from '../auth/routes.ts';
import { usersRoutes } from '../auth/users.routes.ts';
import type { Config } from '../config/config.ts';
import type { Stores } from '../store/stores.ts';
import { docsRoutes } from './docs.ts';
import { installErrorHandlers } from './error-handler.ts';
import { appError } from '../http/errors.ts';
import { healthRoutes } from './health.ts';
import { API_DESCRIPTION, API_TITLE, API_VERSION } from './openapi-info.ts';
import type { AuditEvent, RouteDeps, RoutesPlugin } from '../http/route-context.ts';

export interface ServerDeps {
  config: Config;
  stores: Stores;
  now(): Date;
  /** Capability route plugins, registered under /api after authentication. */
  routes?: RoutesPlugin[];
  /** Serve the built web app from this folder (index.html for unknown non-API GETs: SPA fallback). */
  webRoot?: string;
  /** Overrides of the lockout / session / rate-limit policy (tests use small values). */
  authPolicy?: Partial<AuthPolicy>;
  /** Overrides the audit sink (default: the state store's audit_log). */
  audit?(event: AuditEvent): Promise<void>;
  /** Trust X-Forwarded-* (behind a TLS-terminating reverse proxy). */
  trustProxy?: boolean;
  logger?: boolean;
  /** Access entries of routes outside ROUTE_ACCESS (tests' sample routes); merged over the table. */
  access?: Readonly<Record<string, Access>>;
  /** Largest JSON body in bytes (uploads go through multipart with their own limit). Default 1 MiB. */
  bodyLimit?: number;
  /** Time (ms) to receive a whole request, headers and body, before it is cut. Default REQUEST_TIMEOUT_MS. */
  requestTimeout?: number;
}

/**
 * Time to receive a whole request (not to answer it: a long ingest after the body has arrived is not cut): a
 * 2 GiB upload at ~1.2 MB/s still fits; the connection of a stalled or trickled body is closed.
 */
export const REQUEST_TIMEOUT_MS = 30 * 60_000;

/** Does any string in a parsed body, query or params hold a NUL (which PostgreSQL cannot store)? */
export function hasNul(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (Array.isArray(v)) return v.some(hasNul);
  if (v !== null && typeof v === 'object') return Object.values(v).some(hasNul);
  return false;
}

/** Config's trust-proxy value as Fastify takes it (a hop count becomes a function of the hop). */
function fastifyTrustProxy(
  v: boolean | number | string,
): boolean | string | ((a: string, hop: number) => boolean) {
  return typeof v === 'number' ? (_address: string, hop: number) => hop < v : v;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Content-Security-Policy of every answer: own scripts only (antd needs inline styles), no framing. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
  "frame-ancestors 'none'";

/** Whether a state-changing request comes from this site (or from a non-browser client sending no Origin). */
export function sameOrigin(
  origin: string | undefined,
  host: string | undefined,
  fetchSite: string | string[] | undefined,
): boolean {
  if (origin === undefined)
    return fetchSite === undefined || fetchSite === 'same-origin' || fetchSite === 'none';
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const policy: AuthPolicy = { ...DEFAULT_AUTH_POLICY, ...deps.authPolicy };
  const routeDeps: RouteDeps = {
    config: deps.config,
    stores: deps.stores,
    now: deps.now,
    audit: deps.audit ?? auditSink(deps.stores.state, deps.now),
  };
  const app = Fastify({
    logger: deps.logger ?? false,
    trustProxy: fastifyTrustProxy(deps.trustProxy ?? deps.config.trustProxy ?? false),
    bodyLimit: deps.bodyLimit ?? 1024 * 1024,
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false },
    },
  });
  installErrorHandlers(app, deps.webRoot !== undefined);
  await app.register(fastifyCookie, { secret: deps.config.sessionSecret.toString('utf8') });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => appError('rate_limited', { retry_after: context.after }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: API_TITLE, version: API_VERSION, description: API_DESCRIPTION },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    // Public routes need no session cookie: say so in the document.
    transform: ({ schema, url, route }) => ({
      schema: route.config?.public ? { ...schema, security: [] } : schema,
      url,
    }),
  });
  decorateAuth(app, routeDeps);
  // JSON only where JSON is expected: no text/plain bodies (multipart only on the upload routes' own scopes).
  app.removeContentTypeParser('text/plain');
  // State-changing requests from another site are refused (CSRF): a browser sends Origin (or Sec-Fetch-Site) on
  // every cross-origin POST/PUT/PATCH/DELETE; it must name this host. Non-browser clients send neither.
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (!sameOrigin(request.headers.origin, request.headers.host, request.headers['sec-fetch-site']))
      throw appError('request.cross_origin');
  });
  // A request whose body has not fully arrived in time loses its connection (slow bodies hold a lane and a file).
  const receiveTimeout = deps.requestTimeout ?? REQUEST_TIMEOUT_MS;
  app.addHook('onRequest', async (request) => {
    const raw = request.raw;
    if (raw.complete) return;
    const timer = setTimeout(() => {
      if (!raw.complete) raw.socket.destroy();
    }, receiveTimeout).unref(); // never what keeps the process alive
    const done = () => clearTimeout(timer);
    raw.once('end', done);
    raw.once('close', done);
  });
  // A NUL in any text field is refused with a code before validation (PostgreSQL text cannot hold it: a 500).
  app.addHook('preValidation', async (request) => {
    if (hasNul(request.body) || hasNul(request.query) || hasNul(request.params))
      throw appError('request.invalid', { reason: 'NUL character (U+0000) in the request' });
  });
  app.addHook('onSend', async (request, reply) => {
    void reply.header('content-security-policy', CSP);
    if (request.protocol === 'https')
      void reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'same-origin');
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });

  await app.register(
    async (api) => {
      installAuthHook(api, routeDeps, { ...ROUTE_ACCESS, ...deps.access });
      await api.register(async (s) => healthRoutes(s, routeDeps));
      await api.register(async (s) => docsRoutes(s));
      await api.register(async (s) => authRoutes(s, routeDeps, policy));
      await api.register(async (s) => usersRoutes(s, routeDeps));
      await api.register(async (s) => auditRoutes(s, routeDeps));
      for (const plugin of deps.routes ?? []) await api.register(async (s) => plugin(s, routeDeps));
    },
    { prefix: '/api' },
  );

  if (deps.webRoot !== undefined) {
    await app.register(fastifyStatic, { root: resolve(deps.webRoot), prefix: '/', index: ['index.html'] });
  }
  await app.ready();
  return app;
}
