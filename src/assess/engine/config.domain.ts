// The indicator system as versioned configuration: YAML text → a typed, validated IndicatorConfig, or coded
// errors (unknown formulas, weights not adding up, bad normalisation parameters, bad grade bands).
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

import {
  LEGAL_ENTITIES,
  PEER_GROUPS,
  type LegalEntity,
  type PeerGroup,
} from '../../institutions/schema.sql.ts';
import { assessError, type AssessError, type Result } from '../errors.ts';
import { add, cmp, fixed, HUNDRED, isDecimal, q, sum, ZERO, type Q } from './decimal.domain.ts';
import { AREAS, METRIC_BY_ID, SUBJECT_KINDS, type Area, type SubjectKind } from './metrics.domain.ts';

/** A decimal given in YAML as a number or a string; kept as its decimal string. */
const dec = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const s = String(v).trim();
  if (!isDecimal(s)) {
    ctx.addIssue({ code: 'custom', message: `not a decimal number: ${s}` });
    return z.NEVER;
  }
  return s;
});

const normalisationSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('minmax'), min_score: dec.optional(), min_spread: dec.optional() }).strict(),
  z.object({ method: z.literal('rank'), min_score: dec.optional() }).strict(),
  z
    .object({
      method: z.literal('bands'),
      bands: z.array(z.object({ bound: dec, score: dec }).strict()).min(1),
      otherwise: dec,
    })
    .strict(),
  z.object({ method: z.literal('reviewer') }).strict(),
]);

const indicatorSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_.]*$/, 'lower-case letters, digits, _ and .'),
    name_zh: z.string().min(1),
    name_en: z.string().min(1),
    kind: z.enum(['quantitative', 'qualitative']),
    metric: z.string().optional(),
    area: z.string().optional(),
    direction: z.enum(['higher', 'lower']).default('higher'),
    normalisation: normalisationSchema,
    params: z.record(z.string(), dec).optional(),
    weight: dec,
    group_weights: z.partialRecord(z.enum(PEER_GROUPS), dec).optional(),
  })
  .strict();

const scopeSchema = z
  .object({
    zh: z.string().min(1),
    en: z.string().min(1),
    legal_entities: z.array(z.enum(LEGAL_ENTITIES)).min(1).optional(),
    peer_groups: z.array(z.enum(PEER_GROUPS)).min(1).optional(),
  })
  .strict();

const subjectSchema = z
  .object({
    scope: scopeSchema.optional(),
    quantitative_weight: dec,
    qualitative_weight: dec,
    indicators: z.array(indicatorSchema).min(1),
  })
  .strict();

const configSchema = z
  .object({
    label: z.string().min(1),
    disclosure: z.enum(['own', 'tiers', 'ranks']).default('ranks'),
    grades: z.array(z.object({ grade: z.string().min(1), min_score: dec }).strict()).min(1),
    subjects: z.object({ bank: subjectSchema, district: subjectSchema }).strict(),
  })
  .strict();

export type Normalisation =
  | { method: 'minmax'; min_score: string; min_spread: string }
  | { method: 'rank'; min_score: string }
  | { method: 'bands'; bands: { bound: string; score: string }[]; otherwise: string }
  | { method: 'reviewer' };

export interface Indicator {
  id: string;
  name_zh: string;
  name_en: string;
  kind: 'quantitative' | 'qualitative';
  metric: string | null;
  area: Area | null;
  direction: 'higher' | 'lower';
  normalisation: Normalisation;
  /** The metric's parameters: its defaults overridden by the configuration (e.g. min_base, tolerance_pp). */
  params: Record<string, string>;
  weight: string;
  /** Weights of peer groups that differ from `weight` (0 = not scored for that group). */
  group_weights: Partial<Record<string, string>>;
}

/** The weight of an indicator for a subject of `peerGroup`. */
export function weightFor(ind: Pick<Indicator, 'weight' | 'group_weights'>, peerGroup: string): string {
  return ind.group_weights[peerGroup] ?? ind.weight;
}

/** Who a scheme scores, stated in words and, for banks, by legal entity and peer group (absent = all). */
export interface Scope {
  zh: string;
  en: string;
  legal_entities: LegalEntity[];
  peer_groups: PeerGroup[];
}

/** Whether an institution falls within a bank scheme's scope (no legal_entity recorded = branch). */
export function inScope(
  scope: Scope,
  i: { peer_group: string; legal_entity?: LegalEntity | undefined },
): boolean {
  return (
    scope.legal_entities.includes(i.legal_entity ?? 'branch') &&
    (scope.peer_groups as readonly string[]).includes(i.peer_group)
  );
}

const UNSTATED_SCOPE = { zh: '未说明', en: 'not stated' };

export interface SubjectConfig {
  scope: Scope;
  quantitative_weight: string;
  qualitative_weight: string;
  indicators: Indicator[];
}

/**
 * What a bank or district user sees of other subjects in a run: `own` its own result only, `tiers` every
 * subject's grade without ranks, `ranks` grades and ranks (regulators always see everything).
 */
