// JSON schemas of the statistics HTTP routes (request and response; they drive OpenAPI and drop unlisted fields).
import { AREAS } from '../loans/spec.ts';
import { DIMS, STAT_AREAS } from './dims.ts';

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const numOrNull = { type: ['number', 'null'] } as const;
const intOrNull = { type: ['integer', 'null'] } as const;
const strList = { type: 'array', items: str } as const;

export const periodSchema = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' } as const;
export const areaSchema = { type: 'string', enum: [...STAT_AREAS] } as const;
export const dimSchema = { type: 'string', enum: [...DIMS] } as const;
export const codeSchema = { type: 'string', minLength: 1, maxLength: 64 } as const;

export function obj<P extends Record<string, unknown>>(properties: P, required: (keyof P & string)[] = []) {
  return { type: 'object', additionalProperties: false, required, properties } as const;
}

const figureProps = {
  report_period: str,
  area: str,
  dim: str,
  dim_value: str,
  dim_label: str,
  balance: str,
  loan_count: str,
  borrower_count: str,
  issued_amount: str,
  avg_issued_rate: strOrNull,
  credit_share: numOrNull,
  mlt_share: numOrNull,
  npl_ratio: numOrNull,
  first_loan_borrowers: str,
  balance_prev_month: strOrNull,
  balance_prev_year: strOrNull,
  mom: numOrNull,
  yoy: numOrNull,
  rule_version: str,
  submission_ids: strList,
};
export const figureSchema = obj(figureProps, Object.keys(figureProps) as (keyof typeof figureProps)[]);

export const provisionalSchema = obj({ area: str, basis: str, loan_count: str, balance: str }, [
  'area',
  'basis',
  'loan_count',
  'balance',
]);

export const scopeSchema = obj(
  { kind: { type: 'string', enum: ['all', 'institution', 'district'] }, code: str },
  ['kind'],
);

export const overviewSchema = obj(
  {
    period: str,
    scope: scopeSchema,
    city: { type: 'array', items: figureSchema },
    own: { type: ['array', 'null'], items: figureSchema },
    provisional: { type: 'array', items: provisionalSchema },
  },
  ['period', 'scope', 'city', 'own', 'provisional'],
);

export const figuresSchema = obj(
  { period: str, dim: str, scope: scopeSchema, figures: { type: 'array', items: figureSchema } },
  ['period', 'dim', 'scope', 'figures'],
);

export const rankingsSchema = obj(
  {
    period: str,
    dim: str,
    area: str,
    rows: {
      type: 'array',
      items: obj(
        {
          rank: { type: 'integer' },
          code: str,
          name: str,
          balance: strOrNull,
          yoy: numOrNull,
          share: numOrNull,
        },
        ['rank', 'code', 'name', 'balance', 'yoy', 'share'],
      ),
    },
  },
  ['period', 'dim', 'area', 'rows'],
);

const growthOrNull = numOrNull;
const textProps = { label_zh: str, label_en: str, note_zh: str, note_en: str };
const textSchema = obj(textProps, ['label_zh', 'label_en', 'note_zh', 'note_en']);
const assessmentSchema = {
  type: 'string',
  enum: ['achieved', 'on_pace', 'needs_effort', 'lagging', 'insufficient_data'],
} as const;

/** A target evaluated on one series (official or fivefin's) at the period. */
const seriesEvaluationSchema = {
  ...obj(
    {
      source: { type: 'string', enum: ['official', 'fivefin'] },
      period: str,
      value: strOrNull,
      yoy: growthOrNull,
      avg_yoy: growthOrNull,
      avg_yoy_years: intOrNull,
      required_annual_growth: growthOrNull,
      scenarios: {
        type: 'array',
        items: obj(
          {
            name: { type: 'string', enum: ['current_yoy', 'avg_yoy'] },
            growth: { type: 'number' },
            value_at_deadline: str,
            reaches: { type: 'boolean' },
          },
          ['name', 'growth', 'value_at_deadline', 'reaches'],
        ),
      },
      monthly_yoy: {
        type: 'array',
        items: obj({ period: str, yoy: growthOrNull }, ['period', 'yoy']),
      },
      december_yoy: {
        type: 'array',
        items: obj(
          {
            year: { type: 'integer' },
            period: str,
            yoy: growthOrNull,
            assessment: { type: 'string', enum: ['reached', 'below', 'pending', 'no_data'] },
          },
          ['year', 'period', 'yoy', 'assessment'],
        ),
      },
      progress: numOrNull,
      status: assessmentSchema,
    },
    [
      'source',
      'period',
      'value',
      'yoy',
      'avg_yoy',
      'avg_yoy_years',
      'required_annual_growth',
      'scenarios',
      'monthly_yoy',
      'december_yoy',
      'progress',
      'status',
    ],
  ),
  type: ['object', 'null'],
} as const;

