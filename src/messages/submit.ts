// Submitting a message set: unpack (a ZIP) into a private folder, read and check the set, and either reject it
// with the loan ingest's report, or hand the joined loan-file-v2 rows to the one submit pipeline (versioning,
// all-or-nothing, re-upload no-op, classification) with the set's warnings and `source_form = 'pboc-messages'`
// recorded in the accepting transaction. The private folder is removed on every path.
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import type { Config } from '../config/config.ts';
import { log, result, summaryOf } from '../loans/ingest/outcome.ts';
import type { IngestResult } from '../loans/ingest/types.ts';
import { writeReport } from '../loans/report/write.ts';
import { SPEC_V2 } from '../loans/spec.ts';
import type { SubmitOptions } from '../loans/submit.ts';
import type { AnalyticsConn } from '../store/analytics/duckdb.ts';
import type { Stores } from '../store/stores.ts';
import { unzipInto } from './files.ts';
import { readMessageSet, type MessageSetResult } from './set.ts';

/** The form a submission came in, as recorded. */
export const SOURCE_FORM = 'pboc-messages';

/** The platform's submit of one loan-file-v2 file, with work to do inside its accepting transaction. */
export type SubmitJoined = (
  opts: SubmitOptions,
  inTransaction: (tx: AnalyticsConn, submissionId: string) => Promise<void>,
) => Promise<IngestResult>;

/** Records inside the accepting transaction that submission `sid` came as a message set. */
async function recordSourceForm(tx: AnalyticsConn, sid: string): Promise<void> {
  await tx.run('INSERT INTO submission_forms (submission_id, source_form) VALUES (?::BIGINT, ?)', [
    sid,
    SOURCE_FORM,
  ]);
}

/** Rejects the set with its violations: the loan ingest's report files and submission log entry. */
async function rejectSet(
  stores: Stores,
  conn: AnalyticsConn,
  reportRoot: string,
  opts: SubmitOptions,
  fileName: string,
  set: MessageSetResult,
): Promise<IngestResult> {
  const summary = summaryOf(
    'rejected',
    fileName,
    set.institution,
    set.period,
    0,
    set.error_count,
    set.warning_count,
    set.by_rule,
    null,
    null,
    SPEC_V2,
  );
  const report = await writeReport(conn, join(reportRoot, randomUUID()), summary, null, set.violations);
  await log(stores, summary, '', report.dir, opts.actor ?? null, null);
  return result(summary, report);
}

/** Submits the message set at `opts.path` (a directory or a ZIP). Errors: as the submit pipeline's. */
export async function submitMessageSet(
  stores: Stores,
  config: Pick<Config, 'dataDir'>,
  opts: SubmitOptions,
  submitJoined: SubmitJoined,
): Promise<IngestResult> {
  const work = await mkdtemp(join(tmpdir(), 'fivefin-messages-'));
  const conn = await stores.analytics.connect();
  try {
    let dir = opts.path;
    if (!(await stat(dir)).isDirectory()) {
      dir = join(work, 'set');
      await mkdir(dir, { mode: 0o700 });
      await unzipInto(opts.path, dir);
    }
    opts.onProgress?.('load');
    const set = await readMessageSet(conn, dir, join(work, 'loans-v2.csv'));
    const fileName = opts.fileName ?? basename(opts.path);
    if (!set.csv) return await rejectSet(stores, conn, join(config.dataDir, 'reports'), opts, fileName, set);
    return await submitJoined(
      {
        ...opts,
        path: set.csv,
        fileName,
        encoding: 'utf-8',
        institution: opts.institution ?? set.institution ?? undefined,
        period: opts.period ?? set.period ?? undefined,
        fileLevel: { violations: set.violations, by_rule: set.by_rule },
      },
      recordSourceForm,
    );
  } finally {
    conn.close();
    await rm(work, { recursive: true, force: true });
  }
}
