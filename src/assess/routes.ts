// HTTP routes of the assessment (under /api): indicator configuration versions, reviewers' qualitative scores,
// scoring runs, scoped results and breakdowns, what-if simulation and the XLSX export.
// Handlers: validate (schemas) → authorize (role, scope) → domain call → respond (response schemas).
import type { FastifyInstance } from 'fastify';

import type { RouteDeps } from '../http/route-context.ts';
import { configRoutes } from './routes.config.ts';
import { runRoutes } from './routes.runs.ts';

export async function assessRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  await configRoutes(app, deps);
  await runRoutes(app, deps);
}
