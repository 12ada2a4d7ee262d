// Repairs the state store's submission log after a crash between the analytics commit (the point of truth)
// and the log insert: every accepted analytics submission missing from the log is added, marked 'recovery'.
import { initialReviewStatus } from './review.ts';
import type { Stores } from '../store/stores.ts';

export async function syncSubmissionLog(stores: Pick<Stores, 'analytics' | 'state'>): Promise<number> {
  const known = new Set(
    (
      await stores.state.query<{ id: string }>(
        'SELECT analytics_submission_id::text AS id FROM submission_log WHERE analytics_submission_id IS NOT NULL',
      )
    ).map((r) => r.id),
  );
  const subs = await stores.analytics.all<{
    submission_id: string;
    institution_code: string;
    report_period: string;
    version: number;
    content_hash: string;
    file_name: string;
    row_count: string;
    warning_count: string;
  }>(
    `SELECT submission_id::VARCHAR AS submission_id, institution_code, report_period, version, content_hash, file_name,
            row_count::VARCHAR AS row_count, warning_count::VARCHAR AS warning_count FROM submissions ORDER BY submission_id`,
  );
  const missing = subs.filter((s) => !known.has(s.submission_id));
  for (const s of missing)
    await stores.state.query(
      `INSERT INTO submission_log (institution_code, report_period, status, version, analytics_submission_id, content_hash,
         file_name, row_count, error_count, warning_count, report_dir, actor, review_status)
       VALUES ($1, $2, 'accepted', $3, $4, $5, $6, $7, 0, $8, NULL, 'recovery', $9)`,
      [
        s.institution_code,
        s.report_period,
        s.version,
        s.submission_id,
        s.content_hash,
        s.file_name,
        s.row_count,
        s.warning_count,
        initialReviewStatus(Number(s.warning_count)),
      ],
    );
  return missing.length;
}
