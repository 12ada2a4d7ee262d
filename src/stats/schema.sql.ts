// Analytics-store schema of the statistics: stored per-period aggregates of the five areas, by dimension.
// Ratios (shares, NPL ratio, growth) are derived from these stored sums when read, so they stay exact.
import type { AnalyticsMigration } from '../store/analytics/duckdb.ts';

export const statsAnalyticsMigrations: AnalyticsMigration[] = [
  {
    id: 'stats_0001',
    sql: `
CREATE TABLE IF NOT EXISTS area_aggregates (
  report_period VARCHAR NOT NULL,
  area VARCHAR NOT NULL,            -- tech, green, inclusive, pension, digital, all5 (deduplicated), all_loans
  dim VARCHAR NOT NULL,             -- city, district, institution, industry_section, industry_division, size, guarantee
  dim_value VARCHAR NOT NULL,
  balance DECIMAL(18,2) NOT NULL,
  loan_count BIGINT NOT NULL,
  borrower_count BIGINT NOT NULL,
  issued_amount DECIMAL(18,2) NOT NULL,
  issued_rate_weight DECIMAL(38,6) NOT NULL,  -- sum(issued_amount * interest_rate)
  credit_balance DECIMAL(18,2) NOT NULL,
  first_loan_borrowers BIGINT NOT NULL,
  mlt_balance DECIMAL(18,2) NOT NULL,
  npl_balance DECIMAL(18,2) NOT NULL,
  rule_version VARCHAR NOT NULL,
  submission_ids BIGINT[] NOT NULL,
  computed_at TIMESTAMP NOT NULL,
  PRIMARY KEY (report_period, area, dim, dim_value)
);
`,
  },
  {
    id: 'stats_0002',
    sql: `
-- The loans in force at time t: rows of the submission versions accepted at or before t and not yet superseded
-- at t (submissions.accepted_at / superseded_at). loans_as_of(now()) equals loans_current.
CREATE OR REPLACE MACRO loans_as_of(t) AS TABLE
  SELECT l.* FROM loans l JOIN submissions s USING (submission_id)
  WHERE s.accepted_at <= t AND (s.superseded_at IS NULL OR s.superseded_at > t);
`,
  },
  {
    id: 'stats_0003_lines',
    sql: `
-- The published lines of classify-v2 (LINES_V2 and breakdowns), city-wide, with and without 票据融资.
CREATE TABLE IF NOT EXISTS area_line_figures (
  report_period VARCHAR NOT NULL,
  line VARCHAR NOT NULL,
  variant VARCHAR NOT NULL,           -- with_bills, without_bills
  borrower_count BIGINT NOT NULL,     -- distinct borrowers with balance > 0
  balance DECIMAL(18,2) NOT NULL,
  balance_rate DECIMAL(18,6),         -- balance-weighted rate, %
  issued_amount DECIMAL(18,2) NOT NULL,
  issued_rate DECIMAL(18,6),          -- issued-amount-weighted rate, %
  rule_version VARCHAR NOT NULL,
  computed_at TIMESTAMP NOT NULL,
  PRIMARY KEY (report_period, line, variant)
);
-- Stored aggregates a restatement replaced, kept readable under their rule version.
CREATE TABLE IF NOT EXISTS area_aggregates_history AS SELECT *, 0::BIGINT AS restatement_id FROM area_aggregates LIMIT 0;
CREATE TABLE IF NOT EXISTS area_line_figures_history AS SELECT *, 0::BIGINT AS restatement_id FROM area_line_figures LIMIT 0;
`,
  },
  {
    id: 'stats_0004_release',
    sql: `
-- The monthly sums of the release figures (release.sql.ts) per key (area, all5, all_loans = 各项贷款 without
-- entrusted loans, or a classify-v2 line) and dimension (city, district, branch_district, institution).
CREATE TABLE IF NOT EXISTS release_base (
  report_period VARCHAR NOT NULL,
  key VARCHAR NOT NULL,
  dim VARCHAR NOT NULL,
  dim_value VARCHAR NOT NULL,
  balance DECIMAL(18,2) NOT NULL,
  issued DECIMAL(18,2) NOT NULL,
  loan_issued DECIMAL(18,2) NOT NULL,         -- issued in the month, 一般贷款 (not C03)
  loan_issued_w DECIMAL(38,6) NOT NULL,       -- sum(issued_amount * interest_rate) of those
  bill_issued DECIMAL(18,2) NOT NULL,         -- issued in the month, 票据融资 (C03)
  bill_issued_w DECIMAL(38,6) NOT NULL,
  credit_balance DECIMAL(18,2) NOT NULL,
  credit_issued DECIMAL(18,2) NOT NULL,
  special_mention_balance DECIMAL(18,2) NOT NULL,
  overdue90_balance DECIMAL(18,2) NOT NULL,
  npl_balance DECIMAL(18,2) NOT NULL,
  borrowers_with_balance BIGINT NOT NULL,
  first_loan_new BIGINT NOT NULL,             -- new first-loan borrowers first seen in this period
  exits_adjust DECIMAL(18,2) NOT NULL,        -- 核销/转让/证券化/以物抵债 exits of the month (of last month's loans)
  rule_version VARCHAR NOT NULL,
  computed_at TIMESTAMP NOT NULL,
  PRIMARY KEY (report_period, key, dim, dim_value)
);
-- What a period's release sums were computed from: the counted loan submissions of the period and the month
-- before, and the exit files of the period in force. A period whose inputs differ from these is stale.
CREATE TABLE IF NOT EXISTS release_inputs (
  report_period VARCHAR PRIMARY KEY,
  submission_ids BIGINT[] NOT NULL,
  exit_ids BIGINT[] NOT NULL,
  computed_at TIMESTAMP NOT NULL
);
`,
  },
];
