// Analytics-store schema of the loans capability: the loan facts and the submission versions that make them visible.
// Loans are visible only through a submission record (loans_current, loans_as_of): an accepted file's rows are
// committed first, unreferenced, and become visible when the transaction that writes the submission record and
// switches the version commits (the commit point of an ingest); rows a crash leaves unreferenced are deleted by
// the next ingest.
import type { AnalyticsMigration } from '../store/analytics/duckdb.ts';

export const loansAnalyticsMigrations: AnalyticsMigration[] = [
  {
    id: 'loans_0001',
    sql: `
CREATE SEQUENCE IF NOT EXISTS submission_seq START 1;
CREATE TABLE IF NOT EXISTS submissions (
  submission_id BIGINT PRIMARY KEY,
  institution_code VARCHAR NOT NULL,
  report_period VARCHAR NOT NULL,
  version INTEGER NOT NULL,
  content_hash VARCHAR NOT NULL,
  file_name VARCHAR NOT NULL,
  row_count BIGINT NOT NULL,
  warning_count BIGINT NOT NULL,
  rule_version VARCHAR NOT NULL,
  accepted_at TIMESTAMP NOT NULL,
  superseded_at TIMESTAMP,
  UNIQUE (institution_code, report_period, version)
);
CREATE TABLE IF NOT EXISTS loans (
  submission_id BIGINT NOT NULL,
  row_no BIGINT NOT NULL,
  report_period VARCHAR NOT NULL,
  period_end DATE NOT NULL,
  institution_code VARCHAR NOT NULL,
  loan_id VARCHAR NOT NULL,
  contract_id VARCHAR NOT NULL,
  borrower_key VARCHAR NOT NULL,
  borrower_is_person BOOLEAN NOT NULL,
  borrower_name VARCHAR,
  borrower_type VARCHAR NOT NULL,
  enterprise_size VARCHAR,
  industry_code VARCHAR NOT NULL,
  district_code VARCHAR NOT NULL,
  product_type VARCHAR NOT NULL,
  green_category VARCHAR,
  declared_areas VARCHAR[] NOT NULL,
  issue_date DATE NOT NULL,
  maturity_date DATE NOT NULL,
  currency VARCHAR NOT NULL,
  balance DECIMAL(18,2) NOT NULL,
  issued_amount DECIMAL(18,2) NOT NULL,
  interest_rate DECIMAL(12,6) NOT NULL,
  guarantee_type VARCHAR NOT NULL,
  credit_line_total DECIMAL(18,2) NOT NULL,
  first_loan BOOLEAN NOT NULL,
  quality VARCHAR NOT NULL,
  overdue_days INTEGER NOT NULL,
  revolving BOOLEAN NOT NULL,
  fiscal_support VARCHAR NOT NULL,
  relending_tool VARCHAR NOT NULL,
  carbon_reduction_t DECIMAL(20,6),
  -- Violation bits of validate/checks.sql.ts: committed rows carry warning bits only.
  warn_mask BIGINT NOT NULL,
  -- The raw text of a row with an error, for the rejection report; always NULL in committed rows
  -- (a row with an error rejects its submission, whose transaction is rolled back).
  reject_raw JSON
);
-- The loans in force: rows of the newest non-superseded version of each (institution, period).
CREATE OR REPLACE VIEW loans_current AS
  SELECT l.* FROM loans l JOIN submissions s USING (submission_id) WHERE s.superseded_at IS NULL;
`,
  },
  {
    // loan-file-v2 (DATA-SPEC v2 §1, PBoC 2025 caliber): the new columns, NULL on rows of v1 files (whose
    // green_category / declared_areas stay as they were; v2 rows have green_category NULL and declared_areas []).
    // The violation mask widens to 127 bits (v1 and v2 rules together). submissions.file_spec says which
    // version of the loan file a submission was (loan-file-v1 for the ones stored before).
    id: 'loans_0002_v2_columns',
    sql: `
ALTER TABLE loans ADD COLUMN branch_code VARCHAR;
ALTER TABLE loans ADD COLUMN branch_district_code VARCHAR;
ALTER TABLE loans ADD COLUMN business_category VARCHAR;
ALTER TABLE loans ADD COLUMN bill_discount_method VARCHAR;
ALTER TABLE loans ADD COLUMN loan_nature VARCHAR;
ALTER TABLE loans ADD COLUMN renewal_type VARCHAR;
ALTER TABLE loans ADD COLUMN ownership VARCHAR;
ALTER TABLE loans ADD COLUMN balance_orig DECIMAL(18,2);
ALTER TABLE loans ADD COLUMN tech_htp VARCHAR;
ALTER TABLE loans ADD COLUMN tech_hts VARCHAR;
ALTER TABLE loans ADD COLUMN tech_sei VARCHAR;
ALTER TABLE loans ADD COLUMN tech_ipi VARCHAR;
ALTER TABLE loans ADD COLUMN green_edition VARCHAR;
ALTER TABLE loans ADD COLUMN green_item VARCHAR;
ALTER TABLE loans ADD COLUMN green_coal_saved_t DECIMAL(20,6);
ALTER TABLE loans ADD COLUMN green_co2_reduced_t DECIMAL(20,6);
ALTER TABLE loans ADD COLUMN inclusive_flags VARCHAR[];
ALTER TABLE loans ADD COLUMN pension_type VARCHAR;
ALTER TABLE loans ADD COLUMN elderly_institution BOOLEAN;
ALTER TABLE loans ADD COLUMN digital_core VARCHAR;
ALTER TABLE loans ADD COLUMN digital_efficiency BOOLEAN;
ALTER TABLE loans ALTER COLUMN warn_mask TYPE HUGEINT;
ALTER TABLE submissions ADD COLUMN file_spec VARCHAR DEFAULT 'loan-file-v1';
UPDATE submissions SET file_spec = 'loan-file-v1' WHERE file_spec IS NULL;
`,
  },
  {
    // Issue 14: the review status of a submission as the figures see it (NULL = accepted before review, counted;
    // only 'approved' is counted otherwise), mirrored from submission_log.review_status; and the loan-exits file
    // (loan-exits-v1, DATA-SPEC v2 §2): versions per (institution, period) like loan files, and their rows.
    id: 'loans_0003_review_exits',
    sql: `
ALTER TABLE submissions ADD COLUMN review_status VARCHAR;
CREATE SEQUENCE IF NOT EXISTS exit_submission_seq START 1;
CREATE TABLE IF NOT EXISTS exit_submissions (
  exit_submission_id BIGINT PRIMARY KEY,
  institution_code VARCHAR NOT NULL,
  report_period VARCHAR NOT NULL,
  version INTEGER NOT NULL,
  content_hash VARCHAR NOT NULL,
  file_name VARCHAR NOT NULL,
  row_count BIGINT NOT NULL,
  accepted_at TIMESTAMP NOT NULL,
  superseded_at TIMESTAMP,
  UNIQUE (institution_code, report_period, version)
);
CREATE TABLE IF NOT EXISTS loan_exits (
  exit_submission_id BIGINT NOT NULL,
  row_no BIGINT NOT NULL,
  report_period VARCHAR NOT NULL,
  institution_code VARCHAR NOT NULL,
  loan_id VARCHAR NOT NULL,
  exit_reason VARCHAR NOT NULL,
  amount DECIMAL(18,2) NOT NULL
);
`,
  },
];
