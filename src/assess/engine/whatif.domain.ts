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
      const v = m ? rawValue(m, f.aggregates, ind.area) : null;
      raw[ind.id] = v === null ? null : fixed(v, 4);
    }
    return { code: f.code, name: f.name, peer_group: f.peer_group, raw };
  });
}

export type WhatIfChange =
  | { kind: 'raw'; indicator_id: string; raw: string | null }
  | { kind: 'weight'; indicator_id: string; weight: string };

export interface WhatIfResult {
  before: SubjectScore;
  after: SubjectScore;
  /** Sum of all weights after the change (a changed weight need not keep the total at 100). */
  weights_total: string;
}

/** Re-scores with one change for `code`; null when the subject or indicator does not exist. */
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
              i.id === change.indicator_id ? { ...i, weight: change.weight } : i,
            ),
          },
        };
  const after = scoreSubjects(next).find((s) => s.code === code);
  if (!after) return null;
  const total = sum(next.subject.indicators.map((i) => q(i.weight)));
  return { before, after, weights_total: fixed(total, 2) };
}
