// Assessment routes for scoring runs: start a run, the scoped run view, a subject's result and history,
// what-if simulation and the XLSX export.
import type { FastifyInstance } from 'fastify';

import { exportRunXlsx } from './export.xlsx.ts';
import { getRunView, getSubjectHistory, getSubjectResult, whatIf } from './query.ts';
import { runAssessment } from './run.ts';
import { errorResponses } from '../http/errors.ts';
import type { RouteDeps } from '../http/route-context.ts';
import {
  historySchema,
  periodParam,
  runSummarySchema,
  storedResultSchema,
  rankSchema,
  subjectScoreSchema,
  whatIfScoreSchema,
} from './routes.schemas.ts';
import { institutionsFromState } from './store.ts';
import { FORBIDDEN, scopeOf, sendErrors } from './routes.shared.ts';

export async function runRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { state } = deps.stores;
  app.post<{ Body: { period: string } }>(
    '/assess/runs',
    {
      preHandler: app.authorize('admin', 'regulator'),
      schema: {
        tags: ['assess'],
        summary: 'Run the scoring of a quarter (YYYY-Qn) or year (YYYY) and store it',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['period'],
          properties: { period: periodParam },
        },
        response: { 201: runSummarySchema, ...errorResponses(400, 403, 404) },
      },
    },
    async (request, reply) => {
      const institutions = await institutionsFromState(state);
      const r = await runAssessment(deps.stores, {
        period: request.body.period,
        institutions,
        actor: request.user.username,
        now: deps.now(),
        deadline: deps.config.reportingDeadline,
      });
      if (!r.ok) return sendErrors(reply, r.errors);
      const summary = { ...r.value, results: undefined };
      await request.audit({
        action: 'assess.run',
        object_type: 'assess_run',
        object_id: String(summary.run_id),
      });
      return reply.code(201).send(summary);
    },
  );

  app.get<{ Params: { period: string } }>(
    '/assess/runs/:period',
    {
      schema: {
        tags: ['assess'],
        summary: "The latest run of a period: published ranks, and the breakdowns the caller's scope may see",
        params: { type: 'object', required: ['period'], properties: { period: periodParam } },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['run', 'detailed', 'ranks'],
            properties: {
              run: runSummarySchema,
              detailed: { type: 'array', items: storedResultSchema },
              ranks: { type: 'array', items: rankSchema },
            },
          },
          ...errorResponses(403, 404),
        },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request);
      if (!scope) return reply.code(403).send(FORBIDDEN);
      const r = await getRunView(state, request.params.period, scope);
      return r.ok ? r.value : sendErrors(reply, r.errors);
    },
  );

  app.get<{ Params: { period: string; kind: 'bank' | 'district'; code: string } }>(
    '/assess/runs/:period/:kind/:code',
    {
      schema: {
        tags: ['assess'],
        summary: "One subject's score, rank, grade and per-indicator breakdown with peer comparison",
        params: {
          type: 'object',
          required: ['period', 'kind', 'code'],
          properties: {
            period: periodParam,
            kind: { type: 'string', enum: ['bank', 'district'] },
            code: { type: 'string' },
          },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['run', 'result'],
            properties: { run: runSummarySchema, result: storedResultSchema },
          },
          ...errorResponses(403, 404),
        },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request);
      if (!scope) return reply.code(403).send(FORBIDDEN);
      const { period, kind, code } = request.params;
      const r = await getSubjectResult(state, period, { kind, code }, scope);
      return r.ok ? r.value : sendErrors(reply, r.errors);
    },
  );

  app.get<{ Params: { kind: 'bank' | 'district'; code: string } }>(
    '/assess/history/:kind/:code',
    {
      schema: {
        tags: ['assess'],
        summary:
          "A subject's score history: rank and grade in the published run of every period; the score where the caller may see it",
        params: {
          type: 'object',
          required: ['kind', 'code'],
          properties: {
            kind: { type: 'string', enum: ['bank', 'district'] },
            code: { type: 'string', minLength: 1, maxLength: 64 },
          },
        },
        response: { 200: historySchema, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request);
      if (!scope) return reply.code(403).send(FORBIDDEN);
      const r = await getSubjectHistory(state, request.params, scope);
      return r.ok ? r.value : sendErrors(reply, r.errors);
    },
  );

  app.post<{
    Params: { period: string };
    Body: {
      subject_kind: 'bank' | 'district';
      subject_code: string;
      indicator_id: string;
      raw?: string | null;
      weight?: string;
    };
  }>(
    '/assess/runs/:period/what-if',
    {
      schema: {
        tags: ['assess'],
        summary:
          "Simulate one change (a subject's raw value, or a weight) and see the new score and rank; nothing is saved. A bank or district gets its own score against published figures and a rank range",
        params: { type: 'object', required: ['period'], properties: { period: periodParam } },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['subject_kind', 'subject_code', 'indicator_id'],
          properties: {
            subject_kind: { type: 'string', enum: ['bank', 'district'] },
            subject_code: { type: 'string', minLength: 1 },
            indicator_id: { type: 'string', minLength: 1 },
            raw: { type: ['string', 'null'], pattern: '^-?\\d{1,12}(\\.\\d{1,4})?$' },
            weight: { type: 'string', pattern: '^\\d{1,3}(\\.\\d{1,2})?$' },
          },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['basis', 'before', 'after', 'rank_range', 'weights_total'],
            properties: {
              basis: { type: 'string', enum: ['run', 'published'] },
              before: subjectScoreSchema,
              after: whatIfScoreSchema,
              rank_range: {
                type: 'object',
                additionalProperties: false,
                required: ['best', 'worst'],
                properties: { best: { type: 'integer' }, worst: { type: 'integer' } },
              },
              weights_total: { type: 'string' },
            },
          },
          ...errorResponses(400, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request);
      if (!scope) return reply.code(403).send(FORBIDDEN);
      const b = request.body;
      const change =
        b.weight !== undefined
          ? ({ kind: 'weight', indicator_id: b.indicator_id, weight: b.weight } as const)
          : ({ kind: 'raw', indicator_id: b.indicator_id, raw: b.raw ?? null } as const);
      const r = await whatIf(
        state,
        request.params.period,
        { kind: b.subject_kind, code: b.subject_code },
        change,
        scope,
      );
      return r.ok ? r.value : sendErrors(reply, r.errors);
    },
  );

  app.get<{ Params: { period: string } }>(
    '/assess/runs/:period/export.xlsx',
    {
      schema: {
        tags: ['assess'],
        summary: "XLSX export of the latest run of a period, within the caller's scope",
        params: { type: 'object', required: ['period'], properties: { period: periodParam } },
        response: { 200: { type: 'string', format: 'binary' }, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request);
      if (!scope) return reply.code(403).send(FORBIDDEN);
      const r = await exportRunXlsx(state, request.params.period, scope);
      if (!r.ok) return sendErrors(reply, r.errors);
      await request.audit({
        action: 'assess.export',
        object_type: 'assess_run',
        object_id: request.params.period,
        detail: { format: 'xlsx', scope },
      });
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="assessment-${request.params.period}.xlsx"`)
        .send(r.value);
    },
  );
}
