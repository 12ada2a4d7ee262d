// Scoped reads of stored assessment runs: everyone sees the published ranks and grades; a bank (or a district)
// sees only its own detailed breakdown; regulators see everything. Also "what-if" against a stored run.
import type { StateStore } from '../store/state/pg.ts';
import type { SubjectKind } from './engine/metrics.domain.ts';
import type { Disclosure, SubjectConfig } from './engine/config.domain.ts';
import type { IndicatorBreakdown, ScoreInput } from './engine/score.domain.ts';
import { simulate, type WhatIfChange, type WhatIfResult } from './engine/whatif.domain.ts';
import { simulatePublished } from './engine/whatif.published.domain.ts';
import { assessError, type Result } from './errors.ts';
import type { RunInputs, RunSummary } from './run.ts';
import { getConfigVersion } from './store.ts';

export type Scope =
  { kind: 'all' } | { kind: 'institution'; code: string } | { kind: 'district'; code: string };

export interface SubjectRef {
  kind: SubjectKind;
  code: string;
}

export interface StoredResult {
  subject_kind: SubjectKind;
  code: string;
  name: string;
  peer_group: string;
  score: string;
  quantitative: string;
  qualitative: string;
  rank: number;
  peer_count: number;
  grade: string;
  breakdown: IndicatorBreakdown[];
}

/** A subject as published to the caller; rank null where the disclosure level shows tiers only. */
export type PublishedRank = Pick<
  StoredResult,
  'subject_kind' | 'code' | 'name' | 'peer_group' | 'peer_count' | 'grade'
> & { rank: number | null };

/** The published list as `scope` may see it under `level` (regulators and own subjects in full). */
export function disclose(ranks: PublishedRank[], scope: Scope, level: Disclosure): PublishedRank[] {
  if (scope.kind === 'all' || level === 'ranks') return ranks;
  const own = (r: PublishedRank) => canSeeDetail(scope, { kind: r.subject_kind, code: r.code });
  return level === 'own' ? ranks.filter(own) : ranks.map((r) => (own(r) ? r : { ...r, rank: null }));
}

export interface RunView {
  run: RunSummary;
  detailed: StoredResult[];
  ranks: PublishedRank[];
}

/** May this scope see the detailed breakdown of that subject? */
export function canSeeDetail(scope: Scope, s: SubjectRef): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'institution':
      return s.kind === 'bank' && s.code === scope.code;
    case 'district':
      return s.kind === 'district' && s.code === scope.code;
  }
}

type RunRow = Omit<RunSummary, 'run_id' | 'created_at' | 'config_version'> & {
  run_id: number | string;
  config_version: number | string;
  created_at: Date;
};

const RUN_COLS =
  'run_id, period, config_version, submission_ids, rule_versions, inputs_hash, results_hash, created_by, created_at';

const toSummary = (r: RunRow): RunSummary => ({
  ...r,
  run_id: Number(r.run_id),
  config_version: Number(r.config_version),
  created_at: r.created_at.toISOString(),
});

/** The newest run of a period (the published one), or of any period when `period` is omitted. */
export async function latestRun(state: StateStore, period?: string): Promise<RunSummary | null> {
  const rows =
    period === undefined
      ? await state.query<RunRow>(`SELECT ${RUN_COLS} FROM assess_runs ORDER BY run_id DESC LIMIT 1`)
      : await state.query<RunRow>(
          `SELECT ${RUN_COLS} FROM assess_runs WHERE period = $1 ORDER BY run_id DESC LIMIT 1`,
          [period],
        );
  return rows[0] ? toSummary(rows[0]) : null;
}

export async function runById(state: StateStore, runId: number): Promise<RunSummary | null> {
  const rows = await state.query<RunRow>(`SELECT ${RUN_COLS} FROM assess_runs WHERE run_id = $1`, [runId]);
  return rows[0] ? toSummary(rows[0]) : null;
}

