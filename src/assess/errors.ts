// The assessment capability's one message catalog: error codes with Chinese and English templates and the
// HTTP status they map to. Errors are data ({ code, message_zh, message_en, params }); text is rendered here.

export const ASSESS_ERRORS = {
  ASSESS_CONFIG_YAML: {
    status: 400,
    zh: '指标配置不是合法的 YAML：{detail}',
    en: 'The indicator configuration is not valid YAML: {detail}',
  },
  ASSESS_CONFIG_SCHEMA: {
    status: 400,
    zh: '指标配置字段 {path} 不符合要求：{detail}',
    en: 'Indicator configuration field {path} is invalid: {detail}',
  },
  ASSESS_CONFIG_UNKNOWN_METRIC: {
    status: 400,
    zh: '指标 {indicator} 引用了未知的计算公式 {metric}',
    en: 'Indicator {indicator} refers to an unknown formula {metric}',
  },
  ASSESS_CONFIG_METRIC_SUBJECT: {
    status: 400,
    zh: '公式 {metric} 不适用于考核对象 {subject}（指标 {indicator}）',
    en: 'Formula {metric} does not apply to subject kind {subject} (indicator {indicator})',
  },
  ASSESS_CONFIG_AREA: {
    status: 400,
    zh: '指标 {indicator} 的领域设置不正确：{detail}',
    en: 'Indicator {indicator} has a wrong area: {detail}',
  },
  ASSESS_CONFIG_DUPLICATE_ID: {
    status: 400,
    zh: '指标编号 {indicator} 在 {subject} 中重复',
    en: 'Indicator id {indicator} appears twice in {subject}',
  },
  ASSESS_CONFIG_WEIGHT_SUM: {
    status: 400,
    zh: '{subject} 的权重合计为 {total}，应为 {expected}（{part}）',
    en: 'Weights of {subject} add up to {total}, expected {expected} ({part})',
  },
  ASSESS_CONFIG_NORMALISATION: {
    status: 400,
    zh: '指标 {indicator} 的标准化参数不正确：{detail}',
    en: 'Indicator {indicator} has bad normalisation parameters: {detail}',
  },
  ASSESS_CONFIG_GRADES: {
    status: 400,
    zh: '等级划分不正确：{detail}',
    en: 'Grade bands are invalid: {detail}',
  },
  ASSESS_CONFIG_NOT_FOUND: {
    status: 404,
    zh: '指标配置版本 {version} 不存在',
    en: 'Indicator configuration version {version} does not exist',
  },
  ASSESS_UNKNOWN_INDICATOR: {
    status: 400,
    zh: '未知的定性指标 {indicator}（{subject}）',
    en: 'Unknown qualitative indicator {indicator} ({subject})',
  },
  ASSESS_BAD_SCORE: {
    status: 400,
    zh: '评分 {score} 不正确：应为 0 至 100 之间、最多两位小数的数',
    en: 'Score {score} is invalid: must be a number from 0 to 100 with at most two decimals',
  },
  ASSESS_BAD_PERIOD: {
    status: 400,
    zh: '考核期 {period} 不正确：应为 YYYY-Qn（季度）或 YYYY（年度）',
    en: 'Assessment period {period} is invalid: use YYYY-Qn (quarter) or YYYY (year)',
  },
  ASSESS_NO_INSTITUTIONS: {
    status: 400,
    zh: '未提供参评机构名单（机构代码、名称、同业组别）',
    en: 'No list of assessed institutions (code, name, peer group) was supplied',
  },
  ASSESS_RUN_NOT_FOUND: {
    status: 404,
    zh: '考核期 {period} 尚无评估结果',
    en: 'No assessment run exists for period {period}',
  },
  ASSESS_SUBJECT_NOT_FOUND: {
    status: 404,
    zh: '评估结果中没有 {subject}',
    en: 'The assessment run has no result for {subject}',
  },
  ASSESS_FORBIDDEN: {
    status: 403,
    zh: '无权查看 {subject} 的评估明细',
    en: 'Not allowed to see the assessment breakdown of {subject}',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type AssessErrorCode = keyof typeof ASSESS_ERRORS;

export interface AssessError {
  code: AssessErrorCode;
  message_zh: string;
  message_en: string;
  params: Record<string, string>;
}

function render(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => params[k] ?? m);
}

export function assessError(code: AssessErrorCode, params: Record<string, string> = {}): AssessError {
  const e = ASSESS_ERRORS[code];
  return { code, message_zh: render(e.zh, params), message_en: render(e.en, params), params };
}

export function httpStatus(code: AssessErrorCode): number {
  return ASSESS_ERRORS[code].status;
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: AssessError[] };
