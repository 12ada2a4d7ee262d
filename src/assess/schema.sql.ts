// State-store schema of the assessment: indicator-configuration versions (append-only, never overwritten),
// reviewers' qualitative scores, and scoring runs with their per-subject results and breakdowns.
import type { StateMigration } from '../store/state/pg.ts';

export const assessStateMigrations: StateMigration[] = [
  {
    id: '0100_assess',
    sql: `
CREATE TABLE IF NOT EXISTS assess_config_versions (
  version integer PRIMARY KEY,
  label text NOT NULL,
  source_yaml text NOT NULL,
  config jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS assess_qualitative_scores (
  period text NOT NULL,
  subject_kind text NOT NULL CHECK (subject_kind IN ('bank', 'district')),
  subject_code text NOT NULL,
  indicator_id text NOT NULL,
  score numeric(5,2) NOT NULL CHECK (score >= 0 AND score <= 100),
  reviewer text NOT NULL,
  comment text,
  entered_at timestamptz NOT NULL,
  PRIMARY KEY (period, subject_kind, subject_code, indicator_id)
);
CREATE TABLE IF NOT EXISTS assess_runs (
  run_id bigint PRIMARY KEY,
  period text NOT NULL,
  config_version integer NOT NULL REFERENCES assess_config_versions (version),
  submission_ids jsonb NOT NULL,
  rule_versions jsonb NOT NULL,
  inputs jsonb NOT NULL,
  inputs_hash text NOT NULL,
  results_hash text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS assess_runs_period ON assess_runs (period, run_id);
CREATE TABLE IF NOT EXISTS assess_results (
  run_id bigint NOT NULL REFERENCES assess_runs (run_id),
  subject_kind text NOT NULL,
  subject_code text NOT NULL,
  name text NOT NULL,
  peer_group text NOT NULL,
  score numeric(7,2) NOT NULL,
  quantitative numeric(9,4) NOT NULL,
  qualitative numeric(9,4) NOT NULL,
  rank integer NOT NULL,
  peer_count integer NOT NULL,
  grade text NOT NULL,
  breakdown jsonb NOT NULL,
  PRIMARY KEY (run_id, subject_kind, subject_code)
)`,
  },
];