export async function runResults(state: StateStore, runId: number): Promise<StoredResult[]> {
  const rows = await state.query<StoredResult & { rank: number | string; peer_count: number | string }>(
    `SELECT subject_kind, subject_code AS code, name, peer_group, score::text AS score,
       quantitative::text AS quantitative, qualitative::text AS qualitative, rank, peer_count, grade, breakdown
     FROM assess_results WHERE run_id = $1 ORDER BY subject_kind, peer_group, rank, subject_code`,
    [runId],
  );
  return rows.map((r) => ({ ...r, rank: Number(r.rank), peer_count: Number(r.peer_count) }));
}

/** The latest run of a period as seen by `scope`. */
export async function getRunView(
  state: StateStore,
  period: string | undefined,
  scope: Scope,
): Promise<Result<RunView>> {
  const run = await latestRun(state, period);
  if (!run) return { ok: false, errors: [assessError('ASSESS_RUN_NOT_FOUND', { period: period ?? '*' })] };
  const all = await runResults(state, run.run_id);
  const level = (await getConfigVersion(state, run.config_version))?.config.disclosure ?? 'ranks';
  return {
    ok: true,
    value: {
      run,
      detailed: all.filter((r) => canSeeDetail(scope, { kind: r.subject_kind, code: r.code })),
      ranks: disclose(
        all.map(({ subject_kind, code, name, peer_group, rank, peer_count, grade }) => ({
          subject_kind,
          code,
          name,
          peer_group,
          rank,
          peer_count,
          grade,
        })),
        scope,
        level,
      ),
    },
  };
}

/** One subject's detailed result in the latest run of a period (or the latest run overall). */
export async function getSubjectResult(
  state: StateStore,
  period: string | undefined,
  subject: SubjectRef,
  scope: Scope,
): Promise<Result<{ run: RunSummary; result: StoredResult }>> {
  const label = `${subject.kind}:${subject.code}`;
  if (!canSeeDetail(scope, subject))
    return { ok: false, errors: [assessError('ASSESS_FORBIDDEN', { subject: label })] };
  const view = await getRunView(state, period, scope);
  if (!view.ok) return view;
  const result = view.value.detailed.find((r) => r.subject_kind === subject.kind && r.code === subject.code);
  if (!result) return { ok: false, errors: [assessError('ASSESS_SUBJECT_NOT_FOUND', { subject: label })] };
  return { ok: true, value: { run: view.value.run, result } };
}

/**
 * Simulates one change against the latest stored run of a period; nothing is saved. A caller who may see every
 * score gets every subject re-scored (`run` basis); a bank or a district only its own subject re-scored against
 * what it may already see (`published` basis, see whatif.published.domain.ts).
 */
export async function whatIf(
  state: StateStore,
  period: string,
  subject: SubjectRef,
  change: WhatIfChange,
  scope: Scope,
): Promise<Result<WhatIfResult>> {
  const label = `${subject.kind}:${subject.code}`;
  if (!canSeeDetail(scope, subject))
    return { ok: false, errors: [assessError('ASSESS_FORBIDDEN', { subject: label })] };
  const view = await getRunView(state, period, scope);
  if (!view.ok) return view;
  const { run } = view.value;
  const cv = await getConfigVersion(state, run.config_version);
  if (!cv) return { ok: false, errors: [assessError('ASSESS_RUN_NOT_FOUND', { period })] };
  const cfg = cv.config.subjects[subject.kind];
  if (!cfg.indicators.some((i) => i.id === change.indicator_id))
    return {
      ok: false,
      errors: [
        assessError('ASSESS_UNKNOWN_INDICATOR', { indicator: change.indicator_id, subject: subject.kind }),
      ],
    };
  const out =
    scope.kind === 'all'
      ? await simulateRun(state, run.run_id, { subject: cfg, grades: cv.config.grades }, subject, change)
      : simulateOwn(view.value, cfg, cv.config.grades, subject, change);
  return out
    ? { ok: true, value: out }
    : { ok: false, errors: [assessError('ASSESS_SUBJECT_NOT_FOUND', { subject: label })] };
}

