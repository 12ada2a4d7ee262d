// HTTP client of the web app: JSON calls to /api with the session cookie, coded errors as ApiError, uploads
// through XMLHttpRequest (for upload progress), and downloads of server-made files.
import type { Answer } from './types.ts';

/** Every error answer of the API has this shape (the server's one error catalogue). */
export type CodedError = Answer<'/api/me', 'get', 401>;

export class ApiError extends Error implements CodedError {
  readonly status: number;
  readonly code: string;
  readonly message_zh: string;
  readonly message_en: string;
  readonly details?: unknown;
  constructor(status: number, body: CodedError) {
    super(body.message_en);
    this.status = status;
    this.code = body.code;
    this.message_zh = body.message_zh;
    this.message_en = body.message_en;
    this.details = body.details;
  }
}

function asCoded(status: number, body: unknown): CodedError {
  if (body && typeof body === 'object' && 'code' in body) {
    const b = body as Partial<CodedError>;
    return {
      code: String(b.code),
      message_zh: b.message_zh ?? String(b.code),
      message_en: b.message_en ?? String(b.code),
      details: b.details,
    };
  }
  return {
    code: 'http_' + status,
    message_zh: `请求失败（${status}）`,
    message_en: `Request failed (${status})`,
  };
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch('/api' + path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    credentials: 'same-origin',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch (e) {
      if (res.ok) throw e;
    }
  }
  if (!res.ok) throw new ApiError(res.status, asCoded(res.status, body));
  return body as T;
}

/** Multipart upload with progress (0–100) of the request body; resolves with the JSON answer. */
export function uploadFile<T>(
  path: string,
  file: File,
  fields: Record<string, string>,
  onProgress: (percent: number) => void,
  /** Non-2xx statuses whose body is a result, not an error (e.g. 422 for a rejected file with its report). */
  resultStatuses: number[] = [],
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api' + path);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null; // not JSON (e.g. a proxy's HTML error page): reported by status below
      }
      if ((xhr.status >= 200 && xhr.status < 300) || resultStatuses.includes(xhr.status)) resolve(body as T);
      else reject(new ApiError(xhr.status, asCoded(xhr.status, body)));
    };
    xhr.onerror = () => reject(new ApiError(0, asCoded(0, null)));
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    fd.append('file', file, file.name);
    xhr.send(fd);
  });
}

/** Starts a browser download of a server-made file (the session cookie goes with it). */
export function download(path: string): void {
  const a = document.createElement('a');
  a.href = '/api' + path;
  a.download = '';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
