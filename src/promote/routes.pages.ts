// Promote routes for page data: the plan's measures, the unit directory, the measure × quarter matrix, my tasks,
// and the measure and district pages.
import type { FastifyInstance } from 'fastify';

import { actingUnits, isCoordinator, districtUnitId } from './domain/access.ts';
import { promoteError } from './domain/errors.ts';
import * as q from './queries.ts';
import * as s from './schemas.ts';
import * as svc from './service.ts';
import * as store from './store.ts';
import { E, toAppError, unwrap, type PromoteRouteContext } from './routes.context.ts';

export function pageRoutes(app: FastifyInstance, c: PromoteRouteContext): void {
  const { db, sdeps, qdeps, yearOf } = c;
  app.get(
    '/promote/measures',
    {
      schema: {
        tags: ['promote'],
        summary: '17项措施及责任单位',
        response: { 200: { type: 'array', items: s.measureSchema }, ...E },
      },
    },
    async () => store.listMeasures(db),
  );

  app.get(
    '/promote/units',
    {
      schema: {
        tags: ['promote'],
        summary: '责任单位名录',
        response: { 200: { type: 'array', items: s.unitSchema }, ...E },
      },
    },
    async () => store.listUnits(db),
  );

  app.post(
    '/promote/units/seed',
    {
      schema: {
        tags: ['promote'],
        summary: '登记金融机构为责任单位',
        body: s.obj({
          institutions: {
            type: 'array',
            maxItems: 1000,
            items: s.obj(
              {
                code: { type: 'string', minLength: 1, maxLength: 64 },
                name: { type: 'string', minLength: 1, maxLength: 200 },
                email: { type: ['string', 'null'], maxLength: 200 },
              },
              ['code', 'name'],
            ),
          },
        }),
        response: { 200: s.obj({ units: s.int }), ...E },
      },
    },
    async (req) => {
      if (!isCoordinator(req.user)) throw toAppError(promoteError('PROMOTE_FORBIDDEN'));
      const body = req.body as { institutions: { code: string; name: string; email?: string | null }[] };
      await svc.seedPlanAndUnits(sdeps(req), body.institutions);
      await req.audit({
        action: 'promote.units.seed',
        object_type: 'promote_unit',
        object_id: null,
        detail: { institutions: body.institutions.length },
      });
      return { units: (await store.listUnits(db)).length };
    },
  );

  app.get(
    '/promote/matrix',
    {
      schema: {
        tags: ['promote'],
        summary: '措施×季度推进矩阵',
        querystring: s.yearQuery,
        response: { 200: s.matrixSchema, ...E },
      },
    },
    async (req) => q.getMatrix(qdeps, yearOf(req)),
  );

  app.get(
    '/promote/my-tasks',
    {
      schema: {
        tags: ['promote'],
        summary: '本单位任务',
        querystring: s.yearQuery,
        response: { 200: s.myTasksSchema, ...E },
      },
    },
    async (req) => q.getMyTasks(qdeps, req.user, yearOf(req), actingUnits(req.user)),
  );

  app.get(
    '/promote/measures/:no/page',
    {
      schema: {
        tags: ['promote'],
        summary: '措施页：任务进展与关联指标',
        params: s.obj({ no: { type: 'integer', minimum: 1, maximum: 99 } }),
        querystring: s.yearQuery,
        response: { 200: s.measurePageSchema, ...E },
      },
    },
    async (req) => unwrap(await q.getMeasurePage(qdeps, (req.params as { no: number }).no, yearOf(req))),
  );

  app.get(
    '/promote/districts/:code',
    {
      schema: {
        tags: ['promote'],
        summary: '区县页：本地任务',
        params: s.obj({ code: { type: 'string', pattern: '^50[0-9]{4}$' } }),
        querystring: s.yearQuery,
        response: { 200: s.districtPageSchema, ...E },
      },
    },
    async (req) => {
      const code = (req.params as { code: string }).code;
      if (req.user.role === 'district' && !actingUnits(req.user).includes(districtUnitId(code)))
        throw toAppError(promoteError('PROMOTE_FORBIDDEN'));
      return q.getDistrictPage(qdeps, code, yearOf(req));
    },
  );
}
