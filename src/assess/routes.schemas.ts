// JSON schemas of the assessment's HTTP responses (they drive OpenAPI and stop unlisted fields from leaking).
export const periodParam = { type: 'string', pattern: '^\\d{4}(-Q[1-4])?$' } as const;

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const subjectKind = { type: 'string', enum: ['bank', 'district'] } as const;
const indicatorKind = { type: 'string', enum: ['quantitative', 'qualitative'] } as const;
const direction = { type: 'string', enum: ['higher', 'lower'] } as const;

export const breakdownSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'indicator_id',
    'kind',
    'area',
    'metric',
    'direction',
    'method',
    'weight',
    'raw',
    'missing',
    'normalised',
    'contribution',
    'peer',
  ],
  properties: {
    indicator_id: str,
    kind: indicatorKind,
    area: strOrNull,
    metric: strOrNull,
    direction,
    method: str,
    weight: str,
    raw: strOrNull,
    missing: { type: 'boolean' },
    normalised: str,
    contribution: str,
    peer: {
      type: 'object',
      additionalProperties: false,
      required: ['count', 'min', 'median', 'max'],
      properties: { count: { type: 'integer' }, min: strOrNull, median: strOrNull, max: strOrNull },
    },
  },
} as const;

const scoreProps = {
  code: str,
  name: str,
  peer_group: str,
  score: str,
  quantitative: str,
  qualitative: str,
  rank: { type: 'integer' },
  peer_count: { type: 'integer' },
  grade: str,
  breakdown: { type: 'array', items: breakdownSchema },
} as const;

export const subjectScoreSchema = {
  type: 'object',
  additionalProperties: false,
  required: Object.keys(scoreProps),
  properties: scoreProps,
} as const;

/** A subject's score after a what-if: the rank is null on the `published` basis (see `rank_range`). */
export const whatIfScoreSchema = {
  ...subjectScoreSchema,
  properties: { ...scoreProps, rank: { type: ['integer', 'null'] } },
} as const;

export const storedResultSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['subject_kind', ...Object.keys(scoreProps)],
  properties: { subject_kind: subjectKind, ...scoreProps },
} as const;

/** What is published of a subject in a run (besides who it is). */
const rankProps = {
  peer_group: str,
  rank: { type: ['integer', 'null'] },
  peer_count: { type: 'integer' },
  grade: str,
} as const;

export const rankSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['subject_kind', 'code', 'name', ...Object.keys(rankProps)],
  properties: { subject_kind: subjectKind, code: str, name: str, ...rankProps },
} as const;

export const runSummarySchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'run_id',
    'period',
    'config_version',
    'submission_ids',
    'rule_versions',
    'inputs_hash',
    'results_hash',
    'created_by',
    'created_at',
  ],
  properties: {
    run_id: { type: 'integer' },
    period: str,
    config_version: { type: 'integer' },
    submission_ids: { type: 'array', items: str },
    rule_versions: { type: 'array', items: str },
    inputs_hash: str,
    results_hash: str,
    created_by: str,
    created_at: str,
  },
} as const;

/** An object schema whose properties are all required and unlisted ones still sent as they are. */
const looseObject = <P extends Record<string, unknown>>(properties: P) =>
  ({ type: 'object', additionalProperties: true, required: Object.keys(properties), properties }) as const;

// The stored configuration (IndicatorConfig, read back from jsonb). Properties are listed in jsonb's key order
// (shorter keys first), so the serialiser writes the very bytes it wrote when `config` was a free object.
const indicatorConfigSchema = looseObject({
  id: str,
  area: strOrNull,
  kind: indicatorKind,
  metric: strOrNull,
  weight: str,
  name_en: str,
  name_zh: str,
  direction,
  normalisation: { type: 'object', additionalProperties: true },
});
const subjectConfigSchema = looseObject({
  indicators: { type: 'array', items: indicatorConfigSchema },
  qualitative_weight: str,
  quantitative_weight: str,
});
const indicatorConfigDocSchema = looseObject({
  label: str,
  grades: { type: 'array', items: looseObject({ grade: str, min_score: str }) },
  subjects: looseObject({ bank: subjectConfigSchema, district: subjectConfigSchema }),
});

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'label', 'source_yaml', 'config', 'created_by', 'created_at'],
  properties: {
    version: { type: 'integer' },
    label: str,
    source_yaml: str,
    config: indicatorConfigDocSchema,
    created_by: str,
    created_at: str,
  },
} as const;

export const historySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['subject_kind', 'code', 'name', 'entries'],
  properties: {
    subject_kind: subjectKind,
    code: str,
    name: str,
    entries: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['period', 'run_id', 'score', ...Object.keys(rankProps)],
        properties: { period: str, run_id: { type: 'integer' }, score: strOrNull, ...rankProps },
      },
    },
  },
} as const;
