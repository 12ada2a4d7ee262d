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
];
