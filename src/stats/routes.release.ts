// HTTP route of the release figures (issue 14 API contract): GET /api/stats/release. City figures are published
// to everyone; an institution user gets its own bank's row by bank, a district user its own district's rows by
// either district caliber; other rows below the city are refused (403).
import type { FastifyInstance } from 'fastify';

import { scopeForUser, type Scope } from '../auth/index.ts';
import { appError, errorResponses } from '../http/errors.ts';
import type { RouteDeps } from '../http/route-context.ts';
import { releaseAnswer } from './release.answer.ts';
import { RELEASE_DIMS, type ReleaseDim } from './release.sql.ts';
import { codeSchema, obj, periodSchema, releaseAnswerSchema } from './routes.schemas.ts';

/** The dimension value a scoped user may read by `dim` (undefined: every value), or a 403. */
function scopedValue(scope: Scope, dim: ReleaseDim, asked: string | undefined): string | undefined {
  if (scope.kind === 'all' || dim === 'city') return asked;
  const own =
    (scope.kind === 'institution' && dim === 'institution') ||
    (scope.kind === 'district' && (dim === 'district' || dim === 'branch_district'));
  if (!own) throw appError('auth.forbidden', { reason: `no ${dim} rows for ${scope.kind} users` });
  if (asked !== undefined && asked !== scope.code)
    throw appError('auth.out_of_scope', { [`${scope.kind}_code`]: asked });
  return scope.code;
}

/** Registers GET /stats/release on the stats plugin. */
export function registerReleaseRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get<{ Querystring: { period?: string; dim: ReleaseDim; key?: string; dim_value?: string } }>(
    '/stats/release',
    {
      schema: {
        tags: ['stats'],
        summary:
          'Release figures (余额, 比年初增加, 同比, 同比多增, 当年累计发放, 户数, 首贷户, 利率, 可比口径) of a period; default: the latest complete period',
        querystring: obj(
          {
            period: periodSchema,
            dim: { type: 'string', enum: [...RELEASE_DIMS], default: 'city' },
            key: codeSchema,
            dim_value: codeSchema,
          },
          [],
        ),
        response: { 200: releaseAnswerSchema, ...errorResponses(403, 404) },
      },
    },
    async (request) => {
      const { period, dim, key } = request.query;
      const dimValue = scopedValue(scopeForUser(request.user), dim, request.query.dim_value);
      const r = await releaseAnswer(
        deps.stores.analytics,
        { period, dim, key, dimValue },
        deps.now(),
        deps.config.reportingDeadline,
      );
      if (!r) throw appError('not_found', { reason: 'no statistics stored yet' });
      return r;
    },
  );
}
