// The what-if for callers who may see only their own score (a bank, a district): the caller's subject is
// re-scored against figures it may already see — its own stored breakdown (with each indicator's peer min and
// max), the configuration and the published grades of its peers — never against other units' stored inputs.
// So repeated calls reveal nothing new: every answer is a function of what the caller was already shown
// (issue 13 item 10: 18 calls with rank feedback had recovered a peer's hidden score).
import type { Indicator, Normalisation, SubjectConfig } from './config.domain.ts';
import { fixed, min, q, round, ZERO, type Q } from './decimal.domain.ts';
import {
  contributionOf,
  normaliseGroup,
  summarise,
  type IndicatorBreakdown,
  type ScoreInput,
  type SubjectScore,
} from './score.domain.ts';
import { weightsTotal, type WhatIfChange, type WhatIfResult } from './whatif.domain.ts';

/**
 * Normalises a raw value against the published peer range: min-max (and rank, estimated as min-max with the
 * rank's floor) over the peer min and max; bands and reviewer scores need no peers. A missing value gets the
 * lowest normalised value of the published range, as the engine's missing rule does within the group.
 */
function againstPeers(ind: Indicator, peer: IndicatorBreakdown['peer'], raw: Q | null): Q {
  const n = ind.normalisation;
  const method: Normalisation =
    n.method === 'rank' ? { method: 'minmax', min_score: n.min_score, min_spread: '0' } : n;
  const range = [peer.min, peer.max].filter((v): v is string => v !== null).map(q);
  const norm = normaliseGroup(method, ind.direction, [raw, ...range]).filter((v): v is Q => v !== null);
  if (raw !== null) return norm[0] ?? ZERO;
  return norm.length > 0 ? min(norm) : ZERO;
}

/** Position of a grade in the configuration (0 = best). */
const gradeIndex = (grades: ScoreInput['grades'], grade: string): number =>
  grades.findIndex((g) => g.grade === grade);

/**
 * Re-scores `own` (the caller's stored result) with one change; `peerGrades` are the published grades of the
 * other members of its peer group. The rank is given as the range its new grade allows among those grades.
 * Null when the indicator does not exist.
 */
export function simulatePublished(
  cfg: SubjectConfig,
  grades: ScoreInput['grades'],
  own: SubjectScore,
  peerGrades: string[],
  change: WhatIfChange,
): WhatIfResult | null {
  const ind = cfg.indicators.find((i) => i.id === change.indicator_id);
  if (!ind) return null;
  const breakdown = own.breakdown.map((b): IndicatorBreakdown => {
    if (b.indicator_id !== ind.id) return b;
    if (change.kind === 'weight')
      return { ...b, weight: change.weight, contribution: contributionOf(q(b.normalised), change.weight) };
    const raw = change.raw === null ? null : round(q(change.raw), 4);
    const nv = round(againstPeers(ind, b.peer, raw), 4);
    return {
      ...b,
      raw: raw === null ? null : fixed(raw, 4),
      missing: raw === null,
      normalised: fixed(nv, 4),
      contribution: contributionOf(nv, b.weight),
    };
  });
  const totals = summarise(breakdown, grades);
  const mine = gradeIndex(grades, totals.grade);
  const ahead = peerGrades.filter((g) => gradeIndex(grades, g) < mine).length;
  const level = peerGrades.filter((g) => gradeIndex(grades, g) === mine).length;
  return {
    basis: 'published',
    before: own,
    after: { ...own, ...totals, rank: null, breakdown },
    rank_range: { best: ahead + 1, worst: ahead + level + 1 },
    weights_total: weightsTotal(cfg, change),
  };
}
