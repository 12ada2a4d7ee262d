// Submitting a loan file on the platform: the loans ingest, with classification of the accepted rows inside
// the accepting transaction, then the period's aggregates recomputed from the versions in force.
import { join } from 'node:path';

import { classifySubmission } from '../classify/classify.ts';
import type { Config } from '../config/config.ts';
import { ingestLoanFile, type IngestOptions, type IngestResult } from '../loans/ingest/ingest.ts';
import { recomputeAggregates } from '../stats/aggregates.sql.ts';
import type { Stores } from './open.ts';

export type SubmitOptions = Omit<IngestOptions, 'reportRoot' | 'hmacKey' | 'inTransaction'> & {
  /** Recompute the period's aggregates after acceptance (default true; bulk loaders do it once at the end). */
  aggregate?: boolean;
};

export async function submitLoanFile(
  stores: Stores,
  config: Pick<Config, 'dataDir' | 'hmacKey'>,
  opts: SubmitOptions,
): Promise<IngestResult> {
  const res = await ingestLoanFile(stores, {
    ...opts,
    reportRoot: join(config.dataDir, 'reports'),
    hmacKey: config.hmacKey,
    inTransaction: (tx, sid) => classifySubmission(tx, sid),
  });
  if (res.status === 'accepted' && res.report_period && opts.aggregate !== false) {
    opts.onProgress?.('aggregate');
    await recomputeAggregates(stores.analytics, res.report_period, opts.now());
  }
  return res;
}
