// State-store schema of the joint promotion mechanism (PostgreSQL dialect; runs on PGlite and PostgreSQL).
import type { StateMigration } from '../store/state/pg.ts';

export const promoteStateMigrations: StateMigration[] = [
  {
    id: '0100_promote',
    sql: `
-- The plan's measures as parsed from the plan text (refreshed on seeding).
CREATE TABLE IF NOT EXISTS promote_measures (
  no integer PRIMARY KEY CHECK (no BETWEEN 1 AND 99),
  label text NOT NULL,
  section_no integer NOT NULL,
  section_title text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  units text[] NOT NULL,
  lead_units text[] NOT NULL
);
-- Responsible units: plan units by name, districts 'district:<code>', banks 'institution:<code>'.
CREATE TABLE IF NOT EXISTS promote_units (
  id text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('coordinator','regulator','municipal','district_group','district','institution')),
  district_code text,
  institution_code text,
  email text
);
CREATE TABLE IF NOT EXISTS promote_work_items (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  measure_no integer NOT NULL REFERENCES promote_measures (no),
  title text NOT NULL,
  owner_unit text NOT NULL REFERENCES promote_units (id),
  co_units text[] NOT NULL DEFAULT '{}',
  deliverable text NOT NULL DEFAULT '',
  due_quarter integer NOT NULL CHECK (due_quarter BETWEEN 1 AND 4),
  indicators text[] NOT NULL DEFAULT '{}',
  district_code text,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open','done','carried_over')),
  carried_from bigint UNIQUE REFERENCES promote_work_items (id),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS promote_work_items_year ON promote_work_items (year, measure_no);
CREATE INDEX IF NOT EXISTS promote_work_items_owner ON promote_work_items (owner_unit, year);
-- One report per item and quarter; re-filing replaces it and bumps version; history in promote_report_events.
CREATE TABLE IF NOT EXISTS promote_reports (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id bigint NOT NULL REFERENCES promote_work_items (id),
  year integer NOT NULL,
  quarter integer NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  unit_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('not_started','on_track','at_risk','done')),
  narrative text NOT NULL,
  numbers jsonb NOT NULL DEFAULT '{}',
  review_state text NOT NULL CHECK (review_state IN ('submitted','returned','accepted')),
  review_comment text,
  submitted_by text NOT NULL,
  submitted_at timestamptz NOT NULL,
  reviewed_by text,
  reviewed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (item_id, year, quarter)
);
CREATE TABLE IF NOT EXISTS promote_report_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id bigint NOT NULL REFERENCES promote_reports (id),
  event text NOT NULL,
  actor text NOT NULL,
  at timestamptz NOT NULL,
  version integer NOT NULL,
  status text NOT NULL,
  comment text
);
CREATE TABLE IF NOT EXISTS promote_attachments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id bigint NOT NULL REFERENCES promote_reports (id),
  name text NOT NULL,
  mime text NOT NULL,
  size integer NOT NULL CHECK (size > 0),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS promote_notices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id text NOT NULL,
  item_id bigint NOT NULL REFERENCES promote_work_items (id),
  kind text NOT NULL CHECK (kind IN ('due_soon','overdue','returned')),
  period_key text NOT NULL,
  message_zh text NOT NULL,
  message_en text NOT NULL,
  created_at timestamptz NOT NULL,
  read_at timestamptz,
  emailed_at timestamptz,
  UNIQUE (item_id, kind, period_key)
);
CREATE INDEX IF NOT EXISTS promote_notices_unit ON promote_notices (unit_id, read_at)`,
  },
  {
    id: '0101_promote_report_sections',
    sql: `
-- The city report's free-text sections per unit and period (quarter 0: the yearly report); merged = the
-- coordinator's merged text (unit_id '').
CREATE TABLE IF NOT EXISTS promote_report_sections (
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  quarter integer NOT NULL CHECK (quarter BETWEEN 0 AND 4),
  kind text NOT NULL CHECK (kind IN ('problems','next_steps','requests')),
  merged boolean NOT NULL,
  unit_id text NOT NULL,
  body text NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (year, quarter, kind, merged, unit_id)
)`,
  },
];
