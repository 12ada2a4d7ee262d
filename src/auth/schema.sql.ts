// State-store schema of local accounts, server-side sessions and failed-login records (for per-IP lockout).
// Role bindings are checked by the database too: institution users carry exactly an institution code,
// district users exactly a district code.
import type { StateMigration } from '../store/state/pg.ts';

export const authStateMigration: StateMigration = {
  id: '0003_auth',
  sql: `
CREATE TABLE IF NOT EXISTS auth_users (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'regulator', 'institution', 'district', 'auditor')),
  institution_code text,
  district_code text,
  unit_id text,
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT false,
  disabled boolean NOT NULL DEFAULT false,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT auth_users_institution_binding CHECK ((role = 'institution') = (institution_code IS NOT NULL)),
  CONSTRAINT auth_users_district_binding CHECK ((role = 'district') = (district_code IS NOT NULL))
);
CREATE TABLE IF NOT EXISTS auth_sessions (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES auth_users (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  ip text
);
CREATE INDEX IF NOT EXISTS auth_sessions_user ON auth_sessions (user_id);
CREATE TABLE IF NOT EXISTS auth_login_failures (
  ip text NOT NULL,
  username text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS auth_login_failures_ip ON auth_login_failures (ip, at);
`,
};
