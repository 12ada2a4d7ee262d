// Submitting a loan file on the platform: the loans ingest, with classification of the accepted rows inside
// the accepting transaction, then the period's aggregates recomputed (atomically) from the versions in force —
// at once, or coalesced with other uploads in the background (stats/recompute.ts).
// Submissions run in bounded lanes keyed by institution (src/platform/lanes.ts): the same bank's uploads one at
// a time, a coded "busy, retry" beyond the capacity or when DuckDB reports a write conflict — never a 500.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import { classifySubmission } from '../classify/classify.ts';
import { ingestLoanFile } from '../loans/ingest/ingest.ts';
import type { SubmitLoanFile } from '../loans/submit.ts';
import { requestRecompute } from '../stats/recompute.ts';
import { busyError, createLanes, isWriteConflict } from './lanes.ts';
import { WORK_DIR } from './startup.ts';

/** Submissions admitted at once (running or waiting; each waiting one is a file on disk, not in memory). */
export const SUBMIT_CAPACITY = 64;
/**
 * Submissions running at once: DuckDB spreads one load over its threads (two), so a second one side by side
 * keeps both cores busy while the first writes its report or log; more would only hold more worker threads.
 */
export const SUBMIT_PARALLEL = 2;
const lanes = createLanes(SUBMIT_CAPACITY, SUBMIT_PARALLEL);

export const submitLoanFile: SubmitLoanFile = async (stores, config, opts) =>
  lanes.run(opts.institution ?? '*', async () => {
    try {
      const res = await ingestLoanFile(stores, {
        ...opts,
        reportRoot: join(config.dataDir, 'reports'),
        workRoot: join(config.dataDir, WORK_DIR),
        reportId: randomUUID(),
        hmacKey: config.hmacKey,
        v1AcceptedUntil: opts.v1AcceptedUntil ?? config.v1AcceptedUntil ?? null,
        inTransaction: (tx, sid) => classifySubmission(tx, sid),
      });
      if (res.status === 'accepted' && res.report_period && opts.aggregate !== false) {
        opts.onProgress?.('aggregate');
        const period = res.report_period;
        // Coalesced in the background when configured (FIVEFIN_RECOMPUTE_DELAY_MS), else now and once more on
        // failure; a crash here is repaired at the next start (repairAggregates).
        const policy = { delayMs: config.recomputeDelayMs ?? 0, now: opts.now };
        await requestRecompute(stores.analytics, period, policy).catch(() =>
          requestRecompute(stores.analytics, period, policy),
        );
      }
      return res;
    } catch (e) {
      if (isWriteConflict(e)) throw busyError({ reason: 'write_conflict' });
      throw e;
    }
  });
