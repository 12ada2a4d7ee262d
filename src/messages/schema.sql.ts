// Analytics-store schema of the message-set upload: which form a submission came in. A submission with no row
// here came as one loan file; `pboc-messages` marks one joined from a base file and the PBoC messages.
import type { AnalyticsMigration } from '../store/analytics/duckdb.ts';

export const messagesAnalyticsMigration: AnalyticsMigration = {
  id: 'messages_0001_submission_forms',
  sql: `
CREATE TABLE IF NOT EXISTS submission_forms (
  submission_id BIGINT PRIMARY KEY,
  source_form VARCHAR NOT NULL
);
`,
};