const evaluationProps = {
  area: str,
  kind: { type: 'string', enum: ['level', 'growth'] },
  label_zh: str,
  label_en: str,
  target: str,
  reading: obj({ ...textProps, key: str, factor: str, strict: { type: 'boolean' }, threshold: strOrNull }, [
    'label_zh',
    'label_en',
    'note_zh',
    'note_en',
    'key',
    'factor',
    'strict',
    'threshold',
  ]),
  deadline: str,
  months_left: { type: 'integer' },
  judged_on: { type: 'string', enum: ['official', 'fivefin'] },
  latest_period: str,
  latest_value: strOrNull,
  latest_yoy: numOrNull,
  progress: numOrNull,
  required_annual_growth: numOrNull,
  status: assessmentSchema,
  status_zh: str,
  status_en: str,
  official: seriesEvaluationSchema,
  fivefin: seriesEvaluationSchema,
  baselines: {
    type: 'array',
    items: obj({ period: str, value: strOrNull, growth: strOrNull, source: str }, [
      'period',
      'value',
      'growth',
      'source',
    ]),
  },
};

const contributionSchema = obj(
  {
    dim: str,
    dim_value: str,
    dim_label: str,
    balance: str,
    share: numOrNull,
    change_12m: strOrNull,
    gap_share: strOrNull,
  },
  ['dim', 'dim_value', 'dim_label', 'balance', 'share', 'change_12m', 'gap_share'],
);

export const targetsSchema = obj(
  {
    version: str,
    period: strOrNull,
    deadline: str,
    strive: textSchema,
    lag_margin: str,
    evaluations: {
      type: 'array',
      items: obj(evaluationProps, Object.keys(evaluationProps) as (keyof typeof evaluationProps)[]),
    },
    contributions: { type: 'object', additionalProperties: { type: 'array', items: contributionSchema } },
  },
  ['version', 'period', 'deadline', 'strive', 'lag_margin', 'evaluations', 'contributions'],
);

export const historySchema = obj(
  {
    area: str,
    dim: str,
    dim_value: str,
    points: { type: 'array', items: obj({ report_period: str, balance: str }, ['report_period', 'balance']) },
  },
  ['area', 'dim', 'dim_value', 'points'],
);

const drillRow = obj({ key: str, label: str, balance: str, loan_count: str }, [
  'key',
  'label',
  'balance',
  'loan_count',
]);
const loanRow = obj(
  {
    institution_code: str,
    loan_id: str,
    submission_id: str,
    row_no: str,
    borrower_type: str,
    district_code: str,
    industry_code: str,
    balance: str,
    bases: strList,
  },
  [
    'institution_code',
    'loan_id',
    'submission_id',
    'row_no',
    'borrower_type',
    'district_code',
    'industry_code',
    'balance',
    'bases',
  ],
);

const drillLevel = <L extends readonly string[], R>(levels: L, row: R) =>
  obj(
    {
      level: { type: 'string', enum: levels },
      period: str,
      area: str,
      district: str,
      institution: str,
      rows: { type: 'array', items: row },
    },
    ['level', 'period', 'area', 'rows'],
  );
/** A drill answer: districts or banks with their totals, or (at the last level) the loans themselves. */
export const drillSchema = {
  anyOf: [drillLevel(['district', 'institution'] as const, drillRow), drillLevel(['loan'] as const, loanRow)],
} as const;

