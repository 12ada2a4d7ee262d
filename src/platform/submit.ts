// Submitting a loan file on the platform: the loans ingest, with classification of the accepted rows inside
// the accepting transaction, then the period's aggregates recomputed from the versions in force.
import { join } from 'node:path';

import { classifySubmission } from '../classify/classify.ts';
import { ingestLoanFile } from '../loans/ingest/ingest.ts';
import type { SubmitLoanFile } from '../loans/submit.ts';
import { recomputeAggregates } from '../stats/aggregates.sql.ts';

export const submitLoanFile: SubmitLoanFile = async (stores, config, opts) => {
  const res = await ingestLoanFile(stores, {
    ...opts,
    reportRoot: join(config.dataDir, 'reports'),
    hmacKey: config.hmacKey,
    v1AcceptedUntil: opts.v1AcceptedUntil ?? config.v1AcceptedUntil ?? null,
    inTransaction: (tx, sid) => classifySubmission(tx, sid),
  });
  if (res.status === 'accepted' && res.report_period && opts.aggregate !== false) {
    opts.onProgress?.('aggregate');
    await recomputeAggregates(stores.analytics, res.report_period, opts.now());
  }
  return res;
};
