// HTTP routes of the joint promotion mechanism under /api/promote: page data (matrix, my tasks, measure and
// district pages, item detail), work items, quarterly reports and their review, evidence attachments,
// carry-over, notices and the city's progress report (XLSX or printable HTML). Handlers: validate → authorize
// (in the service) → domain call → respond; refusals are the promote error catalog's coded errors.
import type { FastifyRequest } from 'fastify';

import type { RoutesPlugin } from '../http/route-context.ts';
import { quarterOf } from './domain/schedule.ts';
import type * as q from './queries.ts';
import type { PromoteRouteContext, PromoteRouteOptions } from './routes.context.ts';
import { noticeRoutes } from './routes.notices.ts';
import { pageRoutes } from './routes.pages.ts';
import { workRoutes } from './routes.work.ts';
import * as svc from './service.ts';

export type { PromoteRouteOptions } from './routes.context.ts';

export function createPromoteRoutes(opts: PromoteRouteOptions = {}): RoutesPlugin {
  return async (app, deps) => {
    const db = deps.stores.state;
    const qdeps: q.QueryDeps = {
      db,
      now: deps.now,
      indicatorSeries: opts.indicatorSeries ?? opts.indicatorSeriesFor?.(deps),
      cityFigures: opts.cityFiguresFor?.(deps),
      dueSoonDays: opts.dueSoonDays,
    };
    const c: PromoteRouteContext = {
      db,
      deps,
      opts,
      qdeps,
      sdeps: (req) => ({
        db,
        now: deps.now,
        audit: (e) =>
          req.audit({
            action: e.action,
            object_type: e.object_type,
            object_id: e.object_id,
            detail: e.detail,
          }),
      }),
      yearOf: (req: FastifyRequest) => (req.query as { year?: number }).year ?? quarterOf(deps.now()).year,
    };
    // The plan and the directory of plan units and districts are always present (idempotent upsert), seeded
    // before the first promote request is served — not at registration, which must touch no store.
    let seeded: Promise<void> | null = null;
    app.addHook('onRequest', async () => {
      seeded ??= svc.seedPlanAndUnits({ db, now: deps.now, audit: deps.audit }).then(
        () => undefined,
        (e: unknown) => {
          seeded = null;
          throw e;
        },
      );
      await seeded;
    });

    pageRoutes(app, c);
    workRoutes(app, c);
    noticeRoutes(app, c);
  };
}

/** The promote routes with no indicator source (the statistics module passes one via createPromoteRoutes). */
export const promoteRoutes: RoutesPlugin = createPromoteRoutes();