export type Disclosure = 'own' | 'tiers' | 'ranks';

export interface IndicatorConfig {
  label: string;
  disclosure: Disclosure;
  grades: { grade: string; min_score: string }[];
  subjects: Record<SubjectKind, SubjectConfig>;
}

const inRange = (x: Q): boolean => cmp(x, ZERO) >= 0 && cmp(x, HUNDRED) <= 0;
const maxTwoDecimals = (s: string): boolean => !/\.\d{3,}$/.test(s);

/** Parses YAML text and validates it. */
export function parseIndicatorConfig(text: string): Result<IndicatorConfig> {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    return { ok: false, errors: [assessError('ASSESS_CONFIG_YAML', { detail: (e as Error).message })] };
  }
  return validateIndicatorConfig(doc);
}

/** Validates a parsed document (from YAML or a JSON body). */
export function validateIndicatorConfig(doc: unknown): Result<IndicatorConfig> {
  const parsed = configSchema.safeParse(doc);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) =>
        assessError('ASSESS_CONFIG_SCHEMA', { path: i.path.join('.') || '(root)', detail: i.message }),
      ),
    };
  }
  const errors: AssessError[] = [];
  const subjects = {} as Record<SubjectKind, SubjectConfig>;
  for (const kind of SUBJECT_KINDS) {
    const s = parsed.data.subjects[kind];
    const seen = new Set<string>();
    const indicators: Indicator[] = [];
    for (const raw of s.indicators) {
      const ind = { indicator: raw.id };
      if (seen.has(raw.id)) errors.push(assessError('ASSESS_CONFIG_DUPLICATE_ID', { ...ind, subject: kind }));
      seen.add(raw.id);
      let area: Area | null = null;
      let params: Record<string, string> = {};
      if (raw.kind === 'quantitative') {
        const m = raw.metric === undefined ? undefined : METRIC_BY_ID.get(raw.metric);
        for (const k of Object.keys(raw.params ?? {}))
          if (m && !(k in m.params))
            errors.push(
              assessError('ASSESS_CONFIG_SCHEMA', {
                path: `${kind}.${raw.id}.params.${k}`,
                detail: `${m.id} takes ${Object.keys(m.params).join(', ') || 'no parameters'}`,
              }),
            );
        params = { ...(m?.params ?? {}), ...(raw.params ?? {}) };
        if (!m) {
          errors.push(
            assessError('ASSESS_CONFIG_UNKNOWN_METRIC', { ...ind, metric: raw.metric ?? '(none)' }),
          );
        } else {
          if (!m.subjects.includes(kind))
            errors.push(assessError('ASSESS_CONFIG_METRIC_SUBJECT', { ...ind, metric: m.id, subject: kind }));
          if (m.per_area && !AREAS.includes(raw.area as Area))
            errors.push(
              assessError('ASSESS_CONFIG_AREA', {
                ...ind,
                detail: `area must be one of ${AREAS.join(', ')}`,
              }),
            );
          if (!m.per_area && raw.area !== undefined)
            errors.push(assessError('ASSESS_CONFIG_AREA', { ...ind, detail: `${m.id} is not per area` }));
          if (m.per_area && AREAS.includes(raw.area as Area)) area = raw.area as Area;
        }
        if (raw.normalisation.method === 'reviewer')
          errors.push(
            assessError('ASSESS_CONFIG_NORMALISATION', {
              ...ind,
              detail: 'reviewer is for qualitative indicators',
            }),
          );
      } else {
        if (raw.metric !== undefined)
          errors.push(assessError('ASSESS_CONFIG_UNKNOWN_METRIC', { ...ind, metric: raw.metric }));
        if (raw.normalisation.method !== 'reviewer')
          errors.push(
            assessError('ASSESS_CONFIG_NORMALISATION', {
              ...ind,
              detail: 'qualitative indicators use reviewer',
            }),
          );
        if (raw.area !== undefined && AREAS.includes(raw.area as Area)) area = raw.area as Area;
      }
      errors.push(...checkNormalisation(raw.id, raw.direction, raw.normalisation));
      if (!maxTwoDecimals(raw.weight) || cmp(q(raw.weight), ZERO) <= 0)
        errors.push(
          assessError('ASSESS_CONFIG_SCHEMA', {
            path: `${kind}.${raw.id}.weight`,
            detail: 'must be > 0 with ≤ 2 decimals',
          }),
        );
      for (const [g, w] of Object.entries(raw.group_weights ?? {}))
        if (w !== undefined && (!maxTwoDecimals(w) || cmp(q(w), ZERO) < 0))
          errors.push(
            assessError('ASSESS_CONFIG_SCHEMA', {
              path: `${kind}.${raw.id}.group_weights.${g}`,
              detail: 'must be ≥ 0 with ≤ 2 decimals',
            }),
          );
      const n = raw.normalisation;
      indicators.push({
        id: raw.id,
        name_zh: raw.name_zh,
        name_en: raw.name_en,
        kind: raw.kind,
        metric: raw.kind === 'quantitative' ? (raw.metric ?? null) : null,
        area,
        direction: raw.kind === 'qualitative' ? 'higher' : raw.direction,
        normalisation:
          n.method === 'minmax'
            ? { method: n.method, min_score: n.min_score ?? '0', min_spread: n.min_spread ?? '0' }
            : n.method === 'rank'
              ? { method: n.method, min_score: n.min_score ?? '0' }
              : n,
        params,
        weight: raw.weight,
        group_weights: raw.group_weights ?? {},
      });
    }
    errors.push(...checkWeights(kind, s.quantitative_weight, s.qualitative_weight, indicators));
    subjects[kind] = {
      scope: {
        ...(s.scope ?? UNSTATED_SCOPE),
        legal_entities: s.scope?.legal_entities ?? [...LEGAL_ENTITIES],
        peer_groups: s.scope?.peer_groups ?? [...PEER_GROUPS],
      },
      quantitative_weight: s.quantitative_weight,
      qualitative_weight: s.qualitative_weight,
      indicators,
    };
  }
  errors.push(...checkGrades(parsed.data.grades));
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      label: parsed.data.label,
      disclosure: parsed.data.disclosure,
      grades: parsed.data.grades,
      subjects,
    },
  };
}

