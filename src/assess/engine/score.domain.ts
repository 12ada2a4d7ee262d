// The scoring engine (pure): indicator configuration + per-subject raw values → normalised values,
// contributions, scores, competition ranks within each peer group, grades and peer comparison.
// Method (docs/assessment.md): raw 4 dp; normalised 4 dp; contribution = round(normalised × weight / 100, 4);
// score = round(Σ contributions, 2); all half away from zero, in exact rationals.
import { weightFor, type Normalisation, type SubjectConfig } from './config.domain.ts';
import {
  add,
  cmp,
  div,
  fixed,
  HUNDRED,
  max,
  median,
  min,
  mul,
  q,
  round,
  sub,
  sum,
  ZERO,
  type Q,
} from './decimal.domain.ts';

export interface SubjectInput {
  code: string;
  name: string;
  peer_group: string;
  /** Raw value per indicator id (decimal string) or null when missing; qualitative = the reviewer's score. */
  raw: Record<string, string | null>;
}

export interface ScoreInput {
  subject: SubjectConfig;
  grades: { grade: string; min_score: string }[];
  subjects: SubjectInput[];
}

export interface IndicatorBreakdown {
  indicator_id: string;
  kind: 'quantitative' | 'qualitative';
  area: string | null;
  metric: string | null;
  direction: 'higher' | 'lower';
  method: Normalisation['method'];
  weight: string;
  raw: string | null;
  missing: boolean;
  normalised: string;
  contribution: string;
  peer: { count: number; min: string | null; median: string | null; max: string | null };
}

export interface SubjectScore {
  code: string;
  name: string;
  peer_group: string;
  quantitative: string;
  qualitative: string;
  score: string;
  rank: number;
  peer_count: number;
  grade: string;
  breakdown: IndicatorBreakdown[];
}

/** Competition ranking ("1224"): equal values share the best rank; `better(a, b) < 0` when a ranks ahead. */
export function competitionRanks<T>(items: T[], better: (a: T, b: T) => number): number[] {
  return items.map((it) => 1 + items.filter((o) => better(o, it) < 0).length);
}

/** Normalises one indicator's raw values within a peer group (null stays null: the missing rule applies later). */
export function normaliseGroup(
  n: Normalisation,
  direction: 'higher' | 'lower',
  values: (Q | null)[],
): (Q | null)[] {
  const present = values.filter((v): v is Q => v !== null);
  if (present.length === 0) return values.map(() => null);
  const sign = direction === 'higher' ? 1 : -1;
  switch (n.method) {
    case 'reviewer':
      return values;
    case 'minmax': {
      const lo = min(present);
      const hi = max(present);
      const floor = q(n.min_score);
      // The spread is floored at min_spread: peers closer together than that lose only their share of it.
      const spread = max([sub(hi, lo), q(n.min_spread)]);
      return values.map((v) => {
        if (v === null) return null;
        if (cmp(spread, ZERO) === 0) return HUNDRED;
        const gap = direction === 'higher' ? sub(hi, v) : sub(v, lo);
        return add(floor, mul(sub(HUNDRED, floor), sub(q(1), div(gap, spread))));
      });
    }
    case 'rank': {
      const floor = q(n.min_score);
      const ranks = competitionRanks(present, (a, b) => sign * cmp(b, a));
      const count = present.length;
      let i = 0;
      return values.map((v) => {
        if (v === null) return null;
        const r = ranks[i++] ?? 1;
        if (count === 1) return HUNDRED;
        return add(floor, mul(sub(HUNDRED, floor), div(q(count - r), q(count - 1))));
      });
    }
    case 'bands':
      return values.map((v) => {
        if (v === null) return null;
        const hit = n.bands.find((b) => sign * cmp(v, q(b.bound)) >= 0);
        return q(hit ? hit.score : n.otherwise);
      });
  }
}

/** An indicator's contribution: round(normalised × weight / 100, 4). */
export function contributionOf(normalised: Q, weight: string): string {
  return fixed(round(div(mul(normalised, q(weight)), HUNDRED), 4), 4);
}

