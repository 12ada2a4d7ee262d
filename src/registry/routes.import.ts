// The one way a reference-file import answers over HTTP (the enterprise registry, a list file, the official
// series): receive the upload, run the import, announce the change to the statistics cache, audit the attempt,
// answer 201 imported / 422 rejected / 200 otherwise (unchanged, duplicate) with the first violations, and remove the upload on every path.
import type { FastifyReply, FastifyRequest } from 'fastify';

import { errorResponses } from '../http/errors.ts';
import type { RouteDeps } from '../http/route-context.ts';
import { receiveUpload, type Upload } from '../loans/routes.upload.ts';
import { dataChanged } from '../stats/routes.cache.ts';

/** At most this many violations in an answer (the exact count is in the audit and `violations_truncated`). */
export const RESPONSE_VIOLATION_LIMIT = 1000;

/** What every import returns (more fields pass through to the answer). */
export interface ImportOutcome {
  /** 'imported' answers 201, 'rejected' 422, anything else (unchanged, duplicate) 200. */
  status: string;
  import_id: string | number | null;
  rows: number;
  violations: readonly unknown[];
}

/**
 * Runs `run` on the received upload and answers as above. `audit.detail` adds fields to the audit entry (besides
 * status, file_name, rows and violations).
 */
export async function answerImport<R extends ImportOutcome>(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: RouteDeps,
  audit: { action: string; object_type: string; detail?: (res: NoInfer<R>) => Record<string, unknown> },
  run: (upload: Upload) => Promise<R>,
): Promise<FastifyReply> {
  const upload = await receiveUpload(request, deps.config.dataDir, deps.config.maxUploadBytes);
  try {
    const res = await run(upload);
    if (res.status === 'imported') await dataChanged(deps.stores.analytics);
    await request.audit({
      action: audit.action,
      object_type: audit.object_type,
      object_id: res.import_id === null ? null : String(res.import_id),
      detail: {
        status: res.status,
        ...audit.detail?.(res),
        file_name: upload.fileName,
        rows: res.rows,
        violations: res.violations.length,
      },
    });
    const code = res.status === 'imported' ? 201 : res.status === 'rejected' ? 422 : 200;
    return reply.code(code).send({
      ...res,
      import_id: res.import_id === null ? null : String(res.import_id),
      violations: res.violations.slice(0, RESPONSE_VIOLATION_LIMIT),
      violations_truncated: res.violations.length > RESPONSE_VIOLATION_LIMIT,
    });
  } finally {
    await upload.remove();
  }
}

/** The OpenAPI answers of an import route (what answerImport sends, and the upload's coded errors). */
export function importResponses<S extends object>(result: S) {
  return { 200: result, 201: result, 422: result, ...errorResponses(400, 403, 413, 415) };
}
