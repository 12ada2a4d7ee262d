// The promote error catalog: every refusal is data with a code, an HTTP status and messages in Chinese and English.

export const PROMOTE_ERRORS = {
  PROMOTE_ILLEGAL_TRANSITION: {
    status: 409,
    zh: '当前状态“{from}”下不允许执行“{event}”',
    en: 'Action "{event}" is not allowed in state "{from}"',
  },
  PROMOTE_COMMENT_REQUIRED: {
    status: 400,
    zh: '退回时必须填写意见',
    en: 'A comment is required to return a report',
  },
  PROMOTE_FORBIDDEN: { status: 403, zh: '无权执行此操作', en: 'You may not do this' },
  PROMOTE_NOT_OWNER: {
    status: 403,
    zh: '只能填报本单位（{unit}）的进展',
    en: 'Only the owner unit ({unit}) may file this report',
  },
  PROMOTE_SELF_REVIEW: {
    status: 403,
    zh: '不能审核自己提交的报告',
    en: 'You cannot review a report you filed',
  },
  PROMOTE_ITEM_CLOSED: {
    status: 409,
    zh: '该任务已{state}，不能再填报',
    en: 'The work item is {state}; no more reports',
  },
  PROMOTE_NOT_FOUND: { status: 404, zh: '未找到{what}', en: '{what} not found' },
  PROMOTE_UNKNOWN_MEASURE: { status: 400, zh: '没有第{no}项措施', en: 'There is no measure {no}' },
  PROMOTE_UNKNOWN_UNIT: { status: 400, zh: '未知责任单位：{unit}', en: 'Unknown responsible unit: {unit}' },
  PROMOTE_UNKNOWN_INDICATOR: { status: 400, zh: '未知指标：{id}', en: 'Unknown indicator: {id}' },
  PROMOTE_BAD_QUARTER: { status: 400, zh: '季度须为1至4', en: 'Quarter must be 1 to 4' },
  PROMOTE_QUARTER_OUT_OF_RANGE: {
    status: 400,
    zh: '只能填报本年度且不晚于当前季度的进展',
    en: "Reports are filed for the item's year, no later than the current quarter",
  },
  PROMOTE_ATTACHMENT_TOO_LARGE: {
    status: 413,
    zh: '附件超过大小上限（{limit}字节）',
    en: 'Attachment exceeds the size limit ({limit} bytes)',
  },
  PROMOTE_ATTACHMENT_EMPTY: { status: 400, zh: '附件为空', en: 'The attachment is empty' },
  PROMOTE_BAD_NUMBER: { status: 400, zh: '数值“{value}”不是有效数字', en: '"{value}" is not a valid number' },
  PROMOTE_ALREADY_CARRIED: {
    status: 409,
    zh: '该任务已结转',
    en: 'The work item has already been carried over',
  },
} as const;

export type PromoteErrorCode = keyof typeof PROMOTE_ERRORS;

export interface PromoteError {
  code: PromoteErrorCode;
  status: number;
  message_zh: string;
  message_en: string;
  params: Record<string, string | number>;
}

function fill(tpl: string, params: Record<string, string | number>): string {
  return tpl.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

export function promoteError(
  code: PromoteErrorCode,
  params: Record<string, string | number> = {},
): PromoteError {
  const e = PROMOTE_ERRORS[code];
  return { code, status: e.status, message_zh: fill(e.zh, params), message_en: fill(e.en, params), params };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: PromoteError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(code: PromoteErrorCode, params: Record<string, string | number> = {}): Result<T> => ({
  ok: false,
  error: promoteError(code, params),
});
