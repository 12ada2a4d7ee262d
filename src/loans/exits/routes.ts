// Route of the loan-exits file: POST /api/loans/exits (multipart, part "file"), for the same roles as a loan
// file; a bank user files for its own institution only. 201 accepted (with warnings), 422 rejected with every
// violation coded. An accepted file makes its period's release figures stale; they are recomputed (at once or
// coalesced, stats/recompute.ts).
import type { FastifyInstance } from 'fastify';

import { errorResponses } from '../../http/errors.ts';
import type { RouteDeps } from '../../http/route-context.ts';
import { requestRecompute } from '../../stats/recompute.ts';
import { dataChanged } from '../../stats/routes.cache.ts';
import { receiveUpload, uploadInstitution } from '../routes.upload.ts';
import { ingestExitsFile } from './ingest.ts';

const strOrNull = { type: ['string', 'null'] } as const;
const violationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['rule_id', 'severity', 'row', 'column', 'value', 'message_zh', 'message_en'],
  properties: {
    rule_id: { type: 'string' },
    severity: { type: 'string' },
    row: { type: ['integer', 'null'] },
    column: strOrNull,
    value: strOrNull,
    message_zh: { type: 'string' },
    message_en: { type: 'string' },
  },
} as const;
const resultProps = {
  status: { type: 'string', enum: ['accepted', 'rejected'] },
  file_spec: { type: 'string' },
  file_name: { type: 'string' },
  institution_code: strOrNull,
  report_period: strOrNull,
  rows: { type: 'integer' },
  exit_submission_id: strOrNull,
  version: { type: ['integer', 'null'] },
  violations: { type: 'array', items: violationSchema },
} as const;
const resultSchema = {
  type: 'object',
  additionalProperties: false,
  required: Object.keys(resultProps),
  properties: resultProps,
} as const;

/** Registers POST /loans/exits on the loans plugin (multipart already registered there). */
export function registerExitRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.post<{ Querystring: { institution?: string } }>(
    '/loans/exits',
    {
      preHandler: app.authorize('admin', 'regulator', 'institution'),
      schema: {
        tags: ['loans'],
        summary:
          'Upload one loan-exits file (loan-exits-v1: 核销/转让/证券化/以物抵债 …) for one institution and month',
        consumes: ['multipart/form-data'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { institution: { type: 'string', minLength: 1, maxLength: 64 } },
        },
        response: { 201: resultSchema, 422: resultSchema, ...errorResponses(400, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      const institution = uploadInstitution(request.user, request.query.institution);
      const upload = await receiveUpload(request, deps.config.dataDir, deps.config.maxUploadBytes);
      try {
        const res = await ingestExitsFile(deps.stores.analytics, {
          path: upload.path,
          fileName: upload.fileName,
          institution,
          now: deps.now,
        });
        if (res.status === 'accepted' && res.report_period !== null) {
          await requestRecompute(deps.stores.analytics, res.report_period, {
            delayMs: deps.config.recomputeDelayMs,
            now: deps.now,
          });
          await dataChanged(deps.stores.analytics);
        }
        await request.audit({
          action: 'loans.exits_upload',
          object_type: 'exit_submission',
          object_id: res.exit_submission_id,
          detail: {
            status: res.status,
            institution_code: res.institution_code,
            report_period: res.report_period,
            file_name: res.file_name,
            errors: res.violations.filter((v) => v.severity === 'error').length,
          },
        });
        return reply.code(res.status === 'accepted' ? 201 : 422).send(res);
      } finally {
        await upload.remove();
      }
    },
  );
}
