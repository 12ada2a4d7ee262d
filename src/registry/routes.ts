// HTTP route of the enterprise registry (under /api): admins and regulators upload a registry file (multipart,
// streamed to disk with the upload size limit), imported all-or-nothing by importRegistry. Audited.
import type { FastifyInstance } from 'fastify';

import { receiveUpload, registerMultipart } from '../loans/routes.upload.ts';
import { errorResponses } from '../http/errors.ts';
import { dataChanged } from '../stats/routes.cache.ts';
import type { RouteDeps } from '../http/route-context.ts';
import { importRegistry } from './import.ts';

const RESPONSE_VIOLATION_LIMIT = 1000;

const violationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['rule_id', 'row', 'column', 'value', 'message_zh', 'message_en'],
  properties: {
    rule_id: { type: 'string' },
    row: { type: ['integer', 'null'] },
    column: { type: ['string', 'null'] },
    value: { type: ['string', 'null'] },
    message_zh: { type: 'string' },
    message_en: { type: 'string' },
  },
} as const;

const resultSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'status',
    'import_id',
    'rows',
    'enterprises',
    'qualifications',
    'violations',
    'violations_truncated',
  ],
  properties: {
    status: { type: 'string', enum: ['imported', 'rejected', 'duplicate'] },
    import_id: { type: ['string', 'null'] },
    rows: { type: 'integer' },
    enterprises: { type: 'integer' },
    qualifications: { type: 'integer' },
    violations: { type: 'array', items: violationSchema },
    violations_truncated: { type: 'boolean' },
  },
} as const;

export async function registryRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  await registerMultipart(app, deps.config.maxUploadBytes);

  app.post(
    '/registry/imports',
    {
      preHandler: app.authorize('admin', 'regulator'),
      schema: {
        tags: ['registry'],
        summary: 'Import an enterprise registry file (multipart, part "file": CSV UTF-8/GB18030 or XLSX)',
        consumes: ['multipart/form-data'],
        response: {
          200: resultSchema,
          201: resultSchema,
          422: resultSchema,
          ...errorResponses(400, 403, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const upload = await receiveUpload(request, deps.config.dataDir, deps.config.maxUploadBytes);
      try {
        const res = await importRegistry(deps.stores.analytics, upload.path, deps.now);
        if (res.status === 'imported') dataChanged(deps.stores.analytics);
        await request.audit({
          action: 'registry.import',
          object_type: 'registry_import',
          object_id: res.import_id,
          detail: {
            status: res.status,
            file_name: upload.fileName,
            rows: res.rows,
            violations: res.violations.length,
          },
        });
        const code = res.status === 'imported' ? 201 : res.status === 'rejected' ? 422 : 200;
        return reply.code(code).send({
          ...res,
          import_id: res.import_id === null ? null : String(res.import_id),
          violations: res.violations.slice(0, RESPONSE_VIOLATION_LIMIT),
          violations_truncated: res.violations.length > RESPONSE_VIOLATION_LIMIT,
        });
      } finally {
        await upload.remove();
      }
    },
  );
}
