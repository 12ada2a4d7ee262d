// What every promote route file receives: the stores, the service and query dependencies built per request,
// and the helpers that turn the promote error catalog's results into coded HTTP errors.
import type { FastifyRequest } from 'fastify';

import { AppError, errorResponses } from '../http/errors.ts';
import type { RouteDeps } from '../http/route-context.ts';
import type { StateStore } from '../store/state/pg.ts';
import type { PromoteError, Result } from './domain/errors.ts';
import type { CityFiguresSource } from './domain/city-figures.ts';
import type { IndicatorSeries } from './domain/indicators.ts';
import type * as q from './queries.ts';
import type * as svc from './service.ts';

export interface PromoteRouteOptions {
  /** Values of the linked indicators, from the statistics module (pages show no figures without it). */
  indicatorSeries?: IndicatorSeries;
  /** The same, built from the route dependencies (the stores exist only at registration). */
  indicatorSeriesFor?: (deps: RouteDeps) => IndicatorSeries;
  /** The statistics the city report leads with, built from the route dependencies (none: a report without). */
  cityFiguresFor?: (deps: RouteDeps) => CityFiguresSource;
  dueSoonDays?: number;
}

export interface PromoteRouteContext {
  db: StateStore;
  deps: RouteDeps;
  opts: PromoteRouteOptions;
  /** Service dependencies whose audit entries carry the request's user and address. */
  sdeps(req: FastifyRequest): svc.PromoteDeps;
  qdeps: q.QueryDeps;
  /** The `year` query parameter, or the current year. */
  yearOf(req: FastifyRequest): number;
}

export function toAppError(e: PromoteError): AppError {
  return new AppError(
    e.code,
    { status: e.status, message_zh: e.message_zh, message_en: e.message_en },
    e.params,
  );
}

/** The value of an ok result; a failed one is thrown as its coded HTTP error. */
export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw toAppError(r.error);
  return r.value;
}

export function unwrapError(r: Result<never>): PromoteError {
  if (r.ok) throw new Error('unreachable');
  return r.error;
}

export const E = errorResponses(400, 401, 403, 404, 409, 413);