const labelProps = { area: str, basis: str, rule_version: str, label_zh: str, label_en: str };
export const explainSchema = obj(
  {
    institution_code: str,
    loan_id: str,
    report_period: str,
    submission_id: str,
    row_no: str,
    declared_areas: strList,
    stored: {
      type: 'array',
      items: obj(labelProps, ['area', 'basis', 'rule_version', 'label_zh', 'label_en']),
    },
    evaluated: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['area', 'basis', 'rule_version', 'provisional', 'evidence', 'label_zh', 'label_en'],
        properties: {
          ...labelProps,
          provisional: { type: 'boolean' },
          evidence: { type: 'object', additionalProperties: true },
        },
      },
    },
    changed_since_classification: { type: 'boolean' },
  },
  [
    'institution_code',
    'loan_id',
    'report_period',
    'submission_id',
    'row_no',
    'declared_areas',
    'stored',
    'evaluated',
    'changed_since_classification',
  ],
);

/** A single area a loan is labelled or declared in (the aggregates all5 and all_loans are not areas of a loan). */
const loanAreaSchema = { type: 'string', enum: [...AREAS] } as const;
/** Which side of a disagreement a loan is on (classify/reconcile.ts ReconciliationKind). */
const reconciliationKindSchema = {
  type: 'string',
  enum: ['declared_not_derived', 'derived_not_declared'],
} as const;

export const reconciliationItemSchema = obj(
  {
    institution_code: str,
    report_period: str,
    submission_id: str,
    row_no: str,
    loan_id: str,
    area: loanAreaSchema,
    kind: reconciliationKindSchema,
    bases: strList,
    balance: str,
  },
  [
    'institution_code',
    'report_period',
    'submission_id',
    'row_no',
    'loan_id',
    'area',
    'kind',
    'bases',
    'balance',
  ],
);

export const reconciliationSummarySchema = obj(
  {
    institution_code: str,
    area: loanAreaSchema,
    kind: reconciliationKindSchema,
    loan_count: str,
    balance: str,
  },
  ['institution_code', 'area', 'kind', 'loan_count', 'balance'],
);

const releaseFigureProps = {
  report_period: str,
  key: str,
  key_label: str,
  dim: str,
  dim_value: str,
  dim_label: str,
  balance: str,
  ytd_increase: strOrNull,
  yoy: strOrNull,
  yoy_increase: strOrNull,
  yoy_extra_increase: strOrNull,
  ytd_issued: strOrNull,
  ytd_issued_yoy: strOrNull,
  contribution: strOrNull,
  borrowers_with_balance: str,
  first_loan_borrowers_ytd: strOrNull,
  new_loan_rate: strOrNull,
  new_loan_rate_yoy_bp: strOrNull,
  bill_rate: strOrNull,
  bill_rate_yoy_bp: strOrNull,
  credit_share_balance: strOrNull,
  credit_share_issued: strOrNull,
  special_mention_ratio: strOrNull,
  overdue90_ratio: strOrNull,
  npl_ratio: strOrNull,
  yoy_comparable: strOrNull,
  rule_version: str,
  complete: { type: 'boolean' },
  institutions_reported: { type: 'integer' },
  institutions_expected: { type: 'integer' },
};
const completenessProps = {
  period: str,
  complete: { type: 'boolean' },
  institutions_reported: { type: 'integer' },
  institutions_expected: { type: 'integer' },
  deadline: str,
};
const completenessSchema = obj(
  completenessProps,
  Object.keys(completenessProps) as (keyof typeof completenessProps)[],
);
const releaseAnswerProps = {
  ...completenessProps,
  dim: str,
  computed_at: strOrNull,
  recomputing: { type: 'boolean' },
  periods: { type: 'array', items: completenessSchema },
  figures: {
    type: 'array',
    items: obj(releaseFigureProps, Object.keys(releaseFigureProps) as (keyof typeof releaseFigureProps)[]),
  },
};
/** GET /stats/release: money in yuan (decimal strings, 2 decimals); %, 2 decimals; rates %, 4 decimals; bp, 2. */
export const releaseAnswerSchema = obj(
  releaseAnswerProps,
  Object.keys(releaseAnswerProps) as (keyof typeof releaseAnswerProps)[],
);
