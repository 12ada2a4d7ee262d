// Typed configuration, parsed once at the edge from the environment (the only place that reads process.env).
// Fails naming the variable; never supplies placeholder secrets.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type StateStoreConfig =
  { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string; schema?: string };
export type AnalyticsStoreConfig = { kind: 'duckdb'; path: string };

export interface Config {
  mode: 'demo' | 'production';
  port: number;
  host: string;
  dataDir: string;
  state: StateStoreConfig;
  analytics: AnalyticsStoreConfig;
  /** Key of the keyed hash (HMAC-SHA256) that replaces personal identifiers at ingest. */
  hmacKey: Buffer;
  sessionSecret: Buffer;
  smtpUrl: string | null;
  maxUploadBytes: number;
  /**
   * Trust X-Forwarded-For/-Proto from these proxies (FIVEFIN_TRUST_PROXY: a hop count, or comma-separated
   * addresses/CIDRs); false: the client is the TCP peer. Decides the client address of the per-client lockout and
   * whether the request came over HTTPS (Secure cookie, HSTS).
   */
  trustProxy: boolean | number | string;
  /** Demo mode: loans outstanding at the last demo month (the generator reaches the city's levels from ~300k). */
  demoLoans: number;
  /** Last day (YYYY-MM-DD) on which loan-file-v1 files are accepted (the transition to loan-file-v2). */
  v1AcceptedUntil: string;
  /** When a period's reporting closes: this day of the following month at this time, Asia/Shanghai. */
  reportingDeadline: ReportingDeadline;
  /**
   * Figures after an upload, approval or exit file: recomputed in the background once uploads pause this long
   * (coalescing a burst), or at once when 0 (FIVEFIN_RECOMPUTE_DELAY_MS).
   */
  recomputeDelayMs: number;
}

