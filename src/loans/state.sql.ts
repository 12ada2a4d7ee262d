// State-store schema of the loans capability: the log of every upload attempt (accepted, rejected or
// duplicate). Accepted entries mirror the analytics store's `submissions` (the commit point); a crash between
// the two commits is repaired at start-up by syncSubmissionLog.
import type { StateMigration } from '../store/state/pg.ts';

export const loansStateMigration: StateMigration = {
  id: '0003_submission_log',
  sql: `CREATE TABLE IF NOT EXISTS submission_log (
  id bigserial PRIMARY KEY,
  institution_code text NOT NULL,
  report_period text NOT NULL,
  status text NOT NULL CHECK (status IN ('accepted', 'rejected', 'duplicate')),
  version integer,
  analytics_submission_id bigint UNIQUE,
  content_hash text NOT NULL,
  file_name text NOT NULL,
  row_count bigint NOT NULL,
  error_count bigint NOT NULL,
  warning_count bigint NOT NULL,
  report_dir text,
  actor text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS submission_log_inst ON submission_log (institution_code, report_period)`,
};
