// Accounts and sessions in the state store. Session tokens are random; only their SHA-256 is stored, so a
// copy of the database grants no session.
import { createHash, randomBytes, randomUUID } from 'node:crypto';

import type { AuthUser } from '../http/route-context.ts';
import type { StateTx } from '../store/state/pg.ts';
import { invalidateSessions } from './session-cache.ts';

export interface UserRow extends AuthUser {
  password_hash: string;
  must_change_password: boolean;
  disabled: boolean;
  failed_logins: number;
  locked_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** A user to create: who they are (as on a request, without the id) and their credentials. */
export type NewUser = Omit<AuthUser, 'id'> & { password_hash: string; must_change_password: boolean };

const USER_COLS = `id, username, display_name, role, institution_code, district_code, unit_id, password_hash,
  must_change_password, disabled, failed_logins, locked_until, created_at, updated_at`;

export function toAuthUser(u: UserRow): AuthUser {
  return {
    id: u.id,
    username: u.username,
    display_name: u.display_name,
    role: u.role,
    institution_code: u.institution_code,
    district_code: u.district_code,
    unit_id: u.unit_id,
  };
}

/** A user as the API shows it to the user: the identity and whether the password must change. */
export function publicUser(u: UserRow): AuthUser & { must_change_password: boolean } {
  return { ...toAuthUser(u), must_change_password: u.must_change_password };
}

export function sessionTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Inserts a user; returns null when the user name is taken. */
export async function insertUser(db: StateTx, u: NewUser, now: Date): Promise<UserRow | null> {
  const rows = await db.query<UserRow>(
    `INSERT INTO auth_users (id, username, display_name, role, institution_code, district_code, unit_id,
       password_hash, must_change_password, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
     ON CONFLICT (username) DO NOTHING RETURNING ${USER_COLS}`,
    [
      randomUUID(),
      u.username,
      u.display_name,
      u.role,
      u.institution_code,
      u.district_code,
      u.unit_id,
      u.password_hash,
      u.must_change_password,
      now,
    ],
  );
  return rows[0] ?? null;
}

export async function userByName(db: StateTx, username: string): Promise<UserRow | null> {
  const rows = await db.query<UserRow>(`SELECT ${USER_COLS} FROM auth_users WHERE username = $1`, [username]);
  return rows[0] ?? null;
}

export async function userById(db: StateTx, id: string): Promise<UserRow | null> {
  const rows = await db.query<UserRow>(`SELECT ${USER_COLS} FROM auth_users WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function countUsers(db: StateTx): Promise<number> {
  const [r] = await db.query<{ n: string }>('SELECT count(*) AS n FROM auth_users');
  return Number(r?.n ?? '0');
}

export async function listUsers(
  db: StateTx,
  limit: number,
  offset: number,
): Promise<{ items: UserRow[]; total: number }> {
  const items = await db.query<UserRow>(
    `SELECT ${USER_COLS} FROM auth_users ORDER BY username LIMIT $1 OFFSET $2`,
    [limit, offset],
  );
  return { items, total: await countUsers(db) };
}

/** Records a failed password for an existing account; locks it when `maxFailures` is reached. */
export async function recordAccountFailure(
  db: StateTx,
  userId: string,
  now: Date,
  maxFailures: number,
  lockMs: number,
): Promise<{ locked_until: Date | null }> {
  const [r] = await db.query<{ failed_logins: number; locked_until: Date | null }>(
    `UPDATE auth_users SET
       locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END,
       failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END
     WHERE id = $1 RETURNING failed_logins, locked_until`,
    [userId, maxFailures, new Date(now.getTime() + lockMs)],
  );
  const lockedNow = r?.locked_until && r.locked_until.getTime() > now.getTime();
  return { locked_until: lockedNow ? r.locked_until : null };
}

/** Records a failed login from `ip`, dropping that address's records older than a day (they no longer count). */
export async function recordIpFailure(db: StateTx, ip: string, username: string, now: Date): Promise<void> {
  await db.query('DELETE FROM auth_login_failures WHERE ip = $1 AND at < $2', [
    ip,
    new Date(now.getTime() - 86_400_000),
  ]);
  await db.query('INSERT INTO auth_login_failures (ip, username, at) VALUES ($1, $2, $3)', [
    ip,
    username,
    now,
  ]);
}

export async function ipFailuresSince(db: StateTx, ip: string, since: Date): Promise<number> {
  const [r] = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM auth_login_failures WHERE ip = $1 AND at > $2',
    [ip, since],
  );
  return Number(r?.n ?? '0');
}

/** Failed logins for one user name (existing or not) from one client address since `since`. */
export async function accountFailuresSince(
  db: StateTx,
  username: string,
  ip: string,
  since: Date,
): Promise<number> {
  const [r] = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM auth_login_failures WHERE ip = $1 AND username = $2 AND at > $3',
    [ip, username, since],
  );
  return Number(r?.n ?? '0');
}

export async function clearAccountFailures(db: StateTx, userId: string): Promise<void> {
  await db.query('UPDATE auth_users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [userId]);
}

/** Creates a session and returns its token (the cookie value). */
export async function createSession(
  db: StateTx,
  userId: string,
  now: Date,
  ttlMs: number,
  ip: string,
): Promise<{ token: string; expires_at: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expires_at = new Date(now.getTime() + ttlMs);
  await db.query('DELETE FROM auth_sessions WHERE user_id = $1 AND expires_at <= $2', [userId, now]);
  await db.query(
    'INSERT INTO auth_sessions (token_hash, user_id, created_at, expires_at, ip) VALUES ($1, $2, $3, $4, $5)',
    [sessionTokenHash(token), userId, now, expires_at, ip],
  );
  return { token, expires_at };
}

/** The enabled user of a live session and the session's expiry, or null. */
export async function userBySession(
  db: StateTx,
  token: string,
  now: Date,
): Promise<{ user: UserRow; expires_at: Date } | null> {
  const rows = await db.query<UserRow & { session_expires_at: Date }>(
    `SELECT ${USER_COLS.replace(/(\w+)/g, 'u.$1')}, s.expires_at AS session_expires_at
     FROM auth_sessions s JOIN auth_users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > $2 AND NOT u.disabled`,
    [sessionTokenHash(token), now],
  );
  const row = rows[0];
  if (!row) return null;
  const { session_expires_at, ...user } = row;
  return { user, expires_at: session_expires_at };
}

export async function deleteSession(db: StateTx, token: string): Promise<void> {
  invalidateSessions();
  await db.query('DELETE FROM auth_sessions WHERE token_hash = $1', [sessionTokenHash(token)]);
}

export async function deleteUserSessions(db: StateTx, userId: string, exceptToken?: string): Promise<void> {
  invalidateSessions();
  await db.query('DELETE FROM auth_sessions WHERE user_id = $1 AND token_hash <> $2', [
    userId,
    exceptToken ? sessionTokenHash(exceptToken) : '',
  ]);
}

export async function setPassword(
  db: StateTx,
  userId: string,
  passwordHash: string,
  mustChange: boolean,
  now: Date,
): Promise<void> {
  invalidateSessions();
  await db.query(
    `UPDATE auth_users SET password_hash = $2, must_change_password = $3, updated_at = $4 WHERE id = $1`,
    [userId, passwordHash, mustChange, now],
  );
}

export async function setDisabled(db: StateTx, userId: string, disabled: boolean, now: Date): Promise<void> {
  invalidateSessions();
  await db.query('UPDATE auth_users SET disabled = $2, updated_at = $3 WHERE id = $1', [
    userId,
    disabled,
    now,
  ]);
}
