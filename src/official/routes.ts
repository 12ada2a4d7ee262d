// HTTP routes of the official series (under /api): the statistics division uploads a file (multipart, streamed
// to disk with the upload limit; a new version, audited), lists the versions, and reads the completeness control
// and the city reconciliation of a period (tolerance overridable per request, shown in the answer).
import type { FastifyInstance } from 'fastify';

import { errorResponses } from '../http/errors.ts';
import type { RouteDeps } from '../http/route-context.ts';
import { registerMultipart } from '../loans/routes.upload.ts';
import { answerImport, importResponses } from '../registry/routes.import.ts';
import { importResultSchema } from '../registry/routes.ts';
import { periodSchema } from '../stats/routes.schemas.ts';
import { loadOfficialConfig } from './config.ts';
import { importOfficialSeries, listOfficialImports } from './import.ts';
import { officialView } from './service.ts';

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const decimal = { type: 'string', pattern: '^[0-9]{1,16}([.][0-9]{1,6})?$' } as const;

const object = <P extends Record<string, object>>(properties: P) =>
  ({
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties) as (keyof P)[],
    properties,
  }) as const;

const resultSchema = importResultSchema({
  rows: { type: 'integer' },
  periods: { type: 'array', items: str },
} as const);

const toleranceSchema = object({ relative: str, absolute: str, note_zh: str, note_en: str });

const viewSchema = object({
  period: str,
  as_of: str,
  config_version: str,
  tolerance: toleranceSchema,
  completeness: {
    type: 'array',
    items: object({
      institution_code: str,
      institution_name: strOrNull,
      official: strOrNull,
      official_source: strOrNull,
      file_total: strOrNull,
      entrusted: strOrNull,
      fivefin: strOrNull,
      difference: strOrNull,
      tolerance: strOrNull,
      status: { type: 'string', enum: ['within', 'outside', 'no_file', 'no_official'] },
      under_review: { type: 'boolean' },
    }),
  },
  reconciliation: {
    type: 'array',
    items: object({
      series: str,
      official: str,
      official_source: str,
      official_import_id: str,
      fivefin: str,
      difference: str,
      missing_banks: str,
      under_review: str,
      exclusions: str,
      provisional: str,
      unexplained: str,
    }),
  },
});

export async function officialRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  await registerMultipart(app, deps.config.maxUploadBytes);

  app.post(
    '/official/imports',
    {
      preHandler: app.authorize('admin', 'regulator'),
      schema: {
        tags: ['official'],
        summary:
          'Import an official series file (multipart, part "file": CSV UTF-8/GB18030 or XLSX) as a new version',
        consumes: ['multipart/form-data'],
        response: importResponses(resultSchema),
      },
    },
    async (request, reply) =>
      answerImport(
        request,
        reply,
        deps,
        { action: 'official.import', object_type: 'official_import' },
        (upload) =>
          importOfficialSeries(deps.stores.analytics, upload.path, {
            actor: request.user.username,
            fileName: upload.fileName,
            now: deps.now,
          }),
      ),
  );

  app.get(
    '/official/imports',
    {
      schema: {
        tags: ['official'],
        summary: 'The official series imports (each a version), newest first',
        response: {
          200: {
            type: 'array',
            items: object({
              import_id: str,
              file_name: str,
              row_count: str,
              imported_by: str,
              imported_at: str,
              periods: { type: 'array', items: str },
            }),
          },
          ...errorResponses(403),
        },
      },
    },
    async () => listOfficialImports(deps.stores.analytics),
  );

  app.get<{ Querystring: { period: string; tolerance_relative?: string; tolerance_absolute?: string } }>(
    '/official/reconciliation',
    {
      schema: {
        tags: ['official'],
        summary:
          "A period's completeness control of every bank file and the city reconciliation with the official series",
        querystring: {
          type: 'object',
          required: ['period'],
          additionalProperties: false,
          properties: { period: periodSchema, tolerance_relative: decimal, tolerance_absolute: decimal },
        },
        response: { 200: viewSchema, ...errorResponses(400, 403) },
      },
    },
    async (request) => {
      const tol = loadOfficialConfig().completeness_tolerance;
      const q = request.query;
      return officialView(deps.stores, q.period, deps.now(), {
        ...tol,
        relative: q.tolerance_relative ?? tol.relative,
        absolute: q.tolerance_absolute ?? tol.absolute,
      });
    },
  );
}
