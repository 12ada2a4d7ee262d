// Password hashing (Argon2id with @node-rs/argon2's defaults: 19 MiB, 2 passes — the OWASP baseline) and the
// password policy. A dummy hash lets a login for an unknown user cost the same time as for a known one.
import { hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch (e) {
    // A malformed stored hash is a data error, never a successful login.
    if (e instanceof Error) return false;
    throw e;
  }
}

let dummy: Promise<string> | null = null;
/** Verifies against a fixed throw-away hash and returns false: equal timing for unknown user names. */
export async function burnPasswordCheck(password: string): Promise<false> {
  dummy ??= hash('fivefin-no-such-user-placeholder');
  await verifyPassword(await dummy, password);
  return false;
}

/**
 * Passwords (and stems) that guessing lists try first, lower-case: refused whatever is appended or repeated
 * (issue 13 item 10). Includes the published demo password.
 */
const BLOCKLIST = [
  'password',
  'passw0rd',
  'p@ssw0rd',
  'qwerty',
  'qwertyuiop',
  'asdfgh',
  'zxcvbn',
  'abc123',
  'abcdef',
  'admin',
  'administrator',
  'welcome',
  'letmein',
  'iloveyou',
  'changeme',
  'default',
  'fivefin',
  'fivefin-demo',
  'root',
  'test',
  'guest',
  'monkey',
  'dragon',
  'master',
  'sunshine',
  'woaini',
  'aini',
  'bank',
  'china',
  'chongqing',
];

/** Whether a password is a blocklisted stem with only digits, symbols or repetitions around it, or trivial. */
export function isTrivialPassword(password: string, username = ''): boolean {
  const p = password.toLowerCase();
  if (new Set(p).size < 5) return true; // aaaaaaaaaa, 1212121212, ...
  if (/^(?:0123456789|1234567890|9876543210)+/.test(p) || /^\d+$/.test(p)) return true;
  const core = p.replaceAll(/[^a-z@]+/g, '');
  const stems = [...BLOCKLIST, username.toLowerCase()].filter((w) => w.length >= 3);
  return stems.some((w) => {
    const stem = w.replaceAll(/[^a-z@]+/g, '');
    return (
      stem.length >= 3 && (core === stem || core === stem.repeat(Math.max(1, core.length / stem.length)))
    );
  });
}

/** Pure policy check; returns null when the new password is acceptable. */
export function passwordProblem(
  username: string,
  password: string,
  oldPassword?: string,
): 'too_short' | 'too_long' | 'same_as_username' | 'same_as_old' | 'too_common' | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'too_long';
  if (password.toLowerCase() === username.toLowerCase()) return 'same_as_username';
  if (isTrivialPassword(password, username)) return 'too_common';
  if (oldPassword !== undefined && password === oldPassword) return 'same_as_old';
  return null;
}
