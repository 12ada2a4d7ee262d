// Tunable limits of authentication: lockout, session lifetime, login rate limit, cookie security.
// Defaults follow the platform's security baseline; tests pass their own (small) values.

export interface AuthPolicy {
  /** Consecutive wrong passwords that lock an account. */
  maxFailuresPerAccount: number;
  /** Failed logins from one client address within `lockMinutes` that block further logins from it. */
  maxFailuresPerIp: number;
  lockMinutes: number;
  /** Absolute session lifetime. */
  sessionHours: number;
  /** Login requests per client address per minute (HTTP rate limit, before any password check). */
  loginRatePerMinute: number;
  /** Cookie `Secure` flag: 'auto' = when the request came over TLS (behind a proxy: set trustProxy). */
  secureCookies: boolean | 'auto';
}

export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  maxFailuresPerAccount: 5,
  // Banks' staff often share one outbound address, so the per-address limit is looser than the per-account one.
  maxFailuresPerIp: 20,
  lockMinutes: 15,
  sessionHours: 12,
  loginRatePerMinute: 20,
  secureCookies: 'auto',
};

export const SESSION_COOKIE = 'fivefin_session';
