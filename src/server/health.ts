// Liveness (/api/health: the process answers) and readiness (/api/ready: both stores answer a trivial query).
import type { FastifyInstance } from 'fastify';

import { appError, errorResponses } from '../http/errors.ts';
import type { RouteDeps } from '../http/route-context.ts';

const tags = ['health'];

export async function healthRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Liveness',
        response: {
          200: {
            type: 'object',
            required: ['status'],
            additionalProperties: false,
            properties: { status: { type: 'string', enum: ['ok'] } },
          },
        },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Readiness: the state and analytics stores answer',
        response: {
          200: {
            type: 'object',
            required: ['status', 'state', 'analytics'],
            additionalProperties: false,
            properties: {
              status: { type: 'string', enum: ['ready'] },
              state: { type: 'string' },
              analytics: { type: 'string' },
            },
          },
          ...errorResponses(503),
        },
      },
    },
    async (request) => {
      const failed: Record<string, string> = {};
      try {
        await deps.stores.state.query('SELECT 1 AS ok');
      } catch (e) {
        request.log.error({ err: e }, 'state store not ready');
        failed.state = 'unavailable';
      }
      try {
        await deps.stores.analytics.all('SELECT 1 AS ok');
      } catch (e) {
        request.log.error({ err: e }, 'analytics store not ready');
        failed.analytics = 'unavailable';
      }
      if (Object.keys(failed).length > 0) throw appError('unavailable', failed);
      return { status: 'ready' as const, state: deps.stores.state.kind, analytics: 'duckdb' };
    },
  );
}
