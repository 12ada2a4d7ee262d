// HTTP routes of the loans capability (under /api): streaming upload of a bank's loan file (ingest, classify,
// aggregate), the scoped upload history, validation-report downloads and the institutions list.
// Handlers: validate (schemas) → authorize (role, scope) → domain call → respond (response schemas).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';

import type { FastifyInstance, FastifyRequest } from 'fastify';

import { scopeForUser, type Scope } from '../auth/index.ts';
import { dataChanged, sendCached, versionedCache } from '../stats/routes.cache.ts';
import { AppError, appError, errorResponses } from '../http/errors.ts';
import type { RouteDeps, RoutesPlugin } from '../http/route-context.ts';
import {
  codeSchema,
  idParams,
  institutionSchema,
  periodSchema,
  submissionItemSchema,
  uploadResultSchema,
} from './routes.schemas.ts';
import {
  getSubmission,
  listSubmissions,
  logIdOfReport,
  scopedInstitutions,
  submissionLogVersion,
} from './routes.sql.ts';
import { registerReviewRoutes } from './routes.review.ts';
import { registerExitRoutes } from './exits/routes.ts';
import { TEXT_ENCODINGS, type TextEncoding } from './ingest/detect.ts';
import { receiveUpload, registerMultipart, uploadInstitution } from './routes.upload.ts';
import { SPEC_VERSION } from './spec.ts';
import { templateWorkbook } from './template.ts';
import type { SubmitLoanFile } from './submit.ts';

/** How many violations the upload response carries; the full list is in the report files. */
export const RESPONSE_VIOLATION_LIMIT = 1000;

const REPORT_FORMATS = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
type ReportFormat = keyof typeof REPORT_FORMATS;

export function reportLinks(id: string | null): Record<ReportFormat, string> | null {
  if (id === null) return null;
  const base = `/api/loans/submissions/${id}/report`;
  return { json: `${base}.json`, csv: `${base}.csv`, xlsx: `${base}.xlsx` };
}

/** The scope of a user who may read bank-level rows (district users may not: 403). */
function bankRowScope(request: FastifyRequest): Scope {
  const scope = scopeForUser(request.user);
  if (scope.kind === 'district')
    throw appError('auth.forbidden', { reason: 'no bank-level rows for districts' });
  return scope;
}

/** The loans route plugin; `submitLoanFile` is the platform's submit pipeline (ingest, classify, aggregate). */
export function createLoansRoutes(submitLoanFile: SubmitLoanFile): RoutesPlugin {
  return async (app, deps) => loansRoutes(app, deps, submitLoanFile);
}

