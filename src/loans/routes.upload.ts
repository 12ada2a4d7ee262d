// Streaming multipart upload for HTTP routes (loan files, registry files): the one `file` part is streamed to a
// temp file under <dataDir>/uploads (mode 600 in a mode 700 folder) — never buffered whole in memory — with the
// configured size limit; removed on every path (the route's finally; leftovers of a crash at start-up). Too large
// → coded 413 and the partial file deleted. Used by src/loans/routes.ts and src/registry/routes.ts.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';

import { AppError, appError, type ErrorDef } from '../http/errors.ts';
import type { AuthUser } from '../http/route-context.ts';

export const UPLOAD_ERRORS = {
  'upload.too_large': {
    status: 413,
    message_zh: '上传文件超过大小上限',
    message_en: 'The uploaded file is larger than the limit',
  },
  'upload.not_multipart': {
    status: 415,
    message_zh: '请以 multipart/form-data 上传文件（字段名 file）',
    message_en: 'Upload the file as multipart/form-data (field name "file")',
  },
  'upload.busy': {
    status: 503,
    message_zh: '系统正忙（同时处理的上传过多），请稍后重试',
    message_en: 'The platform is busy with other uploads; retry shortly',
  },
  'upload.no_file': {
    status: 400,
    message_zh: '请求中没有文件（字段名 file）',
    message_en: 'The request has no file (field name "file")',
  },
} as const satisfies Record<string, ErrorDef>;

export type UploadErrorCode = keyof typeof UPLOAD_ERRORS;

export function uploadError(code: UploadErrorCode, details?: unknown): AppError {
  return new AppError(code, UPLOAD_ERRORS[code], details);
}

/** Registers the multipart parser on this (encapsulated) plugin instance: one file, a few small fields. */
export async function registerMultipart(app: FastifyInstance, maxBytes: number): Promise<void> {
  await app.register(fastifyMultipart, {
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
    throwFileSizeLimit: true,
  });
}

export interface Upload {
  path: string;
  fileName: string;
  /** Deletes the temp file (call in `finally`). */
  remove(): Promise<void>;
}

/** A client file name safe for reports and logs (no path, no control characters). */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .slice(0, 200);
  return clean || 'upload';
}

/** Streams the request's `file` part to <dataDir>/uploads; throws coded 413/415/400 errors. */
export async function receiveUpload(
  request: FastifyRequest,
  dataDir: string,
  maxBytes: number,
): Promise<Upload> {
  if (!request.isMultipart()) throw uploadError('upload.not_multipart');
  const dir = join(dataDir, 'uploads');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${Date.now()}-${randomBytes(8).toString('hex')}.upload`);
  const remove = () => rm(path, { force: true });
  try {
    const part = await request.file();
    if (!part || part.fieldname !== 'file') throw uploadError('upload.no_file');
    await pipeline(part.file, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    if (part.file.truncated) throw uploadError('upload.too_large', { max_bytes: maxBytes });
    return { path, fileName: safeFileName(part.filename), remove };
  } catch (err) {
    await remove();
    const code = (err as { code?: unknown } | null)?.code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT')
      throw uploadError('upload.too_large', { max_bytes: maxBytes });
    throw err;
  }
}

/**
 * The institution a bank file is uploaded for: a bank user's own (naming another is `auth.out_of_scope`), else the
 * one `requested` (undefined: taken from the file).
 */
export function uploadInstitution(user: AuthUser, requested: string | undefined): string | undefined {
  if (user.role !== 'institution') return requested;
  const own = user.institution_code ?? '';
  if (requested !== undefined && requested !== own)
    throw appError('auth.out_of_scope', { institution_code: requested });
  return own;
}
