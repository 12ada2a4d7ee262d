// The capability route plugins the running server serves (each capability exports one from its routes.ts).
// Add one import and one list entry per capability; the OpenAPI document (docs/openapi.json) follows this list.
import { assessRoutes } from '../assess/routes.ts';
import { createLoansRoutes } from '../loans/routes.ts';
import { officialRoutes } from '../official/routes.ts';
import { submitLoanFile } from '../platform/submit.ts';
import { createPromoteRoutes } from '../promote/routes.ts';
import { registryRoutes } from '../registry/routes.ts';
import { statsCityFigures } from '../stats/city-figures.ts';
import { statsIndicatorSeries } from '../stats/indicators.ts';
import { statsRoutes } from '../stats/routes.ts';
import type { RoutesPlugin } from '../http/route-context.ts';

/** The joint promotion, with its work items linked to the live statistics and its city report led by them. */
const promoteRoutes = createPromoteRoutes({
  indicatorSeriesFor: (deps) => statsIndicatorSeries(deps.stores.analytics),
  cityFiguresFor: (deps) => statsCityFigures(deps.stores.analytics),
});

export const CAPABILITY_ROUTES: RoutesPlugin[] = [
  createLoansRoutes(submitLoanFile),
  registryRoutes,
  officialRoutes,
  statsRoutes,
  assessRoutes,
  promoteRoutes,
];
