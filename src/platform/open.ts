// Opens the platform's two stores from configuration, runs every migration, loads reference data and repairs
// what a crash can leave behind (upload log or review status out of step, stale or missing aggregates).
// Used by the server, the CLI and tests (tests pass in-memory store configs).
import { mirrorAllReviewStatuses } from '../loans/review.mirror.ts';
import { syncSubmissionLog } from '../loans/sync.ts';
import { loadReferenceAnalytics } from '../reference/load.analytics.ts';
import { loadReferenceState } from '../reference/load.state.ts';
import { repairAggregates } from '../stats/aggregates.sql.ts';
import { migrateAnalytics, openAnalytics } from '../store/analytics/duckdb.ts';
import { migrateState, openState } from '../store/state/pg.ts';
import type { StoreConfig, Stores } from '../store/stores.ts';
import { ANALYTICS_MIGRATIONS, STATE_MIGRATIONS } from './migrations.ts';

export async function openStores(cfg: StoreConfig): Promise<Stores> {
  const analytics = await openAnalytics(cfg.analytics);
  const state = await openState(cfg.state);
  await migrateAnalytics(analytics, ANALYTICS_MIGRATIONS);
  await migrateState(state, STATE_MIGRATIONS);
  const [loaded] = await analytics.all<{ n: string }>(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'ref_versions'",
  );
  if (loaded?.n === '0') {
    await loadReferenceAnalytics(analytics);
    await loadReferenceState(state, analytics);
  }
  await syncSubmissionLog({ analytics, state });
  // A crash between a review action and its mirror leaves the analytics review status behind: mirror again.
  await mirrorAllReviewStatuses(analytics, state);
  // A crash between an acceptance and its recompute leaves a period's aggregates stale: recompute those.
  await repairAggregates(analytics);
  return {
    analytics,
    state,
    async close() {
      analytics.close();
      await state.close();
    },
  };
}
