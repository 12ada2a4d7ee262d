// The review status as the figures see it: the state store's submission_log.review_status mirrored into the
// analytics store's submissions.review_status (only NULL and 'approved' are counted in the release figures and
// in period completeness). Mirrored after each review action and at start-up (a crash between the two stores).
import { requestRecompute, type RecomputePolicy } from '../stats/recompute.ts';
import type { Analytics, AnalyticsConn } from '../store/analytics/duckdb.ts';
import type { StateStore } from '../store/state/pg.ts';
import type { ReviewAction } from './review.ts';

/** Mirrors the review status of one upload-log entry (its id); returns its period, or null when not accepted. */
export async function mirrorReviewStatus(
  analytics: AnalyticsConn,
  state: StateStore,
  id: string,
): Promise<string | null> {
  const [row] = await state.query<{ sid: string | null; status: string | null; period: string }>(
    `SELECT analytics_submission_id::text AS sid, review_status AS status, report_period AS period
     FROM submission_log WHERE id = $1::bigint`,
    [id],
  );
  if (!row?.sid) return null;
  await analytics.run('UPDATE submissions SET review_status = ? WHERE submission_id = CAST(? AS BIGINT)', [
    row.status,
    row.sid,
  ]);
  return row.period;
}

/** Start-up: mirrors every accepted entry's review status where the analytics store differs; returns how many. */
export async function mirrorAllReviewStatuses(analytics: AnalyticsConn, state: StateStore): Promise<number> {
  const rows = await state.query<{ sid: string; status: string | null }>(
    `SELECT analytics_submission_id::text AS sid, review_status AS status FROM submission_log
     WHERE status = 'accepted' AND analytics_submission_id IS NOT NULL`,
  );
  if (rows.length === 0) return 0;
  const [n] = await analytics.all<{ n: number }>(
    `WITH m AS (SELECT CAST(unnest(?::VARCHAR[]) AS BIGINT) AS sid, unnest(?::VARCHAR[]) AS status)
     SELECT count(*)::INTEGER AS n FROM submissions s JOIN m ON m.sid = s.submission_id
     WHERE s.review_status IS DISTINCT FROM nullif(m.status, '')`,
    [`[${rows.map((r) => r.sid).join(',')}]`, `[${rows.map((r) => r.status ?? '').join(',')}]`],
  );
  await analytics.run(
    `UPDATE submissions s SET review_status = nullif(m.status, '')
     FROM (SELECT CAST(unnest(?::VARCHAR[]) AS BIGINT) AS sid, unnest(?::VARCHAR[]) AS status) m
     WHERE m.sid = s.submission_id AND s.review_status IS DISTINCT FROM nullif(m.status, '')`,
    [`[${rows.map((r) => r.sid).join(',')}]`, `[${rows.map((r) => r.status ?? '').join(',')}]`],
  );
  return n?.n ?? 0;
}

/**
 * After a review action on upload-log entry `id`: mirrors its status and, when the action can change whether
 * the submission counts (approve, return), has its period's figures recomputed under `policy`.
 */
export async function afterReviewAction(
  stores: { analytics: Analytics; state: StateStore },
  id: string,
  action: ReviewAction,
  policy: RecomputePolicy,
): Promise<void> {
  const period = await mirrorReviewStatus(stores.analytics, stores.state, id);
  if (period !== null && action.kind !== 'explain') await requestRecompute(stores.analytics, period, policy);
}