async function loansRoutes(
  app: FastifyInstance,
  deps: RouteDeps,
  submitLoanFile: SubmitLoanFile,
): Promise<void> {
  const { state } = deps.stores;
  // The upload history is read far more often than it grows; each answer is cached per scope and filter.
  const history = versionedCache(state, () => submissionLogVersion(state));
  await registerMultipart(app, deps.config.maxUploadBytes);
  registerReviewRoutes(app, deps);
  registerExitRoutes(app, deps);

  app.post<{ Querystring: { institution?: string; period?: string; encoding?: 'auto' | TextEncoding } }>(
    '/loans/submissions',
    {
      preHandler: app.authorize('admin', 'regulator', 'institution'),
      schema: {
        tags: ['loans'],
        summary:
          'Upload one loan file (multipart, part "file": CSV UTF-8/GB18030, XLSX or JSON lines) for one institution and month, ' +
          'or a ZIP message set (the base loan file with the PBoC five-area .dat/.log messages)',
        consumes: ['multipart/form-data'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            institution: codeSchema,
            period: periodSchema,
            encoding: {
              type: 'string',
              enum: ['auto', ...TEXT_ENCODINGS],
              default: 'auto',
              description:
                'Text encoding of a CSV or JSON lines file; auto (default) decides from the whole file (XLSX ignores it)',
            },
          },
        },
        response: {
          200: uploadResultSchema,
          201: uploadResultSchema,
          422: uploadResultSchema,
          ...errorResponses(400, 403, 413, 415, 503),
        },
      },
    },
    async (request, reply) => {
      const user = request.user;
      const institution = uploadInstitution(user, request.query.institution);
      const upload = await receiveUpload(request, deps.config.dataDir, deps.config.maxUploadBytes);
      try {
        const res = await submitLoanFile(deps.stores, deps.config, {
          path: upload.path,
          fileName: upload.fileName,
          institution,
          period: request.query.period,
          encoding: request.query.encoding === 'auto' ? undefined : request.query.encoding,
          actor: user.username,
          now: deps.now,
        }).catch(async (e: unknown) => {
          // Every upload leaves an audit entry, also one answered "busy, retry" or failing (issue 13 item 1).
          await request.audit({
            action: 'loans.upload',
            object_type: 'submission',
            object_id: null,
            detail: {
              status: e instanceof AppError && e.code === 'upload.busy' ? 'busy' : 'failed',
              code: e instanceof AppError ? e.code : 'internal',
              institution_code: institution ?? null,
              file_name: upload.fileName,
            },
          });
          await dataChanged(state); // a failed attempt is in the upload log too
          throw e;
        });
        if (res.status === 'accepted') await dataChanged(deps.stores.analytics);
        const logId = await logIdOfReport(state, res.report.dir);
        // Before answering: whoever reads the upload history after this answer sees this attempt.
        await dataChanged(state);
        await request.audit({
          action: 'loans.upload',
          object_type: 'submission',
          object_id: logId,
          detail: {
            status: res.status,
            institution_code: res.institution_code,
            report_period: res.report_period,
            version: res.version,
            file_name: upload.fileName,
            rows: res.rows,
            error_count: res.error_count,
          },
        });
        const code = res.status === 'accepted' ? 201 : res.status === 'rejected' ? 422 : 200;
        return reply.code(code).send({
          status: res.status,
          institution_code: res.institution_code,
          report_period: res.report_period,
          version: res.version,
          submission_id: res.submission_id,
          log_id: logId,
          rows: res.rows,
          error_count: res.error_count,
          warning_count: res.warning_count,
          violations: res.report.violations.slice(0, RESPONSE_VIOLATION_LIMIT),
          violations_truncated:
            res.report.truncated || res.report.violations.length > RESPONSE_VIOLATION_LIMIT,
          reports: reportLinks(logId),
        });
      } finally {
        await upload.remove();
      }
    },
  );

  app.get<{
    Querystring: { institution?: string; period?: string; status?: string; limit: number; offset: number };
  }>(
    '/loans/submissions',
    {
      schema: {
        tags: ['loans'],
        summary:
          'Upload history (accepted, rejected, duplicate), newest first; institution users see their own',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            institution: codeSchema,
            period: periodSchema,
            status: { type: 'string', enum: ['accepted', 'rejected', 'duplicate'] },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            offset: { type: 'integer', minimum: 0, default: 0 },
          },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['total', 'items'],
            properties: { total: { type: 'integer' }, items: { type: 'array', items: submissionItemSchema } },
          },
          ...errorResponses(403),
        },
      },
    },
    async (request, reply) => {
      const scope = bankRowScope(request);
      const q = request.query;
      if (scope.kind === 'institution' && q.institution !== undefined && q.institution !== scope.code)
        throw appError('auth.out_of_scope', { institution_code: q.institution });
      return sendCached(reply, history, `${JSON.stringify(scope)}|${JSON.stringify(q)}`, async () => {
        const r = await listSubmissions(state, scope, q);
        return { total: r.total, items: r.items.map((i) => ({ ...i, reports: reportLinks(i.id) })) };
      });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/loans/submissions/:id',
    {
      schema: {
        tags: ['loans'],
        summary: 'One upload of the history',
        params: idParams,
        response: { 200: submissionItemSchema, ...errorResponses(403, 404) },
      },
    },
    async (request) => {
      const row = await getSubmission(state, bankRowScope(request), request.params.id);
      if (!row) throw appError('not_found');
      return { ...row, reports: reportLinks(row.id) };
    },
  );

  for (const format of Object.keys(REPORT_FORMATS) as ReportFormat[]) {
    app.get<{ Params: { id: string } }>(
      `/loans/submissions/:id/report.${format}`,
      {
        schema: {
          tags: ['loans'],
          summary: `The validation report of one upload as ${format.toUpperCase()}`,
          params: idParams,
          response: { 200: { type: 'string', format: 'binary' }, ...errorResponses(403, 404) },
        },
      },
      async (request, reply) => {
        const row = await getSubmission(state, bankRowScope(request), request.params.id);
        if (!row?.report_dir) throw appError('not_found');
        const path = join(row.report_dir, `report.${format}`);
        const size = await stat(path).then(
          (s) => s.size,
          () => null,
        );
        if (size === null) throw appError('not_found', { reason: 'report file missing' });
        await request.audit({
          action: 'loans.report.export',
          object_type: 'submission',
          object_id: row.id,
          detail: { format, institution_code: row.institution_code, report_period: row.report_period },
        });
        const name = `report-${row.institution_code || 'unknown'}-${row.report_period || 'unknown'}-${row.id}.${format}`;
        return reply
          .type(REPORT_FORMATS[format])
          .header('content-length', size)
          .header('content-disposition', `attachment; filename="${name.replaceAll(/[^\w.-]/g, '_')}"`)
          .send(createReadStream(path));
      },
    );
  }

  app.get(
    '/loans/template.xlsx',
    {
      schema: {
        tags: ['loans'],
        summary:
          'The loan-file template (XLSX): Chinese headers with English notes, text-formatted identifier columns, a drop-down on every code column',
        response: { 200: { type: 'string', format: 'binary' }, ...errorResponses(403) },
      },
    },
    async (_request, reply) => {
      const body = Buffer.from(await templateWorkbook().xlsx.writeBuffer());
      return reply
        .type(REPORT_FORMATS.xlsx)
        .header('content-disposition', `attachment; filename="${SPEC_VERSION}-template.xlsx"`)
        .send(body);
    },
  );

  app.get(
    '/loans/institutions',
    {
      schema: {
        tags: ['loans'],
        summary: 'Registered institutions (an institution user gets only its own)',
        response: { 200: { type: 'array', items: institutionSchema }, ...errorResponses(403) },
      },
    },
    async (request) => scopedInstitutions(state, scopeForUser(request.user)),
  );
}
