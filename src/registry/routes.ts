// HTTP route of the enterprise registry (under /api): admins and regulators upload a registry file (multipart,
// streamed to disk with the upload size limit), imported all-or-nothing by importRegistry. Audited.
import type { FastifyInstance } from 'fastify';

import { registerMultipart, type Upload } from '../loans/routes.upload.ts';
import { errorResponses } from '../http/errors.ts';
import type { RouteDeps } from '../http/route-context.ts';
import { importRegistry } from './import.ts';
import { importListFile, listSchemes } from './lists.ts';
import { answerImport, importResponses } from './routes.import.ts';

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

/** The answer to an import: its outcome, its counts (in this order) and its violations (also the official-series import's). */
export function importResultSchema<C extends Record<string, object>>(counts: C) {
  const properties = {
    status: { type: 'string', enum: ['imported', 'rejected', 'duplicate'] },
    import_id: { type: ['string', 'null'] },
    ...counts,
    violations: { type: 'array', items: violationSchema },
    violations_truncated: { type: 'boolean' },
  } as const;
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties) as (keyof typeof properties)[],
    properties,
  } as const;
}

const resultSchema = importResultSchema({
  rows: { type: 'integer' },
  enterprises: { type: 'integer' },
  qualifications: { type: 'integer' },
} as const);

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
        response: importResponses(resultSchema),
      },
    },
    async (request, reply) =>
      answerImport(
        request,
        reply,
        deps,
        { action: 'registry.import', object_type: 'registry_import' },
        (upload) => importRegistry(deps.stores.analytics, upload.path, deps.now),
      ),
  );

  app.get(
    '/registry/lists',
    {
      preHandler: app.authorize('admin', 'regulator'),
      schema: {
        tags: ['registry'],
        summary: 'The list schemes (DATA-SPEC §4) with their versions and current entries',
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: [
                'scheme',
                'name_zh',
                'name_en',
                'caliber',
                'parent',
                'origin',
                'versions',
                'current_version',
                'entries',
              ],
              properties: {
                scheme: { type: 'string' },
                name_zh: { type: 'string' },
                name_en: { type: 'string' },
                caliber: { type: 'string', enum: ['pboc', 'nfra_s70', 'local'] },
                parent: { type: ['string', 'null'] },
                origin: { type: 'string' },
                versions: { type: 'string' },
                current_version: { type: ['string', 'null'] },
                entries: { type: 'string' },
              },
            },
          },
          ...errorResponses(403),
        },
      },
    },
    async () => listSchemes(deps.stores.analytics),
  );

  const listResult = importResultSchema({
    scheme: { type: 'string' },
    list_version: { type: 'string' },
    rows: { type: 'integer' },
    superseded: { type: 'integer' },
  } as const);

  app.post<{ Params: { scheme: string }; Querystring: { list_version: string; replace?: boolean } }>(
    '/registry/lists/:scheme/imports',
    {
      preHandler: app.authorize('admin', 'regulator'),
      schema: {
        tags: ['registry'],
        summary: 'Import one list file as a new version of a list scheme (multipart, part "file")',
        consumes: ['multipart/form-data'],
        params: {
          type: 'object',
          required: ['scheme'],
          properties: { scheme: { type: 'string', pattern: '^[a-z0-9_]{1,40}$' } },
        },
        querystring: {
          type: 'object',
          required: ['list_version'],
          additionalProperties: false,
          properties: {
            list_version: { type: 'string', minLength: 1, maxLength: 80 },
            replace: { type: 'boolean', default: false },
          },
        },
        response: importResponses(listResult),
      },
    },
    async (request, reply) =>
      answerImport(
        request,
        reply,
        deps,
        {
          action: 'registry.list_import',
          object_type: 'list_import',
          detail: (res) => ({
            scheme: res.scheme,
            list_version: res.list_version,
            replace: request.query.replace === true,
          }),
        },
        (upload: Upload) =>
          importListFile(
            deps.stores.analytics,
            {
              scheme: request.params.scheme,
              path: upload.path,
              listVersion: request.query.list_version,
              replace: request.query.replace === true,
            },
            deps.now,
          ),
      ),
  );
}
