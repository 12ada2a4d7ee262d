// Accounts the platform starts with. Demo mode: one fixed, printed login per role (no forced change).
// Production: if there is no account at all, one `admin` with a random password that must be changed at
// first login.
import { randomBytes } from 'node:crypto';

import type { Role } from '../http/route-context.ts';
import type { StateStore } from '../store/state/pg.ts';
import { hashPassword } from './password.ts';
import { countUsers, insertUser } from './store.ts';

export const DEMO_PASSWORD = 'fivefin-demo';
export const DEMO_DISTRICT = '500103'; // 渝中区

export interface DemoLogin {
  username: string;
  password: string;
  role: Role;
  display_name: string;
  institution_code: string | null;
  district_code: string | null;
  /** False when the account already existed (seeding is idempotent). */
  created: boolean;
}

/**
 * Creates the demo accounts: admin, regulator, auditor, one institution user per given institution code
 * (at most 3: `bank`, `bank2`, `bank3`) and one district user (`district`, bound to districts[0] or 500103).
 */
export async function seedDemoUsers(
  state: StateStore,
  institutions: string[],
  districts: string[] = [DEMO_DISTRICT],
  now: Date = new Date(),
): Promise<DemoLogin[]> {
  const wanted: Omit<DemoLogin, 'password' | 'created'>[] = [
    {
      username: 'admin',
      role: 'admin',
      display_name: '系统管理员',
      institution_code: null,
      district_code: null,
    },
    {
      username: 'regulator',
      role: 'regulator',
      display_name: '监管分析员',
      institution_code: null,
      district_code: null,
    },
    {
      username: 'auditor',
      role: 'auditor',
      display_name: '审计员',
      institution_code: null,
      district_code: null,
    },
    ...institutions.slice(0, 3).map((code, i) => ({
      username: i === 0 ? 'bank' : `bank${i + 1}`,
      role: 'institution' as const,
      display_name: `机构报送员 ${code}`,
      institution_code: code,
      district_code: null,
    })),
    {
      username: 'district',
      role: 'district',
      display_name: '区县用户',
      institution_code: null,
      district_code: districts[0] ?? DEMO_DISTRICT,
    },
  ];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const out: DemoLogin[] = [];
  for (const w of wanted) {
    const row = await insertUser(
      state,
      { ...w, unit_id: null, password_hash: passwordHash, must_change_password: false },
      now,
    );
    out.push({ ...w, password: DEMO_PASSWORD, created: row !== null });
  }
  return out;
}

/** Lines to print for the demo logins, e.g. "admin / fivefin-demo  (admin)". */
export function formatDemoLogins(logins: DemoLogin[]): string[] {
  return logins.map((l) => {
    const binding = l.institution_code ?? l.district_code;
    return `${l.username} / ${l.password}  (${l.role}${binding ? ` ${binding}` : ''})`;
  });
}

/**
 * Production bootstrap: when no account exists, creates `admin` with a random password that must be changed
 * at first login, and returns it (to print once). Returns null when accounts exist.
 */
export async function bootstrapAdmin(
  state: StateStore,
  now: Date = new Date(),
): Promise<{ username: string; password: string } | null> {
  if ((await countUsers(state)) > 0) return null;
  const password = randomBytes(12).toString('base64url');
  const row = await insertUser(
    state,
    {
      username: 'admin',
      display_name: '系统管理员',
      role: 'admin',
      institution_code: null,
      district_code: null,
      unit_id: null,
      password_hash: await hashPassword(password),
      must_change_password: true,
    },
    now,
  );
  return row ? { username: 'admin', password } : null;
}