function totalsOf(b: IndicatorBreakdown[]): { quant: Q; qual: Q; score: Q } {
  const part = (k: 'quantitative' | 'qualitative') =>
    sum(b.filter((x) => x.kind === k).map((x) => q(x.contribution)));
  const quant = part('quantitative');
  const qual = part('qualitative');
  return { quant, qual, score: round(add(quant, qual), 2) };
}

/** The grade band a score falls in (grades ordered best first; the last band takes the rest). */
export function gradeOf(grades: ScoreInput['grades'], score: Q): string {
  const band = grades.find((g) => cmp(score, q(g.min_score)) >= 0);
  return band?.grade ?? grades[grades.length - 1]?.grade ?? '';
}

/** A subject's totals (contributions summed per kind), score (2 dp) and grade from its breakdown. */
export function summarise(
  breakdown: IndicatorBreakdown[],
  grades: ScoreInput['grades'],
): Pick<SubjectScore, 'quantitative' | 'qualitative' | 'score' | 'grade'> {
  const t = totalsOf(breakdown);
  return {
    quantitative: fixed(t.quant, 4),
    qualitative: fixed(t.qual, 4),
    score: fixed(t.score, 2),
    grade: gradeOf(grades, t.score),
  };
}

/** Scores every subject; results come back in input order. */
export function scoreSubjects(input: ScoreInput): SubjectScore[] {
  const { subject: cfg, subjects } = input;
  const groups = new Map<string, number[]>();
  subjects.forEach((s, i) => groups.set(s.peer_group, [...(groups.get(s.peer_group) ?? []), i]));

  const breakdowns: IndicatorBreakdown[][] = subjects.map(() => []);
  for (const ind of cfg.indicators) {
    for (const members of groups.values()) {
      const raws = members.map((i) => {
        const r = subjects[i]?.raw[ind.id];
        return r === undefined || r === null ? null : round(q(r), 4);
      });
      const norm = normaliseGroup(ind.normalisation, ind.direction, raws).map((v) =>
        v === null ? null : round(v, 4),
      );
      const present = norm.filter((v): v is Q => v !== null);
      // Missing rule: a missing raw value gets the lowest normalised value of its peer group (0 if none has one).
      const fallback = present.length > 0 ? min(present) : q(0);
      const presentRaw = raws.filter((v): v is Q => v !== null);
      const peer = {
        count: presentRaw.length,
        min: presentRaw.length ? fixed(min(presentRaw), 4) : null,
        median: presentRaw.length ? fixed(median(presentRaw), 4) : null,
        max: presentRaw.length ? fixed(max(presentRaw), 4) : null,
      };
      members.forEach((i, k) => {
        const raw = raws[k] ?? null;
        const nv = norm[k] ?? fallback;
        const weight = weightFor(ind, subjects[i]?.peer_group ?? '');
        breakdowns[i]?.push({
          indicator_id: ind.id,
          kind: ind.kind,
          area: ind.area,
          metric: ind.metric,
          direction: ind.direction,
          method: ind.normalisation.method,
          weight,
          raw: raw === null ? null : fixed(raw, 4),
          missing: raw === null,
          normalised: fixed(nv, 4),
          contribution: contributionOf(nv, weight),
          peer,
        });
      });
    }
  }

  const totals = breakdowns.map(totalsOf);
  const ranks = new Array<number>(subjects.length).fill(0);
  for (const members of groups.values()) {
    const r = competitionRanks(members, (a, b) => cmp(totals[b]?.score ?? q(0), totals[a]?.score ?? q(0)));
    members.forEach((i, k) => (ranks[i] = r[k] ?? 0));
  }
  return subjects.map((s, i) => {
    const breakdown = breakdowns[i] ?? [];
    const t = summarise(breakdown, input.grades);
    return {
      code: s.code,
      name: s.name,
      peer_group: s.peer_group,
      quantitative: t.quantitative,
      qualitative: t.qualitative,
      score: t.score,
      rank: ranks[i] ?? 0,
      peer_count: groups.get(s.peer_group)?.length ?? 0,
      grade: t.grade,
      breakdown,
    };
  });
}
