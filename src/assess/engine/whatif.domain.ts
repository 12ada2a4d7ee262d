// Builds the engine's input from aggregates and reviewers' scores, and the "what-if" simulation: change one
// subject's raw value or one indicator's weight and see the new score and rank, without saving anything.
import type { SubjectConfig } from './config.domain.ts';
import { fixed, q, sum } from './decimal.domain.ts';
import { METRIC_BY_ID, rawValue, type SubjectAggregates } from './metrics.domain.ts';
import { scoreSubjects, type ScoreInput, type SubjectInput, type SubjectScore } from './score.domain.ts';

export interface SubjectFacts {
  code: string;
  name: string;
  peer_group: string;
  aggregates: SubjectAggregates;
  /** Reviewers' scores per qualitative indicator id (decimal strings 0–100). */
  qualitative: Record<string, string>;
}

/** Evaluates every indicator's formula for every subject (raw values 4 dp, null when missing). */
export function buildSubjectInputs(cfg: SubjectConfig, facts: SubjectFacts[]): SubjectInput[] {
  return facts.map((f) => {
    const raw: Record<string, string | null> = {};
    for (const ind of cfg.indicators) {
      if (ind.kind === 'qualitative') {
        raw[ind.id] = f.qualitative[ind.id] ?? null;
        continue;
      }
      const m = ind.metric === null ? undefined : METRIC_BY_ID.get(ind.metric);
      const v = m ? rawValue(m, f.aggregates, ind.area, ind.params) : null;
      raw[ind.id] = v === null ? null : fixed(v, 4);
    }
    return { code: f.code, name: f.name, peer_group: f.peer_group, raw };
  });
}

export type WhatIfChange =
  | { kind: 'raw'; indicator_id: string; raw: string | null }
  | { kind: 'weight'; indicator_id: string; weight: string };

/** A subject's score after a what-if; the rank is null where it would be computed from hidden scores. */
export type WhatIfScore = Omit<SubjectScore, 'rank'> & { rank: number | null };

export interface WhatIfResult {
  /**
   * `run`: every subject re-scored from the run's stored inputs (for callers who may see every score).
   * `published`: only the caller's own subject, against figures it may already see (its breakdown's peer
   * min/max, the configuration and the published grades), so no answer depends on another unit's hidden data.
   */
  basis: 'run' | 'published';
  before: SubjectScore;
  after: WhatIfScore;
  /** Best and worst rank the new score can have in the peer group (equal on the `run` basis). */
  rank_range: { best: number; worst: number };
  /** Sum of all weights after the change (a changed weight need not keep the total at 100). */
  weights_total: string;
}

/** Sum of the indicators' weights once `change` is applied (2 dp). */
export function weightsTotal(cfg: SubjectConfig, change: WhatIfChange): string {
  const weights = cfg.indicators.map((i) =>
    q(change.kind === 'weight' && i.id === change.indicator_id ? change.weight : i.weight),
  );
  return fixed(sum(weights), 2);
}

/** Re-scores every subject with one change for `code`; null when the subject or indicator does not exist. */
export function simulate(input: ScoreInput, code: string, change: WhatIfChange): WhatIfResult | null {
  if (!input.subject.indicators.some((i) => i.id === change.indicator_id)) return null;
  const before = scoreSubjects(input).find((s) => s.code === code);
  if (!before) return null;
  const next: ScoreInput =
    change.kind === 'raw'
      ? {
          ...input,
          subjects: input.subjects.map((s) =>
            s.code === code ? { ...s, raw: { ...s.raw, [change.indicator_id]: change.raw } } : s,
          ),
        }
      : {
          ...input,
          subject: {
            ...input.subject,
            indicators: input.subject.indicators.map((i) =>
              i.id === change.indicator_id ? { ...i, weight: change.weight, group_weights: {} } : i,
            ),
          },
        };
  const after = scoreSubjects(next).find((s) => s.code === code);
  if (!after) return null;
  return {
    basis: 'run',
    before,
    after,
    rank_range: { best: after.rank, worst: after.rank },
    weights_total: weightsTotal(input.subject, change),
  };
}
