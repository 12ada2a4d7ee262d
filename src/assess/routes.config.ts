// Assessment routes for the indicator configuration (versions, YAML upload) and reviewers' qualitative scores.
import type { FastifyInstance } from 'fastify';

import { errorResponses } from '../http/errors.ts';
import type { RouteDeps } from '../http/route-context.ts';
import { configSchema, periodParam } from './routes.schemas.ts';
import { getConfigVersion, listConfigVersions, putConfigVersion, putQualitativeScore } from './store.ts';
import { sendErrors } from './routes.shared.ts';

export async function configRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { state } = deps.stores;

  app.get<{ Querystring: { version?: number } }>(
    '/assess/config',
    {
      schema: {
        tags: ['assess'],
        summary: 'The indicator configuration (newest, or a given version) with its YAML source',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { version: { type: 'integer', minimum: 1 } },
        },
        response: { 200: configSchema, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const cv = await getConfigVersion(state, request.query.version);
      if (!cv)
        return reply.code(404).send({
          code: 'ASSESS_CONFIG_NOT_FOUND',
          message_zh: '指标配置版本不存在',
          message_en: 'Configuration version not found',
        });
      return cv;
    },
  );

  app.get(
    '/assess/config/versions',
    {
      schema: {
        tags: ['assess'],
        summary: 'Every stored configuration version',
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['version', 'label', 'created_by', 'created_at'],
              properties: {
                version: { type: 'integer' },
                label: { type: 'string' },
                created_by: { type: 'string' },
                created_at: { type: 'string' },
              },
            },
          },
        },
      },
    },
    async () => listConfigVersions(state),
  );

  app.put<{ Body: { yaml: string } }>(
    '/assess/config',
    {
      preHandler: app.authorize('admin'),
      schema: {
        tags: ['assess'],
        summary: 'Publish a new configuration version (admin); validated, stored, never overwriting',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['yaml'],
          properties: { yaml: { type: 'string', minLength: 1, maxLength: 500_000 } },
        },
        response: { 201: configSchema, ...errorResponses(400, 403) },
      },
    },
    async (request, reply) => {
      const r = await putConfigVersion(state, request.body.yaml, request.user.username, deps.now());
      if (!r.ok) return sendErrors(reply, r.errors);
      await request.audit({
        action: 'assess.config.put',
        object_type: 'assess_config',
        object_id: String(r.value.version),
      });
      return reply.code(201).send(r.value);
    },
  );

  app.put<{
    Body: {
      period: string;
      subject_kind: 'bank' | 'district';
      subject_code: string;
      indicator_id: string;
      score: string;
      comment?: string;
    };
  }>(
    '/assess/qualitative',
    {
      preHandler: app.authorize('admin', 'regulator'),
      schema: {
        tags: ['assess'],
        summary: "Enter a reviewer's qualitative score (0–100) for one subject, indicator and period",
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['period', 'subject_kind', 'subject_code', 'indicator_id', 'score'],
          properties: {
            period: periodParam,
            subject_kind: { type: 'string', enum: ['bank', 'district'] },
            subject_code: { type: 'string', minLength: 1, maxLength: 64 },
            indicator_id: { type: 'string', minLength: 1, maxLength: 100 },
            score: { type: 'string', pattern: '^\\d{1,3}(\\.\\d{1,2})?$' },
            comment: { type: 'string', maxLength: 2000 },
          },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['ok'],
            properties: { ok: { type: 'boolean' } },
          },
          ...errorResponses(400, 403),
        },
      },
    },
    async (request, reply) => {
      const cv = await getConfigVersion(state);
      if (!cv) throw new Error('no configuration');
      const r = await putQualitativeScore(state, cv.config, request.body, request.user.username, deps.now());
      if (!r.ok) return sendErrors(reply, r.errors);
      await request.audit({
        action: 'assess.qualitative.put',
        object_type: 'assess_qualitative',
        object_id: `${request.body.period}:${request.body.subject_kind}:${request.body.subject_code}:${request.body.indicator_id}`,
        detail: { score: request.body.score },
      });
      return { ok: true };
    },
  );
}
