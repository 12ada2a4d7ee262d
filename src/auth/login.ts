// Login with lockout: per client address (failed logins within the lock window) and per account and address
// (wrong passwords for one user name from one client). The account lock is per client address so that nobody
// can lock an administrator out from elsewhere, and it counts attempts on unknown user names the same way so
// that the answers never tell whether an account exists (issue 13 item 10). Every attempt is audited.
import { appError, type AppError } from '../http/errors.ts';
import type { AuditEvent } from '../http/route-context.ts';
import type { StateStore } from '../store/state/pg.ts';
import { burnPasswordCheck, verifyPassword } from './password.ts';
import type { AuthPolicy } from './policy.ts';
import {
  accountFailuresSince,
  clearAccountFailures,
  createSession,
  ipFailuresSince,
  recordIpFailure,
  userByName,
  type UserRow,
} from './store.ts';

export type LoginResult =
  { ok: true; user: UserRow; token: string; expires_at: Date } | { ok: false; error: AppError };

export interface LoginDeps {
  state: StateStore;
  audit(event: AuditEvent): Promise<void>;
  policy: AuthPolicy;
  now(): Date;
}

export async function login(
  deps: LoginDeps,
  attempt: { username: string; password: string; ip: string },
): Promise<LoginResult> {
  const { state, policy } = deps;
  const now = deps.now();
  const lockMs = policy.lockMinutes * 60_000;
  const base = { actor: null, object_type: 'user', object_id: attempt.username, ip: attempt.ip };

  const ipFailures = await ipFailuresSince(state, attempt.ip, new Date(now.getTime() - lockMs));
  if (ipFailures >= policy.maxFailuresPerIp) {
    await deps.audit({ ...base, action: 'auth.login_refused', detail: { reason: 'ip_locked' } });
    return { ok: false, error: appError('auth.ip_locked') };
  }

  const since = new Date(now.getTime() - lockMs);
  const pairFailures = await accountFailuresSince(state, attempt.username, attempt.ip, since);
  if (pairFailures >= policy.maxFailuresPerAccount) {
    await deps.audit({ ...base, action: 'auth.login_refused', detail: { reason: 'account_locked' } });
    return { ok: false, error: appError('auth.account_locked') };
  }

  const user = await userByName(state, attempt.username);
  const usable = user !== null && !user.disabled;
  const passed = usable
    ? await verifyPassword(user.password_hash, attempt.password)
    : await burnPasswordCheck(attempt.password);

  if (!passed || !user) {
    await recordIpFailure(state, attempt.ip, attempt.username, now);
    const reason = user === null ? 'unknown_user' : user.disabled ? 'disabled' : 'wrong_password';
    await deps.audit({ ...base, action: 'auth.login_failed', detail: { reason } });
    if (pairFailures + 1 >= policy.maxFailuresPerAccount) {
      await deps.audit({
        ...base,
        action: 'auth.account_locked',
        detail: {
          locked_until: new Date(now.getTime() + lockMs).toISOString(),
          failures: policy.maxFailuresPerAccount,
          ip: attempt.ip,
        },
      });
    }
    return { ok: false, error: appError('auth.invalid_credentials') };
  }

  await clearAccountFailures(state, user.id);
  const session = await createSession(state, user.id, now, policy.sessionHours * 3_600_000, attempt.ip);
  await deps.audit({ ...base, actor: user.username, object_id: user.id, action: 'auth.login', detail: {} });
  return { ok: true, user, ...session };
}