/** Re-scores every subject of a run from its stored inputs. */
async function simulateRun(
  state: StateStore,
  runId: number,
  config: Omit<ScoreInput, 'subjects'>,
  subject: SubjectRef,
  change: WhatIfChange,
): Promise<WhatIfResult | null> {
  const [row] = await state.query<{ inputs: RunInputs }>('SELECT inputs FROM assess_runs WHERE run_id = $1', [
    runId,
  ]);
  return row ? simulate({ ...config, subjects: row.inputs[subject.kind] }, subject.code, change) : null;
}

/** Re-scores the caller's own stored result against its peers' published grades only. */
function simulateOwn(
  view: RunView,
  cfg: SubjectConfig,
  grades: ScoreInput['grades'],
  subject: SubjectRef,
  change: WhatIfChange,
): WhatIfResult | null {
  const own = view.detailed.find((r) => r.subject_kind === subject.kind && r.code === subject.code);
  if (!own) return null;
  const peerGrades = view.ranks
    .filter((r) => r.subject_kind === subject.kind && r.peer_group === own.peer_group && r.code !== own.code)
    .map((r) => r.grade);
  return simulatePublished(cfg, grades, own, peerGrades, change);
}

export interface HistoryEntry {
  period: string;
  run_id: number;
  peer_group: string;
  /** Null where the caller may not see this subject's detail (ranks and grades are published, scores not). */
  score: string | null;
  /** Null where the disclosure level in force shows tiers only. */
  rank: number | null;
  peer_count: number;
  grade: string;
}

export interface SubjectHistory {
  subject_kind: SubjectKind;
  code: string;
  name: string;
  entries: HistoryEntry[];
}

/** A subject's result in the published (latest) run of every period it was scored in, oldest period first. */
export async function getSubjectHistory(
  state: StateStore,
  subject: SubjectRef,
  scope: Scope,
): Promise<Result<SubjectHistory>> {
  const rows = await state.query<{
    period: string;
    run_id: number | string;
    name: string;
    peer_group: string;
    score: string;
    rank: number | string;
    peer_count: number | string;
    grade: string;
  }>(
    `SELECT r.period, r.run_id, res.name, res.peer_group, res.score::text AS score, res.rank, res.peer_count,
       res.grade
     FROM assess_results res JOIN assess_runs r ON r.run_id = res.run_id
     WHERE res.subject_kind = $1 AND res.subject_code = $2
       AND r.run_id = (SELECT max(l.run_id) FROM assess_runs l WHERE l.period = r.period)
     ORDER BY r.period`,
    [subject.kind, subject.code],
  );
  const last = rows[rows.length - 1];
  if (!last)
    return {
      ok: false,
      errors: [assessError('ASSESS_SUBJECT_NOT_FOUND', { subject: `${subject.kind}:${subject.code}` })],
    };
  const detail = canSeeDetail(scope, subject);
  // Another subject's history follows the disclosure level in force (the newest configuration version).
  const level = detail ? 'ranks' : ((await getConfigVersion(state))?.config.disclosure ?? 'ranks');
  if (level === 'own')
    return {
      ok: false,
      errors: [assessError('ASSESS_FORBIDDEN', { subject: `${subject.kind}:${subject.code}` })],
    };
  return {
    ok: true,
    value: {
      subject_kind: subject.kind,
      code: subject.code,
      name: last.name,
      entries: rows.map((r) => ({
        period: r.period,
        run_id: Number(r.run_id),
        peer_group: r.peer_group,
        score: detail ? r.score : null,
        rank: level === 'tiers' ? null : Number(r.rank),
        peer_count: Number(r.peer_count),
        grade: r.grade,
      })),
    },
  };
}
