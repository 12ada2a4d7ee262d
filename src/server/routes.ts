// The capability route plugins the running server serves (each capability exports one from its routes.ts).
// Add one import and one list entry per capability; the OpenAPI document (docs/openapi.json) follows this list.
import { assessRoutes } from '../assess/routes.ts';
import { loansRoutes } from '../loans/routes.ts';
import { registryRoutes } from '../registry/routes.ts';
import { statsRoutes } from '../stats/routes.ts';
import type { RoutesPlugin } from './types.ts';

export const CAPABILITY_ROUTES: RoutesPlugin[] = [loansRoutes, registryRoutes, statsRoutes, assessRoutes];
