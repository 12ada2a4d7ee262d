// State-store access of the assessment: configuration versions (append-only), qualitative scores and runs.
import { readFileSync } from 'node:fs';

import type { Institution } from '../institutions/schema.sql.ts';
import { listInstitutions } from '../institutions/store.ts';
import type { StateStore, StateTx } from '../store/state/pg.ts';
import { parseIndicatorConfig, type IndicatorConfig } from './engine/config.domain.ts';
import { isDecimal, q, cmp, HUNDRED, ZERO } from './engine/decimal.domain.ts';
import type { SubjectKind } from './engine/metrics.domain.ts';
import { assessError, type Result } from './errors.ts';

export const DEFAULT_CONFIG_FILE = new URL('./config/indicators.v1.yaml', import.meta.url);

export interface ConfigVersion {
  version: number;
  label: string;
  source_yaml: string;
  config: IndicatorConfig;
  created_by: string;
  created_at: string;
}

type ConfigRow = Omit<ConfigVersion, 'created_at' | 'version'> & {
  version: number | string;
  created_at: Date;
};

const toVersion = (r: ConfigRow): ConfigVersion => ({
  ...r,
  version: Number(r.version),
  created_at: r.created_at.toISOString(),
});

/** Validates YAML and stores it as the next version (never overwrites an existing one). */
export async function putConfigVersion(
  state: StateStore,
  yamlText: string,
  actor: string,
  now: Date,
): Promise<Result<ConfigVersion>> {
  const parsed = parseIndicatorConfig(yamlText);
  if (!parsed.ok) return parsed;
  const row = await state.transaction(async (tx) => {
    const [next] = await tx.query<{ v: number }>(
      'SELECT (coalesce(max(version), 0) + 1)::int AS v FROM assess_config_versions',
    );
    const [r] = await tx.query<ConfigRow>(
      `INSERT INTO assess_config_versions (version, label, source_yaml, config, created_by, created_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6) RETURNING *`,
      [next?.v ?? 1, parsed.value.label, yamlText, JSON.stringify(parsed.value), actor, now],
    );
    return r;
  });
  if (!row) throw new Error('insert returned no row');
  return { ok: true, value: toVersion(row) };
}

/** One version, or the newest when `version` is omitted; seeds version 1 from the shipped YAML if none exists. */
export async function getConfigVersion(state: StateStore, version?: number): Promise<ConfigVersion | null> {
  const rows =
    version === undefined
      ? await state.query<ConfigRow>('SELECT * FROM assess_config_versions ORDER BY version DESC LIMIT 1')
      : await state.query<ConfigRow>('SELECT * FROM assess_config_versions WHERE version = $1', [version]);
  if (rows[0]) return toVersion(rows[0]);
  if (version !== undefined && version !== 1) return null;
  const seeded = await putConfigVersion(
    state,
    readFileSync(DEFAULT_CONFIG_FILE, 'utf8'),
    'system',
    new Date(0),
  );
  if (!seeded.ok)
    throw new Error(`shipped indicator configuration is invalid: ${seeded.errors[0]?.message_en}`);
  return seeded.value;
}

export async function listConfigVersions(
  state: StateStore,
): Promise<Omit<ConfigVersion, 'config' | 'source_yaml'>[]> {
  const rows = await state.query<ConfigRow>(
    'SELECT version, label, created_by, created_at FROM assess_config_versions ORDER BY version',
  );
  return rows.map((r) => ({
    version: Number(r.version),
    label: r.label,
    created_by: r.created_by,
    created_at: r.created_at.toISOString(),
  }));
}

export interface QualitativeScore {
  period: string;
  subject_kind: SubjectKind;
  subject_code: string;
  indicator_id: string;
  score: string;
  comment?: string | null;
}

/** Records a reviewer's score (replacing an earlier one for the same period, subject and indicator). */
export async function putQualitativeScore(
  state: StateStore,
  config: IndicatorConfig,
  s: QualitativeScore,
  reviewer: string,
  now: Date,
): Promise<Result<QualitativeScore>> {
  const ind = config.subjects[s.subject_kind].indicators.find((i) => i.id === s.indicator_id);
  if (!ind || ind.kind !== 'qualitative')
    return {
      ok: false,
      errors: [
        assessError('ASSESS_UNKNOWN_INDICATOR', { indicator: s.indicator_id, subject: s.subject_kind }),
      ],
    };
  if (
    !isDecimal(s.score) ||
    /\.\d{3,}$/.test(s.score) ||
    cmp(q(s.score), ZERO) < 0 ||
    cmp(q(s.score), HUNDRED) > 0
  )
    return { ok: false, errors: [assessError('ASSESS_BAD_SCORE', { score: s.score })] };
  await state.query(
    `INSERT INTO assess_qualitative_scores (period, subject_kind, subject_code, indicator_id, score, reviewer, comment, entered_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (period, subject_kind, subject_code, indicator_id)
     DO UPDATE SET score = EXCLUDED.score, reviewer = EXCLUDED.reviewer, comment = EXCLUDED.comment, entered_at = EXCLUDED.entered_at`,
    [s.period, s.subject_kind, s.subject_code, s.indicator_id, s.score, reviewer, s.comment ?? null, now],
  );
  return { ok: true, value: s };
}

/** Reviewers' scores of a period: subject kind → subject code → indicator id → score (2 dp string). */
export async function readQualitativeScores(
  tx: StateTx,
  period: string,
): Promise<Record<SubjectKind, Map<string, Record<string, string>>>> {
  const rows = await tx.query<{
    subject_kind: SubjectKind;
    subject_code: string;
    indicator_id: string;
    score: string;
  }>(
    `SELECT subject_kind, subject_code, indicator_id, score::text AS score FROM assess_qualitative_scores
     WHERE period = $1 ORDER BY subject_kind, subject_code, indicator_id`,
    [period],
  );
  const out = { bank: new Map(), district: new Map() } as Record<
    SubjectKind,
    Map<string, Record<string, string>>
  >;
  for (const r of rows) {
    const m = out[r.subject_kind];
    m.set(r.subject_code, { ...(m.get(r.subject_code) ?? {}), [r.indicator_id]: r.score });
  }
  return out;
}

/** The assessed institutions: the `institutions` table of the state store (the institutions capability owns it). */
export async function institutionsFromState(state: StateStore): Promise<Institution[]> {
  const [t] = await state.query<{ n: string | number }>(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'institutions'",
  );
  if (!t || Number(t.n) === 0) return [];
  return listInstitutions(state);
}
