// The official-series views as the API and CLI give them: the completeness control and the city
// reconciliation of a period, with the tolerance in force and the time they are as of.
import { PENDING_REVIEW } from '../loans/review.ts';
import type { Stores } from '../store/stores.ts';
import { loadOfficialConfig, type Tolerance } from './config.ts';
import {
  completenessControl,
  reconcileCity,
  type CompletenessRow,
  type ReconciliationLine,
} from './reconcile.sql.ts';

export interface OfficialView {
  period: string;
  as_of: string;
  config_version: string;
  tolerance: Tolerance;
  completeness: CompletenessRow[];
  reconciliation: ReconciliationLine[];
}

/** The analytics ids of a period's accepted submissions whose review is not finished (PENDING_REVIEW). */
export async function pendingReviewSubmissions(
  stores: Pick<Stores, 'state'>,
  period: string,
): Promise<string[]> {
  const rows = await stores.state.query<{ id: string }>(
    `SELECT analytics_submission_id::text AS id FROM submission_log
     WHERE report_period = $1 AND status = 'accepted' AND analytics_submission_id IS NOT NULL
       AND review_status = ANY($2::text[])`,
    [period, [...PENDING_REVIEW]],
  );
  return rows.map((r) => r.id);
}

/** The completeness control and the reconciliation of a period as of `asOf` (default tolerance: config.json). */
export async function officialView(
  stores: Pick<Stores, 'analytics' | 'state'>,
  period: string,
  asOf: Date,
  tolerance?: Tolerance,
): Promise<OfficialView> {
  const cfg = loadOfficialConfig();
  const tol = tolerance ?? cfg.completeness_tolerance;
  const pending = await pendingReviewSubmissions(stores, period);
  return {
    period,
    as_of: asOf.toISOString(),
    config_version: cfg.version,
    tolerance: tol,
    completeness: await completenessControl(stores.analytics, period, tol, asOf, pending),
    reconciliation: await reconcileCity(stores.analytics, period, pending, asOf),
  };
}
