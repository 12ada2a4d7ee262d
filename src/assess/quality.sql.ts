// Data-quality facts of each bank over an assessment window, from the upload log in the state store
// (submission_log): months filed on time against the reporting deadline, rejected attempts, resubmissions
// after the deadline, and accepted files with warnings that carry an explanation. Bulk work in SQL.
import type { ReportingDeadline } from '../config/config.ts';
import { reportingDeadline } from '../stats/completeness.ts';
import type { StateStore } from '../store/state/pg.ts';
import type { AssessPeriod } from './engine/period.domain.ts';
import type { QualityAggregates } from './engine/metrics.domain.ts';

const QUALITY_SQL = `
WITH d AS (SELECT * FROM unnest($1::text[], $2::timestamptz[]) AS d(report_period, deadline)),
s AS (SELECT l.*, d.deadline FROM submission_log l JOIN d USING (report_period))
SELECT institution_code AS subject,
  count(DISTINCT report_period) FILTER (WHERE status = 'accepted' AND created_at <= deadline)::text
    AS on_time_months,
  count(*) FILTER (WHERE status = 'rejected')::text AS rejected,
  count(*) FILTER (WHERE status = 'accepted' AND version > 1 AND created_at > deadline)::text
    AS late_resubmissions,
  count(*) FILTER (WHERE status = 'accepted' AND warning_count > 0)::text AS warned,
  count(*) FILTER (WHERE status = 'accepted' AND warning_count > 0 AND explanation IS NOT NULL)::text
    AS warned_explained
FROM s GROUP BY institution_code ORDER BY 1`;

/** Each bank's data-quality facts over the window of `p` (banks with no upload in the window are absent). */
export async function readQualityFacts(
  state: StateStore,
  p: AssessPeriod,
  deadline: ReportingDeadline,
): Promise<Map<string, QualityAggregates>> {
  const rows = await state.query<Omit<QualityAggregates, 'months_due'> & { subject: string }>(QUALITY_SQL, [
    p.months,
    p.months.map((m) => reportingDeadline(m, deadline).toISOString()),
  ]);
  const due = String(p.months.length);
  return new Map(rows.map(({ subject, ...f }) => [subject, { ...f, months_due: due }]));
}

/** The facts of a bank that filed nothing in the window. */
export const noUploads = (p: AssessPeriod): QualityAggregates => ({
  months_due: String(p.months.length),
  on_time_months: '0',
  rejected: '0',
  late_resubmissions: '0',
  warned: '0',
  warned_explained: '0',
});
