// JSON schemas of the loans HTTP routes (request and response; they drive OpenAPI and drop unlisted fields).
const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const intOrNull = { type: ['integer', 'null'] } as const;

export const periodSchema = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' } as const;
export const codeSchema = { type: 'string', minLength: 1, maxLength: 64 } as const;

export const violationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['rule_id', 'severity', 'row', 'column', 'value', 'message_zh', 'message_en'],
  properties: {
    rule_id: str,
    severity: str,
    row: intOrNull,
    column: strOrNull,
    value: strOrNull,
    expected: strOrNull,
    detail: strOrNull,
    message_zh: str,
    message_en: str,
  },
} as const;

export const reportLinksSchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['json', 'csv', 'xlsx'],
  properties: { json: str, csv: str, xlsx: str },
} as const;

export const uploadResultSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'status',
    'institution_code',
    'report_period',
    'version',
    'submission_id',
    'log_id',
    'rows',
    'error_count',
    'warning_count',
    'violations',
    'violations_truncated',
    'reports',
  ],
  properties: {
    status: { type: 'string', enum: ['accepted', 'rejected', 'duplicate'] },
    institution_code: strOrNull,
    report_period: strOrNull,
    version: intOrNull,
    submission_id: strOrNull,
    log_id: strOrNull,
    rows: int,
    error_count: int,
    warning_count: int,
    violations: { type: 'array', items: violationSchema },
    violations_truncated: { type: 'boolean' },
    reports: reportLinksSchema,
  },
} as const;

export const submissionItemSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'institution_code',
    'report_period',
    'status',
    'version',
    'analytics_submission_id',
    'row_count',
    'error_count',
    'warning_count',
    'file_name',
    'actor',
    'created_at',
    'review_status',
    'explanation',
    'review_reason',
    'reviewed_by',
    'reports',
  ],
  properties: {
    id: str,
    institution_code: str,
    report_period: str,
    status: str,
    version: intOrNull,
    analytics_submission_id: strOrNull,
    row_count: int,
    error_count: int,
    warning_count: int,
    file_name: str,
    actor: strOrNull,
    created_at: str,
    review_status: {
      type: ['string', 'null'],
      enum: ['needs_explanation', 'under_review', 'approved', 'returned', null],
      description:
        '审核状态: needs_explanation 待填写校验说明, under_review 审核中, approved 已通过, returned 已退回',
    },
    explanation: strOrNull,
    review_reason: strOrNull,
    reviewed_by: strOrNull,
    reports: reportLinksSchema,
  },
} as const;

export const institutionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name_zh', 'name_en', 'peer_group', 'district_code'],
  properties: { code: str, name_zh: str, name_en: str, peer_group: str, district_code: strOrNull },
} as const;

export const idParams = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[0-9]{1,18}$' } },
} as const;
