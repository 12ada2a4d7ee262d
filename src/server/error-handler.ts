// Renders every error the server meets — ours, Fastify's (schema validation, body size, content type) and
// plugins' (rate limit, multipart) — as a coded bilingual body from the one catalog in errors.ts.
// Unknown paths: coded 404 under /api; with a web root, other GETs get index.html (SPA fallback).
import type { FastifyError, FastifyInstance } from 'fastify';

import { AppError, appError } from '../http/errors.ts';

/** Maps any thrown value to an AppError; unknown errors become `internal` (and are logged by the caller). */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const fe = err as Partial<FastifyError> | null;
  if (fe && Array.isArray(fe.validation)) {
    return appError(
      'request.invalid',
      fe.validation.map((v) => ({
        in: fe.validationContext ?? null,
        path: v.instancePath,
        keyword: v.keyword,
        params: v.params,
        message: v.message ?? null,
      })),
    );
  }
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (status === 413) return appError('request.too_large');
  if (status === 415) return appError('request.unsupported_media_type');
  if (status === 404) return appError('not_found');
  if (status === 405) return appError('method_not_allowed');
  if (status === 429) return appError('rate_limited');
  if (status >= 400 && status < 500) return appError('request.malformed', { reason: fe?.code ?? null });
  return appError('internal');
}

/** Installs the error and not-found handlers on the root instance. */
export function installErrorHandlers(app: FastifyInstance, spaFallback: boolean): void {
  app.setErrorHandler((err, request, reply) => {
    const e = toAppError(err);
    if (e.statusCode >= 500) request.log.error({ err }, 'request failed');
    return reply.code(e.statusCode).type('application/json; charset=utf-8').send(e.toBody());
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (spaFallback && request.method === 'GET' && path !== '/api' && !path.startsWith('/api/')) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return reply.code(404).type('application/json; charset=utf-8').send(appError('not_found').toBody());
  });
}
