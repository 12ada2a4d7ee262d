// The one catalog of HTTP errors: every error response is `{ code, message_zh, message_en, details? }` with the
// status from here. Pure (no I/O): route code throws `appError(code, details)`; the server's error handler
// renders it. Capabilities with their own codes pass an `ErrorDef` of their own to `new AppError(def, details)`.

export interface ErrorDef {
  status: number;
  message_zh: string;
  message_en: string;
}

export const ERRORS = {
  'request.invalid': { status: 400, message_zh: '请求参数不符合要求', message_en: 'The request is invalid' },
  'request.malformed': {
    status: 400,
    message_zh: '请求体无法解析',
    message_en: 'The request body is malformed',
  },
  'request.unsupported_media_type': {
    status: 415,
    message_zh: '不支持的内容类型',
    message_en: 'Unsupported content type',
  },
  'request.cross_origin': {
    status: 403,
    message_zh: '拒绝来自其他站点的修改请求',
    message_en: 'A state-changing request from another site was refused',
  },
  'request.too_large': { status: 413, message_zh: '请求体过大', message_en: 'The request body is too large' },
  not_found: { status: 404, message_zh: '资源不存在', message_en: 'Not found' },
  method_not_allowed: { status: 405, message_zh: '不支持的请求方法', message_en: 'Method not allowed' },
  rate_limited: {
    status: 429,
    message_zh: '请求过于频繁，请稍后再试',
    message_en: 'Too many requests; try later',
  },
  'auth.unauthenticated': { status: 401, message_zh: '请先登录', message_en: 'Please log in' },
  'auth.invalid_credentials': {
    status: 401,
    message_zh: '用户名或密码错误',
    message_en: 'Wrong user name or password',
  },
  'auth.account_locked': {
    status: 429,
    message_zh: '登录失败次数过多，账户已临时锁定',
    message_en: 'Too many failed logins; the account is locked for a while',
  },
  'auth.ip_locked': {
    status: 429,
    message_zh: '该地址登录失败次数过多，请稍后再试',
    message_en: 'Too many failed logins from this address; try later',
  },
  'auth.forbidden': {
    status: 403,
    message_zh: '无权执行此操作',
    message_en: 'You are not allowed to do this',
  },
  'auth.read_only': {
    status: 403,
    message_zh: '只读账户不能修改数据',
    message_en: 'This account is read-only',
  },
  'auth.out_of_scope': {
    status: 403,
    message_zh: '无权查看该机构或区县的数据',
    message_en: 'This institution or district is outside your scope',
  },
  'auth.password_change_required': {
    status: 403,
    message_zh: '请先修改初始密码',
    message_en: 'Change your initial password first',
  },
  'auth.current_password_wrong': {
    status: 400,
    message_zh: '当前密码错误',
    message_en: 'The current password is wrong',
  },
  'auth.weak_password': {
    status: 400,
    message_zh: '密码至少10位，不能是常见密码或简单重复，且不能与用户名相同或与旧密码相同',
    message_en:
      'The password needs at least 10 characters, must not be a common or repetitive one, and must differ from the user name and the old one',
  },
  'users.username_taken': { status: 409, message_zh: '用户名已存在', message_en: 'The user name is taken' },
  'users.not_found': { status: 404, message_zh: '用户不存在', message_en: 'No such user' },
  'users.binding_invalid': {
    status: 400,
    message_zh: '机构用户须绑定机构代码，区县用户须绑定有效的区县代码，其他角色不得绑定',
    message_en:
      'Institution users need an institution code, district users a valid district code; other roles take neither',
  },
  'users.cannot_disable_self': {
    status: 400,
    message_zh: '不能停用自己的账户',
    message_en: 'You cannot disable your own account',
  },
  unavailable: { status: 503, message_zh: '服务暂不可用', message_en: 'Service unavailable' },
  internal: { status: 500, message_zh: '服务器内部错误', message_en: 'Internal server error' },
} as const satisfies Record<string, ErrorDef>;

export type ErrorCode = keyof typeof ERRORS;

/** The JSON body of every error response. */
export interface ErrorBody {
  code: string;
  message_zh: string;
  message_en: string;
  details?: unknown;
}

/** An error meant for the client: rendered as its catalog entry with the catalog's HTTP status. */
export class AppError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly def: ErrorDef;
  readonly details: unknown;

  constructor(code: string, def: ErrorDef, details?: unknown) {
    super(`${code}: ${def.message_en}`);
    this.name = 'AppError';
    this.code = code;
    this.def = def;
    this.statusCode = def.status;
    this.details = details;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = {
      code: this.code,
      message_zh: this.def.message_zh,
      message_en: this.def.message_en,
    };
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}

/** Builds the error of a platform catalog code. */
export function appError(code: ErrorCode, details?: unknown): AppError {
  return new AppError(code, ERRORS[code], details);
}

/** JSON schema of the error body, for route response schemas and the OpenAPI document. */
export const errorBodySchema = {
  type: 'object',
  required: ['code', 'message_zh', 'message_en'],
  properties: {
    code: { type: 'string' },
    message_zh: { type: 'string' },
    message_en: { type: 'string' },
    details: {},
  },
} as const;

/** Response schemas for the given error statuses, to spread into a route's `response`. */
export function errorResponses(...statuses: number[]): Record<number, typeof errorBodySchema> {
  const out: Record<number, typeof errorBodySchema> = {};
  for (const s of statuses) out[s] = errorBodySchema;
  return out;
}