/** A reporting deadline: day of the month after the period, hour and minute (Asia/Shanghai, UTC+8). */
export interface ReportingDeadline {
  day: number;
  hour: number;
  minute: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** Placeholder words that make a secret guessable whatever its length. */
const PLACEHOLDERS = /change.?me|secret|password|example|default|fivefin|test|dummy|sample|placeholder/i;

/**
 * Why a secret is too weak, or null: at least 32 characters, at least 12 distinct ones, not a repetition of a
 * short pattern, no placeholder word (e.g. "changeme…", 32 × "a", "abcabc…" all fail).
 */
export function secretWeakness(raw: string): string | null {
  if (raw.length < 32) return 'must be at least 32 characters';
  if (new Set(raw).size < 12)
    return 'is too repetitive (use at least 12 different characters, e.g. openssl rand -hex 32)';
  if (/^(.{1,16})\1+$/.test(raw))
    return 'is a repeated pattern (use a random value, e.g. openssl rand -hex 32)';
  if (PLACEHOLDERS.test(raw))
    return 'contains a placeholder word (use a random value, e.g. openssl rand -hex 32)';
  return null;
}

function trustProxyVar(env: Env): boolean | number | string {
  const raw = (env.FIVEFIN_TRUST_PROXY ?? '').trim();
  if (raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (/^[0-9a-fA-F.:/, ]+$/.test(raw)) return raw;
  throw new ConfigError(
    'FIVEFIN_TRUST_PROXY',
    `must be true, false, a hop count or addresses/CIDRs, got "${raw}"`,
  );
}

function secretVar(env: Env, name: string, mode: Config['mode'], dataDir: string): Buffer {
  const raw = env[name];
  if (raw !== undefined && raw !== '') {
    const weak = secretWeakness(raw);
    if (weak) throw new ConfigError(name, weak);
    return Buffer.from(raw, 'utf8');
  }
  if (mode === 'production') throw new ConfigError(name, 'is required outside demo mode (FIVEFIN_MODE=demo)');
  // Demo mode: a random key generated once per data directory and kept there, never a built-in constant.
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, `.${name.toLowerCase()}`);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
}

function dateVar(env: Env, name: string, dflt: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const d = new Date(`${raw}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== raw)
    throw new ConfigError(name, `must be a date YYYY-MM-DD, got "${raw}"`);
  return raw;
}

/** Default reporting deadline: the 12th of the following month, 17:00 Asia/Shanghai (issue 14). */
export const DEFAULT_REPORTING_DEADLINE: ReportingDeadline = { day: 12, hour: 17, minute: 0 };

function deadlineVar(env: Env, name: string): ReportingDeadline {
  const raw = env[name];
  if (raw === undefined || raw === '') return DEFAULT_REPORTING_DEADLINE;
  const m = /^(\d{1,2}) (\d{2}):(\d{2})$/.exec(raw);
  const [day, hour, minute] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || day < 1 || day > 28 || hour > 23 || minute > 59)
    throw new ConfigError(
      name,
      `must be "DD HH:MM" (day 1–28 of the following month, Asia/Shanghai), got "${raw}"`,
    );
  return { day, hour, minute };
}

/** Default end of the loan-file-v1 transition (DATA-SPEC v2 intro): configurable, never silently open-ended. */
export const DEFAULT_V1_ACCEPTED_UNTIL = '2027-06-30';

/** Parses the environment into a Config. `overrides` come from CLI flags (e.g. --demo). */
export function loadConfig(env: Env = process.env, overrides: { mode?: Config['mode'] } = {}): Config {
  const modeRaw = overrides.mode ?? env.FIVEFIN_MODE ?? 'production';
  if (modeRaw !== 'demo' && modeRaw !== 'production')
    throw new ConfigError('FIVEFIN_MODE', `must be "demo" or "production", got "${modeRaw}"`);
  const mode = modeRaw;
  const dataDir = resolve(env.FIVEFIN_DATA_DIR || 'data');
  const url = env.DATABASE_URL;
  const state: StateStoreConfig =
    url !== undefined && url !== ''
      ? { kind: 'postgres', url }
      : { kind: 'pglite', dataDir: join(dataDir, 'state') };
  return {
    mode,
    port: intVar(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir,
    state,
    analytics: { kind: 'duckdb', path: join(dataDir, 'analytics.duckdb') },
    hmacKey: secretVar(env, 'FIVEFIN_HMAC_KEY', mode, dataDir),
    sessionSecret: secretVar(env, 'FIVEFIN_SESSION_SECRET', mode, dataDir),
    smtpUrl: env.SMTP_URL || null,
    trustProxy: trustProxyVar(env),
    maxUploadBytes: intVar(env, 'FIVEFIN_MAX_UPLOAD_MB', 2048, 1, 65536) * 1024 * 1024,
    demoLoans: intVar(env, 'FIVEFIN_DEMO_LOANS', 100_000, 100, 10_000_000),
    v1AcceptedUntil: dateVar(env, 'FIVEFIN_V1_ACCEPTED_UNTIL', DEFAULT_V1_ACCEPTED_UNTIL),
    reportingDeadline: deadlineVar(env, 'FIVEFIN_REPORTING_DEADLINE'),
    recomputeDelayMs: intVar(env, 'FIVEFIN_RECOMPUTE_DELAY_MS', 2000, 0, 600_000),
  };
}

/** The DATABASE_URL used by tests that run the state store against a real PostgreSQL server, if any. */
export function testDatabaseUrl(env: Env = process.env): string | null {
  return env.TEST_DATABASE_URL || null;
}

/**
 * A complete configuration with no data directory and in-memory stores, production mode, an ephemeral port and
 * a 1 MiB upload limit; `secrets` and `overrides` fill the rest. For what runs without a deployment: the
 * OpenAPI document generation and the tests.
 */
export function inertConfig(
  secrets: { hmacKey: Buffer; sessionSecret: Buffer },
  overrides: Partial<Config> = {},
): Config {
  return {
    mode: 'production',
    port: 0,
    host: '127.0.0.1',
    dataDir: '/nonexistent',
    state: { kind: 'pglite', dataDir: null },
    analytics: { kind: 'duckdb', path: ':memory:' },
    ...secrets,
    smtpUrl: null,
    maxUploadBytes: 1024 * 1024,
    demoLoans: 300_000,
    trustProxy: false,
    v1AcceptedUntil: DEFAULT_V1_ACCEPTED_UNTIL,
    reportingDeadline: DEFAULT_REPORTING_DEADLINE,
    recomputeDelayMs: 0,
    ...overrides,
  };
}
