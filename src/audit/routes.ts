// GET /api/audit: the audit log, filtered and paged, for admins and auditors only.
import type { FastifyInstance } from 'fastify';

import { errorResponses } from '../http/errors.ts';
import { pageSchema, pagingQuerySchema } from '../http/paging.ts';
import type { RouteDeps } from '../http/route-context.ts';
import { queryAudit } from './store.ts';

interface AuditQuery {
  actor?: string;
  action?: string;
  object_type?: string;
  object_id?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

const entrySchema = {
  type: 'object',
  required: ['id', 'at', 'actor', 'action', 'object_type', 'object_id', 'detail', 'ip'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    at: { type: 'string', format: 'date-time' },
    actor: { type: ['string', 'null'] },
    action: { type: 'string' },
    object_type: { type: 'string' },
    object_id: { type: ['string', 'null'] },
    detail: { type: 'object', additionalProperties: true },
    ip: { type: ['string', 'null'] },
  },
} as const;

const text = { type: 'string', minLength: 1, maxLength: 200 } as const;

export async function auditRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  app.get<{ Querystring: AuditQuery }>(
    '/audit',
    {
      preHandler: app.authorize('admin', 'auditor'),
      schema: {
        tags: ['audit'],
        summary: 'Read the append-only audit log, newest first (admin, auditor)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            actor: text,
            action: text,
            object_type: text,
            object_id: text,
            from: { type: 'string', format: 'date-time' },
            to: { type: 'string', format: 'date-time' },
            ...pagingQuerySchema,
          },
        },
        response: {
          200: pageSchema(entrySchema),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const { items, total } = await queryAudit(deps.stores.state, {
        ...(q.actor !== undefined && { actor: q.actor }),
        ...(q.action !== undefined && { action: q.action }),
        ...(q.object_type !== undefined && { object_type: q.object_type }),
        ...(q.object_id !== undefined && { object_id: q.object_id }),
        ...(q.from !== undefined && { from: new Date(q.from) }),
        ...(q.to !== undefined && { to: new Date(q.to) }),
        limit: q.limit,
        offset: q.offset,
      });
      return { items, total, limit: q.limit, offset: q.offset };
    },
  );
}