function checkNormalisation(
  id: string,
  direction: 'higher' | 'lower',
  n: z.infer<typeof normalisationSchema>,
): AssessError[] {
  const bad = (detail: string) => [assessError('ASSESS_CONFIG_NORMALISATION', { indicator: id, detail })];
  if (n.method === 'minmax' || n.method === 'rank') {
    const m = q(n.min_score ?? '0');
    if (cmp(m, ZERO) < 0 || cmp(m, HUNDRED) >= 0)
      return bad(`min_score must be in [0, 100), got ${n.min_score}`);
  }
  if (n.method === 'minmax' && cmp(q(n.min_spread ?? '0'), ZERO) < 0)
    return bad(`min_spread must be ≥ 0, got ${n.min_spread}`);
  if (n.method === 'bands') {
    if (!inRange(q(n.otherwise))) return bad(`otherwise must be in [0, 100], got ${n.otherwise}`);
    for (let i = 0; i < n.bands.length; i++) {
      const b = n.bands[i];
      if (!b) continue;
      if (!inRange(q(b.score))) return bad(`band score must be in [0, 100], got ${b.score}`);
      const prev = n.bands[i - 1];
      if (prev) {
        const c = cmp(q(b.bound), q(prev.bound));
        // higher is better: bounds strictly descending (≥ 10, ≥ 5, …); lower: strictly ascending (≤ 1, ≤ 2, …)
        if ((direction === 'higher' && c >= 0) || (direction === 'lower' && c <= 0))
          return bad(`bounds must be strictly ${direction === 'higher' ? 'descending' : 'ascending'}`);
      }
    }
  }
  return [];
}

function checkWeights(
  kind: SubjectKind,
  quant: string,
  qual: string,
  indicators: Indicator[],
): AssessError[] {
  const errors: AssessError[] = [];
  const total = add(q(quant), q(qual));
  if (cmp(total, HUNDRED) !== 0)
    errors.push(
      assessError('ASSESS_CONFIG_WEIGHT_SUM', {
        subject: kind,
        total: fixed(total, 2),
        expected: '100.00',
        part: 'quantitative_weight + qualitative_weight',
      }),
    );
  // The default weights, then those of every peer group with its own weights, must fill each part.
  const groups = [...new Set(indicators.flatMap((i) => Object.keys(i.group_weights)))];
  for (const group of [null, ...groups])
    for (const [part, expected] of [
      ['quantitative', quant],
      ['qualitative', qual],
    ] as const) {
      const t = sum(
        indicators
          .filter((i) => i.kind === part)
          .map((i) => q(group === null ? i.weight : weightFor(i, group))),
      );
      if (cmp(t, q(expected)) !== 0)
        errors.push(
          assessError('ASSESS_CONFIG_WEIGHT_SUM', {
            subject: kind,
            total: fixed(t, 2),
            expected: fixed(q(expected), 2),
            part: group === null ? part : `${part} (${group})`,
          }),
        );
    }
  return errors;
}

function checkGrades(grades: { grade: string; min_score: string }[]): AssessError[] {
  for (let i = 1; i < grades.length; i++) {
    const a = grades[i - 1];
    const b = grades[i];
    if (a && b && cmp(q(b.min_score), q(a.min_score)) >= 0)
      return [assessError('ASSESS_CONFIG_GRADES', { detail: 'min_score must be strictly descending' })];
  }
  const last = grades[grades.length - 1];
  if (!last || cmp(q(last.min_score), ZERO) !== 0)
    return [assessError('ASSESS_CONFIG_GRADES', { detail: 'the last band must start at 0' })];
  if (new Set(grades.map((g) => g.grade)).size !== grades.length)
    return [assessError('ASSESS_CONFIG_GRADES', { detail: 'grade names must be distinct' })];
  return [];
}
